from django.http import HttpResponseRedirect
from django.views.generic import TemplateView

from ..access import safe_next, sign_in_context
from .base import MentoringPageMixin


class SignInView(MentoringPageMixin, TemplateView):
    """Where members-only pages send visitors: one button to the provider."""

    template_name = "acnm_mentoring/sign_in.html"

    def get(self, request, *args, **kwargs):
        next_url = safe_next(request, request.GET.get("next"))
        if request.user.is_authenticated:
            return HttpResponseRedirect(next_url)
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        next_url = safe_next(self.request, self.request.GET.get("next"))
        context["sign_in"] = sign_in_context(self.request, next_url)
        return context
