"""When nominations open, the members who may nominate are told, once."""

import datetime

import pytest
import time_machine
from django.core import mail
from django.utils import timezone

from acnm_mentoring_plugin.models import (
    ActivityRecord,
    CareerStage,
    MembershipStatus,
    MentorshipStatus,
)
from acnm_mentoring_plugin.tasks import run_daily
from tests import factories
from tests.test_award import make_cycle, mentored

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(program):
    jordan, helen = mentored(program, "Jordan Rivera", "Helen Marsh")
    priya, omar = mentored(program, "Priya Shah", "Omar Haddad", CareerStage.FELLOW)
    lapsed, _ = mentored(program, "Leo Brandt", "Grace Adeyemi")
    lapsed.membership_status = MembershipStatus.LAPSED
    lapsed.save()
    # Accepted, still looking for a mentor: not a mentee of the programme yet.
    waiting = factories.ApplicationFactory(program=program).member
    # A mentee of another programme only.
    other = factories.ProgramFactory(slug="other", name="Other Programme")
    elsewhere, _ = mentored(other, "Alma Novak", "Daniel Cho")
    return {
        "jordan": jordan,
        "priya": priya,
        "helen": helen,
        "waiting": waiting,
        "elsewhere": elsewhere,
        "lapsed": lapsed,
    }


def invitations():
    return [
        message for message in mail.outbox if "Nominate the Best" in message.subject
    ]


def test_when_nominations_open_each_mentee_who_may_nominate_is_told_once(
    program, people
):
    now = timezone.now()
    cycle = make_cycle(
        program,
        nominations_open_at=now + datetime.timedelta(days=2),
        nominations_close_at=now + datetime.timedelta(days=12),
    )
    assert run_daily.call()["nominators_invited"] == 0
    assert invitations() == []

    with time_machine.travel(now + datetime.timedelta(days=3)):
        assert run_daily.call()["nominators_invited"] == 1
        assert run_daily.call()["nominators_invited"] == 0

    sent = invitations()
    assert sorted(message.to[0] for message in sent) == sorted(
        [people["jordan"].email, people["priya"].email]
    )
    jordan = next(m for m in sent if m.to == [people["jordan"].email])
    assert jordan.subject == "Nominate the Best Mentor of the Year 2026"
    assert "Dear Jordan Rivera," in jordan.body
    assert "the award is chosen by its residents and fellows." in jordan.body
    assert "Nominate your mentor" in jordan.body
    html, kind = jordan.alternatives[0]
    assert kind == "text/html"
    assert "Nominate your mentor" in html
    assert "only you and programme staff read them" in html

    cycle.refresh_from_db()
    assert cycle.nominators_invited_at is not None
    assert ActivityRecord.objects.filter(
        object_id=str(cycle.pk), action="nominators_invited", actor=None
    ).exists()


def test_a_cycle_any_member_may_nominate_in_invites_applicants_too(program, people):
    make_cycle(
        program,
        nominators_need_mentorship=False,
        nominee_rule="programme_mentors",
    )
    run_daily.call()

    told = sorted(message.to[0] for message in invitations())
    assert told == sorted(
        [people["jordan"].email, people["priya"].email, people["waiting"].email]
    )
    assert "Nominate any mentor of the programme" in invitations()[0].body


def test_a_closed_cycle_invites_nobody(program, people):
    now = timezone.now()
    make_cycle(
        program,
        year=2025,
        nominations_open_at=now - datetime.timedelta(days=20),
        nominations_close_at=now - datetime.timedelta(days=10),
    )
    run_daily.call()
    assert invitations() == []


def test_a_mentee_whose_partnership_ended_early_is_not_told(program, people):
    mentorship = people["jordan"].mentorships_as_mentee.get()
    mentorship.status = MentorshipStatus.ENDED_EARLY
    mentorship.save()
    make_cycle(program)
    run_daily.call()
    assert [message.to[0] for message in invitations()] == [people["priya"].email]
