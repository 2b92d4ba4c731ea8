"""The Best Mentor of the Year: cycles, nominations, the ballot, the winner.

Who may nominate and vote is ``permissions``' question; when is the cycle's
(``AwardCycle.phase``); which mentor may be nominated and how long a
statement may be are answered here, once, for the forms and the services.
"""

from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .. import notifications
from ..exceptions import MentoringError, NotAllowed, TransitionNotAllowed
from ..formats import when
from ..models import (
    AwardCycle,
    AwardCycleStatus,
    AwardPhase,
    Member,
    MentorProfile,
    Mentorship,
    MentorshipStatus,
    Nomination,
    NominationStatus,
    NomineeRule,
    ShortlistEntry,
    Vote,
)
from ..permissions import Action, check, member_for
from .records import move, record

#: What may no longer change once nominations have opened: changing who may
#: nominate half-way would be unfair to those already refused or accepted.
RULE_FIELDS = (
    "nominator_stages",
    "nominators_need_mentorship",
    "nominee_rule",
    "statement_min_length",
    "statement_max_length",
)


def _lock(cycle):
    """Lock the cycle's row and bring ``cycle`` up to date with what staff
    acting at the same time may have decided."""
    locked = AwardCycle.objects.select_for_update().get(pk=cycle.pk)
    for name in ("status", "winner_id", "citation", "announced_at"):
        setattr(cycle, name, getattr(locked, name))
    return cycle


# Staff set up a cycle -----------------------------------------------------------


@transaction.atomic
def create_award_cycle(user, cycle):
    """Save a new, validated cycle built by a form or an import."""
    check(user, Action.MANAGE_AWARD, cycle)
    cycle.full_clean()
    cycle.save()
    record(cycle, "award_cycle_created", user, to_state=cycle.status)
    return cycle


@transaction.atomic
def update_award_cycle(user, cycle, changed_fields):
    """Save staff's changes to the dates (and, before opening, the rules)."""
    check(user, Action.MANAGE_AWARD, cycle)
    saved = AwardCycle.objects.select_for_update().get(pk=cycle.pk)
    if saved.status == AwardCycleStatus.ANNOUNCED:
        raise TransitionNotAllowed(
            _("The winner has been announced; this cycle can no longer change.")
        )
    changed = [name for name in changed_fields if name != "status"]
    if timezone.now() >= saved.nominations_open_at and any(
        getattr(saved, name) != getattr(cycle, name) for name in RULE_FIELDS
    ):
        raise TransitionNotAllowed(
            _(
                "Nominations have opened, so who may nominate whom and the "
                "statement's length can no longer change."
            )
        )
    cycle.full_clean()
    cycle.save()
    record(cycle, "award_cycle_changed", user, changed=changed)
    return cycle


# Nominations ---------------------------------------------------------------------


def window_problem(cycle, phase):
    """Why the cycle is not in ``phase`` now, in words, or None."""
    current = cycle.phase()
    if current == phase:
        return None
    if phase == AwardPhase.NOMINATING:
        if current == AwardPhase.NOT_OPEN:
            return _("Nominations open on %(date)s.") % {
                "date": when(cycle.nominations_open_at)
            }
        return _("Nominations closed on %(date)s.") % {
            "date": when(cycle.nominations_close_at)
        }
    if not cycle.has_ballot:
        return _("There is no vote in this award cycle.")
    if timezone.now() < cycle.ballot_opens_at:
        return _("Voting opens on %(date)s.") % {"date": when(cycle.ballot_opens_at)}
    return _("Voting closed on %(date)s.") % {"date": when(cycle.ballot_closes_at)}


def _mentored(member, program):
    return Mentorship.objects.filter(
        program=program,
        mentee=member,
        status__in=[MentorshipStatus.ACTIVE, MentorshipStatus.COMPLETED],
    )


def eligible_nominees(cycle, nominator):
    """The mentors ``nominator`` may nominate in ``cycle``, by name."""
    if cycle.nominee_rule == NomineeRule.OWN_MENTORS:
        mentors = Member.objects.filter(
            pk__in=_mentored(nominator, cycle.program_id).values("mentor_id")
        )
    else:
        mentors = Member.objects.filter(
            pk__in=MentorProfile.objects.filter(program=cycle.program_id).values(
                "member_id"
            )
        )
    return (
        mentors.exclude(pk=nominator.pk)
        .select_related("user")
        .order_by("user__last_name", "user__first_name", "pk")
    )


