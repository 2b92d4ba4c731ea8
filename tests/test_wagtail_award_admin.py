"""Programme staff run the Best Mentor of the Year from the Wagtail admin:
set up a cycle, read the nominations, draw up the ballot, record and
announce the winner. The Django admin changes nothing around the services."""

import datetime
import re

import pytest
import time_machine
from django.contrib.admin.models import LogEntry
from django.contrib.auth.models import Permission
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from acnm_mentoring_plugin.models import (
    ActivityRecord,
    AwardCycle,
    AwardCycleStatus,
    CareerStage,
    MentorshipStatus,
    NominationStatus,
    ShortlistEntry,
    Vote,
)
from tests import factories

pytestmark = pytest.mark.django_db

VIEWS = "wagtailsnippets_acnm_mentoring_awardcycle"
TZ = timezone.get_default_timezone()


@pytest.fixture(autouse=True)
def sessions_outlast_the_cycle(settings):
    """The tests travel to the cycle's dates; staff stay signed in meanwhile."""
    settings.SESSION_COOKIE_AGE = 5 * 365 * 24 * 60 * 60


def url(name, cycle=None):
    return reverse(f"{VIEWS}:{name}", args=[cycle.pk] if cycle else [])


def moment(year, month, day, hour=9):
    return datetime.datetime(year, month, day, hour, tzinfo=TZ)


def typed(value):
    """A moment as staff type it in the admin's date and time field."""
    return timezone.localtime(value).strftime("%Y-%m-%d %H:%M")


def make_cycle(program, *, ballot=False, **extra):
    """Nominations in March, a vote in April when asked, the meeting in May."""
    values = {
        "program": program,
        "year": 2027,
        "nominations_open_at": moment(2027, 3, 1),
        "nominations_close_at": moment(2027, 3, 31),
        "annual_meeting_date": datetime.date(2027, 5, 10),
    }
    if ballot:
        values["ballot_opens_at"] = moment(2027, 4, 5)
        values["ballot_closes_at"] = moment(2027, 4, 20)
    values.update(extra)
    return factories.AwardCycleFactory(**values)


def person(first, last, factory=factories.MemberFactory, **extra):
    return factory(
        user__username=f"{first}.{last}".lower(),
        user__first_name=first,
        user__last_name=last,
        **extra,
    )


@pytest.fixture
def people(program):
    """Three mentees, two of their mentors, and what each mentee wrote."""
    helen = person("Helen", "Marsh", factories.FacultyFactory)
    omar = person("Omar", "Haddad", factories.FacultyFactory)
    mentees = {
        "jordan": person("Jordan", "Rivera"),
        "priya": person("Priya", "Shah", career_stage=CareerStage.FELLOW),
        "sam": person("Sam", "Okafor"),
    }
    for mentor in (helen, omar):
        factories.MentorProfileFactory(program=program, member=mentor)
    for mentee, mentor in [("jordan", helen), ("priya", helen), ("sam", omar)]:
        factories.MentorshipFactory(
            program=program,
            mentee=mentees[mentee],
            mentor=mentor,
            status=MentorshipStatus.ACTIVE,
        )
    return {"helen": helen, "omar": omar, **mentees}


def nominate(cycle, nominator, nominee, statement, **extra):
    return factories.NominationFactory(
        cycle=cycle, nominator=nominator, nominee=nominee, statement=statement, **extra
    )


def nominated(cycle, people):
    """Helen twice, Omar once, and a nomination Sam withdrew."""
    nominate(cycle, people["jordan"], people["helen"], "She read every draft.")
    nominate(cycle, people["priya"], people["helen"], "Tumour boards, calmly.")
    nominate(cycle, people["sam"], people["omar"], "He answered every e-mail.")
    return cycle


def cycle_form(program, **changes):
    data = {
        "program": program.pk,
        "year": 2027,
        "nominations_open_at": "2027-03-01 09:00",
        "nominations_close_at": "2027-03-31 17:00",
        "ballot_opens_at": "",
        "ballot_closes_at": "",
        "annual_meeting_date": "2027-05-10",
        "nominator_stages": ["resident", "fellow"],
        "nominators_need_mentorship": "on",
        "nominee_rule": "own_mentors",
        "statement_min_length": 50,
        "statement_max_length": 2000,
    }
    data.update(changes)
    return data


