"""A partnership's feedback page: the answer a party owes, and what they
may read of what was given."""

from django.contrib import messages
from django.http import HttpResponseRedirect
from django.views.generic import TemplateView

from .. import services
from ..exceptions import MentoringError
from ..feedback import feedback_page_context
from ..forms import FeedbackForm
from .base import MentoringPageMixin
from .partnerships import PartnershipMixin


class FeedbackView(PartnershipMixin, MentoringPageMixin, TemplateView):
    """For the pair and staff only (``PartnershipMixin``); a refused or
    invalid answer comes back with what was typed and the reason."""

    template_name = "acnm_mentoring/feedback.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["feedback"] = feedback_page_context(
            self.request, self.get_mentorship(), form=kwargs.get("form")
        )
        return context

    def post(self, request, *args, **kwargs):
        mentorship = self.get_mentorship()
        page = feedback_page_context(request, mentorship)
        if page["form"] is None:
            messages.error(request, page["closed"])
            return HttpResponseRedirect(request.path)
        form = FeedbackForm(
            request.POST, question=page["due"].question, auto_id="acnm-feedback-%s"
        )
        if form.is_valid():
            try:
                services.give_feedback(request.user, mentorship, **form.cleaned_data)
            except MentoringError as error:
                form.add_error(None, error.message)
            else:
                messages.success(request, page["thanks"])
                return HttpResponseRedirect(request.path)
        return self.render_to_response(self.get_context_data(form=form, **kwargs))