def nominee_problem(cycle, nominator, nominee):
    if nominee.pk == nominator.pk:
        return _("You cannot nominate yourself.")
    if eligible_nominees(cycle, nominator).filter(pk=nominee.pk).exists():
        return None
    if cycle.nominee_rule == NomineeRule.OWN_MENTORS:
        return _("You can nominate a mentor who has mentored you in this programme.")
    return _("Please choose a mentor of this programme.")


def statement_problem(cycle, statement):
    length = len(statement.strip())
    if length < cycle.statement_min_length:
        return _(
            "Please write at least %(limit)d characters about why this mentor "
            "deserves the award (you wrote %(length)d)."
        ) % {"limit": cycle.statement_min_length, "length": length}
    if length > cycle.statement_max_length:
        return _(
            "Please keep the statement to %(limit)d characters (you wrote %(length)d)."
        ) % {"limit": cycle.statement_max_length, "length": length}
    return None


def current_nomination(cycle, member):
    if member is None:
        return None
    return (
        Nomination.objects.filter(cycle=cycle, nominator=member)
        .select_related("nominee__user")
        .first()
    )


@transaction.atomic
def nominate(user, cycle, nominee, statement):
    """Nominate a mentor, or change one's nomination: one per member and cycle.

    Returns ``(nomination, outcome)``, outcome being ``"created"``,
    ``"changed"`` or ``"unchanged"`` (the same form sent twice).
    """
    check(user, Action.NOMINATE, cycle)
    nominator = member_for(user)
    problem = (
        window_problem(cycle, AwardPhase.NOMINATING)
        or nominee_problem(cycle, nominator, nominee)
        or statement_problem(cycle, statement)
    )
    if problem:
        raise MentoringError(problem)
    statement = statement.strip()
    # One member's nominations, one at a time: a double click or two tabs
    # find the first one's row and change it instead of adding a second.
    Member.objects.select_for_update().get(pk=nominator.pk)
    nomination = Nomination.objects.filter(cycle=cycle, nominator=nominator).first()
    if nomination is None:
        nomination = Nomination.objects.create(
            cycle=cycle, nominator=nominator, nominee=nominee, statement=statement
        )
        record(nomination, "nominated", user, to_state=nomination.status)
        notifications.nomination_received(nomination)
        return nomination, "created"
    before = (nomination.nominee_id, nomination.statement, nomination.status)
    if before == (nominee.pk, statement, NominationStatus.SUBMITTED):
        return nomination, "unchanged"
    nomination.nominee = nominee
    nomination.statement = statement
    nomination.status = NominationStatus.SUBMITTED
    nomination.save()
    record(
        nomination,
        "nomination_changed",
        user,
        from_state=before[2],
        to_state=nomination.status,
        nominee_changed=before[0] != nominee.pk,
    )
    notifications.nomination_received(nomination)
    return nomination, "changed"


@transaction.atomic
def withdraw_nomination(user, nomination):
    check(user, Action.WITHDRAW_NOMINATION, nomination)
    problem = window_problem(nomination.cycle, AwardPhase.NOMINATING)
    if problem:
        raise TransitionNotAllowed(problem)
    return move(nomination, NominationStatus.WITHDRAWN, user, "nomination_withdrawn")


def nominated_mentors(cycle):
    """Mentors with at least one standing nomination, with its count as
    ``nominations``, the most nominated first."""
    return (
        Member.objects.filter(
            nominations_received__cycle=cycle,
            nominations_received__status=NominationStatus.SUBMITTED,
        )
        .annotate(nominations=Count("nominations_received"))
        .select_related("user")
        .order_by("-nominations", "user__last_name", "user__first_name", "pk")
    )


def nomination_tallies(user, cycle):
    check(user, Action.MANAGE_AWARD, cycle)
    return list(nominated_mentors(cycle))


# The ballot ----------------------------------------------------------------------


