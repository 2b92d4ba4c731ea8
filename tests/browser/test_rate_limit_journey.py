"""A member who sends forms faster than the limits allow, in a real browser:
the page says nothing was saved and when to try again, shows what they typed,
and sends it again once the wait is over. axe-core checks the page; it is
saved as tests/screenshots/90-too-many-posts.png."""

import datetime

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from acnm_mentoring_plugin.models import Outcome
from tests.browser.helpers import sign_in
from tests.browser.test_outcomes_journey import mentee_of

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_a_member_over_the_limit_keeps_what_they_typed_and_sends_it_later(
    tab, member, program, settings, check_axe, screenshot
):
    mentee_of(program, member, datetime.date(2024, 9, 1))
    sign_in(tab, member.user.username, reverse("acnm_mentoring:my_mentoring"))
    settings.ACNM_MENTORING = {
        **settings.ACNM_MENTORING,
        "RATE_LIMITS": {"member": "0/10m"},
    }
    tab.goto(reverse("acnm_mentoring:my_outcomes", args=[program.slug]))
    tab.get_by_label("Year you passed the ABNM qualifying exam").fill("2025")
    tab.get_by_label("Publications").fill("7")
    tab.get_by_label("First position after training").select_option(
        label="Private practice"
    )
    tab.get_by_role("button", name="Save outcomes").click()

    expect(tab.get_by_role("heading", level=1)).to_have_text(
        "Please wait before sending this again"
    )
    expect(tab.get_by_role("alert")).to_contain_text("Nothing was saved.")
    expect(tab.get_by_role("alert")).to_contain_text("You can send it again in about")
    check_axe(tab, "the page of a form sent over the limit")
    screenshot(tab, "90-too-many-posts")
    assert not Outcome.objects.filter(member=member).exists()

    settings.ACNM_MENTORING = {
        **settings.ACNM_MENTORING,
        "RATE_LIMITS": {"member": "1/10m"},
    }
    with time_machine.travel(timezone.now() + datetime.timedelta(minutes=11)):
        tab.get_by_role("button", name="Send it again").click()
        expect(tab.get_by_role("status")).to_contain_text(
            "Your outcomes have been saved."
        )
    outcome = Outcome.objects.get(member=member, program=program)
    assert outcome.abnm_exam_passed_year == 2025
    assert outcome.publications == 7
