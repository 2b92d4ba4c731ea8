"""Feedback on progress in a real browser: the mentor gives feedback from
the partnership page, a mistake kept with its reason; the mentee reads it
and rates the partnership; the mentor sees only figures; both answer the
end-of-term survey. axe-core checks each page for WCAG 2.1 A/AA, and the
pages are saved as tests/screenshots/85-*.png."""

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from acnm_mentoring_plugin import services
from acnm_mentoring_plugin.feedback import add_months
from acnm_mentoring_plugin.models import Feedback, MentorshipStatus
from tests import factories
from tests.browser.helpers import sign_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PROGRESS = "Your abstract for the Annual Meeting is strong; next, the board review."
RATING = "Helpful, though our calls keep moving."


@pytest.fixture
def partnership(program, member):
    mentor = factories.MentorProfileFactory(
        program=program,
        capacity=4,
        member__user__username="hmarsh",
        member__user__first_name="Helen",
        member__user__last_name="Marsh",
    ).member
    start = add_months(timezone.localdate(), -program.feedback_interval_months)
    mentorship = factories.MentorshipFactory(
        program=program,
        mentee=member,
        mentor=mentor,
        status=MentorshipStatus.ACTIVE,
        start_date=start,
        planned_end_date=add_months(start, 24),
    )
    factories.ContactLogFactory(mentorship=mentorship)
    return mentorship


def test_the_mentor_gives_feedback_and_the_mentee_reads_it_and_rates(
    tab, partnership, check_axe, screenshot
):
    url = reverse("acnm_mentoring:partnership", args=[partnership.public_id])
    sign_in(tab, "hmarsh", url)
    tab.get_by_role("link", name="Give feedback").click()
    expect(tab.get_by_role("heading", level=1)).to_have_text("Feedback on progress")
    tab.get_by_label("4", exact=True).check()
    tab.get_by_role("button", name="Send feedback").click()

    expect(tab.get_by_role("alert")).to_contain_text("Please correct")
    expect(tab.get_by_text("Write a few words on your mentee")).to_be_visible()
    expect(tab.get_by_label("4", exact=True)).to_be_checked()
    check_axe(tab, "the mentor's feedback form with an error")
    screenshot(tab, "85-feedback-form-error")

    tab.get_by_label("Your feedback on their progress").fill(PROGRESS)
    tab.get_by_role("button", name="Send feedback").click()
    expect(tab.get_by_role("status")).to_contain_text("your mentee can read it")
    expect(tab.get_by_text(PROGRESS)).to_be_visible()
    expect(tab.get_by_text("The next feedback opens on")).to_be_visible()
    check_axe(tab, "the mentor's feedback page after sending")
    screenshot(tab, "86-feedback-given")

    tab.context.clear_cookies()
    sign_in(tab, "jrivera", reverse("acnm_mentoring:my_mentoring"))
    expect(tab.get_by_text("Rate your partnership: open until")).to_be_visible()
    tab.get_by_role("link", name="Helen Marsh").click()
    tab.get_by_role("link", name="Rate the partnership").click()
    expect(tab.get_by_text(PROGRESS)).to_be_visible()  # the mentor's feedback
    tab.get_by_label("5 – Extremely valuable").check()
    tab.get_by_label("Anything to add").fill(RATING)
    screenshot(tab, "87-feedback-rating-form")
    tab.get_by_role("button", name="Send feedback").click()
    expect(tab.get_by_role("status")).to_contain_text("Only programme staff see it")
    check_axe(tab, "the mentee's feedback page after rating")

    assert Feedback.objects.filter(mentorship=partnership).count() == 2

    tab.context.clear_cookies()
    sign_in(
        tab, "hmarsh", reverse("acnm_mentoring:feedback", args=[partnership.public_id])
    )
    expect(tab.get_by_text("You have given this feedback. Thank you.")).to_be_visible()
    expect(tab.get_by_text("once 3 different mentees have rated")).to_be_visible()
    assert RATING not in tab.content()
    check_axe(tab, "the mentor's feedback page without figures")
    screenshot(tab, "88-feedback-mentor-reads")


def test_both_answer_the_end_of_term_survey_and_the_mentor_sees_figures(
    tab, partnership, program, check_axe, screenshot
):
    # Two more mentees of the same mentor have rated: enough for figures.
    for rating in (4, 3):
        other = factories.MentorshipFactory(
            program=program,
            mentor=partnership.mentor,
            status=MentorshipStatus.ACTIVE,
            start_date=partnership.start_date,
        )
        services.give_feedback(other.mentee.user, other, rating=rating)
    services.complete_mentorship(factories.StaffFactory(), partnership)

    url = reverse("acnm_mentoring:partnership", args=[partnership.public_id])
    sign_in(tab, "jrivera", url)
    tab.get_by_role("link", name="Answer the survey").click()
    tab.get_by_label("5 – Extremely valuable").check()
    tab.get_by_label("Yes, all of them").check()
    tab.get_by_role("button", name="Send the survey").click()
    expect(tab.get_by_role("alert")).to_contain_text("Please correct")
    expect(
        tab.get_by_text("Say whether you would recommend the programme.")
    ).to_be_visible()
    expect(tab.get_by_label("Yes, all of them")).to_be_checked()
    check_axe(tab, "the end-of-term survey with an error")
    screenshot(tab, "89-end-of-term-survey-error")
    tab.get_by_role("radio", name="Yes", exact=True).check()
    tab.get_by_role("button", name="Send the survey").click()
    expect(tab.get_by_role("status")).to_contain_text("end-of-term survey")

    tab.context.clear_cookies()
    sign_in(tab, "hmarsh", reverse("acnm_mentoring:my_mentoring"))
    expect(
        tab.get_by_text("Average rating 4.0 out of 5, from 3 answers.")
    ).to_be_visible()
    check_axe(tab, "My mentoring with the mentor's figures")
    screenshot(tab, "90-my-mentoring-ratings")
