"""Staff see the programme's figures on the Wagtail admin home.

The figures are counted by the programme's own rules (an overdue pair is the
one the contact reminder would chase; a free place is one a mentor taking
mentees has left), cost the same few queries however large the programme
grows, and the charts say what they show to screen readers too.
"""

import datetime
import re
from html.parser import HTMLParser

import pytest
from django.contrib.auth.models import Permission
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from acnm_mentoring_plugin import charts, dashboard
from acnm_mentoring_plugin.models import (
    Application,
    ApplicationRole,
    ApplicationStatus,
    AwardCycleStatus,
    ContactLog,
    FieldOfInterest,
    MentorshipStatus,
    NominationStatus,
)
from acnm_mentoring_plugin.services.contacts import quiet_pairs
from acnm_mentoring_plugin.wagtail.dashboard import ProgrammeDashboardPanel
from tests import factories

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 4, 15)


def days_ago(number):
    return TODAY - datetime.timedelta(days=number)


def local(*args):
    """A moment in the site's time zone (New York in the tests)."""
    return timezone.make_aware(
        datetime.datetime(*args), timezone.get_default_timezone()
    )


def applied(program, when, *, role=ApplicationRole.MENTEE, status=None):
    application = factories.ApplicationFactory(
        program=program,
        role=role,
        status=status or ApplicationStatus.SUBMITTED,
        member=(
            factories.FacultyFactory()
            if role == ApplicationRole.MENTOR
            else factories.MemberFactory()
        ),
    )
    Application.objects.filter(pk=application.pk).update(submitted_at=when)
    return application


def mentor(program, *fields, capacity=2, **extra):
    profile = factories.MentorProfileFactory(
        program=program, capacity=capacity, **extra
    )
    profile.specialties.set(FieldOfInterest.objects.filter(slug__in=fields))
    return profile


def pair(program, profile, *, status=MentorshipStatus.ACTIVE, started=30, contact=None):
    """A pair of ``profile``'s, started ``started`` days before TODAY, its
    last contact ``contact`` days before (None: none logged)."""
    mentorship = factories.MentorshipFactory(
        program=program,
        mentor=profile.member,
        status=status,
        start_date=days_ago(started),
    )
    if contact is not None:
        ContactLog.objects.create(
            mentorship=mentorship, date=days_ago(contact), method="email"
        )
    return mentorship


def figures(program=None):
    return dashboard.programme_figures(program, today=TODAY)


# The figures ----------------------------------------------------------------------


def test_applications_are_counted_by_status_and_by_role(program):
    now = local(2026, 4, 1, 9)
    applied(program, now)
    applied(program, now)
    applied(program, now, status=ApplicationStatus.UNDER_REVIEW)
    applied(program, now, role=ApplicationRole.MENTOR)
    applied(
        program, now, role=ApplicationRole.MENTOR, status=ApplicationStatus.ACCEPTED
    )

    rows = {row.status: row for row in figures(program).applications}

    assert list(rows) == list(ApplicationStatus.values)
    assert (rows["submitted"].mentee, rows["submitted"].mentor) == (2, 1)
    assert (rows["under_review"].mentee, rows["under_review"].mentor) == (1, 0)
    assert (rows["accepted"].mentee, rows["accepted"].mentor) == (0, 1)
    assert rows["declined"].total == rows["withdrawn"].total == 0
    assert figures(program).open_applications == 4


def test_applications_per_month_show_twelve_months_the_empty_ones_too(program):
    applied(program, local(2026, 4, 2, 10))
    applied(program, local(2026, 3, 1, 0, 30))  # just after midnight in New York
    applied(program, local(2026, 2, 28, 23, 30))  # March already in UTC
    applied(program, local(2025, 5, 1, 8), role=ApplicationRole.MENTOR)
    applied(program, local(2025, 4, 30, 12))  # thirteen months ago: not shown

    months = figures(program).applications_per_month

    assert [start for start, _count in months] == [
        datetime.date(2025, month, 1) for month in range(5, 13)
    ] + [datetime.date(2026, month, 1) for month in range(1, 5)]
    counts = dict(months)
    assert counts[datetime.date(2026, 4, 1)] == 1
    assert counts[datetime.date(2026, 3, 1)] == 1
    assert counts[datetime.date(2026, 2, 1)] == 1
    assert counts[datetime.date(2025, 5, 1)] == 1
    assert sum(counts.values()) == 4
    assert counts[datetime.date(2025, 12, 1)] == 0


