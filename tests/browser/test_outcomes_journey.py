"""Outcomes in a real browser: a mentee records theirs without JavaScript,
a mistake kept with its reason; staff read them by cohort in the Wagtail
admin. axe-core checks each page for WCAG 2.1 A/AA, and the pages are saved
as tests/screenshots/80-*.png."""

import datetime

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from acnm_mentoring_plugin import services
from acnm_mentoring_plugin.models import (
    ApplicationRole,
    ApplicationStatus,
    FirstPosition,
    MentorshipStatus,
    Outcome,
)
from tests import factories
from tests.browser.helpers import sign_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def mentee_of(program, member, start):
    factories.ApplicationFactory(
        program=program,
        member=member,
        role=ApplicationRole.MENTEE,
        status=ApplicationStatus.ACCEPTED,
    )
    if start:
        factories.MentorshipFactory(
            program=program,
            mentee=member,
            status=MentorshipStatus.COMPLETED,
            start_date=start,
        )
    return member


def test_a_mentee_records_outcomes_and_corrects_a_mistake(
    tab, member, program, check_axe, screenshot
):
    mentee_of(program, member, datetime.date(2024, 9, 1))
    sign_in(tab, member.user.username, reverse("acnm_mentoring:my_mentoring"))

    tab.get_by_role("link", name="Your outcomes in the ACNM Mentoring Program").click()
    expect(tab.get_by_role("heading", level=1)).to_have_text(
        "Your outcomes in the ACNM Mentoring Program"
    )
    year = tab.get_by_label("Year you passed the ABNM qualifying exam")
    year.fill(str(datetime.date.today().year + 2))
    tab.get_by_label("First position after training").select_option(
        label="Private practice"
    )
    tab.get_by_label("Publications").fill("4")
    tab.get_by_role("button", name="Save outcomes").click()

    expect(tab.get_by_role("alert")).to_contain_text("Please correct")
    expect(tab.get_by_text("Give the year you passed the exam")).to_be_visible()
    expect(year).to_have_value(str(datetime.date.today().year + 2))
    expect(tab.get_by_label("Publications")).to_have_value("4")
    check_axe(tab, "the outcomes form with an error")
    screenshot(tab, "80-outcomes-form-error")

    year.fill("2025")
    tab.get_by_role("button", name="Save outcomes").click()
    expect(tab.get_by_role("status")).to_contain_text("Your outcomes have been saved.")
    check_axe(tab, "the outcomes form saved")
    outcome = Outcome.objects.get(member=member, program=program)
    assert outcome.abnm_exam_passed_year == 2025
    assert outcome.first_position == FirstPosition.PRIVATE_PRACTICE


def test_outcomes_are_recorded_with_javascript_switched_off(
    tab_without_js, member, program
):
    tab = tab_without_js
    tab.set_content("<title>off</title><script>document.title = 'on'</script>")
    assert tab.title() == "off", "JavaScript should be switched off in this context"
    mentee_of(program, member, None)
    url = reverse("acnm_mentoring:my_outcomes", args=[program.slug])
    sign_in(tab, member.user.username, url)
    tab.get_by_label("Presentations").fill("3")
    tab.get_by_role("button", name="Save outcomes").click()
    expect(tab.get_by_role("status")).to_contain_text("Your outcomes have been saved.")
    assert Outcome.objects.get(member=member, program=program).presentations == 3


def test_staff_read_outcomes_by_cohort(tab, staff_user, program, check_axe, screenshot):
    people = [
        (datetime.date(2023, 9, 1), 2024, FirstPosition.ACADEMIC_CENTRE, 5),
        (datetime.date(2023, 10, 1), None, FirstPosition.FURTHER_TRAINING, 1),
        (datetime.date(2024, 1, 1), 2025, FirstPosition.INDUSTRY, 2),
        (datetime.date(2024, 2, 1), 2025, FirstPosition.PRIVATE_PRACTICE, 0),
        (datetime.date(2025, 3, 1), None, "", 0),
        (None, None, "", 0),
    ]
    for start, year, position, publications in people:
        member = mentee_of(program, factories.MemberFactory(), start)
        services.record_outcome(
            staff_user,
            member,
            program,
            abnm_exam_passed_year=year,
            first_position=position,
            publications=publications,
        )

    sign_in(tab, staff_user.username, "/admin/mentoring/outcomes/")
    tab.reload()  # without Wagtail's "signed in" message bar
    expect(tab.get_by_role("heading", level=1)).to_have_text("Outcomes by cohort")
    expect(
        tab.get_by_role(
            "img",
            name="ABNM qualifying exam passed, per cent of the cohort's mentees",
        )
    ).to_be_visible()
    expect(
        tab.get_by_role("img", name="First position after training, by cohort")
    ).to_be_visible()
    expect(tab.get_by_role("link", name="Download CSV")).to_be_visible()
    check_axe(tab, "the outcomes by cohort report")
    tab.set_viewport_size({"width": 1280, "height": 2200})
    screenshot(tab, "81-outcomes-by-cohort")