def shortlist_problem(cycle):
    """Why staff cannot draw up the shortlist now, or None when they can."""
    if not cycle.has_ballot:
        return _("This award cycle has no vote, so no shortlist.")
    if cycle.phase() in (AwardPhase.NOT_OPEN, AwardPhase.NOMINATING):
        return _("The shortlist is drawn up once nominations have closed.")
    if cycle.votes.exists() or cycle.members_part_over():
        return _("Voting has begun, so the shortlist can no longer change.")
    return None


@transaction.atomic
def set_shortlist(user, cycle, nominees):
    """Put nominated mentors on the ballot, replacing any earlier shortlist."""
    check(user, Action.MANAGE_AWARD, cycle)
    _lock(cycle)
    problem = shortlist_problem(cycle)
    if problem:
        raise TransitionNotAllowed(problem)
    nominees = list(nominees)
    if not nominees:
        raise MentoringError(_("Please choose at least one mentor for the ballot."))
    nominated = set(nominated_mentors(cycle).values_list("pk", flat=True))
    if any(nominee.pk not in nominated for nominee in nominees):
        raise MentoringError(_("Only nominated mentors can be on the ballot."))
    cycle.shortlist.all().delete()
    ShortlistEntry.objects.bulk_create(
        ShortlistEntry(cycle=cycle, nominee=nominee) for nominee in nominees
    )
    record(
        cycle,
        "shortlist_set",
        user,
        nominees=sorted(nominee.pk for nominee in nominees),
    )
    return cycle


def shortlisted_mentors(cycle):
    return (
        Member.objects.filter(pk__in=cycle.shortlist.values("nominee_id"))
        .select_related("user")
        .order_by("user__last_name", "user__first_name", "pk")
    )


def vote_of(cycle, member):
    if member is None:
        return None
    return (
        Vote.objects.filter(cycle=cycle, voter=member)
        .select_related("nominee__user")
        .first()
    )


@transaction.atomic
def cast_vote(user, cycle, nominee):
    """One vote per eligible member, cast once; the choice is recorded only
    on the ballot, never in the activity log, so nobody sees it early."""
    check(user, Action.VOTE, cycle)
    voter = member_for(user)
    problem = window_problem(cycle, AwardPhase.VOTING)
    if problem:
        raise TransitionNotAllowed(problem)
    if nominee.pk == voter.pk:
        raise NotAllowed(_("You cannot vote for yourself."))
    if not cycle.shortlist.filter(nominee=nominee).exists():
        raise MentoringError(_("Please choose a mentor on the ballot."))
    Member.objects.select_for_update().get(pk=voter.pk)
    earlier = vote_of(cycle, voter)
    if earlier is not None:
        raise TransitionNotAllowed(
            _("You voted on %(date)s; each member votes once.")
            % {"date": when(earlier.cast_at)}
        )
    vote = Vote.objects.create(cycle=cycle, voter=voter, nominee=nominee)
    record(cycle, "vote_cast", user)
    notifications.vote_cast(vote)
    return vote


def ballot_result(user, cycle):
    """Votes per shortlisted mentor, the most first; only after voting closes."""
    check(user, Action.MANAGE_AWARD, cycle)
    if not cycle.has_ballot:
        raise MentoringError(_("This award cycle has no vote."))
    if timezone.now() < cycle.ballot_closes_at:
        raise TransitionNotAllowed(
            _("Votes are counted when voting closes on %(date)s.")
            % {"date": when(cycle.ballot_closes_at)}
        )
    counts = dict(
        cycle.votes.values_list("nominee_id").annotate(n=Count("pk")).order_by()
    )
    mentors = list(shortlisted_mentors(cycle))
    for mentor in mentors:
        mentor.votes = counts.get(mentor.pk, 0)
    # sorted() is stable: equal counts stay in name order.
    return sorted(mentors, key=lambda mentor: -mentor.votes)


def turnout(user, cycle):
    """How many have voted so far; never for whom."""
    check(user, Action.MANAGE_AWARD, cycle)
    return cycle.votes.count()


# The winner ----------------------------------------------------------------------


