import datetime

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .. import notifications
from ..exceptions import CapacityReached, MentoringError, NotAllowed
from ..models import Agreement, MentorProfile, Mentorship, MentorshipStatus
from ..permissions import Action, check, member_for
from .records import move, record


def places_taken(profile):
    return Mentorship.objects.filter(
        program=profile.program,
        mentor=profile.member,
        status__in=MentorshipStatus.holding_a_place(),
    ).count()


def _claim_place(profile):
    """Lock the mentor's profile and make sure a place is free.

    The row lock serialises concurrent accepts and matches for one mentor, so
    the capacity is never exceeded however many arrive at once.
    """
    locked = MentorProfile.objects.select_for_update().get(pk=profile.pk)
    if places_taken(locked) >= locked.capacity:
        raise CapacityReached(
            _("%(mentor)s has no free place for a new mentee at the moment.")
            % {"mentor": locked.member}
        )
    return locked


def _open_agreement(mentorship):
    terms = mentorship.program.current_terms
    Agreement.objects.get_or_create(
        mentorship=mentorship,
        defaults={"terms": terms, "terms_text": terms.text if terms else ""},
    )


def request_mentor(user, profile, message=""):
    """A mentee asks a mentor from the directory to mentor them."""
    check(user, Action.REQUEST_MENTOR, profile.program)
    mentee = member_for(user)
    if mentee.pk == profile.member_id:
        raise NotAllowed(_("You cannot be your own mentor."))
    if not profile.accepting_new_mentees:
        raise CapacityReached(_("This mentor is not taking new mentees just now."))
    if places_taken(profile) >= profile.capacity:
        raise CapacityReached(
            _("%(mentor)s has no free place for a new mentee at the moment.")
            % {"mentor": profile.member}
        )
    try:
        with transaction.atomic():
            mentorship = Mentorship.objects.create(
                program=profile.program,
                mentor=profile.member,
                mentee=mentee,
                request_message=message,
            )
            record(mentorship, "requested", user, to_state=mentorship.status)
    except IntegrityError as error:
        raise MentoringError(
            _("You already have a request or a partnership with this mentor.")
        ) from error
    notifications.mentor_requested(mentorship)
    return mentorship


def accept_request(user, mentorship):
    check(user, Action.RESPOND_TO_REQUEST, mentorship)
    with transaction.atomic():
        _claim_place(_profile_of(mentorship))
        mentorship.responded_at = timezone.now()
        move(
            mentorship,
            MentorshipStatus.ACCEPTED,
            user,
            "accepted",
            update_fields=["responded_at"],
        )
        _open_agreement(mentorship)
    notifications.request_answered(mentorship)
    return mentorship


def decline_request(user, mentorship, reason=""):
    check(user, Action.RESPOND_TO_REQUEST, mentorship)
    with transaction.atomic():
        mentorship.responded_at = timezone.now()
        mentorship.end_reason = reason
        move(
            mentorship,
            MentorshipStatus.DECLINED,
            user,
            "declined",
            update_fields=["responded_at", "end_reason"],
        )
    notifications.request_answered(mentorship)
    return mentorship


@transaction.atomic
def withdraw_request(user, mentorship):
    check(user, Action.WITHDRAW_REQUEST, mentorship)
    return move(mentorship, MentorshipStatus.WITHDRAWN, user, "withdrawn")


@transaction.atomic
def expire_request(mentorship, actor=None):
    """Called by the scheduled expiry, not by a person."""
    return move(mentorship, MentorshipStatus.EXPIRED, actor, "expired")


def match_pair(user, profile, mentee, message=""):
    """Staff pair a mentee with a mentor directly; the agreement follows."""
    check(user, Action.MATCH, profile)
    if mentee.pk == profile.member_id:
        raise NotAllowed(_("Nobody can mentor themself."))
    try:
        with transaction.atomic():
            _claim_place(profile)
            mentorship = Mentorship.objects.create(
                program=profile.program,
                mentor=profile.member,
                mentee=mentee,
                status=MentorshipStatus.ACCEPTED,
                matched_by_staff=True,
                request_message=message,
                responded_at=timezone.now(),
            )
            record(mentorship, "matched", user, to_state=mentorship.status)
            _open_agreement(mentorship)
    except IntegrityError as error:
        raise MentoringError(
            _("This mentee already has a request or a partnership with this mentor.")
        ) from error
    notifications.request_answered(mentorship)
    return mentorship


def activate(mentorship, actor, years):
    """Both parties have signed: the partnership starts today."""
    today = timezone.localdate()
    mentorship.start_date = today
    mentorship.planned_end_date = _add_years(today, years)
    return move(
        mentorship,
        MentorshipStatus.ACTIVE,
        actor,
        "activated",
        update_fields=["start_date", "planned_end_date"],
    )


@transaction.atomic
def complete_mentorship(user, mentorship):
    check(user, Action.COMPLETE_MENTORSHIP, mentorship)
    mentorship.ended_at = timezone.now()
    return move(
        mentorship,
        MentorshipStatus.COMPLETED,
        user,
        "completed",
        update_fields=["ended_at"],
    )


@transaction.atomic
def end_mentorship_early(user, mentorship, reason):
    check(user, Action.END_MENTORSHIP, mentorship)
    if not reason or not reason.strip():
        raise MentoringError(_("Please give a reason for ending the partnership."))
    mentorship.ended_at = timezone.now()
    mentorship.end_reason = reason
    return move(
        mentorship,
        MentorshipStatus.ENDED_EARLY,
        user,
        "ended_early",
        update_fields=["ended_at", "end_reason"],
    )


def _profile_of(mentorship):
    return MentorProfile.objects.get(
        member=mentorship.mentor, program=mentorship.program
    )


def _add_years(day, years):
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28) + datetime.timedelta(days=1)