def edit_form(cycle, **changes):
    data = {
        name: typed(getattr(cycle, name)) if getattr(cycle, name) else ""
        for name in [
            "nominations_open_at",
            "nominations_close_at",
            "ballot_opens_at",
            "ballot_closes_at",
        ]
    }
    data.update(
        year=cycle.year,
        annual_meeting_date=cycle.annual_meeting_date.isoformat(),
        nominator_stages=cycle.nominator_stages,
        nominators_need_mentorship="on" if cycle.nominators_need_mentorship else "",
        nominee_rule=cycle.nominee_rule,
        statement_min_length=cycle.statement_min_length,
        statement_max_length=cycle.statement_max_length,
    )
    data.update(changes)
    return data


def squeezed(page):
    return " ".join(page.split())


def row(name, count):
    return f'<th scope="row">{name}</th> <td>{count}</td>'


def results(client, cycle, **post):
    if post:
        return client.post(url("results", cycle), post, follow=True)
    return client.get(url("results", cycle))


# Setting up a cycle ---------------------------------------------------------------


def test_staff_set_up_a_cycle_and_find_it_under_mentoring(client, staff_user, program):
    client.force_login(staff_user)
    with time_machine.travel(moment(2027, 1, 10), tick=False):
        form = client.get(url("add")).content.decode()
        assert "Who chooses" in form and "Statement length" in form
        # Residents and fellows choose, unless staff say otherwise.
        checked = re.findall(
            r'name="nominator_stages" value="(\w+)"[^>]* checked', form
        )
        assert checked == ["resident", "fellow"]
        response = client.post(
            url("add"), cycle_form(program, nominator_stages=["fellow", "resident"])
        )
        assert response.status_code == 302
        cycle = AwardCycle.objects.get()
        assert cycle.nominator_stages == ["resident", "fellow"]
        assert cycle.nominations_close_at == moment(2027, 3, 31, 17)
        created = ActivityRecord.objects.get(action="award_cycle_created")
        assert created.actor == staff_user

        listing = client.get(url("list")).content.decode()
    assert "Best Mentor award" in listing  # the menu
    assert "2027" in listing and program.name in listing
    assert "Nominations not open yet" in listing and "No vote" in listing
    assert f'href="{url("results", cycle)}"' in listing

    other = factories.ProgramFactory(slug="theranostics", name="Theranostics Track")
    make_cycle(other)
    listing = client.get(url("list"), {"program": other.pk}).content.decode()
    assert "Theranostics Track" in listing
    assert f'href="{url("results", cycle)}"' not in listing


