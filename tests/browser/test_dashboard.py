"""The programme dashboard, in a real browser, on the Wagtail admin home.

The coordinator signs in and finds the programme's figures first on the
admin home: applications by status, active and overdue pairs, free places,
the award's nominations and two charts, each with its figures as a table.
axe-core checks the panel for WCAG 2.1 A/AA, and the page is saved as
tests/screenshots/70-dashboard.png.
"""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from acnm_mentoring_plugin.models import (
    Application,
    ApplicationRole,
    ApplicationStatus,
    ContactLog,
    FieldOfInterest,
    MentorshipStatus,
)
from tests import factories
from tests.browser.helpers import sign_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PANEL = "#acnm-dashboard-section"


def months_ago(number, day=12):
    today = timezone.localdate()
    year, month = today.year, today.month - number
    while month < 1:
        year, month = year - 1, month + 12
    return timezone.make_aware(
        datetime.datetime(year, month, min(day, 28), 10),
        timezone.get_default_timezone(),
    )


@pytest.fixture
def running_programme(program):
    """A year of a programme: applications most months (none in one),
    mentors in several fields, pairs in touch and pairs gone quiet, and
    nominations for this year's award."""
    per_month = [3, 5, 2, 0, 4, 6, 3, 2, 5, 4, 7, 2]
    statuses = [
        ApplicationStatus.SUBMITTED,
        ApplicationStatus.UNDER_REVIEW,
        ApplicationStatus.ACCEPTED,
        ApplicationStatus.ACCEPTED,
        ApplicationStatus.DECLINED,
    ]
    for age, count in enumerate(reversed(per_month)):
        for index in range(count):
            role = ApplicationRole.MENTOR if index % 3 == 2 else ApplicationRole.MENTEE
            application = factories.ApplicationFactory(
                program=program,
                role=role,
                member=(
                    factories.FacultyFactory()
                    if role == ApplicationRole.MENTOR
                    else factories.MemberFactory()
                ),
                status=(
                    statuses[(age + index) % len(statuses)]
                    if age
                    else ApplicationStatus.SUBMITTED
                ),
            )
            Application.objects.filter(pk=application.pk).update(
                submitted_at=months_ago(age, day=3 + index)
            )
    today = timezone.localdate()
    mentors = [
        (("oncology", "pet"), 3, 3),
        (("cardiology",), 2, 1),
        (("theranostics", "oncology"), 3, 2),
        (("neuro",), 2, 0),
        (("research",), 4, 1),
    ]
    for fields, capacity, pairs in mentors:
        profile = factories.MentorProfileFactory(program=program, capacity=capacity)
        profile.specialties.set(FieldOfInterest.objects.filter(slug__in=fields))
        for number in range(pairs):
            mentorship = factories.MentorshipFactory(
                program=program,
                mentor=profile.member,
                status=MentorshipStatus.ACTIVE,
                start_date=today - datetime.timedelta(days=120),
            )
            if number % 2 == 0:  # the others have gone quiet
                ContactLog.objects.create(
                    mentorship=mentorship,
                    date=today - datetime.timedelta(days=7),
                    method="video",
                )
    cycle = factories.AwardCycleFactory(program=program, year=today.year)
    for _number in range(3):
        factories.NominationFactory(cycle=cycle)
    return program


def test_staff_read_the_programme_at_a_glance_on_the_admin_home(
    tab, staff_user, running_programme, check_axe, screenshot
):
    sign_in(tab, staff_user.username, reverse("wagtailadmin_home"))
    # Again, without the "signed in" message: Wagtail's green message bar
    # (white on #489e84, 3.2:1) is the admin's own, not the panel's.
    tab.reload()

    panel = tab.locator(PANEL)
    expect(panel).to_be_visible()
    expect(panel.get_by_role("heading", level=2)).to_have_text(
        "Mentoring: ACNM Mentoring Program"
    )
    expect(panel.get_by_role("link", name="7 active pairs")).to_be_visible()
    expect(panel.get_by_text("2 pairs overdue for contact")).to_be_visible()
    expect(panel.get_by_role("link", name="4 mentors with free places")).to_be_visible()
    expect(panel.get_by_role("link", name="3 nominations this cycle")).to_be_visible()
    expect(panel.get_by_role("table", name="Applications by status")).to_be_visible()

    applications = panel.get_by_role("img", name="Applications per month")
    expect(applications).to_be_visible()
    fields = panel.get_by_role("img", name="Active pairs by field")
    expect(fields).to_be_visible()
    expect(panel.locator("#acnm-active-pairs-by-field rect")).to_have_count(10)

    # The figures as a table, for whoever wants the exact numbers.
    summary = panel.locator("#acnm-applications-per-month summary")
    summary.click()
    table = panel.get_by_role("table", name="Applications per month")
    expect(table).to_be_visible()
    expect(table.locator("tbody tr")).to_have_count(12)

    check_axe(tab, "the Wagtail admin home with the programme dashboard")
    # The admin scrolls inside its own frame: a tall window shows it all.
    tab.set_viewport_size({"width": 1280, "height": 2200})
    screenshot(tab, "70-dashboard")

    # Wagtail follows the system's dark theme; the panel follows Wagtail.
    tab.emulate_media(color_scheme="dark")
    check_axe(tab, "the programme dashboard in the dark theme")
    screenshot(tab, "71-dashboard-dark")
    tab.emulate_media(color_scheme="light")

    panel.get_by_role("link", name="7 active pairs").click()
    expect(tab).to_have_url(
        re.compile(
            re.escape(
                f"{reverse('acnm_mentoring_pairs:index')}?status=active"
                f"&program={running_programme.pk}"
            )
            + "$"
        )
    )
