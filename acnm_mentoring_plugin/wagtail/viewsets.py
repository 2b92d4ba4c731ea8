from wagtail.snippets.views.snippets import SnippetViewSet


class MentoringSnippetViewSet(SnippetViewSet):
    """A snippet listed under "Mentoring", not under Wagtail's "Snippets" menu."""

    menu_item_is_registered = True