def test_nominations_closing_after_the_meeting_begins_are_refused_with_what_was_typed(
    client, staff_user, program
):
    client.force_login(staff_user)
    response = client.post(
        url("add"),
        cycle_form(
            program,
            nominations_close_at="2027-05-11 09:00",
            statement_min_length=80,
        ),
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Nominations must close before the Annual Meeting" in page
    assert 'value="2027-05-11 09:00"' in page
    assert 'value="80"' in page
    assert not AwardCycle.objects.exists()


def test_a_vote_opening_before_nominations_close_is_refused_on_its_field(
    client, staff_user, program
):
    client.force_login(staff_user)
    response = client.post(
        url("add"),
        cycle_form(
            program,
            ballot_opens_at="2027-03-20 09:00",
            ballot_closes_at="2027-04-20 09:00",
        ),
    )
    assert "Voting opens once nominations have closed." in response.content.decode()
    assert not AwardCycle.objects.exists()


def test_staff_move_the_close_of_nominations_and_the_change_is_recorded(
    client, staff_user, program
):
    cycle = make_cycle(program)
    client.force_login(staff_user)
    with time_machine.travel(moment(2027, 1, 10), tick=False):
        page = client.get(url("edit", cycle)).content.decode()
        assert "Results and winner" in page
        response = client.post(
            url("edit", cycle),
            edit_form(cycle, nominations_close_at="2027-04-15 17:00"),
        )
    assert response.status_code == 302
    cycle.refresh_from_db()
    assert cycle.nominations_close_at == moment(2027, 4, 15, 17)
    changed = ActivityRecord.objects.get(action="award_cycle_changed")
    assert changed.actor == staff_user
    assert changed.detail["changed"] == ["nominations_close_at"]


def test_once_nominations_open_who_chooses_is_fixed(client, staff_user, program):
    cycle = make_cycle(program)
    client.force_login(staff_user)
    with time_machine.travel(moment(2027, 3, 10), tick=False):
        page = client.get(url("edit", cycle)).content.decode()
        assert "Fixed since nominations opened" in page
        client.post(
            url("edit", cycle),
            edit_form(
                cycle,
                nominator_stages=["researcher"],
                nominations_close_at="2027-04-01 17:00",
            ),
        )
    cycle.refresh_from_db()
    assert cycle.nominator_stages == ["resident", "fellow"]
    assert cycle.nominations_close_at == moment(2027, 4, 1, 17)


def test_an_announced_cycle_cannot_change_and_the_form_says_why(
    client, staff_user, program, people
):
    cycle = make_cycle(
        program,
        status=AwardCycleStatus.ANNOUNCED,
        winner=people["helen"],
        citation="For years of patient teaching.",
        announced_at=moment(2027, 5, 10),
    )
    client.force_login(staff_user)
    with time_machine.travel(moment(2027, 6, 1), tick=False):
        response = client.post(
            url("edit", cycle), edit_form(cycle, annual_meeting_date="2027-05-20")
        )
    page = response.content.decode()
    assert response.status_code == 200
    assert "The winner has been announced; this cycle can no longer change." in page
    assert 'value="2027-05-20"' in page
    cycle.refresh_from_db()
    assert cycle.annual_meeting_date == datetime.date(2027, 5, 10)


# Results and winner --------------------------------------------------------------


def test_staff_read_the_tally_and_every_standing_statement(
    client, staff_user, program, people
):
    cycle = nominated(make_cycle(program), people)
    withdrawn = person("Ana", "Lopez")
    nominate(
        cycle,
        withdrawn,
        people["omar"],
        "A statement she took back.",
        status=NominationStatus.WITHDRAWN,
    )
    client.force_login(staff_user)
    with time_machine.travel(moment(2027, 3, 15), tick=False):
        page = results(client, cycle).content.decode()
    assert "Nominations open" in page  # the phase
    assert row("Helen Marsh", 2) in squeezed(page)
    assert row("Omar Haddad", 1) in squeezed(page)
    assert page.index("Helen Marsh") < page.index("Omar Haddad")  # most first
    for statement in [
        "She read every draft.",
        "Tumour boards, calmly.",
        "He answered every e-mail.",
    ]:
        assert statement in page
    assert "Jordan Rivera" in page and "Priya Shah" in page
    assert "A statement she took back." not in page
    # No winner before nominations close.
    assert 'name="citation"' not in page
    assert "The winner is recorded here once the members" in page


def test_staff_draw_up_the_ballot_once_nominations_close(
    client, staff_user, program, people
):
    cycle = nominated(make_cycle(program, ballot=True), people)
    client.force_login(staff_user)
    with time_machine.travel(moment(2027, 3, 15), tick=False):
        page = results(
            client, cycle, step="shortlist", nominees=[people["helen"].pk]
        ).content.decode()
        assert "The shortlist is drawn up once nominations have closed." in page
        assert not ShortlistEntry.objects.exists()

    with time_machine.travel(moment(2027, 4, 1), tick=False):
        page = results(client, cycle).content.decode()
        assert "Helen Marsh (2 nominations)" in page
        assert "Omar Haddad (1 nomination)" in page
        page = results(
            client,
            cycle,
            step="shortlist",
            nominees=[people["helen"].pk, people["omar"].pk],
        ).content.decode()
    assert "The ballot is drawn up: Helen Marsh, Omar Haddad." in page
    assert set(cycle.shortlist.values_list("nominee", flat=True)) == {
        people["helen"].pk,
        people["omar"].pk,
    }
    assert ActivityRecord.objects.get(action="shortlist_set").actor == staff_user


def test_votes_per_mentor_are_shown_only_once_voting_closes(
    client, staff_user, program, people
):
    cycle = nominated(make_cycle(program, ballot=True), people)
    for mentor in ("helen", "omar"):
        ShortlistEntry.objects.create(cycle=cycle, nominee=people[mentor])
    for voter, mentor in [("jordan", "helen"), ("priya", "helen"), ("sam", "omar")]:
        Vote.objects.create(cycle=cycle, voter=people[voter], nominee=people[mentor])
    client.force_login(staff_user)

    with time_machine.travel(moment(2027, 4, 10), tick=False):
        page = results(client, cycle).content.decode()
    assert "Voting open" in page
    assert "3 members have voted." in page
    assert "Votes are counted when voting closes on" in page
    assert "Votes per shortlisted mentor" not in page
    assert '<th scope="col">Votes</th>' not in page

    with time_machine.travel(moment(2027, 4, 21), tick=False):
        page = results(client, cycle).content.decode()
    assert "Votes per shortlisted mentor" in page
    assert row("Helen Marsh", 2) in squeezed(page)
    assert row("Omar Haddad", 1) in squeezed(page)
    # The winner is one of the shortlisted mentors.
    assert 'name="winner"' in page and "The winner is one of the shortlisted" in page


def test_staff_record_the_winner_then_announce_and_the_winner_is_told(
    client, staff_user, program, people, django_capture_on_commit_callbacks
):
    cycle = nominated(make_cycle(program), people)
    client.force_login(staff_user)
    with time_machine.travel(moment(2027, 4, 2), tick=False):
        page = results(
            client, cycle, step="winner", winner=people["helen"].pk, citation=" "
        ).content.decode()
        assert "Please write the citation read at the meeting." in page
        assert "Announce the winner" not in page

        page = results(
            client,
            cycle,
            step="winner",
            winner=people["helen"].pk,
            citation="For years of patient teaching.",
        ).content.decode()
        assert "Helen Marsh is recorded as the winner." in page
        assert "Announce the winner" in page
        cycle.refresh_from_db()
        assert (cycle.status, cycle.winner) == (
            AwardCycleStatus.WINNER_CHOSEN,
            people["helen"],
        )

        with django_capture_on_commit_callbacks(execute=True):
            page = results(client, cycle, step="announce").content.decode()
    assert "Helen Marsh is announced as the Best Mentor of the Year 2027." in page
    assert "Announce the winner" not in page and 'name="citation"' not in page
    cycle.refresh_from_db()
    assert cycle.status == AwardCycleStatus.ANNOUNCED
    assert cycle.announced_at == moment(2027, 4, 2)
    records = ActivityRecord.objects.filter(
        action__in=["winner_chosen", "winner_announced"]
    )
    assert {(r.action, r.to_state, r.actor) for r in records} == {
        ("winner_chosen", AwardCycleStatus.WINNER_CHOSEN, staff_user),
        ("winner_announced", AwardCycleStatus.ANNOUNCED, staff_user),
    }
    assert mail.outbox[-1].to == [people["helen"].email]


def test_the_winner_waits_for_the_close_of_nominations(
    client, staff_user, program, people
):
    cycle = nominated(make_cycle(program), people)
    client.force_login(staff_user)
    with time_machine.travel(moment(2027, 3, 15), tick=False):
        page = results(
            client,
            cycle,
            step="winner",
            winner=people["helen"].pk,
            citation="For years of patient teaching.",
        ).content.decode()
    assert "The winner is chosen once nominations close on" in page
    cycle.refresh_from_db()
    assert cycle.status == AwardCycleStatus.SCHEDULED


def test_members_without_the_staff_permission_are_turned_away(client, program, people):
    cycle = nominated(make_cycle(program), people)
    editor = people["jordan"].user
    editor.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(editor)
    for page in [url("list"), url("add"), url("edit", cycle), url("results", cycle)]:
        response = client.get(page)
        assert response.status_code == 302
        assert response["Location"] == reverse("wagtailadmin_home")
    response = client.post(url("results", cycle), {"step": "announce"}, follow=True)
    assert "Sorry, you do not have permission to access this area." in (
        response.content.decode()
    )
    assert "She read every draft." not in response.content.decode()

    client.force_login(people["priya"].user)  # no admin access at all
    response = client.get(url("results", cycle))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("wagtailadmin_login"))
    assert not ActivityRecord.objects.filter(content_type__model="awardcycle").exists()


