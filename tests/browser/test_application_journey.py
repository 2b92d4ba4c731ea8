"""A member's application, in a real browser, on the pages an editor builds.

Each journey runs against pytest-django's live server in Debian's Chromium:
signing in from the programme page, applying, correcting a rejected form,
applying with JavaScript off, and the same block on a host site's own page
type. axe-core checks every page a member sees for WCAG 2.1 A/AA, and the
key pages are saved as screenshots in tests/screenshots/.
"""

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from acnm_mentoring_plugin.models import (
    Application,
    ApplicationStatus,
)
from tests.browser.helpers import fill_sign_in, path_of, sign_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PANEL = "#acnm-application-acnm-mentee"


def application_panel(tab):
    return tab.locator(PANEL)


def fill_valid_answers(tab, *, goals="Prepare for the ABNM exam and research."):
    tab.get_by_label("Training programme").fill("Riverside nuclear medicine residency")
    tab.get_by_label("Training year").fill("2")
    tab.get_by_label("Your goals for the mentoring partnership").fill(goals)
    tab.get_by_label("Oncology").check()
    tab.get_by_label("Theranostics").check()
    tab.get_by_label("Academic centre").check()


def submit(tab):
    tab.get_by_role("button", name="Submit application").click()


def test_visitor_signs_in_from_the_programme_page_and_returns_to_the_form(
    tab, programme_page, member, check_axe, screenshot
):
    url = path_of(programme_page)
    tab.goto(url)
    expect(tab.get_by_role("heading", level=1)).to_have_text("Mentoring Program")
    panel = application_panel(tab)
    sign_in_link = panel.get_by_role("link", name="Sign in to apply")
    expect(sign_in_link).to_be_visible()
    expect(panel.locator("form")).to_have_count(0)
    check_axe(tab, "the programme page, anonymous")
    screenshot(tab, "01-programme-page-anonymous")

    sign_in_link.click()
    tab.wait_for_url(re.compile(r"/accounts/login/\?next="))
    expect(tab.get_by_role("heading", level=1)).to_have_text("Sign In")
    # allauth's stock page is the host's to replace; its <html> has no lang.
    check_axe(tab, "allauth's sign-in page", tolerate={"html-has-lang"})
    screenshot(tab, "02-sign-in")
    fill_sign_in(tab, member.user.username)

    tab.wait_for_url(re.compile(re.escape(url) + "$"))
    expect(panel.get_by_role("button", name="Submit application")).to_be_visible()
    expect(panel.get_by_role("link", name="Sign in to apply")).to_have_count(0)
    expect(tab.get_by_role("heading", name="Mentoring goals")).to_be_visible()
    check_axe(tab, "the programme page with the form, signed in")
    screenshot(tab, "03-form")


