"""A mentee records their outcomes: the exam, the first position, the work."""

from django.contrib import messages
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from .. import services
from ..access import MemberRequiredMixin
from ..exceptions import MentoringError
from ..forms import OutcomeForm
from ..models import Outcome, Program
from ..permissions import Action, member_for, reason_denied
from .base import MentoringPageMixin


class MyOutcomesView(MemberRequiredMixin, MentoringPageMixin, TemplateView):
    """The signed-in mentee's own outcomes in a programme, and nobody else's:
    the page takes no member from the URL, so there is none to guess."""

    template_name = "acnm_mentoring/my_outcomes.html"

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.program = get_object_or_404(Program, slug=kwargs["slug"])

    def member(self):
        member = member_for(self.request.user)
        if member is None:
            raise Http404
        return member

    def saved(self, member):
        return Outcome.objects.filter(member=member, program=self.program).first()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        member = self.member()
        refusal = reason_denied(
            self.request.user, Action.RECORD_OUTCOME, (member, self.program)
        )
        context.update(
            program=self.program,
            refusal=kwargs.get("refusal") or refusal,
            form=kwargs.get("form")
            or OutcomeForm(instance=self.saved(member) or Outcome()),
            my_mentoring_url=reverse("acnm_mentoring:my_mentoring"),
        )
        return context

    def post(self, request, *args, **kwargs):
        member = self.member()
        # A copy to validate: the service compares with what is saved.
        form = OutcomeForm(request.POST, instance=self.saved(member) or Outcome())
        if form.is_valid():
            try:
                changed = services.record_outcome(
                    request.user, member, self.program, **form.values()
                )
            except MentoringError as error:
                form.add_error(None, error.message)
            else:
                messages.success(
                    request,
                    _("Your outcomes have been saved. Thank you.")
                    if changed
                    else _("Nothing to save: your outcomes were already like this."),
                )
                return HttpResponseRedirect(request.path)
        return self.render_to_response(self.get_context_data(form=form, **kwargs))
