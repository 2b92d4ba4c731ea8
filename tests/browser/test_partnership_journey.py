"""A partnership, in a real browser, from the agreement to its end.

The mentee finds the next step on "My mentoring", completes and signs the
Mentor/Mentee Agreement, the mentor signs what the mentee signed and the
partnership starts: both get the agreement as a PDF, which the page also
offers to download or print. A wrong name comes back with the error at the
agreement and nothing typed lost, with JavaScript on or off. The pair log
their contacts, whose notes programme staff do not see; and a party ends the
partnership early, with a reason. axe-core checks every page for WCAG 2.1
A/AA, and the key pages are saved as screenshots in tests/screenshots/.
"""

import datetime
import re

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from playwright.sync_api import expect

from acnm_mentoring_plugin import services
from acnm_mentoring_plugin.models import (
    ApplicationRole,
    ApplicationStatus,
    MentorshipStatus,
)
from tests import factories
from tests.browser.helpers import sign_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

GOALS = ("Pass the ABNM qualifying exam.", "Write a first oncology PET paper.")
TERMS = "We keep our contact professional and confidential."
MY_MENTORING = reverse("acnm_mentoring:my_mentoring")


@pytest.fixture
def pair(program, member):
    """Jordan Rivera asked Helen Marsh, who accepted: nobody has signed yet."""
    factories.ApplicationFactory(
        program=program,
        member=member,
        role=ApplicationRole.MENTEE,
        status=ApplicationStatus.ACCEPTED,
    )
    profile = factories.MentorProfileFactory(
        program=program,
        member__user__username="hmarsh",
        member__user__first_name="Helen",
        member__user__last_name="Marsh",
        member__user__email="helen@faculty.test",
        member__institution="Lakeside Medical Center",
    )
    mentorship = services.request_mentor(
        member.user, profile, "Would you guide me through my first paper?"
    )
    services.accept_request(profile.member.user, mentorship)
    mail.outbox.clear()  # the request and its answer, checked elsewhere
    mentorship.refresh_from_db()
    return mentorship


@pytest.fixture
def active_pair(pair):
    """The same pair, both signed: the partnership is under way."""
    services.sign_agreement(
        pair.mentee.user,
        pair.agreement,
        "Jordan Rivera",
        goals="\n".join(GOALS),
        contact_cadence="monthly",
        years=2,
    )
    services.sign_agreement(pair.mentor.user, pair.agreement, "Helen Marsh")
    mail.outbox.clear()
    pair.refresh_from_db()
    assert pair.status == MentorshipStatus.ACTIVE
    return pair


def path_to(name, mentorship):
    return reverse(f"acnm_mentoring:{name}", args=[mentorship.public_id])


def shown(day):
    """A date as the pages show it (DATE_FORMAT, en-us)."""
    return date_format(day, "DATE_FORMAT")


def switch_to(tab, username, next_path):
    """Sign out (by forgetting the session) and sign in as someone else."""
    tab.context.clear_cookies()
    sign_in(tab, username, next_path)


def agreement_section(tab):
    return tab.get_by_role("region", name="Mentor/Mentee Agreement")


def fill_first_signature(tab, typed_name):
    """The first signer's form: goals, contact, a 2-year term, name, consent."""
    section = agreement_section(tab)
    section.get_by_label("Agreed goals").fill("\n".join(GOALS))
    section.get_by_role("group", name="How often you will be in touch").get_by_label(
        "Every two weeks"
    ).check()
    section.get_by_role("group", name="Planned term").get_by_label("2 years").check()
    section.get_by_label("Type your full name to sign").fill(typed_name)
    section.get_by_label("I have read the terms above and agree to them.").check()
    section.get_by_role("button", name="Sign the agreement").click()


def expect_first_signature_kept(tab, typed_name):
    section = agreement_section(tab)
    expect(section.get_by_label("Agreed goals")).to_have_value("\n".join(GOALS))
    expect(section.get_by_label("Every two weeks")).to_be_checked()
    expect(section.get_by_label("2 years")).to_be_checked()
    expect(section.get_by_label("Type your full name to sign")).to_have_value(
        typed_name
    )