def test_member_applies_and_sees_the_confirmation_and_status_on_the_same_page(
    tab, programme_page, member, check_axe, screenshot
):
    url = path_of(programme_page)
    sign_in(tab, member.user.username, url)
    fill_valid_answers(tab)
    submit(tab)

    tab.wait_for_url(re.compile(re.escape(url + PANEL) + "$"))
    panel = application_panel(tab)
    expect(panel.get_by_role("status")).to_contain_text(
        "your application has been received"
    )
    expect(panel).to_contain_text("Status: Submitted")
    expect(panel.get_by_role("button", name="Submit application")).to_have_count(0)
    expect(tab.get_by_role("heading", name="Mentoring goals")).to_be_visible()
    expect(tab.get_by_role("heading", name="Contact the programme")).to_be_visible()
    check_axe(tab, "the programme page after applying")
    screenshot(tab, "05-confirmation")

    application = Application.objects.get(member=member)
    assert application.status == ApplicationStatus.SUBMITTED
    assert application.role == "mentee"
    assert application.training_programme == "Riverside nuclear medicine residency"
    assert application.training_year == 2
    assert application.goals == "Prepare for the ABNM exam and research."
    assert set(application.interests.values_list("slug", flat=True)) == {
        "oncology",
        "theranostics",
    }
    assert list(application.career_directions.values_list("slug", flat=True)) == [
        "academic"
    ]

    # The server runs in a thread of this process, so locmem's outbox is ours.
    by_recipient = {tuple(message.to): message for message in mail.outbox}
    assert set(by_recipient) == {
        ("jordan.rivera@members.test",),
        ("coordinator@acnm.test",),
    }, [message.subject for message in mail.outbox]
    to_member = by_recipient[("jordan.rivera@members.test",)]
    assert to_member.subject == (
        "We have received your application to the ACNM Mentoring Program"
    )
    assert str(application.public_id) in to_member.body
    to_coordinator = by_recipient[("coordinator@acnm.test",)]
    assert to_coordinator.subject == "New mentee application from Jordan Rivera"

    # Reloading neither posts again nor repeats the thank-you; the status stays.
    tab.reload()
    expect(panel).to_contain_text("Status: Submitted")
    expect(panel.get_by_role("status")).to_have_count(0)
    assert Application.objects.count() == 1
    assert len(mail.outbox) == 2

    panel.get_by_role("link", name="See your application").click()
    tab.wait_for_url(f"**/mentoring/applications/{application.public_id}/")
    expect(tab.get_by_role("heading", level=1)).to_contain_text(
        "application to the ACNM Mentoring Program"
    )
    expect(tab.locator(".acnm-status")).to_have_text("Status: Submitted")
    answers = tab.locator(".acnm-answers")
    expect(answers).to_contain_text("Riverside nuclear medicine residency")
    expect(answers).to_contain_text("Prepare for the ABNM exam and research.")
    expect(answers).to_contain_text("Oncology, Theranostics")
    expect(answers).to_contain_text("Academic centre")
    expect(tab.get_by_role("button", name="Withdraw my application")).to_be_visible()
    check_axe(tab, "the application detail page")
    screenshot(tab, "06-application-detail")


def test_rejected_form_shows_its_errors_in_place_and_keeps_what_was_typed(
    tab, programme_page, member, check_axe, screenshot
):
    url = path_of(programme_page)
    sign_in(tab, member.user.username, url)
    tab.get_by_label("Training programme").fill("Riverside nuclear medicine residency")
    tab.get_by_label("Training year").fill("12")
    tab.get_by_label("Oncology").check()
    # No goals, no career direction, a training year out of range.
    submit(tab)

    tab.wait_for_url(re.compile(re.escape(url + PANEL) + "-errors$"))
    panel = application_panel(tab)
    summary = panel.get_by_role("alert")
    expect(summary).to_contain_text("Please correct the errors below")
    expect(summary).to_be_focused()  # the fragment brings focus to the errors
    expect(summary.get_by_role("link")).to_have_count(3)
    expect(
        summary.get_by_role(
            "link", name=re.compile(r"^Training year: Enter a training")
        )
    ).to_have_attribute("href", "#id_training_year")
    goals_link = summary.get_by_role(
        "link", name="Your goals for the mentoring partnership: This field is required."
    )
    expect(goals_link).to_have_attribute("href", "#id_goals")
    expect(
        summary.get_by_role("link", name="Career direction: This field is required.")
    ).to_have_attribute("href", "#id_career_directions")

    # Each field says what is wrong next to it.
    expect(tab.locator("#id_training_year_error")).to_have_text(
        "Enter a training year from 1 to 10."
    )
    expect(tab.locator("#id_goals_error")).to_have_text("This field is required.")
    expect(tab.locator("#id_career_directions_error")).to_have_text(
        "This field is required."
    )
    goals = tab.get_by_label("Your goals for the mentoring partnership")
    expect(goals).to_have_attribute("aria-invalid", "true")
    expect(tab.get_by_role("group", name="Career direction")).to_have_attribute(
        "aria-describedby", re.compile(r"\bid_career_directions_error\b")
    )

    # What was typed is still there, wrong answers included.
    expect(tab.get_by_label("Training programme")).to_have_value(
        "Riverside nuclear medicine residency"
    )
    expect(tab.get_by_label("Training year")).to_have_value("12")
    expect(tab.get_by_label("Oncology")).to_be_checked()
    expect(tab.get_by_label("Cardiology")).not_to_be_checked()

    # The rest of the page is intact.
    expect(tab.get_by_role("heading", level=1)).to_have_text("Mentoring Program")
    expect(tab.get_by_role("heading", name="Mentoring goals")).to_be_visible()
    expect(tab.get_by_text("Widen collaboration and networking.")).to_be_visible()
    expect(tab.get_by_role("heading", name="Contact the programme")).to_be_visible()
    expect(tab.locator("address")).to_contain_text("Fax: 703-708-9020")
    assert not Application.objects.exists()
    assert mail.outbox == []
    check_axe(tab, "the form with errors")
    screenshot(tab, "04-form-with-errors")

    # The summary's link leads to the field; the member corrects and sends.
    goals_link.click()
    expect(goals).to_be_in_viewport()
    goals.fill("Find a position in private practice.")
    tab.get_by_label("Training year").fill("3")
    tab.get_by_label("Private practice").check()
    submit(tab)

    expect(panel.get_by_role("status")).to_contain_text(
        "your application has been received"
    )
    expect(panel).to_contain_text("Status: Submitted")
    application = Application.objects.get(member=member)
    assert application.training_year == 3
    assert application.goals == "Find a position in private practice."
    assert list(application.interests.values_list("slug", flat=True)) == ["oncology"]
    assert list(application.career_directions.values_list("slug", flat=True)) == [
        "private-practice"
    ]
    assert len(mail.outbox) == 2


