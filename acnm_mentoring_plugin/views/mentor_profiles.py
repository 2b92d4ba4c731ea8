from django.contrib import messages
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from .. import services
from ..access import MemberRequiredMixin
from ..exceptions import MentoringError
from ..forms import MentorProfileForm
from ..models import MentorProfile, Program
from ..permissions import member_for
from .base import MentoringPageMixin
from .directory import directory_url


class MentorProfileEditView(MemberRequiredMixin, MentoringPageMixin, TemplateView):
    """An approved mentor keeps their directory profile up to date."""

    template_name = "acnm_mentoring/mentor_profile_form.html"

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.program = get_object_or_404(Program, slug=kwargs["slug"])

    def profile(self):
        member = member_for(self.request.user)
        profile = (
            MentorProfile.objects.filter(program=self.program, member=member).first()
            if member is not None
            else None
        )
        if profile is None:
            raise Http404
        return profile

    def form(self, profile, data=None, files=None):
        # The form edits a copy: the service compares against the saved
        # profile to record what changed.
        copy = MentorProfile.objects.get(pk=profile.pk)
        return MentorProfileForm(data, files, instance=copy)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        profile = self.profile()
        context.update(
            program=self.program,
            profile=profile,
            form=kwargs.get("form") or self.form(profile),
            profile_url=f"{directory_url(self.program)}{profile.pk}/",
        )
        return context

    def post(self, request, *args, **kwargs):
        profile = self.profile()
        form = self.form(profile, request.POST, request.FILES)
        if form.is_valid():
            try:
                changed = services.update_mentor_profile(
                    request.user, profile, **form.changes()
                )
            except MentoringError as error:
                form.add_error(None, error.message)
            else:
                messages.success(
                    request,
                    _("Your profile has been saved.")
                    if changed
                    else _("Nothing to save: your profile was already like this."),
                )
                return HttpResponseRedirect(request.path)
        return self.render_to_response(self.get_context_data(form=form, **kwargs))