def test_both_sign_the_agreement_and_the_partnership_starts_with_a_pdf_copy(
    tab, pair, check_axe, screenshot
):
    partnership = path_to("partnership", pair)
    sign_in(tab, "jrivera", MY_MENTORING)
    expect(tab.get_by_role("heading", level=1)).to_have_text("My mentoring")
    mine = tab.get_by_role("region", name="Your mentor", exact=True)
    expect(mine.locator("li")).to_have_count(1)
    expect(mine.locator("li")).to_contain_text(
        "Helen Marsh · Accepted, agreement to sign"
    )
    expect(mine.locator(".acnm-next-step")).to_have_text(
        "Next step: Complete and sign the Mentor/Mentee Agreement."
    )
    check_axe(tab, "My mentoring, as the mentee")
    screenshot(tab, "40-my-mentoring")

    mine.get_by_role("link", name="Helen Marsh").click()
    tab.wait_for_url(f"**{partnership}")
    expect(tab.get_by_role("heading", level=1)).to_have_text(
        "Helen Marsh mentoring Jordan Rivera"
    )
    expect(tab.locator(".acnm-status")).to_have_text(
        "Status: Accepted, agreement to sign"
    )
    expect(tab.locator(".acnm-next-step")).to_have_text(
        "Next step: Complete and sign the Mentor/Mentee Agreement."
    )
    section = agreement_section(tab)
    signatures = section.locator(".acnm-signature-states li")
    expect(signatures).to_have_text(
        ["Mentor: not signed yet", "Mentee: not signed yet"]
    )
    terms = section.locator("details.acnm-terms")
    expect(terms).to_have_attribute("open", "")
    expect(terms.get_by_text(TERMS)).to_be_visible()
    expect(
        section.get_by_text("Exactly as the association knows you: Jordan Rivera.")
    ).to_be_visible()
    check_axe(tab, "the partnership page, with the agreement to sign")
    screenshot(tab, "41-partnership-to-sign")

    fill_first_signature(tab, "Jordan Rivera")
    tab.wait_for_url(f"**{partnership}")
    expect(tab.get_by_role("status")).to_have_text(
        "You have signed the Mentor/Mentee Agreement."
    )
    expect(tab.locator(".acnm-next-step")).to_have_text(
        "Next step: Wait for Helen Marsh to sign the agreement."
    )
    expect(signatures).to_have_text(
        ["Mentor: not signed yet", re.compile(r"^Mentee: signed by Jordan Rivera on ")]
    )
    expect(section.get_by_role("button", name="Sign the agreement")).to_have_count(0)
    answers = section.locator(".acnm-answers")
    for goal in GOALS:
        expect(answers).to_contain_text(goal)
    expect(answers).to_contain_text("Every two weeks")
    expect(answers).to_contain_text("2 years")
    check_axe(tab, "the partnership page, signed by the mentee")
    pair.agreement.refresh_from_db()
    assert pair.agreement.mentee_signature == "Jordan Rivera"
    assert not pair.agreement.mentor_signed_at
    assert mail.outbox == []

    # The mentor signs what the mentee signed: name and consent only.
    switch_to(tab, "hmarsh", MY_MENTORING)
    mine = tab.get_by_role("region", name="Your mentees")
    expect(mine.locator("li")).to_contain_text(
        "Jordan Rivera · Accepted, agreement to sign"
    )
    expect(mine.locator(".acnm-next-step")).to_have_text(
        "Next step: Complete and sign the Mentor/Mentee Agreement."
    )
    check_axe(tab, "My mentoring, as the mentor")
    mine.get_by_role("link", name="Jordan Rivera").click()
    tab.wait_for_url(f"**{partnership}")
    for goal in GOALS:
        expect(answers).to_contain_text(goal)
    expect(section).to_contain_text(
        "Jordan Rivera has signed these; by signing you agree to the same."
    )
    expect(section.get_by_label("Agreed goals")).to_have_count(0)
    for question in ("How often you will be in touch", "Planned term"):
        expect(section.get_by_role("group", name=question)).to_have_count(0)
    check_axe(tab, "the partnership page, for the second signer")
    section.get_by_label("Type your full name to sign").fill("Helen Marsh")
    section.get_by_label("I have read the terms above and agree to them.").check()
    section.get_by_role("button", name="Sign the agreement").click()

    tab.wait_for_url(f"**{partnership}")
    expect(tab.get_by_role("status")).to_have_text(
        "Both of you have now signed: the partnership has started, and you will "
        "each receive the agreement as a PDF by e-mail."
    )
    pair.refresh_from_db()
    assert pair.status == MentorshipStatus.ACTIVE
    assert pair.start_date == timezone.localdate()
    assert pair.planned_end_date == pair.start_date.replace(
        year=pair.start_date.year + 2
    )
    expect(tab.locator(".acnm-status")).to_have_text(
        f"Status: Active · from {shown(pair.start_date)} "
        f"to {shown(pair.planned_end_date)} (planned)"
    )
    expect(tab.locator(".acnm-next-step")).to_have_text(
        "Next step: Keep in touch with Jordan Rivera."
    )
    expect(signatures).to_have_text(
        [
            re.compile(r"^Mentor: signed by Helen Marsh on "),
            re.compile(r"^Mentee: signed by Jordan Rivera on "),
        ]
    )
    expect(section.get_by_role("button", name="Sign the agreement")).to_have_count(0)
    contacts = tab.get_by_role("region", name="Contacts")
    expect(contacts).to_contain_text("No contact logged yet.")
    expect(contacts.get_by_role("button", name="Log the contact")).to_be_visible()
    expect(tab.get_by_role("region", name="History")).to_contain_text(
        "Partnership started"
    )
    check_axe(tab, "the active partnership, with the contact form")
    screenshot(tab, "42-partnership-active")

    # Both parties get the signed agreement as a PDF; the coordinator is told.
    copies = [m for m in mail.outbox if "helen@faculty.test" in m.to]
    assert len(copies) == 1
    [copy] = copies
    assert sorted(copy.to) == ["helen@faculty.test", "jordan.rivera@members.test"]
    assert copy.subject == "Your Mentor/Mentee Agreement is signed"
    assert GOALS[0] in copy.body
    [(filename, pdf, kind)] = copy.attachments
    assert filename == "agreement-helen-marsh-jordan-rivera.pdf"
    assert kind == "application/pdf"
    assert pdf.startswith(b"%PDF-")
    assert any(pair.program.coordinator_email in m.to for m in mail.outbox)

    # The PDF, from the page's own link.
    download = section.get_by_role("link", name="Download it as PDF")
    expect(download).to_have_attribute("href", path_to("agreement_pdf", pair))
    response = tab.request.get(download.get_attribute("href"))
    assert response.ok
    assert response.headers["content-type"] == "application/pdf"
    assert response.headers["content-disposition"] == (
        'attachment; filename="agreement-helen-marsh-jordan-rivera.pdf"'
    )
    assert response.body().startswith(b"%PDF-")

    # The agreement on a page of its own, to read or print.
    section.get_by_role("link", name="Read or print the agreement").click()
    tab.wait_for_url(f"**{path_to('agreement', pair)}")
    expect(tab).to_have_title(re.compile(r"^Mentor/Mentee Agreement\b"))
    document = tab.locator(".acnm-agreement-doc")
    expect(document.get_by_role("heading", level=1)).to_have_text(
        "Mentor/Mentee Agreement"
    )
    expect(document).to_contain_text("Helen Marsh, Lakeside Medical Center")
    expect(document).to_contain_text("Jordan Rivera, Riverside University Hospital")
    expect(document).to_contain_text("Every two weeks")
    expect(document).to_contain_text(
        f"2 years ({shown(pair.start_date)} – {shown(pair.planned_end_date)})"
    )
    for goal in GOALS:
        expect(document).to_contain_text(goal)
    expect(document).to_contain_text(TERMS)
    expect(document.locator(".acnm-signature__name")).to_have_text(
        ["Helen Marsh", "Jordan Rivera"]
    )
    expect(document.get_by_text("Signed on the site on")).to_have_count(2)
    back = tab.get_by_role("link", name="Back to the partnership")
    expect(back).to_have_attribute("href", partnership)
    expect(tab.get_by_role("link", name="Download it as PDF")).to_have_attribute(
        "href", path_to("agreement_pdf", pair)
    )
    check_axe(tab, "the agreement's print page")
    screenshot(tab, "43-agreement-print")
    # Printed, only the agreement shows: not the links, not the host's page.
    tab.emulate_media(media="print")
    expect(back).to_be_hidden()
    expect(tab.get_by_text("Host site footer")).to_be_hidden()
    expect(document.get_by_role("heading", level=1)).to_be_visible()
    tab.emulate_media(media="screen")