def test_month_starts_cross_the_new_year():
    assert dashboard.month_starts(datetime.date(2026, 2, 28), months=3) == [
        datetime.date(2025, 12, 1),
        datetime.date(2026, 1, 1),
        datetime.date(2026, 2, 1),
    ]


def test_overdue_pairs_are_the_quiet_pairs_the_reminder_chases(program):
    program.contact_reminder_days = 31
    program.save()
    helen = mentor(program, capacity=6)
    pair(program, helen, started=40)  # no contact since the start: overdue
    pair(program, helen, started=90, contact=31)  # exactly the interval: overdue
    pair(program, helen, started=90, contact=10)  # in touch
    pair(program, helen, started=10)  # just started
    pair(program, helen, status=MentorshipStatus.COMPLETED, started=400)
    pair(program, helen, status=MentorshipStatus.ACCEPTED, started=100)

    counted = figures(program)

    assert counted.active_pairs == 4
    assert counted.overdue_pairs == 2
    assert counted.overdue_pairs == len(list(quiet_pairs(today=TODAY, program=program)))


def test_mentors_with_free_places_are_those_taking_mentees(program):
    half_full = mentor(program, capacity=2)
    pair(program, half_full)
    full = mentor(program, capacity=1)
    pair(program, full)
    asked_only = mentor(program, capacity=2)
    pair(program, asked_only, status=MentorshipStatus.REQUESTED)
    mentor(program, capacity=3, accepting_new_mentees=False)

    counted = figures(program)

    assert counted.mentors_with_places == 2
    assert counted.free_places == 1 + 2


def test_nominations_this_cycle_are_the_standing_ones(program):
    past = factories.AwardCycleFactory(
        program=program, year=2025, status=AwardCycleStatus.ANNOUNCED
    )
    factories.NominationFactory(cycle=past)
    cycle = factories.AwardCycleFactory(program=program, year=2026)
    factories.NominationFactory(cycle=cycle)
    factories.NominationFactory(cycle=cycle)
    factories.NominationFactory(cycle=cycle, status=NominationStatus.WITHDRAWN)

    counted = figures(program)

    assert counted.award_cycle == cycle
    assert counted.nominations == 2


def test_no_award_cycle_no_nominations(program):
    counted = figures(program)
    assert counted.award_cycles == [] and counted.nominations == 0


def test_a_pair_counts_under_each_field_of_its_mentor_in_its_programme(program):
    other = factories.ProgramFactory(slug="other", name="Other programme")
    marsh = mentor(program, "oncology", "pet", capacity=3)
    pair(program, marsh)
    pair(program, marsh)
    # Marsh names other fields in the other programme, where she mentors too.
    elsewhere = mentor(other, "research", member=marsh.member)
    pair(other, elsewhere)
    cho = mentor(program, "cardiology")
    pair(program, cho)
    pair(program, cho, status=MentorshipStatus.COMPLETED)
    pair(program, mentor(program))  # a mentor who names no field

    counted = figures(program)

    by_field = {field.slug: count for field, count in counted.pairs_by_field}
    assert by_field["oncology"] == by_field["pet"] == 2
    assert by_field["cardiology"] == 1
    assert by_field["research"] == 0
    assert counted.pairs_without_field == 1
    assert counted.active_pairs == 4
    assert [field.slug for field, _count in counted.pairs_by_field] == list(
        FieldOfInterest.objects.order_by("sort_order", "name").values_list(
            "slug", flat=True
        )
    )
    everywhere = {field.slug: count for field, count in figures().pairs_by_field}
    assert everywhere["research"] == 1 and everywhere["oncology"] == 2


