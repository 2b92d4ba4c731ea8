from django.contrib import messages
from django.db.models import Case, IntegerField, Value, When
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views import View
from django.views.generic import TemplateView

from .. import services
from ..access import MemberRequiredMixin
from ..exceptions import MentoringError
from ..models import MentorshipStatus
from ..permissions import Action, can, member_for, visible_mentorships
from ..states import can_move
from .base import MentoringPageMixin

# Open requests first, then the newest.
_OPEN_FIRST = Case(
    When(status=MentorshipStatus.REQUESTED, then=Value(0)),
    default=Value(1),
    output_field=IntegerField(),
)


def _requests(user):
    return visible_mentorships(user).select_related(
        "program", "mentor__user", "mentee__user"
    )


class RequestListView(MemberRequiredMixin, MentoringPageMixin, TemplateView):
    """A member's requests: those asked of them as mentor, and their own."""

    template_name = "acnm_mentoring/requests.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        member = member_for(self.request.user)
        mine = _requests(self.request.user).order_by(_OPEN_FIRST, "-requested_at")
        context["asked_of_me"] = (
            list(mine.filter(mentor=member)) if member is not None else []
        )
        context["my_requests"] = (
            list(mine.filter(mentee=member)) if member is not None else []
        )
        return context


class RequestDetailView(MemberRequiredMixin, MentoringPageMixin, TemplateView):
    """One request, for its mentee, its mentor and staff; 404 for anyone else."""

    template_name = "acnm_mentoring/request_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        mentorship = get_object_or_404(_requests(user), public_id=kwargs["public_id"])
        context.update(
            mentorship=mentorship,
            can_answer=can_move(mentorship, MentorshipStatus.ACCEPTED)
            and can(user, Action.RESPOND_TO_REQUEST, mentorship),
            can_withdraw=can_move(mentorship, MentorshipStatus.WITHDRAWN)
            and can(user, Action.WITHDRAW_REQUEST, mentorship),
            # Once accepted, the record lives on as a partnership.
            partnership_url=(
                mentorship.get_absolute_url()
                if mentorship.status not in MentorshipStatus.request_only()
                else ""
            ),
            viewer_is_mentor=(
                member_for(user) is not None
                and member_for(user).pk == mentorship.mentor_id
            ),
            viewer_is_mentee=(
                member_for(user) is not None
                and member_for(user).pk == mentorship.mentee_id
            ),
        )
        return context


class RequestAnswerView(MemberRequiredMixin, View):
    """Accept, decline or withdraw: each through its service, which decides."""

    ANSWERS = {
        "accept": (
            services.accept_request,
            _(
                "You accepted the request. Next, you both complete and sign the "
                "Mentor/Mentee Agreement below."
            ),
        ),
        "decline": (services.decline_request, _("You declined the request.")),
        "withdraw": (services.withdraw_request, _("Your request was withdrawn.")),
    }

    def post(self, request, public_id, answer):
        if answer not in self.ANSWERS:
            raise Http404
        mentorship = get_object_or_404(_requests(request.user), public_id=public_id)
        service, done = self.ANSWERS[answer]
        extra = {}
        if answer == "decline":
            # Without NUL characters, which no database column takes.
            reason = request.POST.get("reason", "").replace("\x00", "")
            extra["reason"] = reason[:2000]
        try:
            service(request.user, mentorship, **extra)
        except MentoringError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, done)
            if answer == "accept":
                # Straight to where the agreement is signed.
                return HttpResponseRedirect(
                    reverse("acnm_mentoring:partnership", args=[public_id])
                )
        return HttpResponseRedirect(
            reverse("acnm_mentoring:request_detail", args=[public_id])
        )
