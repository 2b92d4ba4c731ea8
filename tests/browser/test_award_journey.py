"""The Best Mentor of the Year, in a real browser, on the pages an editor builds.

A resident nominates their mentor on the award page while nominations are
open: a statement too short comes back with the reason and nothing typed
lost, the nomination is confirmed, changed and withdrawn. A faculty member is
told in words why they cannot nominate. Once nominations close and the
ballot opens, a fellow votes once. The same panel works as a block on a page
of the host site's own. axe-core checks the award page in every state the
cycle passes through (not open yet, open, closed, voting, voted, winner
announced), and each state is saved as a screenshot in tests/screenshots/.
"""

import datetime
import re

import pytest
from django.utils import timezone
from django.utils.formats import date_format
from playwright.sync_api import expect

from acnm_mentoring_plugin import services
from acnm_mentoring_plugin.formats import when
from acnm_mentoring_plugin.models import (
    AwardCycle,
    CareerStage,
    MentorshipStatus,
    Nomination,
    NominationStatus,
    Vote,
)
from acnm_mentoring_plugin.wagtail.pages.models import AwardPage
from tests import factories
from tests.browser.helpers import fill_sign_in, path_of, sign_in
from tests.pages import make_host_page
from tests.test_award import STATEMENT, mentored

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PANEL = "#acnm-award-acnm"
CITATION = "For years of patient teaching, at the scanner and at the bedside."


def days(number, **more):
    return datetime.timedelta(days=number, **more)


@pytest.fixture
def people(program):
    """Jordan, a resident mentored by Helen Marsh now and by Daniel Cho
    before; Priya, a fellow mentored by Omar Haddad."""
    jordan, helen = mentored(program, "Jordan Rivera", "Helen Marsh")
    priya, omar = mentored(program, "Priya Shah", "Omar Haddad", CareerStage.FELLOW)
    daniel = factories.MentorProfileFactory(
        program=program,
        member__user__username="cho",
        member__user__first_name="Daniel",
        member__user__last_name="Cho",
        member__institution="Lakeside Medical Center",
    ).member
    factories.MentorshipFactory(
        program=program,
        mentee=jordan,
        mentor=daniel,
        status=MentorshipStatus.COMPLETED,
    )
    return {
        "jordan": jordan,
        "helen": helen,
        "daniel": daniel,
        "priya": priya,
        "omar": omar,
    }


@pytest.fixture
def award_page(site_root, program):
    """The programme's award page, as an editor would build it."""
    page = AwardPage(
        title="Best Mentor of the Year",
        slug="best-mentor",
        program=program,
        intro="<p>Each year residents and fellows honour the mentor who did "
        "most for their training.</p>",
    )
    site_root.add_child(instance=page)
    page.save_revision().publish()
    return page


def make_cycle(program, **dates):
    """This year's cycle, nominations open since yesterday unless told."""
    now = timezone.now()
    values = {
        "program": program,
        "year": timezone.localdate().year,
        "nominations_open_at": now - days(1),
        "nominations_close_at": now + days(10),
        "annual_meeting_date": (now + days(60)).date(),
    }
    values.update(dates)
    return factories.AwardCycleFactory(**values)


def announced_cycle(program, staff_user, year, winner, citation, years_ago):
    """A cycle whose members' part ended ``years_ago`` years back (0: this
    year's), its winner nominated, then chosen and announced by staff."""
    now = timezone.now()
    cycle = make_cycle(
        program,
        year=year,
        nominations_open_at=now - days(365 * years_ago + 60),
        nominations_close_at=now - days(365 * years_ago + 30),
        annual_meeting_date=(now - days(365 * years_ago)).date(),
    )
    factories.NominationFactory(cycle=cycle, nominee=winner, statement=STATEMENT)
    services.record_winner(staff_user, cycle, winner, citation)
    services.announce_winner(staff_user, cycle)
    return cycle


def award_panel(tab):
    return tab.locator(PANEL)


def expect_dates(panel, cycle):
    """The dates list: nominations, voting if any, the Annual Meeting."""
    shown = [f"{when(cycle.nominations_open_at)} to {when(cycle.nominations_close_at)}"]
    if cycle.has_ballot:
        shown.append(f"{when(cycle.ballot_opens_at)} to {when(cycle.ballot_closes_at)}")
    shown.append(
        f"{date_format(cycle.annual_meeting_date, 'DATE_FORMAT')} "
        "(the winner is announced there)"
    )
    expect(panel.locator(".acnm-award__dates dd")).to_have_text(shown)


