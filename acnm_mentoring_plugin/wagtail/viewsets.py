from django.utils.functional import cached_property
from wagtail.snippets.views.snippets import SnippetViewSet

from .exports import ResourceExportMixin


class MentoringSnippetViewSet(SnippetViewSet):
    """A snippet listed under "Mentoring", not under Wagtail's "Snippets"
    menu, downloadable through ``export_resource_class`` when it has one."""

    menu_item_is_registered = True
    export_resource_class = None

    @cached_property
    def index_view_class(self):
        base = super().index_view_class
        if self.export_resource_class is None or issubclass(base, ResourceExportMixin):
            return base
        return type(
            f"{self.model.__name__}ExportIndexView",
            (ResourceExportMixin, base),
            {"export_resource_class": self.export_resource_class},
        )