def test_application_works_with_javascript_switched_off(
    tab_without_js, programme_page, member, screenshot
):
    tab = tab_without_js
    tab.set_content("<title>off</title><script>document.title = 'on'</script>")
    assert tab.title() == "off", "JavaScript should be switched off in this context"
    url = path_of(programme_page)
    tab.goto(url)
    tab.get_by_role("link", name="Sign in to apply").click()
    fill_sign_in(tab, member.user.username)
    tab.wait_for_url(re.compile(re.escape(url) + "$"))

    submit(tab)  # everything empty
    panel = application_panel(tab)
    expect(panel.get_by_role("alert")).to_contain_text(
        "Please correct the errors below"
    )
    expect(tab.locator("#id_goals_error")).to_have_text("This field is required.")
    assert not Application.objects.exists()

    fill_valid_answers(tab)
    submit(tab)
    expect(panel.get_by_role("status")).to_contain_text(
        "your application has been received"
    )
    expect(panel).to_contain_text("Status: Submitted")
    screenshot(tab, "09-confirmation-without-javascript")
    application = Application.objects.get(member=member)
    assert set(application.interests.values_list("slug", flat=True)) == {
        "oncology",
        "theranostics",
    }
    assert len(mail.outbox) == 2


def test_the_block_on_the_host_sites_own_page_type(
    tab, host_page, member, check_axe, screenshot
):
    url = path_of(host_page)
    tab.goto(url)
    expect(tab.get_by_role("heading", level=1)).to_have_text("Residents corner")
    expect(tab.get_by_text("News and opportunities for residents.")).to_be_visible()
    panel = application_panel(tab)
    expect(panel.get_by_role("link", name="Sign in to apply")).to_be_visible()
    check_axe(tab, "the host's page, anonymous")

    panel.get_by_role("link", name="Sign in to apply").click()
    fill_sign_in(tab, member.user.username)
    tab.wait_for_url(re.compile(re.escape(url) + "$"))
    expect(panel.get_by_role("button", name="Submit application")).to_be_visible()
    check_axe(tab, "the host's page with the form")
    screenshot(tab, "07-host-page-form")

    fill_valid_answers(tab)
    submit(tab)
    tab.wait_for_url(re.compile(re.escape(url + PANEL) + "$"))
    expect(panel.get_by_role("status")).to_have_text(
        "Thanks, we will be in touch soon."
    )
    expect(panel).to_contain_text("Status: Submitted")
    expect(tab.locator("footer")).to_have_text("Host site footer")
    check_axe(tab, "the host's page after applying")
    screenshot(tab, "08-host-page-confirmation")
    assert Application.objects.filter(member=member, status="submitted").count() == 1
    assert len(mail.outbox) == 2