def back_at(tab, url, part):
    """Wait to be back on ``url`` at the panel's ``part`` after a post."""
    tab.wait_for_url(re.compile(re.escape(f"{url}#acnm-award-acnm-{part}") + "$"))


# Nominating ----------------------------------------------------------------------


def test_a_resident_nominates_their_mentor_then_changes_and_withdraws_it(
    tab, people, program, award_page, check_axe, screenshot
):
    cycle = make_cycle(program)
    url = path_of(award_page)
    tab.goto(url)
    expect(tab.get_by_role("heading", level=1)).to_have_text("Best Mentor of the Year")
    panel = award_panel(tab)
    expect(panel.get_by_role("heading", level=2)).to_have_text(
        f"Best Mentor of the Year {cycle.year}"
    )
    expect(panel.locator(".acnm-award__status")).to_have_text(
        "Status: Nominations open"
    )
    expect_dates(panel, cycle)
    expect(panel).to_contain_text(
        "Nominations are open to residents and fellows of the programme."
    )
    sign_in_link = panel.get_by_role("link", name="Sign in to nominate")
    expect(sign_in_link).to_be_visible()
    expect(panel.locator("form")).to_have_count(0)
    check_axe(tab, "the award page, nominations open, signed out")
    screenshot(tab, "51-award-open-anonymous")

    sign_in_link.click()
    tab.wait_for_url(re.compile(r"/accounts/login/\?next="))
    fill_sign_in(tab, "jordan")
    tab.wait_for_url(re.compile(re.escape(url) + "$"))
    mentors = panel.get_by_role("group", name="Mentor you nominate")
    # Jordan's own mentors only, now and before: not Priya's.
    expect(mentors.get_by_role("radio")).to_have_count(2)
    expect(mentors.locator("label")).to_have_text(["Daniel Cho", "Helen Marsh"])
    statement = panel.get_by_label("Why this mentor deserves the award")
    expect(statement).to_have_value("")
    expect(panel.get_by_role("link", name="Sign in to nominate")).to_have_count(0)
    check_axe(tab, "the award page with the nomination form")
    screenshot(tab, "52-award-nomination-form")

    mentors.get_by_label("Helen Marsh").check()
    statement.fill("A great mentor.")
    panel.get_by_role("button", name="Send nomination").click()
    back_at(tab, url, "nomination")
    expect(panel.get_by_role("alert")).to_contain_text(
        "Why this mentor deserves the award: Please write at least 50 "
        "characters about why this mentor deserves the award (you wrote 15)."
    )
    expect(statement).to_have_value("A great mentor.")
    expect(mentors.get_by_label("Helen Marsh")).to_be_checked()
    assert not Nomination.objects.exists()
    check_axe(tab, "the nomination form with an error")
    screenshot(tab, "53-award-nomination-errors")

    statement.fill(STATEMENT)
    panel.get_by_role("button", name="Send nomination").click()
    back_at(tab, url, "nomination")
    expect(tab.get_by_role("status")).to_have_text(
        "Thank you: your nomination of Helen Marsh is received. A confirmation "
        "e-mail is on its way to you."
    )
    expect(panel.locator(".acnm-notice--success")).to_contain_text(
        "You nominated Helen Marsh (last changed "
    )
    expect(panel.locator(".acnm-notice--success")).to_contain_text(
        "You can change or withdraw your nomination until "
        f"{when(cycle.nominations_close_at)}."
    )
    expect(statement).to_have_value(STATEMENT)
    expect(mentors.get_by_label("Helen Marsh")).to_be_checked()
    nomination = Nomination.objects.get()
    assert (nomination.cycle, nomination.nominator, nomination.nominee) == (
        cycle,
        people["jordan"],
        people["helen"],
    )
    assert nomination.statement == STATEMENT
    assert nomination.status == NominationStatus.SUBMITTED
    check_axe(tab, "the award page after nominating")
    screenshot(tab, "54-award-nominated")

    changed = (
        "Dr Cho took me to my first annual meeting and introduced me to the "
        "people I now write papers with."
    )
    mentors.get_by_label("Daniel Cho").check()
    statement.fill(changed)
    panel.get_by_role("button", name="Save changes").click()
    back_at(tab, url, "nomination")
    expect(tab.get_by_role("status")).to_have_text("Your nomination is updated.")
    expect(panel.locator(".acnm-notice--success")).to_contain_text(
        "You nominated Daniel Cho"
    )
    nomination.refresh_from_db()
    assert (nomination.nominee, nomination.statement) == (people["daniel"], changed)
    assert Nomination.objects.count() == 1

    panel.get_by_role("button", name="Withdraw my nomination").click()
    back_at(tab, url, "nomination")
    expect(tab.get_by_role("status")).to_have_text(
        "Your nomination is withdrawn. You may nominate again until nominations close."
    )
    expect(panel).to_contain_text("You withdrew your nomination.")
    expect(panel.get_by_role("button", name="Send nomination")).to_be_visible()
    expect(panel.get_by_role("button", name="Withdraw my nomination")).to_have_count(0)
    expect(statement).to_have_value("")
    nomination.refresh_from_db()
    assert nomination.status == NominationStatus.WITHDRAWN
    check_axe(tab, "the award page after withdrawing")


