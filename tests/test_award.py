"""The Best Mentor of the Year, run through the plugin's pages: a cycle from
open nominations to the winner among past recipients, and every refusal said
in words."""

import datetime

import pytest
import time_machine
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from acnm_mentoring_plugin import services
from acnm_mentoring_plugin.exceptions import MentoringError
from acnm_mentoring_plugin.models import (
    ActivityRecord,
    AwardCycleStatus,
    CareerStage,
    MentorshipStatus,
    Nomination,
    NominationStatus,
    NomineeRule,
)
from tests import factories
from tests.test_directory import CommittingClient

pytestmark = pytest.mark.django_db

STATEMENT = (
    "Dr Marsh read every draft of my first abstract and taught me how to "
    "present PET findings to a tumour board."
)


def mentored(program, mentee_name, mentor_name, stage=CareerStage.RESIDENT):
    """A mentee with an active partnership with a listed mentor."""
    first, last = mentee_name.split()
    mentee = factories.MemberFactory(
        user__username=first.lower(),
        user__first_name=first,
        user__last_name=last,
        career_stage=stage,
    )
    first, last = mentor_name.split()
    profile = factories.MentorProfileFactory(
        program=program,
        member__user__username=last.lower(),
        member__user__first_name=first,
        member__user__last_name=last,
    )
    factories.MentorshipFactory(
        program=program,
        mentee=mentee,
        mentor=profile.member,
        status=MentorshipStatus.ACTIVE,
    )
    return mentee, profile.member


@pytest.fixture
def client():
    return CommittingClient()


@pytest.fixture
def people(program):
    jordan, helen = mentored(program, "Jordan Rivera", "Helen Marsh")
    priya, omar = mentored(program, "Priya Shah", "Omar Haddad", CareerStage.FELLOW)
    return {"jordan": jordan, "helen": helen, "priya": priya, "omar": omar}


def make_cycle(program, **extra):
    now = timezone.now()
    values = {
        "program": program,
        "year": 2026,
        "nominations_open_at": now - datetime.timedelta(days=1),
        "nominations_close_at": now + datetime.timedelta(days=10),
        "annual_meeting_date": (now + datetime.timedelta(days=60)).date(),
    }
    values.update(extra)
    return factories.AwardCycleFactory(**values)


def award_page(client, program):
    return client.get(reverse("acnm_mentoring:award", args=[program.slug]))


def nominate(client, cycle, nominee, statement=STATEMENT):
    return client.post(
        reverse("acnm_mentoring:nominate", args=[cycle.program.slug, cycle.year]),
        {"nominee": nominee.pk, "statement": statement},
        follow=True,
    )


def vote(client, cycle, nominee):
    return client.post(
        reverse("acnm_mentoring:vote", args=[cycle.program.slug, cycle.year]),
        {"nominee": nominee.pk},
        follow=True,
    )


def test_a_cycle_runs_from_nominations_to_the_winner_among_past_recipients(
    client, program, people, staff_user, django_capture_on_commit_callbacks
):
    cycle = make_cycle(program)
    page = award_page(client, program).content.decode()
    assert "Nominations open" in page
    assert "Sign in to nominate" in page

    client.force_login(people["jordan"].user)
    page = award_page(client, program).content.decode()
    # Jordan may nominate only his own mentor.
    assert "Helen Marsh" in page and "Omar Haddad" not in page
    page = nominate(client, cycle, people["helen"]).content.decode()
    assert "your nomination of Helen Marsh is received" in page
    assert "You nominated Helen Marsh" in page
    assert mail.outbox[-1].to == [people["jordan"].email]
    assert "Helen Marsh" in mail.outbox[-1].body
    assert mail.outbox[-1].alternatives[0][1] == "text/html"

    client.force_login(people["priya"].user)
    nominate(client, cycle, people["omar"])

    with time_machine.travel(cycle.nominations_close_at, tick=False):
        page = award_page(client, program).content.decode()
        assert "Nominations closed" in page
        assert "announced at the Annual Meeting" in page
        tallies = services.nomination_tallies(staff_user, cycle)
        assert [(m.display_name, m.nominations) for m in tallies] == [
            ("Omar Haddad", 1),
            ("Helen Marsh", 1),
        ]
        services.record_winner(
            staff_user, cycle, people["helen"], "For years of patient teaching."
        )
        # Chosen, but not public until announced.
        assert "Helen Marsh" not in award_page(client, program).content.decode()
        mail.outbox.clear()
        with django_capture_on_commit_callbacks(execute=True):
            services.announce_winner(staff_user, cycle)

    client.logout()
    page = award_page(client, program).content.decode()
    assert "The Best Mentor of the Year 2026 is <strong>Helen Marsh</strong>" in page
    assert "For years of patient teaching." in page
    assert "Past recipients" not in page  # she is not listed twice

    # A year on, the next cycle is on show and she is among past recipients.
    make_cycle(
        program,
        year=2027,
        nominations_open_at=timezone.now() + datetime.timedelta(days=300),
        nominations_close_at=timezone.now() + datetime.timedelta(days=330),
        annual_meeting_date=(timezone.now() + datetime.timedelta(days=400)).date(),
    )
    page = award_page(client, program).content.decode()
    assert "Best Mentor of the Year 2027" in page and "Nominations open on" in page
    assert "Past recipients" in page
    assert "<strong>2026</strong>: Helen Marsh" in page
    assert "For years of patient teaching." in page
    assert mail.outbox[0].to == [people["helen"].email]
    actions = set(
        ActivityRecord.objects.filter(actor=staff_user).values_list("action", flat=True)
    )
    assert {"winner_chosen", "winner_announced"} <= actions


