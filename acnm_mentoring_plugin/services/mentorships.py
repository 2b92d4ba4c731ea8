import datetime

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from .. import notifications
from ..exceptions import CapacityReached, MentoringError, NotAllowed
from ..models import Agreement, Member, MentorProfile, Mentorship, MentorshipStatus
from ..permissions import Action, check, member_for, reason_denied
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


def open_requests_of(mentee, program):
    return Mentorship.objects.filter(
        program=program, mentee=mentee, status=MentorshipStatus.REQUESTED
    )


def mentor_unavailable(profile):
    """Why nobody can ask this mentor now (paused, unlisted, full), or None.

    ``profile.free_places`` is used when the directory counted it already.
    """
    if not (profile.accepting_new_mentees and profile.listed_in_directory):
        return _("%(mentor)s is not taking new mentees just now.") % {
            "mentor": profile.member
        }
    free = getattr(profile, "free_places", None)
    if free is None:
        free = profile.capacity - places_taken(profile)
    if free <= 0:
        return _("%(mentor)s has no free place for a new mentee at the moment.") % {
            "mentor": profile.member
        }
    return None


def request_refusal(user, profile):
    """Why this member cannot ask this mentor now, or None when they may.

    What the mentor's page says before a request is sent, by the same rules
    ``request_mentor`` applies when it is.
    """
    reason = reason_denied(user, Action.REQUEST_MENTOR, profile.program)
    if reason:
        return reason
    mentee = member_for(user)
    if mentee.pk == profile.member_id:
        return _("This is your own profile.")
    return mentor_unavailable(profile) or request_limit_refusal(mentee, profile.program)


def request_limit_refusal(mentee, program):
    """The programme's limit of open requests, reached: why; else None."""
    limit = program.max_open_requests
    if open_requests_of(mentee, program).count() < limit:
        return None
    return ngettext(
        "You already have %(count)d open request. Wait for an answer, or "
        "withdraw it, before asking another mentor.",
        "You already have %(count)d open requests. Wait for an answer, or "
        "withdraw one, before asking another mentor.",
        limit,
    ) % {"count": limit}


def request_mentor(user, profile, message=""):
    """A mentee asks a mentor from the directory to mentor them.

    The mentee's row is locked while the open requests are counted, so two
    requests sent at once cannot pass the programme's limit together. A
    request holds no place: the mentor's capacity is claimed on acceptance.
    """
    program = profile.program
    check(user, Action.REQUEST_MENTOR, program)
    mentee = member_for(user)
    if mentee.pk == profile.member_id:
        raise NotAllowed(_("You cannot be your own mentor."))
    refusal = mentor_unavailable(profile)
    if refusal:
        raise CapacityReached(refusal)
    try:
        with transaction.atomic():
            Member.objects.select_for_update().get(pk=mentee.pk)
            refusal = request_limit_refusal(mentee, program)
            if refusal:
                raise MentoringError(refusal)
            mentorship = Mentorship.objects.create(
                program=program,
                mentor=profile.member,
                mentee=mentee,
                request_message=message,
                expires_at=timezone.now()
                + datetime.timedelta(days=program.request_expiry_days),
            )
            record(mentorship, "requested", user, to_state=mentorship.status)
            notifications.mentor_requested(mentorship)
    except IntegrityError as error:
        if not _pair_is_live(program, profile.member, mentee):
            raise  # not the pair's constraint: nothing of it was kept
        raise MentoringError(
            _("You already have a request or a partnership with this mentor.")
        ) from error
    return mentorship


def _pair_is_live(program, mentor, mentee):
    """Whether the pair already has a request or partnership: what a
    refused insert of a new one usually means."""
    return Mentorship.objects.filter(
        program=program,
        mentor=mentor,
        mentee=mentee,
        status__in=MentorshipStatus.live(),
    ).exists()


def _claim_mentee(mentee, program, exclude=None):
    """Lock the mentee and make sure they have no mentor here yet.

    Taken after the mentor's lock (always in that order), so two mentors
    accepting the same mentee at once cannot both succeed.
    """
    Member.objects.select_for_update().get(pk=mentee.pk)
    taken = Mentorship.objects.filter(
        program=program,
        mentee=mentee,
        status__in=MentorshipStatus.holding_a_place(),
    ).exclude(pk=exclude)
    if taken.exists():
        raise MentoringError(
            _("%(mentee)s already has a mentor in this programme.") % {"mentee": mentee}
        )


def _close_other_requests(mentorship, actor):
    """The mentee has a mentor: their other open requests are closed."""
    others = open_requests_of(mentorship.mentee, mentorship.program).exclude(
        pk=mentorship.pk
    )
    for other in others.select_for_update():
        move(
            other,
            MentorshipStatus.WITHDRAWN,
            actor,
            "withdrawn_mentee_matched",
            matched_with=str(mentorship.public_id),
        )


