from django.contrib import messages
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views import View
from django.views.generic import TemplateView

from .. import drafts, services
from ..access import safe_next, sign_in_page_url
from ..directory import directory_context, mentor_context
from ..exceptions import MentoringError
from ..forms import MentorRequestForm
from ..models import MentorProfile, Program
from .base import MentoringPageMixin


def directory_url(program):
    return reverse("acnm_mentoring:directory", args=[program.slug])


class DirectoryView(MentoringPageMixin, TemplateView):
    """The directory on a page of its own, for sites without a CMS page for it."""

    template_name = "acnm_mentoring/directory.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        program = get_object_or_404(Program, slug=kwargs["slug"])
        context["directory"] = directory_context(
            self.request, program, directory_url(program)
        )
        return context


class MentorDetailView(MentoringPageMixin, TemplateView):
    template_name = "acnm_mentoring/mentor_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        program = get_object_or_404(Program, slug=kwargs["slug"])
        draft, refusal = drafts.take(self.request, "request", kwargs["pk"])
        context["detail"] = mentor_context(
            self.request,
            program,
            kwargs["pk"],
            directory_url(program),
            draft=draft,
            refusal=refusal,
        )
        return context


class MentorRequestView(View):
    """Where every mentor page posts a request (the CMS pages too).

    A form with errors, or a request the rules refuse, goes back to the page
    it came from with what was typed; a request made goes to its own page.
    """

    def post(self, request, slug, pk):
        profile = get_object_or_404(
            MentorProfile.objects.select_related("program", "member__user"),
            pk=pk,
            program__slug=slug,
        )
        default_back = reverse("acnm_mentoring:mentor_detail", args=[slug, pk])
        back = safe_next(request, request.POST.get("next"), default_back)
        if not request.user.is_authenticated:
            return HttpResponseRedirect(sign_in_page_url(back))
        form = MentorRequestForm(request.POST)
        if not form.is_valid():
            drafts.keep(request, "request", pk)
            return HttpResponseRedirect(f"{back}#acnm-request")
        try:
            mentorship = services.request_mentor(
                request.user, profile, form.cleaned_data["message"]
            )
        except MentoringError as error:
            drafts.keep(request, "request", pk, error.message)
            return HttpResponseRedirect(f"{back}#acnm-request")
        messages.success(
            request,
            _("Your request has been sent to %(mentor)s.") % {"mentor": profile.member},
        )
        return HttpResponseRedirect(
            reverse("acnm_mentoring:request_detail", args=[mentorship.public_id])
        )