def test_a_second_nomination_changes_the_first_and_can_be_withdrawn(
    client, program, people
):
    cycle = make_cycle(program, nominee_rule=NomineeRule.PROGRAMME_MENTORS)
    client.force_login(people["jordan"].user)
    nominate(client, cycle, people["helen"])
    page = nominate(client, cycle, people["omar"], STATEMENT + " Really.").content
    assert b"Your nomination is updated." in page
    nomination = Nomination.objects.get(cycle=cycle, nominator=people["jordan"])
    assert nomination.nominee == people["omar"]
    assert Nomination.objects.filter(cycle=cycle).count() == 1

    page = client.post(
        reverse("acnm_mentoring:withdraw_nomination", args=[program.slug, cycle.year]),
        follow=True,
    ).content.decode()
    assert "Your nomination is withdrawn" in page
    nomination.refresh_from_db()
    assert nomination.status == NominationStatus.WITHDRAWN
    assert "Send nomination" in page


@pytest.mark.parametrize(
    "who, reason",
    [
        ("faculty", "chosen by residents and fellows"),
        ("researcher", "chosen by residents and fellows"),
        ("unmentored", "you need an active or completed mentorship"),
        ("lapsed", "Your membership is not active"),
    ],
)
def test_a_member_outside_the_rules_is_told_why(client, program, people, who, reason):
    cycle = make_cycle(program)
    member = {
        "faculty": lambda: factories.FacultyFactory(),
        "researcher": lambda: mentored(
            program, "Ada Byron", "Carl Sagan", CareerStage.RESEARCHER
        )[0],
        "unmentored": lambda: factories.MemberFactory(),
        "lapsed": lambda: factories.MemberFactory(membership_status="lapsed"),
    }[who]()
    client.force_login(member.user)
    page = award_page(client, program)
    assert page.status_code == 200
    assert reason in page.content.decode()
    # Posting anyway changes nothing and says why.
    response = nominate(client, cycle, people["helen"])
    assert response.status_code == 200
    assert reason in response.content.decode()
    assert not Nomination.objects.exists()


def test_the_cycle_can_let_researchers_and_anyone_nominate_any_mentor(
    client, program, people
):
    cycle = make_cycle(
        program,
        nominator_stages=[CareerStage.RESEARCHER],
        nominators_need_mentorship=False,
        nominee_rule=NomineeRule.PROGRAMME_MENTORS,
    )
    researcher = factories.MemberFactory(career_stage=CareerStage.RESEARCHER)
    client.force_login(researcher.user)
    page = nominate(client, cycle, people["omar"]).content.decode()
    assert "your nomination of Omar Haddad is received" in page
    client.force_login(people["jordan"].user)
    assert "chosen by researchers" in award_page(client, program).content.decode()


def test_a_statement_out_of_bounds_or_a_stranger_nominee_is_kept_with_the_reason(
    client, program, people
):
    cycle = make_cycle(program, statement_min_length=50, statement_max_length=200)
    client.force_login(people["jordan"].user)
    page = nominate(client, cycle, people["helen"], "Great.").content.decode()
    assert "at least 50 characters" in page and "you wrote 6" in page
    assert "Great.</textarea>" in page
    page = nominate(client, cycle, people["helen"], "x" * 201).content.decode()
    assert "keep the statement to 200 characters" in page
    page = nominate(client, cycle, people["omar"]).content.decode()
    assert "Please choose one of the mentors." in page
    assert STATEMENT in page
    assert not Nomination.objects.exists()
    with pytest.raises(MentoringError, match="mentored you"):
        services.nominate(people["jordan"].user, cycle, people["omar"], STATEMENT)
    with pytest.raises(MentoringError, match="yourself"):
        services.nominate(people["jordan"].user, cycle, people["jordan"], STATEMENT)