def test_a_wrong_name_comes_back_at_the_agreement_with_everything_typed(
    tab, pair, check_axe, screenshot
):
    partnership = path_to("partnership", pair)
    sign_in(tab, "jrivera", partnership)
    fill_first_signature(tab, "Jordan R.")

    tab.wait_for_url(
        re.compile(re.escape(partnership) + f"#acnm-agreement-{pair.public_id}$")
    )
    section = agreement_section(tab)
    expect(section.get_by_role("alert")).to_have_text(
        "Please correct the fields marked below."
    )
    # The reason sits at the name, which is marked invalid.
    name = section.get_by_label("Type your full name to sign")
    expect(name).to_have_attribute("aria-invalid", "true")
    expect(section.locator(".acnm-field__error")).to_have_text(
        "Please type your full name exactly as Jordan Rivera to sign."
    )
    expect(section).to_be_focused()  # the fragment takes focus to the section
    expect(section).to_be_in_viewport()
    expect_first_signature_kept(tab, "Jordan R.")
    expect(
        section.get_by_label("I have read the terms above and agree to them.")
    ).to_be_checked()
    pair.agreement.refresh_from_db()
    assert not pair.agreement.mentee_signed_at
    assert pair.agreement.goals == ""
    check_axe(tab, "the partnership page, with a wrong name")
    screenshot(tab, "44-partnership-errors")

    # The right name, but the consent left out: an error at the checkbox.
    section.get_by_label("Type your full name to sign").fill("Jordan Rivera")
    section.get_by_label("I have read the terms above and agree to them.").uncheck()
    section.get_by_role("button", name="Sign the agreement").click()
    expect(section.get_by_role("alert")).to_have_text(
        "Please correct the fields marked below."
    )
    confirm = section.get_by_label("I have read the terms above and agree to them.")
    expect(confirm).to_have_attribute("aria-invalid", "true")
    expect(confirm).not_to_be_checked()
    error = section.locator(".acnm-field__error")
    expect(error).to_have_text("Please confirm that you agree to the terms.")
    expect(confirm).to_have_attribute(
        "aria-describedby", re.compile(rf"\b{error.get_attribute('id')}\b")
    )
    expect_first_signature_kept(tab, "Jordan Rivera")
    check_axe(tab, "the partnership page, with a form error")

    confirm.check()
    section.get_by_role("button", name="Sign the agreement").click()
    expect(tab.get_by_role("status")).to_have_text(
        "You have signed the Mentor/Mentee Agreement."
    )
    pair.agreement.refresh_from_db()
    assert pair.agreement.goals.splitlines() == list(GOALS)  # CRLF, as browsers post
    assert pair.agreement.contact_cadence == "fortnightly"
    assert pair.agreement.planned_term_years == 2