def test_a_faculty_member_is_told_why_they_cannot_nominate(
    tab, people, program, award_page, check_axe, screenshot
):
    make_cycle(program)
    url = path_of(award_page)
    sign_in(tab, "marsh", url)
    panel = award_panel(tab)
    expect(panel.locator(".acnm-award__status")).to_have_text(
        "Status: Nominations open"
    )
    expect(panel.locator(".acnm-award__part .acnm-notice")).to_have_text(
        "The Best Mentor of the Year is chosen by residents and fellows."
    )
    expect(panel.locator("form")).to_have_count(0)
    expect(panel.get_by_role("radio")).to_have_count(0)
    check_axe(tab, "the award page, for a member who may not nominate")
    screenshot(tab, "55-award-not-allowed")


def test_a_resident_nominates_from_the_award_block_on_a_host_page(
    tab, people, program, site_root, check_axe, screenshot
):
    cycle = make_cycle(program)
    page = make_host_page(
        site_root,
        program,
        title="Residents corner",
        slug="residents",
        body=[
            ("paragraph", "<p>News and opportunities for residents.</p>"),
            (
                "award_nomination",
                {
                    "heading": "Nominate your mentor",
                    "program": program,
                    "cycle": None,
                    "intro": "<p>Nominations close before the Annual Meeting.</p>",
                    "show_past_recipients": True,
                },
            ),
        ],
    )
    url = path_of(page)
    sign_in(tab, "jordan", url)
    block = tab.get_by_role("region", name="Nominate your mentor")
    expect(block.locator(".acnm-award__status")).to_have_text(
        "Status: Nominations open"
    )
    expect(block).to_contain_text("Nominations close before the Annual Meeting.")
    block.get_by_role("group", name="Mentor you nominate").get_by_label(
        "Helen Marsh"
    ).check()
    block.get_by_label("Why this mentor deserves the award").fill(STATEMENT)
    check_axe(tab, "a host page with the award block and its form")
    block.get_by_role("button", name="Send nomination").click()
    back_at(tab, url, "nomination")
    expect(block.locator(".acnm-notice--success")).to_contain_text(
        "You nominated Helen Marsh (last changed "
    )
    expect(block.get_by_role("button", name="Save changes")).to_be_visible()
    nomination = Nomination.objects.get()
    assert (nomination.cycle, nomination.nominator, nomination.nominee) == (
        cycle,
        people["jordan"],
        people["helen"],
    )
    check_axe(tab, "a host page with the award block, after nominating")
    screenshot(tab, "60-award-block")


# Voting --------------------------------------------------------------------------