def accept_request(user, mentorship):
    """The mentor (or staff, for them) accepts: a place is taken.

    The mentor's profile row is locked while places are counted, so however
    many accepts and matches arrive at once, the capacity holds.
    """
    check(user, Action.RESPOND_TO_REQUEST, mentorship)
    with transaction.atomic():
        _claim_place(_profile_of(mentorship))
        _claim_mentee(mentorship.mentee, mentorship.program, exclude=mentorship.pk)
        mentorship.responded_at = timezone.now()
        move(
            mentorship,
            MentorshipStatus.ACCEPTED,
            user,
            "accepted",
            update_fields=["responded_at"],
        )
        _open_agreement(mentorship)
        _close_other_requests(mentorship, user)
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
    move(mentorship, MentorshipStatus.EXPIRED, actor, "expired")
    notifications.request_expired(mentorship)
    return mentorship


def expire_overdue_requests(now=None):
    """Expire every request past its date; returns how many.

    Each request is expired in its own transaction, re-read under a lock, so
    a mentor accepting at the same moment wins or loses cleanly.
    """
    now = now or timezone.now()
    expired = 0
    overdue = Mentorship.objects.filter(
        status=MentorshipStatus.REQUESTED, expires_at__lte=now
    )
    for mentorship in overdue.select_related("program").iterator():
        try:
            expire_request(mentorship)
        except MentoringError:
            continue  # answered in the meantime
        expired += 1
    return expired


def remind_mentors_of_requests(now=None):
    """E-mail each mentor once about a request that will soon expire."""
    now = now or timezone.now()
    reminded = 0
    due = Mentorship.objects.filter(
        status=MentorshipStatus.REQUESTED,
        reminder_sent_at__isnull=True,
        expires_at__gt=now,
        program__request_reminder_days__gt=0,
    ).select_related("program")
    for mentorship in due.iterator():
        days = mentorship.program.request_reminder_days
        if mentorship.expires_at - datetime.timedelta(days=days) > now:
            continue
        with transaction.atomic():
            # Claim the reminder first: a second run at the same time finds
            # it taken and sends nothing.
            claimed = Mentorship.objects.filter(
                pk=mentorship.pk,
                status=MentorshipStatus.REQUESTED,
                reminder_sent_at__isnull=True,
            ).update(reminder_sent_at=now)
            if not claimed:
                continue
            record(mentorship, "request_reminder_sent", None)
            notifications.request_reminder(mentorship)
        reminded += 1
    return reminded


def match_pair(user, profile, mentee, message=""):
    """Staff pair a mentee with a mentor directly; the agreement follows.

    Staff may match a mentor who is not taking new mentees (an override the
    directory does not allow), but never beyond the mentor's capacity: raise
    the capacity first. A pending request of the same pair is accepted.
    """
    check(user, Action.MATCH, profile)
    if mentee.pk == profile.member_id:
        raise NotAllowed(_("Nobody can mentor themself."))
    pending = (
        open_requests_of(mentee, profile.program).filter(mentor=profile.member).first()
    )
    if pending is not None:
        # Re-read under a lock by accept_request: a request withdrawn in the
        # meantime is refused with the reason, not an error.
        return accept_request(user, pending)
    try:
        with transaction.atomic():
            _claim_place(profile)
            _claim_mentee(mentee, profile.program)
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
            _close_other_requests(mentorship, user)
            notifications.request_answered(mentorship)
    except IntegrityError as error:
        if not _pair_is_live(profile.program, profile.member, mentee):
            raise  # not the pair's constraint: nothing of it was kept
        raise MentoringError(
            _("This mentee already has a request or a partnership with this mentor.")
        ) from error
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
    """Staff close a partnership as completed (before or at its planned end)."""
    check(user, Action.COMPLETE_MENTORSHIP, mentorship)
    _complete(mentorship, user)
    return mentorship


def _complete(mentorship, actor):
    mentorship.ended_at = timezone.now()
    move(
        mentorship,
        MentorshipStatus.COMPLETED,
        actor,
        "completed",
        update_fields=["ended_at"],
    )
    notifications.partnership_ended(mentorship)


def complete_due_mentorships(today=None):
    """Partnerships whose planned end has come are completed; returns how many."""
    today = today or timezone.localdate()
    due = Mentorship.objects.filter(
        status=MentorshipStatus.ACTIVE, planned_end_date__lte=today
    )
    completed = 0
    for mentorship in due.iterator():
        try:
            with transaction.atomic():
                _complete(mentorship, None)
        except MentoringError:
            continue  # ended early in the meantime
        completed += 1
    return completed


@transaction.atomic
def end_mentorship_early(user, mentorship, reason):
    """Either party, or staff, ends a partnership before its term; the reason
    is kept with the record and the other party and the coordinator are told."""
    check(user, Action.END_MENTORSHIP, mentorship)
    if not reason or not reason.strip():
        raise MentoringError(_("Please give a reason for ending the partnership."))
    mentorship.ended_at = timezone.now()
    mentorship.end_reason = reason.strip()
    move(
        mentorship,
        MentorshipStatus.ENDED_EARLY,
        user,
        "ended_early",
        update_fields=["ended_at", "end_reason"],
    )
    notifications.partnership_ended(mentorship)
    return mentorship


def _profile_of(mentorship):
    return MentorProfile.objects.get(
        member=mentorship.mentor, program=mentorship.program
    )


def _add_years(day, years):
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28) + datetime.timedelta(days=1)