def test_a_wrong_name_comes_back_the_same_without_javascript(tab_without_js, pair):
    tab = tab_without_js
    tab.set_content("<title>off</title><script>document.title = 'on'</script>")
    assert tab.title() == "off", "JavaScript should be switched off in this context"
    partnership = path_to("partnership", pair)
    sign_in(tab, "jrivera", partnership)
    fill_first_signature(tab, "Jordan Rivera-Smith")

    tab.wait_for_url(re.compile(re.escape(partnership) + "#acnm-agreement-"))
    section = agreement_section(tab)
    expect(section.locator(".acnm-field__error")).to_have_text(
        "Please type your full name exactly as Jordan Rivera to sign."
    )
    expect_first_signature_kept(tab, "Jordan Rivera-Smith")
    pair.agreement.refresh_from_db()
    assert not pair.agreement.mentee_signed_at


def test_contacts_are_logged_and_staff_see_them_without_the_notes(
    tab, active_pair, staff_user, check_axe
):
    partnership = path_to("partnership", active_pair)
    day = timezone.localdate() - datetime.timedelta(days=3)
    notes = "Talked through the exam syllabus and the abstract deadline."
    sign_in(tab, "jrivera", partnership)
    contacts = tab.get_by_role("region", name="Contacts")
    expect(contacts).to_contain_text("No contact logged yet.")
    contacts.get_by_label("When").fill(day.isoformat())
    contacts.get_by_role("group", name=re.compile(r"^How\b")).get_by_label(
        "Video call"
    ).check()
    contacts.get_by_label("Notes (only the two of you see them)").fill(notes)
    contacts.get_by_role("button", name="Log the contact").click()

    expect(tab.get_by_role("status")).to_have_text("Contact logged.")
    expect(contacts).to_contain_text(f"Last contact: {shown(day)}.")
    table = contacts.get_by_role("table", name="Contacts logged")
    expect(table.locator("thead th")).to_have_text(
        ["Date", "How", "Logged by", "Notes"]
    )
    expect(table.locator("tbody tr")).to_have_count(1)
    expect(table.locator("tbody td")).to_have_text(
        [shown(day), "Video call", "Jordan Rivera", notes]
    )
    # The form is ready for the next one, the notes not carried over.
    expect(contacts.get_by_label("Notes (only the two of you see them)")).to_have_value(
        ""
    )
    expect(tab.get_by_role("region", name="History")).to_contain_text(
        "Contact logged (Jordan Rivera)"
    )
    check_axe(tab, "the active partnership with a contact logged")
    contact = active_pair.contacts.get()
    assert (contact.date, contact.method, contact.notes) == (day, "video", notes)

    switch_to(tab, staff_user.username, partnership)
    expect(table.locator("thead th")).to_have_text(["Date", "How", "Logged by"])
    expect(table.locator("tbody td")).to_have_text(
        [shown(day), "Video call", "Jordan Rivera"]
    )
    expect(tab.locator("body")).not_to_contain_text(notes)
    expect(contacts.get_by_role("button", name="Log the contact")).to_have_count(0)
    check_axe(tab, "the active partnership, as programme staff")