# The Django admin --------------------------------------------------------------------


@pytest.fixture
def django_admin_staff(staff_user):
    staff_user.is_staff = True  # Django's admin asks for it as well
    staff_user.save()
    return staff_user


def test_the_django_admin_cannot_add_or_change_a_nomination(
    client, django_admin_staff, program, people
):
    cycle = nominated(make_cycle(program), people)
    nomination = cycle.nominations.get(nominator=people["jordan"])
    client.force_login(django_admin_staff)
    change = reverse("admin:acnm_mentoring_nomination_change", args=[nomination.pk])
    assert client.get(change).status_code == 200  # staff read it
    response = client.post(
        change,
        {
            "cycle": cycle.pk,
            "nominator": people["jordan"].pk,
            "nominee": people["omar"].pk,
            "statement": "Changed behind the member's back.",
            "status": "submitted",
        },
    )
    assert response.status_code == 403
    assert client.get(reverse("admin:acnm_mentoring_nomination_add")).status_code == 403
    nomination.refresh_from_db()
    assert (nomination.nominee, nomination.statement) == (
        people["helen"],
        "She read every draft.",
    )
    delete = reverse("admin:acnm_mentoring_nomination_delete", args=[nomination.pk])
    assert client.post(delete, {"post": "yes"}).status_code == 403


