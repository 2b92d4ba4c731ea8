from django.contrib import messages
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views import View
from django.views.generic import TemplateView

from .. import drafts, services
from ..access import MemberRequiredMixin, safe_next
from ..documents import agreement_filename, agreement_pdf
from ..exceptions import MentoringError
from ..forms import AgreementSignForm, ContactForm, EndEarlyForm
from ..partnerships import (
    my_mentoring_context,
    partnership_context,
    partnership_for,
)
from ..permissions import member_for
from .base import MentoringPageMixin


def partnership_url(mentorship):
    return reverse("acnm_mentoring:partnership", args=[mentorship.public_id])


class PartnershipMixin(MemberRequiredMixin):
    """The partnership named in the URL, for its parties and staff only.

    Anyone else gets a 404, whatever the id: ids tell nothing.
    """

    def get_mentorship(self):
        mentorship = partnership_for(self.request.user, self.kwargs["public_id"])
        if mentorship is None:
            raise Http404
        return mentorship


class PartnershipView(PartnershipMixin, MentoringPageMixin, TemplateView):
    template_name = "acnm_mentoring/partnership.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["partnership"] = partnership_context(
            self.request, self.get_mentorship()
        )
        return context


class AgreementView(PartnershipMixin, MentoringPageMixin, TemplateView):
    """The agreement on its own, laid out for printing."""

    template_name = "acnm_mentoring/agreement.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        mentorship = self.get_mentorship()
        agreement = getattr(mentorship, "agreement", None)
        if agreement is None:
            raise Http404
        context.update(mentorship=mentorship, agreement=agreement)
        return context


class AgreementPdfView(PartnershipMixin, View):
    def get(self, request, public_id):
        mentorship = self.get_mentorship()
        if getattr(mentorship, "agreement", None) is None:
            raise Http404
        response = HttpResponse(
            agreement_pdf(mentorship),
            content_type="application/pdf",
        )
        response["Content-Disposition"] = (
            f'attachment; filename="{agreement_filename(mentorship)}"'
        )
        return response


class PartnershipActionView(PartnershipMixin, View):
    """A form about a partnership, posted from wherever it is shown.

    Valid and allowed: the service does it, the member is told and goes back.
    Invalid or refused: what was typed goes back with the reason.
    """

    name = ""
    form_class = None
    anchor = ""
    done = ""

    def make_form(self, mentorship):
        return self.form_class(self.request.POST)

    def act(self, mentorship, form):
        """Do it through the service; may return a message other than ``done``."""
        raise NotImplementedError

    def post(self, request, public_id):
        mentorship = self.get_mentorship()
        back = safe_next(request, request.POST.get("next"), partnership_url(mentorship))
        form = self.make_form(mentorship)
        if not form.is_valid():
            drafts.keep(request, self.name, mentorship.public_id)
            return HttpResponseRedirect(f"{back}#{self.anchor}-{public_id}")
        try:
            told = self.act(mentorship, form)
        except MentoringError as error:
            drafts.keep(request, self.name, mentorship.public_id, error.message)
            return HttpResponseRedirect(f"{back}#{self.anchor}-{public_id}")
        messages.success(request, told or self.done)
        return HttpResponseRedirect(back)


class SignAgreementView(PartnershipActionView):
    name = "sign"
    anchor = "acnm-agreement"
    done = _("You have signed the Mentor/Mentee Agreement.")

    def make_form(self, mentorship):
        agreement = getattr(mentorship, "agreement", None)
        if agreement is None:
            # A request not yet accepted has no agreement to sign.
            raise Http404
        member = member_for(self.request.user)
        return AgreementSignForm(
            self.request.POST,
            first_signer=not (agreement.mentee_signed_at or agreement.mentor_signed_at),
            signer=member,
        )

    def act(self, mentorship, form):
        agreement = services.sign_agreement(
            self.request.user,
            mentorship.agreement,
            form.cleaned_data["typed_name"],
            **form.terms(),
        )
        if agreement.is_complete:
            return _(
                "Both of you have now signed: the partnership has started, and "
                "you will each receive the agreement as a PDF by e-mail."
            )
        return None


class LogContactView(PartnershipActionView):
    name = "contact"
    form_class = ContactForm
    anchor = "acnm-contacts"
    done = _("Contact logged.")

    def act(self, mentorship, form):
        services.log_contact(self.request.user, mentorship, **form.cleaned_data)


class EndEarlyView(PartnershipActionView):
    name = "end"
    form_class = EndEarlyForm
    anchor = "acnm-end"
    done = _("The partnership has ended. The other party and the coordinator are told.")

    def act(self, mentorship, form):
        services.end_mentorship_early(
            self.request.user, mentorship, form.cleaned_data["reason"]
        )


class CompleteView(PartnershipMixin, View):
    def post(self, request, public_id):
        mentorship = self.get_mentorship()
        try:
            services.complete_mentorship(request.user, mentorship)
        except MentoringError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("The partnership is marked as completed."))
        return HttpResponseRedirect(partnership_url(mentorship))


class MyMentoringView(MemberRequiredMixin, MentoringPageMixin, TemplateView):
    template_name = "acnm_mentoring/my_mentoring.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["mine"] = my_mentoring_context(self.request)
        return context