def test_the_mentor_ends_the_partnership_early_with_a_reason(
    tab, active_pair, check_axe, screenshot
):
    partnership = path_to("partnership", active_pair)
    reason = "I am moving abroad for two years."
    sign_in(tab, "hmarsh", partnership)
    ending = tab.get_by_role("region", name="Ending the partnership")
    details = ending.locator("details")
    reason_box = ending.get_by_label("Why the partnership ends")
    expect(details).not_to_have_attribute("open", "")
    expect(reason_box).to_be_hidden()
    ending.get_by_text("End the partnership early").click()
    expect(reason_box).to_be_visible()
    ending.get_by_role("button", name="End the partnership").click()

    tab.wait_for_url(
        re.compile(re.escape(partnership) + f"#acnm-end-{active_pair.public_id}$")
    )
    expect(ending).to_be_focused()
    expect(details).to_have_attribute("open", "")
    expect(ending.locator(".acnm-field__error")).to_have_text("This field is required.")
    expect(reason_box).to_have_attribute("aria-invalid", "true")
    active_pair.refresh_from_db()
    assert active_pair.status == MentorshipStatus.ACTIVE
    assert mail.outbox == []
    check_axe(tab, "the active partnership, with the end form's error")

    reason_box.fill(reason)
    ending.get_by_role("button", name="End the partnership").click()
    expect(tab.get_by_role("status")).to_have_text(
        "The partnership has ended. The other party and the coordinator are told."
    )
    expect(tab.locator(".acnm-status")).to_have_text(
        re.compile(r"^Status: Ended early\b")
    )
    expect(
        tab.locator(".acnm-partnership > .acnm-notice:not(.acnm-next-step)")
    ).to_have_text(f"Reason given: {reason}")
    # What is left to do: the end-of-term survey.
    expect(tab.locator(".acnm-next-step")).to_have_text(
        "Next step: Answer the short end-of-term survey."
    )
    history = tab.get_by_role("region", name="History").locator("li")
    expect(history.last).to_contain_text("Partnership ended early (Helen Marsh)")
    expect(tab.get_by_role("heading", name="Log a contact")).to_have_count(0)
    expect(tab.get_by_role("button", name="Log the contact")).to_have_count(0)
    expect(tab.get_by_role("region", name="Ending the partnership")).to_have_count(0)
    check_axe(tab, "the partnership, ended early")
    screenshot(tab, "45-partnership-ended")

    active_pair.refresh_from_db()
    assert active_pair.status == MentorshipStatus.ENDED_EARLY
    assert active_pair.end_reason == reason
    assert sorted(address for m in mail.outbox for address in m.to) == sorted(
        [
            "helen@faculty.test",
            "jordan.rivera@members.test",
            active_pair.program.coordinator_email,
        ]
    )
    assert all(reason in m.body for m in mail.outbox)