def test_the_ballot_is_voted_once_and_counted_only_after_it_closes(
    client, program, people, staff_user
):
    now = timezone.now()
    cycle = make_cycle(
        program,
        nominee_rule=NomineeRule.PROGRAMME_MENTORS,
        ballot_opens_at=now + datetime.timedelta(days=11),
        ballot_closes_at=now + datetime.timedelta(days=20),
    )
    for name, nominee in (("jordan", "helen"), ("priya", "omar")):
        client.force_login(people[name].user)
        nominate(client, cycle, people[nominee])

    with time_machine.travel(now + datetime.timedelta(days=10, hours=12)):
        assert "Voting on the shortlist opens" in award_page(client, program).text
        services.set_shortlist(staff_user, cycle, [people["helen"], people["omar"]])

    with time_machine.travel(now + datetime.timedelta(days=12)):
        client.force_login(people["jordan"].user)
        page = award_page(client, program).text
        assert "Voting open" in page and "Cast my vote" in page
        page = vote(client, cycle, people["omar"]).text
        assert "your vote for Omar Haddad is recorded" in page
        assert "You voted for Omar Haddad" in page
        page = vote(client, cycle, people["helen"]).text
        assert "each member votes once" in page
        client.force_login(people["priya"].user)
        vote(client, cycle, people["omar"])
        with pytest.raises(MentoringError, match="counted when voting closes"):
            services.ballot_result(staff_user, cycle)
        with pytest.raises(MentoringError, match="shortlist can no longer change"):
            services.set_shortlist(staff_user, cycle, [people["helen"]])
        with pytest.raises(MentoringError, match="once voting close"):
            services.record_winner(staff_user, cycle, people["omar"], "Citation")
        # The activity log says that a vote was cast, never for whom.
        assert all(
            record.detail == {}
            for record in ActivityRecord.objects.filter(action="vote_cast")
        )

    with time_machine.travel(now + datetime.timedelta(days=20)):
        result = services.ballot_result(staff_user, cycle)
        assert [(m.display_name, m.votes) for m in result] == [
            ("Omar Haddad", 2),
            ("Helen Marsh", 0),
        ]
        services.record_winner(staff_user, cycle, people["omar"], "Chosen by all.")
        services.announce_winner(staff_user, cycle)
    assert cycle.status == AwardCycleStatus.ANNOUNCED
    assert "Omar Haddad" in award_page(client, program).text


def test_only_those_who_vote_see_the_shortlist(client, program, people, staff_user):
    now = timezone.now()
    cycle = make_cycle(
        program,
        nominations_open_at=now - datetime.timedelta(days=20),
        nominations_close_at=now - datetime.timedelta(days=10),
        ballot_opens_at=now + datetime.timedelta(days=1),
        ballot_closes_at=now + datetime.timedelta(days=10),
    )
    factories.NominationFactory(
        cycle=cycle, nominator=people["jordan"], nominee=people["helen"]
    )
    services.set_shortlist(staff_user, cycle, [people["helen"]])
    type(cycle).objects.filter(pk=cycle.pk).update(ballot_opens_at=now)
    page = award_page(client, program).text
    assert "Voting open" in page and "Sign in to vote" in page
    assert "Helen Marsh" not in page
    client.force_login(factories.FacultyFactory().user)
    assert "Helen Marsh" not in award_page(client, program).text
    client.force_login(people["priya"].user)
    assert "On the ballot: Helen Marsh." in award_page(client, program).text


def test_nominations_are_confidential_to_the_nominator_and_staff(
    client, program, people, staff_user
):
    cycle = make_cycle(program)
    client.force_login(people["jordan"].user)
    nominate(client, cycle, people["helen"])
    for other in (people["priya"], people["helen"]):
        client.force_login(other.user)
        page = award_page(client, program).text
        assert STATEMENT not in page
        assert "You nominated" not in page
    client.logout()
    assert STATEMENT not in award_page(client, program).text


def test_a_nomination_sent_after_the_close_is_refused_with_the_date(
    client, program, people
):
    cycle = make_cycle(program)
    client.force_login(people["jordan"].user)
    with time_machine.travel(cycle.nominations_close_at, tick=False):
        page = nominate(client, cycle, people["helen"]).text
    assert "Nominations closed on" in page
    assert not Nomination.objects.exists()