def winner_problem(cycle):
    """Why staff cannot record the winner now, or None when they can."""
    if cycle.status == AwardCycleStatus.ANNOUNCED:
        return _("The winner has been announced; this cycle can no longer change.")
    if not cycle.members_part_over():
        if cycle.has_ballot:
            return _("The winner is chosen once voting closes on %(date)s.") % {
                "date": when(cycle.last_close)
            }
        return _("The winner is chosen once nominations close on %(date)s.") % {
            "date": when(cycle.last_close)
        }
    return None


@transaction.atomic
def record_winner(user, cycle, winner, citation):
    """Staff record the winner and the citation; the pages show them only
    once announced."""
    check(user, Action.MANAGE_AWARD, cycle)
    _lock(cycle)
    problem = winner_problem(cycle)
    if problem:
        raise TransitionNotAllowed(problem)
    candidates = (
        shortlisted_mentors(cycle)
        if cycle.has_ballot and cycle.shortlist.exists()
        else nominated_mentors(cycle)
    )
    if not candidates.filter(pk=winner.pk).exists():
        raise MentoringError(
            _("The winner must be a shortlisted mentor.")
            if cycle.has_ballot and cycle.shortlist.exists()
            else _("The winner must be a nominated mentor.")
        )
    if not citation or not citation.strip():
        raise MentoringError(_("Please write the citation read at the meeting."))
    cycle.winner = winner
    cycle.citation = citation.strip()
    if cycle.status == AwardCycleStatus.WINNER_CHOSEN:
        cycle.save(update_fields=["winner", "citation"])
        record(cycle, "winner_changed", user, winner=winner.pk)
        return cycle
    return move(
        cycle,
        AwardCycleStatus.WINNER_CHOSEN,
        user,
        "winner_chosen",
        update_fields=["winner", "citation"],
        winner=winner.pk,
    )


def invited_nominators(cycle):
    """Who is told that nominations are open: the programme's members who
    may nominate in ``cycle`` by its rules and are in good standing. Those
    who took part in the programme (an application or a partnership), in a
    fixed order, so a retry of the e-mails half-way skips nobody."""
    from ..conf import mentoring_settings
    from ..models import Application, MembershipStatus
    from ..permissions import award_eligibility_problem

    took_part = Member.objects.filter(
        Q(pk__in=Application.objects.filter(program=cycle.program).values("member"))
        | Q(pk__in=Mentorship.objects.filter(program=cycle.program).values("mentee")),
        career_stage__in=cycle.nominator_stages,
    ).select_related("user")
    if mentoring_settings.REQUIRE_ACTIVE_MEMBERSHIP:
        took_part = took_part.filter(membership_status=MembershipStatus.ACTIVE)
    return [
        member
        for member in took_part.order_by("pk")
        if member.email and award_eligibility_problem(member, cycle) is None
    ]


def invite_nominators(now=None):
    """Tell the members who may nominate that a cycle's nominations are
    open, once per cycle; what the daily round runs.

    The cycle's ``nominators_invited_at`` is the promise: set under the
    cycle's lock in the transaction that records the e-mails, so a second
    run (or a second server) finds it and sends nothing.
    """
    now = now or timezone.now()
    due = AwardCycle.objects.filter(
        status=AwardCycleStatus.SCHEDULED,
        nominations_open_at__lte=now,
        nominations_close_at__gt=now,
        nominators_invited_at__isnull=True,
    )
    invited = 0
    for cycle in due.select_related("program"):
        with transaction.atomic():
            locked = AwardCycle.objects.select_for_update().get(pk=cycle.pk)
            if locked.nominators_invited_at is not None:
                continue
            cycle.nominators_invited_at = now
            cycle.save(update_fields=["nominators_invited_at"])
            record(cycle, "nominators_invited", None)
            notifications.nominations_open(cycle)
            invited += 1
    return invited


@transaction.atomic
def announce_winner(user, cycle):
    """Make the winner public: the award pages show them from now on."""
    check(user, Action.MANAGE_AWARD, cycle)
    _lock(cycle)
    if cycle.status == AwardCycleStatus.SCHEDULED:
        raise TransitionNotAllowed(
            _("Choose the winner and write the citation before announcing.")
        )
    cycle.announced_at = timezone.now()
    move(
        cycle,
        AwardCycleStatus.ANNOUNCED,
        user,
        "winner_announced",
        update_fields=["announced_at"],
    )
    notifications.award_announced(cycle)
    return cycle