def test_a_fellow_votes_once_when_the_ballot_opens(
    tab, people, program, award_page, staff_user, check_axe, screenshot
):
    now = timezone.now()
    cycle = make_cycle(
        program,
        nominations_open_at=now - days(20),
        nominations_close_at=now - days(2),
        ballot_opens_at=now + days(1),
        ballot_closes_at=now + days(10),
    )
    for nominator, nominee in (("jordan", "helen"), ("priya", "omar")):
        factories.NominationFactory(
            cycle=cycle,
            nominator=people[nominator],
            nominee=people[nominee],
            statement=STATEMENT,
        )
    services.set_shortlist(staff_user, cycle, [people["helen"], people["omar"]])

    url = path_of(award_page)
    sign_in(tab, "priya", url)
    panel = award_panel(tab)
    expect(panel.locator(".acnm-award__status")).to_have_text(
        "Status: Nominations closed"
    )
    expect_dates(panel, cycle)
    expect(panel).to_contain_text(
        "Nominations are closed. Voting on the shortlist opens on "
        f"{when(cycle.ballot_opens_at)}."
    )
    expect(panel).to_contain_text("You nominated Omar Haddad.")
    expect(panel.locator("form")).to_have_count(0)
    check_axe(tab, "the award page, nominations closed, ballot to come")
    screenshot(tab, "56-award-closed")

    # The ballot opens by the clock: an hour ago.
    cycle.ballot_opens_at = now - datetime.timedelta(hours=1)
    AwardCycle.objects.filter(pk=cycle.pk).update(ballot_opens_at=cycle.ballot_opens_at)
    tab.reload()
    expect(panel.locator(".acnm-award__status")).to_have_text("Status: Voting open")
    expect_dates(panel, cycle)
    ballot = panel.locator(f"{PANEL}-ballot")
    expect(ballot).to_contain_text("On the ballot: Omar Haddad, Helen Marsh.")
    choices = ballot.get_by_role("group", name="Your vote for the Best Mentor")
    expect(choices.locator("label")).to_have_text(["Omar Haddad", "Helen Marsh"])
    expect(choices).to_contain_text("You vote once, and cannot change it afterwards.")
    check_axe(tab, "the award page with the ballot")
    screenshot(tab, "57-award-ballot")

    choices.get_by_label("Omar Haddad").check()
    ballot.get_by_role("button", name="Cast my vote").click()
    back_at(tab, url, "ballot")
    expect(tab.get_by_role("status")).to_have_text(
        "Thank you: your vote for Omar Haddad is recorded."
    )
    expect(ballot.locator(".acnm-notice--success")).to_have_text(
        re.compile(r"^You voted for Omar Haddad on .+\. Thank you\.$")
    )
    expect(ballot.get_by_role("button", name="Cast my vote")).to_have_count(0)
    expect(ballot.get_by_role("radio")).to_have_count(0)
    vote = Vote.objects.get()
    assert (vote.cycle, vote.voter, vote.nominee) == (
        cycle,
        people["priya"],
        people["omar"],
    )
    check_axe(tab, "the award page after voting")
    screenshot(tab, "58-award-voted")

    # Coming back later, the ballot is not offered again.
    tab.goto(url)
    expect(ballot.locator(".acnm-notice--success")).to_contain_text(
        "You voted for Omar Haddad on "
    )
    expect(ballot.get_by_role("button", name="Cast my vote")).to_have_count(0)
    assert Vote.objects.count() == 1


# Before and after ----------------------------------------------------------------


def test_before_nominations_open_the_award_page_gives_the_dates(
    tab, program, award_page, check_axe, screenshot
):
    now = timezone.now()
    cycle = make_cycle(
        program,
        nominations_open_at=now + days(3),
        nominations_close_at=now + days(30),
        ballot_opens_at=now + days(33),
        ballot_closes_at=now + days(45),
    )
    tab.goto(path_of(award_page))
    panel = award_panel(tab)
    expect(panel.locator(".acnm-award__status")).to_have_text(
        "Status: Nominations not open yet"
    )
    expect_dates(panel, cycle)
    expect(panel).to_contain_text(
        f"Nominations open on {when(cycle.nominations_open_at)}."
    )
    expect(panel.locator("form")).to_have_count(0)
    expect(panel.get_by_role("link", name="Sign in to nominate")).to_have_count(0)
    check_axe(tab, "the award page before nominations open")
    screenshot(tab, "50-award-not-open")


def test_the_winner_is_announced_with_the_past_recipients(
    tab, people, program, award_page, staff_user, check_axe, screenshot
):
    year = timezone.localdate().year
    announced_cycle(
        program,
        staff_user,
        year - 1,
        people["omar"],
        "For opening his lab to every resident who asked.",
        years_ago=1,
    )
    announced_cycle(program, staff_user, year, people["helen"], CITATION, years_ago=0)
    tab.goto(path_of(award_page))
    panel = award_panel(tab)
    expect(panel.get_by_role("heading", level=2)).to_have_text(
        f"Best Mentor of the Year {year}"
    )
    expect(panel.locator(".acnm-award__status")).to_have_text(
        "Status: Winner announced"
    )
    expect(panel.locator(".acnm-award__name")).to_have_text(
        f"The Best Mentor of the Year {year} is Helen Marsh."
    )
    expect(panel.locator(".acnm-award__winner")).to_contain_text(CITATION)
    expect(panel.get_by_role("heading", name="Past recipients")).to_be_visible()
    institution = people["omar"].institution
    # The winner on show is not listed again among past recipients.
    expect(panel.locator(".acnm-award__past > li > p")).to_have_text(
        [f"{year - 1}: Omar Haddad, {institution}"]
    )
    expect(panel.locator("form")).to_have_count(0)
    check_axe(tab, "the award page, winner announced")
    screenshot(tab, "59-award-announced")
