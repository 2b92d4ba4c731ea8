from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..exceptions import MentoringError, NotAllowed, TransitionNotAllowed
from ..models import (
    AwardCycleStatus,
    Mentorship,
    MentorshipStatus,
    Nomination,
    NominationStatus,
)
from ..permissions import Action, check, member_for
from .records import move, record


@transaction.atomic
def open_nominations(user, cycle):
    check(user, Action.MANAGE_AWARD, cycle)
    return move(cycle, AwardCycleStatus.OPEN, user, "nominations_opened")


@transaction.atomic
def close_nominations(user, cycle):
    check(user, Action.MANAGE_AWARD, cycle)
    return move(cycle, AwardCycleStatus.CLOSED, user, "nominations_closed")


@transaction.atomic
def reopen_nominations(user, cycle):
    check(user, Action.MANAGE_AWARD, cycle)
    return move(cycle, AwardCycleStatus.OPEN, user, "nominations_reopened")


@transaction.atomic
def announce_winner(user, cycle, winner, citation):
    check(user, Action.MANAGE_AWARD, cycle)
    if not citation or not citation.strip():
        raise MentoringError(_("Please write the citation read at the meeting."))
    cycle.winner = winner
    cycle.citation = citation
    return move(
        cycle,
        AwardCycleStatus.ANNOUNCED,
        user,
        "winner_announced",
        update_fields=["winner", "citation"],
        winner=winner.pk,
    )


def _nominations_open(cycle):
    now = timezone.now()
    return (
        cycle.status == AwardCycleStatus.OPEN
        and cycle.nominations_open_at <= now < cycle.nominations_close_at
    )


def nominate(user, cycle, nominee, statement):
    """A trainee nominates their own mentor; a second call edits the first."""
    check(user, Action.NOMINATE, cycle)
    nominator = member_for(user)
    if not _nominations_open(cycle):
        raise TransitionNotAllowed(_("Nominations are not open."))
    if nominee.pk == nominator.pk:
        raise NotAllowed(_("You cannot nominate yourself."))
    if not Mentorship.objects.filter(
        Q(status=MentorshipStatus.ACTIVE) | Q(status=MentorshipStatus.COMPLETED),
        program=cycle.program,
        mentee=nominator,
        mentor=nominee,
    ).exists():
        raise NotAllowed(_("You can nominate a mentor you have been mentored by."))
    if not statement or not statement.strip():
        raise MentoringError(_("Please say why this mentor deserves the award."))
    try:
        with transaction.atomic():
            nomination, created = Nomination.objects.select_for_update().get_or_create(
                cycle=cycle,
                nominator=nominator,
                defaults={"nominee": nominee, "statement": statement},
            )
            if not created:
                before = nomination.status
                nomination.nominee = nominee
                nomination.statement = statement
                nomination.status = NominationStatus.SUBMITTED
                nomination.save()
                record(
                    nomination,
                    "nomination_edited",
                    user,
                    from_state=before,
                    to_state=nomination.status,
                )
            else:
                record(nomination, "nominated", user, to_state=nomination.status)
    except IntegrityError:
        nomination = Nomination.objects.get(cycle=cycle, nominator=nominator)
    return nomination


@transaction.atomic
def withdraw_nomination(user, nomination):
    check(user, Action.WITHDRAW_NOMINATION, nomination)
    if not _nominations_open(nomination.cycle):
        raise TransitionNotAllowed(_("Nominations are closed."))
    return move(nomination, NominationStatus.WITHDRAWN, user, "nomination_withdrawn")