def test_all_programmes_add_up(program):
    other = factories.ProgramFactory(slug="other", name="Other programme")
    for programme in (program, other):
        applied(programme, local(2026, 4, 1, 9))
        pair(programme, mentor(programme, "ct"), started=60)
        cycle = factories.AwardCycleFactory(program=programme)
        factories.NominationFactory(cycle=cycle)

    counted = figures()

    assert counted.program is None
    assert counted.applications[0].mentee == 2
    assert counted.active_pairs == counted.overdue_pairs == 2
    assert counted.mentors_with_places == 2 and counted.free_places == 2
    assert len(counted.award_cycles) == 2 and counted.nominations == 2
    assert counted.award_cycle is None


# What the figures cost ------------------------------------------------------------


def build_programme(program, size):
    """``size`` of everything: applications over the months, mentors in two
    fields with active, overdue and ended pairs, contacts, nominations."""
    cycle = program.award_cycles.first() or factories.AwardCycleFactory(
        program=program, year=2026
    )
    for index in range(size):
        applied(program, local(2026, 1 + index % 4, 3, 9))
        applied(program, local(2025, 6, 3, 9), role=ApplicationRole.MENTOR)
        profile = mentor(program, "oncology", "pet", capacity=3)
        pair(program, profile, started=100)
        pair(program, profile, started=100, contact=5)
        pair(program, profile, status=MentorshipStatus.COMPLETED)
        factories.NominationFactory(cycle=cycle, nominee=profile.member)


def queries_of(call):
    with CaptureQueriesContext(connection) as captured:
        call()
    return len(captured)


def test_the_figures_cost_the_same_queries_with_few_and_many_records(
    program, staff_user
):
    other = factories.ProgramFactory(slug="other", name="Other programme")
    request = RequestFactory().get("/admin/")

    def one():
        return figures(program)

    def every():
        return figures()

    def panel():
        return ProgrammeDashboardPanel(request).render_html({"request": request})

    def costs():
        # A user fresh from the database, as on each request: their
        # permissions are looked up again.
        request.user = type(staff_user).objects.get(pk=staff_user.pk)
        return [queries_of(one), queries_of(every), queries_of(panel)]

    build_programme(program, 2)
    build_programme(other, 1)
    few = costs()
    build_programme(program, 25)
    many = costs()

    assert figures(program).active_pairs == 2 * 27
    assert many == few
    assert few[0] <= 8


# The panel -----------------------------------------------------------------------


@pytest.fixture
def programme_data(program):
    applied(program, local(2026, 4, 1, 9))
    applied(program, local(2026, 4, 1, 9), status=ApplicationStatus.UNDER_REVIEW)
    applied(program, local(2026, 4, 1, 9), role=ApplicationRole.MENTOR)
    pair(program, mentor(program, "oncology", capacity=3), started=200)
    cycle = factories.AwardCycleFactory(program=program, year=2026)
    factories.NominationFactory(cycle=cycle)
    return program


def test_staff_see_the_programme_dashboard_on_the_admin_home(
    client, staff_user, programme_data
):
    program = programme_data
    client.force_login(staff_user)

    html = client.get(reverse("wagtailadmin_home")).content.decode()

    assert 'id="acnm-dashboard-section"' in html
    assert "Mentoring: ACNM Mentoring Program" in html
    assert "Applications by status" in html
    applications = reverse("acnm_mentoring_applications:index")
    assert (
        f'href="{applications}?status=submitted&amp;role=mentee&amp;'
        f'program={program.pk}"' in html
    )
    assert (
        f'href="{reverse("acnm_mentoring_pairs:index")}?status=active&amp;'
        f'program={program.pk}"' in html
    )
    assert "acnm_mentoring_wagtail/dashboard.css" in html
    assert 'id="acnm-applications-per-month"' in html
    assert 'id="acnm-active-pairs-by-field"' in html


def test_the_dashboard_links_open_the_listings_filtered(
    client, staff_user, programme_data
):
    client.force_login(staff_user)
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    links = re.findall(r'href="(/admin/mentoring/[^"]+\?[^"]+)"', html)
    assert links
    for link in {link.replace("&amp;", "&") for link in links}:
        assert client.get(link).status_code == 200, link

    submitted = reverse("acnm_mentoring_applications:index")
    listing = client.get(
        submitted, {"status": "under_review", "program": programme_data.pk}
    ).content.decode()
    assert listing.count("Under review") >= 1


