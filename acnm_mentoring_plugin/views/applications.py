from django.contrib import messages
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views import View
from django.views.generic import TemplateView

from .. import services
from ..access import MemberRequiredMixin, safe_next, sign_in_page_url
from ..exceptions import MentoringError
from ..forms import ApplicationForm
from ..models import ApplicationRole, Program
from ..panels import (
    SUBMITTED_KEY,
    application_panel_context,
    draft_key,
    panel_id,
    refusal_key,
)
from ..permissions import Action, can, visible_applications
from .base import MentoringPageMixin


class ApplyView(MentoringPageMixin, TemplateView):
    """The application on a page of its own, and where every panel posts.

    A rejected form is kept in the session and the member is sent back to
    the page they came from, which shows it again with its errors: the rest
    of that page stays intact, and reloading never posts twice.
    """

    template_name = "acnm_mentoring/apply.html"

    def dispatch(self, request, slug, role):
        self.program = get_object_or_404(Program, slug=slug)
        if role not in ApplicationRole.values:
            raise Http404
        self.role = ApplicationRole(role)
        return super().dispatch(request, slug, role)

    def own_url(self):
        return reverse("acnm_mentoring:apply", args=[self.program.slug, self.role])

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["panel"] = application_panel_context(
            self.request,
            program=self.program,
            role=self.role,
            return_url=self.own_url(),
        )
        context["program"] = self.program
        return context

    def post(self, request, slug, role):
        back = safe_next(request, request.POST.get("next"), self.own_url())
        if not request.user.is_authenticated:
            return HttpResponseRedirect(sign_in_page_url(back))
        form = ApplicationForm(request.POST, program=self.program, role=self.role)
        panel = panel_id(self.program, self.role)
        if not form.is_valid():
            # Keep what was typed; the panel shows it again with the errors,
            # and the fragment takes keyboard and screen-reader focus there.
            data = {key: request.POST.getlist(key) for key in request.POST}
            data.pop("csrfmiddlewaretoken", None)
            request.session[draft_key(self.program, self.role)] = data
            return HttpResponseRedirect(f"{back}#{panel}-errors")
        try:
            application = services.submit_application(
                request.user, self.program, self.role, **form.answers()
            )
        except MentoringError as error:
            # Refused by the rules (closed, not eligible, already applied):
            # the panel shows its state and says why, once.
            request.session[refusal_key(self.program, self.role)] = str(error)
            return HttpResponseRedirect(f"{back}#{panel}")
        request.session[SUBMITTED_KEY] = str(application.public_id)
        return HttpResponseRedirect(f"{back}#{panel}")


class ApplicationDetailView(MemberRequiredMixin, MentoringPageMixin, TemplateView):
    """An applicant's own application; 404 for anyone else, so ids tell nothing."""

    template_name = "acnm_mentoring/application_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        application = get_object_or_404(
            visible_applications(self.request.user).select_related(
                "program", "member__user", "preferred_mentor__member__user"
            ),
            public_id=kwargs["public_id"],
        )
        context["application"] = application
        context["can_withdraw"] = (
            can(self.request.user, Action.WITHDRAW_APPLICATION, application)
            and application.is_open
        )
        return context


class ApplicationWithdrawView(MemberRequiredMixin, View):
    def post(self, request, public_id):
        application = get_object_or_404(
            visible_applications(request.user), public_id=public_id
        )
        try:
            services.withdraw_application(request.user, application)
        except MentoringError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("Your application has been withdrawn."))
        return HttpResponseRedirect(
            reverse("acnm_mentoring:application_detail", args=[public_id])
        )
