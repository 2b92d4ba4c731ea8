"""A member who clicks "Send nomination" many times, or votes from several
tabs at once, is stored once.

Each attempt runs on its own database connection, all released together.
The database's unique constraints would refuse a second row with an error;
the services take the member's row lock first, so every attempt after the
first finds the stored one and gets a plain answer instead. Like the other
concurrency tests, these need PostgreSQL's row locks.
"""

import datetime

from django.core import mail
from django.utils import timezone

from acnm_mentoring_plugin import services
from acnm_mentoring_plugin.models import ActivityRecord, Nomination, Vote
from tests import factories
from tests.test_award import STATEMENT, mentored

# Its marks too: committed data for the threads, PostgreSQL only.
from tests.test_capacity_concurrency import (  # noqa: F401
    describe,
    fresh,
    pytestmark,
    run_at_once,
)


def test_fifty_identical_nominations_at_once_store_one(program):
    jordan, helen = mentored(program, "Jordan Rivera", "Helen Marsh")
    cycle = factories.AwardCycleFactory(program=program)
    mail.outbox.clear()

    successes, refusals, failures = run_at_once(
        [
            lambda: services.nominate(
                fresh(jordan.user), fresh(cycle), fresh(helen), STATEMENT
            )
            for _ in range(50)
        ]
    )

    assert describe(failures) == []
    assert refusals == []
    assert sorted(outcome for _nomination, outcome in successes) == [
        "created",
        *["unchanged"] * 49,
    ]
    assert Nomination.objects.filter(cycle=cycle, nominator=jordan).count() == 1
    assert ActivityRecord.objects.filter(action="nominated").count() == 1
    # One confirmation, not fifty.
    assert [message.to for message in mail.outbox] == [[jordan.email]]


def test_fifty_votes_at_once_by_one_member_count_once(program, staff_user):
    jordan, helen = mentored(program, "Jordan Rivera", "Helen Marsh")
    now = timezone.now()
    cycle = factories.AwardCycleFactory(
        program=program,
        nominations_open_at=now - datetime.timedelta(days=20),
        nominations_close_at=now - datetime.timedelta(days=10),
        ballot_opens_at=now + datetime.timedelta(days=1),
        ballot_closes_at=now + datetime.timedelta(days=10),
    )
    factories.NominationFactory(cycle=cycle, nominator=jordan, nominee=helen)
    services.set_shortlist(staff_user, cycle, [helen])
    type(cycle).objects.filter(pk=cycle.pk).update(
        ballot_opens_at=now - datetime.timedelta(minutes=1)
    )

    successes, refusals, failures = run_at_once(
        [
            lambda: services.cast_vote(fresh(jordan.user), fresh(cycle), fresh(helen))
            for _ in range(50)
        ]
    )

    assert describe(failures) == []
    assert len(successes) == 1
    assert len(refusals) == 49
    assert all("each member votes once" in str(refusal) for refusal in refusals)
    assert Vote.objects.filter(cycle=cycle).count() == 1
