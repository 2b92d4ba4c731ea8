"""Many people acting at the same moment never break the programme's promises.

The programme promises a mentor that they will never have more mentees than
the capacity they gave, a mentee that they get one mentor, and every member a
plain answer when the place they wanted has just gone. On a busy morning the
mentor accepting a request, the coordinator matching a pair and other
mentees' requests can all arrive within the same second; each of these tests
releases many of them at once, each on its own database connection, and
checks that exactly the promised number succeed and everyone else is told
why, in words, and not with a server error.

The services keep these promises with PostgreSQL's row locks. SQLite locks
the whole database for a write, so these tests only run on PostgreSQL: the
CI's second run sets ``DATABASE_URL``.
"""

import threading
from functools import partial

import pytest
from django.db import connection

from acnm_mentoring_plugin import services
from acnm_mentoring_plugin.exceptions import CapacityReached, MentoringError
from acnm_mentoring_plugin.models import (
    Agreement,
    ApplicationRole,
    ApplicationStatus,
    Mentorship,
    MentorshipStatus,
)
from tests import factories

pytestmark = [
    # Committed data, so the threads' own connections see it; restored like
    # the browser tests' (a flush after them leaves no permissions behind).
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="needs PostgreSQL's row locks; `make test` runs it with "
        "DATABASE_URL set",
    ),
]

#: How long a thread may wait for a row lock before the test calls it a hang.
LOCK_TIMEOUT = "10s"


def run_at_once(calls):
    """Run every call in its own thread and connection, all released together.

    Returns ``(successes, refusals, failures)``: the calls' results, the
    ``MentoringError`` they raised, and any other exception (a deadlock, an
    ``IntegrityError``, a lock timeout), which is a bug.
    """
    barrier = threading.Barrier(len(calls))
    outcomes = [None] * len(calls)

    def attempt(index, call):
        try:
            with connection.cursor() as cursor:
                # Opens this thread's own connection before the start, so the
                # calls race for the rows and not for a connection.
                cursor.execute(f"SET lock_timeout = '{LOCK_TIMEOUT}'")
            barrier.wait(timeout=30)
            outcomes[index] = ("success", call())
        except MentoringError as error:
            outcomes[index] = ("refusal", error)
        except BaseException as error:  # noqa: BLE001 - reported by the test
            outcomes[index] = ("failure", error)
        finally:
            connection.close()

    threads = [
        threading.Thread(target=attempt, args=(index, call))
        for index, call in enumerate(calls)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not any(thread.is_alive() for thread in threads), "a call never finished"

    def of(kind):
        return [value for outcome, value in outcomes if outcome == kind]

    return of("success"), of("refusal"), of("failure")


def describe(failures):
    return [
        f"{type(error).__module__}.{type(error).__name__}: {error}"
        for error in failures
    ]


def fresh(obj):
    """The record as a request would load it: no caches shared between threads."""
    return type(obj).objects.get(pk=obj.pk)


def places_held(profile):
    return Mentorship.objects.filter(
        program=profile.program,
        mentor=profile.member,
        status__in=MentorshipStatus.holding_a_place(),
    ).count()


def accepted_mentee(program):
    mentee = factories.MemberFactory()
    factories.ApplicationFactory(
        program=program,
        member=mentee,
        role=ApplicationRole.MENTEE,
        status=ApplicationStatus.ACCEPTED,
    )
    return mentee


def test_fifty_people_taking_a_mentors_last_place_at_once_leaves_one_winner(
    program, staff_user
):
    profile = factories.MentorProfileFactory(program=program, capacity=2)
    mentor = profile.member
    factories.MentorshipFactory(
        program=program, mentor=mentor, status=MentorshipStatus.ACCEPTED
    )
    requests = [
        factories.MentorshipFactory(
            program=program, mentor=mentor, status=MentorshipStatus.REQUESTED
        )
        for _ in range(50)
    ]
    unrequested_mentees = [factories.MemberFactory() for _ in range(25)]

    calls = []
    for request, mentee in zip(requests[:25], unrequested_mentees, strict=True):
        calls.append(partial(services.accept_request, fresh(mentor.user), request))
        calls.append(
            partial(services.match_pair, fresh(staff_user), fresh(profile), mentee)
        )

    successes, refusals, failures = run_at_once(calls)

    assert describe(failures) == []
    assert len(successes) == 1
    assert len(refusals) == 49
    for refusal in refusals:
        assert isinstance(refusal, CapacityReached), refusal
        assert str(refusal.message) == (
            f"{mentor} has no free place for a new mentee at the moment."
        )
    assert places_held(profile) == profile.capacity == 2
    (winner,) = successes
    winner.refresh_from_db()
    assert winner.status == MentorshipStatus.ACCEPTED
    assert Agreement.objects.filter(mentorship__mentor=mentor).count() == 1
    # The requests not accepted still wait for their mentor's answer.
    assert Mentorship.objects.filter(
        mentor=mentor, status=MentorshipStatus.REQUESTED
    ).count() == 50 - (0 if winner.matched_by_staff else 1)


def test_a_mentee_sending_fifty_requests_at_once_has_only_three_open(program):
    program.max_open_requests = 3
    program.save(update_fields=["max_open_requests"])
    mentee = accepted_mentee(program)
    profiles = [factories.MentorProfileFactory(program=program) for _ in range(50)]

    calls = [
        partial(services.request_mentor, fresh(mentee.user), profile)
        for profile in profiles
    ]

    successes, refusals, failures = run_at_once(calls)

    assert describe(failures) == []
    assert len(successes) == 3
    assert len(refusals) == 47
    for refusal in refusals:
        assert str(refusal.message) == (
            "You already have 3 open requests. Wait for an answer, or withdraw "
            "one, before asking another mentor."
        )
    assert Mentorship.objects.filter(mentee=mentee).count() == 3
    assert (
        Mentorship.objects.filter(
            mentee=mentee, status=MentorshipStatus.REQUESTED
        ).count()
        == 3
    )


def test_two_mentors_accepting_the_same_mentee_at_once_gives_them_one_mentor(
    program,
):
    first = factories.MentorProfileFactory(program=program, capacity=20)
    second = factories.MentorProfileFactory(program=program, capacity=20)
    third = factories.MentorProfileFactory(program=program, capacity=20)

    # A few rounds: the race is between two threads, so give it several chances.
    for _ in range(10):
        mentee = accepted_mentee(program)
        to_first, to_second, to_third = (
            factories.MentorshipFactory(
                program=program,
                mentor=profile.member,
                mentee=mentee,
                status=MentorshipStatus.REQUESTED,
            )
            for profile in (first, second, third)
        )

        successes, refusals, failures = run_at_once(
            [
                partial(services.accept_request, fresh(first.member.user), to_first),
                partial(services.accept_request, fresh(second.member.user), to_second),
            ]
        )

        assert describe(failures) == []
        assert len(successes) == 1
        assert len(refusals) == 1
        (refusal,) = refusals
        assert str(refusal.message) == (
            f"{mentee} already has a mentor in this programme."
        )
        (accepted,) = successes
        statuses = {
            request.pk: Mentorship.objects.get(pk=request.pk).status
            for request in (to_first, to_second, to_third)
        }
        assert statuses.pop(accepted.pk) == MentorshipStatus.ACCEPTED
        assert set(statuses.values()) == {MentorshipStatus.WITHDRAWN}
        assert (
            Mentorship.objects.filter(
                mentee=mentee, status__in=MentorshipStatus.holding_a_place()
            ).count()
            == 1
        )
