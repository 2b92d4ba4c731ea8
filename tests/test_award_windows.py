"""Nominations and votes open and close at the exact moment staff set, in
whatever time zone the site runs, and the Annual Meeting is the site's day.

The clock is frozen at each edge: a microsecond before, and on the moment.
"""

import datetime
import zoneinfo

import pytest
import time_machine
from django.core.exceptions import ValidationError

from acnm_mentoring_plugin import services
from acnm_mentoring_plugin.exceptions import MentoringError
from acnm_mentoring_plugin.models import AwardCycle, AwardPhase, Nomination
from tests.test_award import STATEMENT, mentored

pytestmark = pytest.mark.django_db

ZONES = ["UTC", "America/Chicago", "Asia/Kolkata", "Pacific/Auckland"]
TICK = datetime.timedelta(microseconds=1)


def local(zone, *parts):
    return datetime.datetime(*parts, tzinfo=zoneinfo.ZoneInfo(zone))


@pytest.fixture(params=ZONES)
def zone(request, settings):
    settings.TIME_ZONE = request.param
    return request.param


def cycle_in(zone, program, **extra):
    values = {
        "program": program,
        "year": 2026,
        "nominations_open_at": local(zone, 2027, 1, 4, 9),
        "nominations_close_at": local(zone, 2027, 2, 1, 0),
        "annual_meeting_date": datetime.date(2027, 3, 20),
    }
    values.update(extra)
    cycle = AwardCycle(**values)
    cycle.full_clean()
    cycle.save()
    return cycle


def test_nominations_open_and_close_on_the_moment(zone, program):
    jordan, helen = mentored(program, "Jordan Rivera", "Helen Marsh")
    cycle = cycle_in(zone, program)
    opens, closes = cycle.nominations_open_at, cycle.nominations_close_at

    with time_machine.travel(opens - TICK, tick=False):
        assert cycle.phase() == AwardPhase.NOT_OPEN
        with pytest.raises(MentoringError) as refused:
            services.nominate(jordan.user, cycle, helen, STATEMENT)
        # The member reads the opening in the site's time, named.
        assert "Nominations open on Jan. 4, 2027, 9 a.m." in str(refused.value)
        assert str(refused.value).endswith(f"{opens.tzname()}.")
    with time_machine.travel(opens, tick=False):
        assert cycle.phase() == AwardPhase.NOMINATING
        services.nominate(jordan.user, cycle, helen, STATEMENT)
    with time_machine.travel(closes - TICK, tick=False):
        _nomination, outcome = services.nominate(
            jordan.user, cycle, helen, STATEMENT + " Still true."
        )
        assert outcome == "changed"
    with time_machine.travel(closes, tick=False):
        assert cycle.phase() == AwardPhase.CLOSED
        with pytest.raises(MentoringError, match="Nominations closed on Feb. 1, 2027"):
            services.nominate(jordan.user, cycle, helen, STATEMENT)
        with pytest.raises(MentoringError, match="Nominations closed"):
            services.withdraw_nomination(
                jordan.user, Nomination.objects.get(cycle=cycle)
            )
    assert Nomination.objects.get(cycle=cycle).statement.endswith("Still true.")


def test_the_ballot_opens_and_closes_on_the_moment(zone, program, staff_user):
    jordan, helen = mentored(program, "Jordan Rivera", "Helen Marsh")
    cycle = cycle_in(
        zone,
        program,
        ballot_opens_at=local(zone, 2027, 2, 8, 9),
        ballot_closes_at=local(zone, 2027, 3, 1, 0),
    )
    with time_machine.travel(cycle.nominations_open_at, tick=False):
        services.nominate(jordan.user, cycle, helen, STATEMENT)
    with time_machine.travel(cycle.nominations_close_at, tick=False):
        services.set_shortlist(staff_user, cycle, [helen])
    with time_machine.travel(cycle.ballot_opens_at - TICK, tick=False):
        assert cycle.phase() == AwardPhase.CLOSED
        with pytest.raises(MentoringError, match="Voting opens on Feb. 8, 2027"):
            services.cast_vote(jordan.user, cycle, helen)
    with time_machine.travel(cycle.ballot_opens_at, tick=False):
        assert cycle.phase() == AwardPhase.VOTING
        services.cast_vote(jordan.user, cycle, helen)
    with (
        time_machine.travel(cycle.ballot_closes_at - TICK, tick=False),
        pytest.raises(MentoringError, match="counted when voting closes"),
    ):
        services.ballot_result(staff_user, cycle)
    with time_machine.travel(cycle.ballot_closes_at, tick=False):
        assert cycle.phase() == AwardPhase.CLOSED
        assert [m.votes for m in services.ballot_result(staff_user, cycle)] == [1]


def test_nominations_close_before_the_meeting_day_begins_where_the_site_is(
    zone, program
):
    midnight = local(zone, 2027, 3, 20, 0)
    cycle_in(zone, program, nominations_close_at=midnight)  # the last moment
    with pytest.raises(ValidationError) as refused:
        cycle_in(zone, program, year=2027, nominations_close_at=midnight + TICK)
    assert "before the Annual Meeting" in str(refused.value)


def test_the_same_instant_is_before_the_meeting_in_chicago_but_not_in_utc(
    settings, program
):
    close = datetime.datetime(2027, 3, 20, 3, tzinfo=datetime.UTC)
    settings.TIME_ZONE = "America/Chicago"  # 22:00 on the 19th there
    cycle_in("America/Chicago", program, nominations_close_at=close)
    settings.TIME_ZONE = "UTC"  # 03:00 on the meeting day
    with pytest.raises(ValidationError, match="before the Annual Meeting"):
        cycle_in("UTC", program, year=2027, nominations_close_at=close)


def test_a_ballot_must_follow_nominations_and_end_before_the_meeting(zone, program):
    for ballot, message in [
        ((local(zone, 2027, 1, 31, 0), None), "both the opening and the closing"),
        ((local(zone, 2027, 1, 31, 0), local(zone, 2027, 2, 5)), "once nominations"),
        ((local(zone, 2027, 2, 5), local(zone, 2027, 2, 4)), "close after it opens"),
        (
            (local(zone, 2027, 2, 5), local(zone, 2027, 3, 20, 0, 1)),
            "before the Annual Meeting",
        ),
    ]:
        opens, closes = ballot
        with pytest.raises(ValidationError, match=message):
            cycle_in(zone, program, ballot_opens_at=opens, ballot_closes_at=closes)
    assert not AwardCycle.objects.exists()
