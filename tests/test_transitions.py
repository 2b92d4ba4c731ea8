"""Each state machine, step by step: what the services allow and refuse.

For every state of a record and every step a service offers, the step
succeeds exactly when the programme's flow allows it, and is recorded with
who, from and to.
"""

import datetime

import pytest
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from acnm_mentoring_plugin import services
from acnm_mentoring_plugin.exceptions import TransitionNotAllowed
from acnm_mentoring_plugin.models import (
    ActivityRecord,
    Application,
    ApplicationStatus,
    AwardCycle,
    AwardCycleStatus,
    Mentorship,
    MentorshipStatus,
    Nomination,
    NominationStatus,
)
from acnm_mentoring_plugin.states import FLOWS
from tests import factories

pytestmark = pytest.mark.django_db


def records_of(obj):
    return ActivityRecord.objects.filter(
        content_type=ContentType.objects.get_for_model(obj), object_id=str(obj.pk)
    )


def assert_step(obj, from_state, to_state, step, actor):
    """Run ``step`` on ``obj`` in ``from_state``; check it obeys the flow."""
    obj.status = from_state
    obj.save(update_fields=["status"])
    allowed = to_state in FLOWS[type(obj)][from_state]
    before = records_of(obj).count()
    if allowed:
        step(obj)
        obj.refresh_from_db()
        assert obj.status == to_state
        last = records_of(obj).first()
        assert (last.from_state, last.to_state) == (from_state, to_state)
        assert last.actor == actor
    else:
        with pytest.raises(TransitionNotAllowed):
            step(obj)
        obj.refresh_from_db()
        assert obj.status == from_state
        assert records_of(obj).count() == before


APPLICATION_STEPS = {
    ApplicationStatus.UNDER_REVIEW: ("staff", services.start_review),
    ApplicationStatus.ACCEPTED: ("staff", services.accept_application),
    ApplicationStatus.DECLINED: ("staff", services.decline_application),
    ApplicationStatus.WITHDRAWN: ("applicant", services.withdraw_application),
}


@pytest.mark.parametrize("from_state", ApplicationStatus.values)
@pytest.mark.parametrize("to_state", list(APPLICATION_STEPS))
def test_application_steps_follow_the_flow(from_state, to_state, staff_user):
    application = factories.ApplicationFactory()
    who, service = APPLICATION_STEPS[to_state]
    actor = staff_user if who == "staff" else application.member.user
    assert_step(application, from_state, to_state, lambda a: service(actor, a), actor)


MENTORSHIP_STEPS = {
    MentorshipStatus.ACCEPTED: ("mentor", services.accept_request),
    MentorshipStatus.DECLINED: ("mentor", services.decline_request),
    MentorshipStatus.WITHDRAWN: ("mentee", services.withdraw_request),
    MentorshipStatus.COMPLETED: ("staff", services.complete_mentorship),
    MentorshipStatus.ENDED_EARLY: (
        "mentee",
        lambda user, m: services.end_mentorship_early(user, m, "Moved abroad."),
    ),
}


@pytest.mark.parametrize("from_state", MentorshipStatus.values)
@pytest.mark.parametrize("to_state", list(MENTORSHIP_STEPS))
def test_mentorship_steps_follow_the_flow(from_state, to_state, staff_user):
    mentorship = factories.MentorshipFactory()
    who, service = MENTORSHIP_STEPS[to_state]
    actor = {
        "mentor": mentorship.mentor.user,
        "mentee": mentorship.mentee.user,
        "staff": staff_user,
    }[who]
    assert_step(mentorship, from_state, to_state, lambda m: service(actor, m), actor)


@pytest.mark.parametrize("from_state", MentorshipStatus.values)
def test_request_expiry_follows_the_flow(from_state):
    mentorship = factories.MentorshipFactory()
    assert_step(
        mentorship,
        from_state,
        MentorshipStatus.EXPIRED,
        services.expire_request,
        None,
    )


def test_both_signatures_make_the_partnership_active(program):
    mentorship = factories.MentorshipFactory(
        program=program, status=MentorshipStatus.ACCEPTED
    )
    agreement = factories.AgreementFactory(mentorship=mentorship)
    mentee, mentor = mentorship.mentee, mentorship.mentor
    services.sign_agreement(
        mentee.user, agreement, mentee.display_name, goals="Publish", years=2
    )
    mentorship.refresh_from_db()
    assert mentorship.status == MentorshipStatus.ACCEPTED
    services.sign_agreement(mentor.user, agreement, mentor.display_name)
    mentorship.refresh_from_db()
    assert mentorship.status == MentorshipStatus.ACTIVE
    assert mentorship.planned_end_date.year == mentorship.start_date.year + 2
    activated = records_of(mentorship).first()
    assert (activated.from_state, activated.to_state) == ("accepted", "active")


@pytest.mark.parametrize(
    "from_state",
    [s for s in MentorshipStatus.values if s != MentorshipStatus.ACCEPTED],
)
def test_agreement_cannot_be_signed_unless_the_request_was_accepted(from_state):
    agreement = factories.AgreementFactory(mentorship__status=from_state)
    mentee = agreement.mentorship.mentee
    with pytest.raises(TransitionNotAllowed):
        services.sign_agreement(mentee.user, agreement, mentee.display_name)
    agreement.refresh_from_db()
    assert agreement.mentee_signed_at is None


def closed_cycle_with_a_nomination():
    now = timezone.now()
    cycle = factories.AwardCycleFactory(
        nominations_open_at=now - datetime.timedelta(days=20),
        nominations_close_at=now - datetime.timedelta(days=1),
    )
    return cycle, factories.NominationFactory(cycle=cycle).nominee


@pytest.mark.parametrize("from_state", AwardCycleStatus.values)
def test_choosing_the_winner_follows_the_flow(from_state, staff_user):
    cycle, nominee = closed_cycle_with_a_nomination()
    if from_state == AwardCycleStatus.WINNER_CHOSEN:
        pytest.skip("choosing again changes the winner: test_award")
    assert_step(
        cycle,
        from_state,
        AwardCycleStatus.WINNER_CHOSEN,
        lambda c: services.record_winner(staff_user, c, nominee, "For years."),
        staff_user,
    )


@pytest.mark.parametrize("from_state", AwardCycleStatus.values)
def test_announcing_follows_the_flow(from_state, staff_user):
    cycle, _nominee = closed_cycle_with_a_nomination()
    assert_step(
        cycle,
        from_state,
        AwardCycleStatus.ANNOUNCED,
        lambda c: services.announce_winner(staff_user, c),
        staff_user,
    )


@pytest.mark.parametrize("from_state", NominationStatus.values)
def test_nomination_withdrawal_follows_the_flow(from_state):
    nomination = factories.NominationFactory()
    user = nomination.nominator.user
    assert_step(
        nomination,
        from_state,
        NominationStatus.WITHDRAWN,
        lambda n: services.withdraw_nomination(user, n),
        user,
    )


def test_every_state_of_every_record_has_a_flow_entry():
    for model, field_choices in [
        (Application, ApplicationStatus),
        (Mentorship, MentorshipStatus),
        (AwardCycle, AwardCycleStatus),
        (Nomination, NominationStatus),
    ]:
        assert set(FLOWS[model]) == set(field_choices.values)