def test_an_editor_without_the_staff_permission_sees_no_dashboard(
    client, programme_data
):
    editor = factories.UserFactory(username="editor")
    editor.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(editor)

    response = client.get(reverse("wagtailadmin_home"))

    assert response.status_code == 200
    html = response.content.decode()
    assert "acnm-dashboard" not in html
    assert "Applications by status" not in html


def test_with_several_programmes_staff_choose_one(client, staff_user, programme_data):
    factories.ProgramFactory(slug="fellows", name="Fellows Programme")
    client.force_login(staff_user)

    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Mentoring: all programmes" in html
    assert "?mentoring_programme=fellows#acnm-dashboard-section" in html

    html = client.get(
        reverse("wagtailadmin_home"), {"mentoring_programme": "fellows"}
    ).content.decode()
    assert "Mentoring: Fellows Programme" in html


def test_without_a_programme_the_panel_says_so(client, staff_user):
    client.force_login(staff_user)
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "No mentoring programme has been set up yet." in html


# The charts ----------------------------------------------------------------------


class Outline(HTMLParser):
    """Tags with their attributes, and the text inside each id'd element."""

    def __init__(self):
        super().__init__()
        self.tags, self.text, self.open_ids = [], {}, []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.tags.append((tag, attrs))
        self.open_ids.append(attrs.get("id"))

    def handle_endtag(self, tag):
        if self.open_ids:
            self.open_ids.pop()

    def handle_data(self, data):
        for element_id in filter(None, self.open_ids):
            self.text[element_id] = self.text.get(element_id, "") + data


def outline(html):
    parser = Outline()
    parser.feed(html)
    return parser


def test_the_chart_is_a_named_image_with_its_figures_as_a_table(program):
    applied(program, local(2026, 3, 10, 9))
    applied(program, local(2026, 3, 11, 9))

    html = dashboard.applications_chart(figures(program))
    parsed = outline(html)

    svg = next(attrs for tag, attrs in parsed.tags if tag == "svg")
    assert svg["role"] == "img"
    title_id, desc_id = svg["aria-labelledby"].split()
    assert parsed.text[title_id].strip() == "Applications per month"
    description = " ".join(parsed.text[desc_id].split())
    assert "from May 2025 to April 2026" in description
    assert "Highest: March 2026, 2. Total: 2." in description
    assert sum(1 for tag, _attrs in parsed.tags if tag == "rect") == 12
    assert "<details" in html and "The figures as a table" in html
    rows = re.findall(r'<th scope="row">([^<]+)</th>\s*<td>(\d+)</td>', html)
    assert len(rows) == 12
    assert ("March 2026", "2") in rows and ("December 2025", "0") in rows
    # The year under the first month (May) and under January, nowhere else.
    years = re.findall(r">(20\d\d)</text>", html)
    assert years == ["2025", "2026"]


def test_the_fields_chart_says_how_a_mentor_with_several_fields_counts(program):
    pair(program, mentor(program, "oncology", "pet"))

    html = dashboard.fields_chart(figures(program))
    parsed = outline(html)

    svg = next(attrs for tag, attrs in parsed.tags if tag == "svg")
    desc = " ".join(parsed.text[svg["aria-labelledby"].split()[1]].split())
    assert "a mentor with several fields counts in each" in desc
    assert "Highest: Oncology, PET, 1." in desc
    assert '<th scope="row">Oncology</th>' in html


def test_the_chart_draws_in_any_language():
    bars = [charts.Bar(label="Jan", value=1), charts.Bar(label="Feb", value=2)]
    with translation.override("fr"):
        html = charts.bar_chart(
            chart_id="c",
            title="t",
            description="d",
            bars=bars,
            label_heading="l",
            value_heading="v",
        )
    coordinates = re.findall(
        r'\b(?:x|y|width|height|x1|x2|y1|y2|viewBox)="([^"]*)"', html
    )
    assert coordinates and not any("," in value for value in coordinates)


def test_an_empty_chart_says_there_is_nothing_yet():
    html = charts.bar_chart(
        chart_id="c",
        title="Active pairs by field",
        description="",
        bars=[],
        label_heading="l",
        value_heading="v",
    )
    assert "<svg" not in html and "Nothing to show yet." in html
