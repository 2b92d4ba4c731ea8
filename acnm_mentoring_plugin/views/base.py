from ..conf import mentoring_settings


class MentoringPageMixin:
    """Gives every page the host's base template to extend."""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["base_template"] = mentoring_settings.BASE_TEMPLATE
        return context