def test_the_django_admin_sets_up_a_cycle_through_the_services(
    client, django_admin_staff, program
):
    client.force_login(django_admin_staff)
    response = client.post(
        reverse("admin:acnm_mentoring_awardcycle_add"),
        {
            "program": program.pk,
            "year": 2027,
            "nominations_open_at_0": "2027-03-01",
            "nominations_open_at_1": "09:00",
            "nominations_close_at_0": "2027-03-31",
            "nominations_close_at_1": "17:00",
            "annual_meeting_date": "2027-05-10",
            "nominator_stages": '["resident"]',
            "nominators_need_mentorship": "on",
            "nominee_rule": "own_mentors",
            "statement_min_length": 50,
            "statement_max_length": 2000,
        },
    )
    assert response.status_code == 302
    cycle = AwardCycle.objects.get()
    record = ActivityRecord.objects.get(action="award_cycle_created")
    assert (record.object_id, record.actor) == (str(cycle.pk), django_admin_staff)


def test_the_django_admin_reports_the_services_refusal_and_changes_nothing(
    client, django_admin_staff, program, people
):
    cycle = make_cycle(
        program,
        status=AwardCycleStatus.ANNOUNCED,
        winner=people["helen"],
        citation="For years of patient teaching.",
        announced_at=moment(2027, 5, 10),
    )
    client.force_login(django_admin_staff)
    change = reverse("admin:acnm_mentoring_awardcycle_change", args=[cycle.pk])
    response = client.post(
        change,
        {
            "program": program.pk,
            "year": 2027,
            "nominations_open_at_0": "2027-03-01",
            "nominations_open_at_1": "09:00",
            "nominations_close_at_0": "2027-03-31",
            "nominations_close_at_1": "09:00",
            "annual_meeting_date": "2027-05-20",
            "nominator_stages": '["resident", "fellow"]',
            "nominators_need_mentorship": "on",
            "nominee_rule": "own_mentors",
            "statement_min_length": 50,
            "statement_max_length": 2000,
        },
        follow=True,
    )
    page = response.content.decode()
    assert "this cycle can no longer change" in page
    assert "was changed successfully" not in page
    cycle.refresh_from_db()
    assert cycle.annual_meeting_date == datetime.date(2027, 5, 10)
    assert not LogEntry.objects.exists()
