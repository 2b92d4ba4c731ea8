"""A member's application on a django CMS page, in a real browser.

The same journey as on a Wagtail page (tests/browser/test_application_journey.py):
a visitor signs in from the page, sends the form with mistakes, finds their
answers kept and the errors in place, corrects them and sees the confirmation
on the django CMS page. axe-core checks the page for WCAG 2.1 A/AA, and the
key states are saved as screenshots in tests/screenshots/.
"""

import re

import pytest
from cms.api import add_plugin, create_page
from django.conf import settings
from django.core import mail
from playwright.sync_api import expect

from acnm_mentoring_plugin.models import Application, ApplicationStatus
from tests.browser.helpers import fill_sign_in

# The browser, the member and the checks of the Wagtail journeys.
pytest_plugins = ["tests.browser.conftest"]

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PANEL = "#acnm-application-acnm-mentee"


@pytest.fixture
def cms_programme_page(program):
    """A django CMS page as an editor would build it: a section, the
    application form plugin and the programme's contact."""
    language = settings.LANGUAGE_CODE
    page = create_page(
        "Mentoring Program",
        settings.CMS_TEMPLATES[0][0],
        language,
        slug="programme",
        in_navigation=True,
    )
    content = page.get_placeholders(language).get(slot="content")
    add_plugin(
        content,
        "ProgrammeSectionPlugin",
        language,
        heading="Mentoring goals",
        text="The programme aims to:",
        points="Increase the potential for academic success.\n"
        "Widen collaboration and networking.",
    )
    add_plugin(
        content,
        "ApplicationFormPlugin",
        language,
        program=program,
        role="mentee",
        intro="Tell us about your training and your goals.",
        success_message="",
    )
    add_plugin(
        content,
        "ProgrammeContactPlugin",
        language,
        heading="Contact the programme",
        program=program,
        text="Prefer paper? Send the form by post or fax.",
    )
    return page


def test_member_applies_on_a_django_cms_page_after_correcting_the_form(
    tab, cms_programme_page, member, check_axe, screenshot
):
    url = cms_programme_page.get_absolute_url()
    assert url == "/programme/"
    tab.goto(url)
    expect(tab.get_by_role("heading", level=1)).to_have_text("Mentoring Program")
    panel = tab.locator(PANEL)
    expect(panel).to_contain_text("Tell us about your training and your goals.")
    sign_in_link = panel.get_by_role("link", name="Sign in to apply")
    expect(sign_in_link).to_be_visible()
    expect(panel.locator("form")).to_have_count(0)
    check_axe(tab, "the django CMS page, anonymous")

    # Signing in brings the member back to the django CMS page, to the form.
    sign_in_link.click()
    tab.wait_for_url(re.compile(r"/accounts/login/\?next="))
    fill_sign_in(tab, member.user.username)
    tab.wait_for_url(re.compile(re.escape(url) + "$"))
    expect(panel.get_by_role("button", name="Submit application")).to_be_visible()

    # No goals, no career direction, a training year out of range.
    tab.get_by_label("Training programme").fill("Riverside nuclear medicine residency")
    tab.get_by_label("Training year").fill("12")
    tab.get_by_label("Oncology").check()
    tab.get_by_role("button", name="Submit application").click()

    tab.wait_for_url(re.compile(re.escape(url + PANEL) + "-errors$"))
    summary = panel.get_by_role("alert")
    expect(summary).to_contain_text("Please correct the errors below")
    expect(summary).to_be_focused()
    expect(summary.get_by_role("link")).to_have_count(3)
    expect(tab.locator("#id_training_year_error")).to_have_text(
        "Enter a training year from 1 to 10."
    )
    expect(tab.locator("#id_goals_error")).to_have_text("This field is required.")
    goals = tab.get_by_label("Your goals for the mentoring partnership")
    expect(goals).to_have_attribute("aria-invalid", "true")
    # What was typed is still there, the wrong answer included.
    expect(tab.get_by_label("Training programme")).to_have_value(
        "Riverside nuclear medicine residency"
    )
    expect(tab.get_by_label("Training year")).to_have_value("12")
    expect(tab.get_by_label("Oncology")).to_be_checked()
    expect(tab.get_by_label("Cardiology")).not_to_be_checked()
    # The rest of the django CMS page is intact around the form.
    expect(tab.get_by_role("heading", level=1)).to_have_text("Mentoring Program")
    expect(tab.get_by_role("heading", name="Mentoring goals")).to_be_visible()
    expect(tab.get_by_text("Widen collaboration and networking.")).to_be_visible()
    expect(tab.locator("address")).to_contain_text("Fax: 703-708-9020")
    assert not Application.objects.exists()
    assert mail.outbox == []
    check_axe(tab, "the django CMS page with the form's errors")
    screenshot(tab, "djangocms-01-form-with-errors")

    # The summary's link leads to the field; the member corrects and sends.
    summary.get_by_role(
        "link", name="Your goals for the mentoring partnership: This field is required."
    ).click()
    expect(goals).to_be_in_viewport()
    goals.fill("Find a position in private practice.")
    tab.get_by_label("Training year").fill("3")
    tab.get_by_label("Private practice").check()
    tab.get_by_role("button", name="Submit application").click()

    tab.wait_for_url(re.compile(re.escape(url + PANEL) + "$"))
    expect(panel.get_by_role("status")).to_contain_text(
        "your application has been received"
    )
    expect(panel).to_contain_text("Status: Submitted")
    expect(panel.get_by_role("button", name="Submit application")).to_have_count(0)
    expect(tab.get_by_role("heading", name="Contact the programme")).to_be_visible()
    check_axe(tab, "the django CMS page after applying")
    screenshot(tab, "djangocms-02-confirmation")

    application = Application.objects.get(member=member)
    assert application.status == ApplicationStatus.SUBMITTED
    assert application.role == "mentee"
    assert application.training_programme == "Riverside nuclear medicine residency"
    assert application.training_year == 3
    assert application.goals == "Find a position in private practice."
    assert list(application.interests.values_list("slug", flat=True)) == ["oncology"]
    assert list(application.career_directions.values_list("slug", flat=True)) == [
        "private-practice"
    ]
    # The member's acknowledgement and the coordinator's notice, once.
    assert sorted(message.to[0] for message in mail.outbox) == [
        "coordinator@acnm.test",
        "jordan.rivera@members.test",
    ]

    # Reloading neither posts again nor repeats the thank-you.
    tab.reload()
    expect(panel).to_contain_text("Status: Submitted")
    expect(panel.get_by_role("status")).to_have_count(0)
    assert Application.objects.count() == 1
