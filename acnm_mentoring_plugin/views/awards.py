from django import forms
from django.contrib import messages
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views import View
from django.views.generic import TemplateView

from .. import drafts, services
from ..access import safe_next, sign_in_page_url
from ..awards import award_context, panel_id
from ..exceptions import MentoringError
from ..forms import NominationForm, VoteForm
from ..models import AwardCycle, Program
from ..permissions import Action, check, member_for
from ..services.awards import current_nomination
from .base import MentoringPageMixin


def award_url(program):
    return reverse("acnm_mentoring:award", args=[program.slug])


class AwardView(MentoringPageMixin, TemplateView):
    """The award of a programme on a page of its own, open to everyone."""

    template_name = "acnm_mentoring/award.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        program = get_object_or_404(Program, slug=kwargs["slug"])
        context["program"] = program
        context["award"] = award_context(
            self.request, program=program, return_url=award_url(program)
        )
        return context


class AwardActionView(View):
    """A form of the award panel, posted from wherever the panel is shown.

    Done: the member is told and goes back. Invalid or refused: what was
    typed goes back with the reason, and nothing is lost.
    """

    name = ""
    anchor = ""
    #: Checked before the form, so a visitor who may not take part is told
    #: why rather than shown the form's errors.
    action = None

    def make_form(self, cycle):
        return forms.Form(self.request.POST)

    def act(self, cycle, form):
        """Do it through the service; return what to tell the member."""
        raise NotImplementedError

    def post(self, request, slug, year):
        cycle = get_object_or_404(
            AwardCycle.objects.select_related("program"), program__slug=slug, year=year
        )
        back = safe_next(request, request.POST.get("next"), award_url(cycle.program))
        target = f"{back}#{panel_id(cycle.program)}-{self.anchor}"
        if not request.user.is_authenticated:
            return HttpResponseRedirect(sign_in_page_url(back))
        try:
            if self.action is not None:
                check(request.user, self.action, cycle)
            form = self.make_form(cycle)
            if not form.is_valid():
                drafts.keep(request, self.name, cycle.pk)
                return HttpResponseRedirect(target)
            told = self.act(cycle, form)
        except MentoringError as error:
            drafts.keep(request, self.name, cycle.pk, error.message)
            return HttpResponseRedirect(target)
        messages.success(request, told)
        return HttpResponseRedirect(target)


class NominateView(AwardActionView):
    name = "nomination"
    anchor = "nomination"
    action = Action.NOMINATE

    def make_form(self, cycle):
        member = member_for(self.request.user)
        return NominationForm(self.request.POST, cycle=cycle, nominator=member)

    def act(self, cycle, form):
        nomination, outcome = services.nominate(
            self.request.user,
            cycle,
            form.cleaned_data["nominee"],
            form.cleaned_data["statement"],
        )
        if outcome == "created":
            return _(
                "Thank you: your nomination of %(mentor)s is received. A "
                "confirmation e-mail is on its way to you."
            ) % {"mentor": nomination.nominee.display_name}
        if outcome == "changed":
            return _("Your nomination is updated.")
        return _("Your nomination is saved; nothing had changed.")


class WithdrawNominationView(AwardActionView):
    name = "withdraw"
    anchor = "nomination"

    def act(self, cycle, form):
        nomination = current_nomination(cycle, member_for(self.request.user))
        if nomination is None:
            raise MentoringError(_("You have no nomination to withdraw."))
        services.withdraw_nomination(self.request.user, nomination)
        return _(
            "Your nomination is withdrawn. You may nominate again until "
            "nominations close."
        )


class VoteView(AwardActionView):
    name = "vote"
    anchor = "ballot"
    action = Action.VOTE

    def make_form(self, cycle):
        return VoteForm(self.request.POST, cycle=cycle)

    def act(self, cycle, form):
        vote = services.cast_vote(
            self.request.user, cycle, form.cleaned_data["nominee"]
        )
        return _("Thank you: your vote for %(mentor)s is recorded.") % {
            "mentor": vote.nominee.display_name
        }
