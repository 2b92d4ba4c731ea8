"""Finding a mentor and asking them, in a real browser, on the plugin's pages.

A mentee searches the directory and narrows it with the filter form, opens a
mentor and sends a request; the mentor answers it from their requests page;
a request sent without a message comes back with the error in place; a long
list pages without losing its filters, and an old link with a filter that
names nothing says so. axe-core checks every page for WCAG 2.1 A/AA, and the
key pages are saved as screenshots in tests/screenshots/.
"""

import re
from urllib.parse import parse_qs, urlsplit

import pytest
from django.core import mail
from django.urls import reverse
from playwright.sync_api import expect

from acnm_mentoring_plugin import services
from acnm_mentoring_plugin.models import (
    ApplicationRole,
    ApplicationStatus,
    Mentorship,
    MentorshipStatus,
)
from tests import factories
from tests.browser.helpers import sign_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

MESSAGE = (
    "I am a second-year resident at Riverside and would value your advice "
    "on my first oncology PET paper."
)


def make_mentor(program, username, first, last, **extra):
    """A listed mentor who can sign in (password "pw"), findable by search."""
    return factories.listed_mentor(program, first, last, username=username, **extra)


@pytest.fixture
def mentee(program, member):
    """Jordan Rivera, whose mentee application the programme accepted."""
    factories.ApplicationFactory(
        program=program,
        member=member,
        role=ApplicationRole.MENTEE,
        status=ApplicationStatus.ACCEPTED,
    )
    return member


@pytest.fixture
def mentors(program):
    """Three mentors write about research; only Marsh is academic and free."""
    return {
        "marsh": make_mentor(
            program,
            "hmarsh",
            "Helen",
            "Marsh",
            fields=["oncology", "pet"],
            directions=["academic"],
            bio="Theranostics and oncologic PET; clinical research and first papers.",
            institution="Riverside University Hospital",
            location="Columbus, OH",
        ),
        "cho": make_mentor(
            program,
            "dcho",
            "Daniel",
            "Cho",
            fields=["ct", "oncology"],
            directions=["private-practice"],
            career_level="junior",
            bio="From fellowship to private practice, with some research on the side.",
            institution="Bayview Cancer Center",
            location="San Diego, CA",
        ),
        "okafor": make_mentor(
            program,
            "nokafor",
            "Ngozi",
            "Okafor",
            fields=["oncology"],
            directions=["academic"],
            accepting_new_mentees=False,
            bio="Oncologic imaging research; mentoring residents for twenty years.",
            institution="Lakeside Medical Center",
        ),
        "adeyemi": make_mentor(
            program,
            "gadeyemi",
            "Grace",
            "Adeyemi",
            fields=["cardiology"],
            directions=["industry"],
            bio="Nuclear cardiology with industry partners.",
            institution="Summit Heart Institute",
        ),
    }


def directory_path(program):
    return reverse("acnm_mentoring:directory", args=[program.slug])


def mentor_path(program, profile):
    return reverse("acnm_mentoring:mentor_detail", args=[program.slug, profile.pk])


def names_listed(tab):
    return tab.locator(".acnm-card__name").all_inner_texts()


def query_of(tab):
    return parse_qs(urlsplit(tab.url).query)


def test_mentee_searches_filters_opens_a_mentor_and_sends_a_request(
    tab, program, mentee, mentors, check_axe, screenshot
):
    sign_in(tab, mentee.user.username, directory_path(program))
    expect(tab.get_by_role("heading", level=1)).to_have_text("Find a mentor")
    count = tab.locator(".acnm-count")
    expect(count).to_have_text("4 mentors")
    assert names_listed(tab) == [
        "Grace Adeyemi",
        "Daniel Cho",
        "Helen Marsh",
        "Ngozi Okafor",
    ]
    marsh_card = tab.get_by_role("article", name="Helen Marsh")
    expect(marsh_card).to_contain_text("Riverside University Hospital")
    expect(marsh_card).to_contain_text("Fields: Oncology, PET")
    expect(marsh_card).to_contain_text("Advises on careers in: Academic centre")
    expect(marsh_card).to_contain_text("2 places free of 2")
    expect(tab.get_by_role("article", name="Ngozi Okafor")).to_contain_text(
        "Not taking new mentees just now"
    )
    expect(tab.locator("body")).not_to_contain_text("@faculty.test")
    check_axe(tab, "the directory, unfiltered")
    screenshot(tab, "20-directory")

    # A word of the biographies: three mentors write about research.
    search_form = tab.get_by_role("search", name="Find a mentor")
    search_form.get_by_label("Search").fill("research")
    search_form.get_by_role("button", name="Show mentors").click()
    tab.wait_for_url(re.compile(r"[?&]q=research(&|$)"))
    expect(count).to_have_text("3 mentors")
    assert names_listed(tab) == ["Daniel Cho", "Helen Marsh", "Ngozi Okafor"]

    # Then the filters, on top of the search.
    search_form.get_by_label("Field", exact=True).select_option(label="Oncology")
    search_form.get_by_label("Career direction").select_option(label="Academic centre")
    search_form.get_by_label("Only mentors with a free place now").check()
    search_form.get_by_role("button", name="Show mentors").click()
    tab.wait_for_url(re.compile(r"[?&]accepting=on(&|$)"))
    expect(count).to_have_text("1 mentor")
    assert names_listed(tab) == ["Helen Marsh"]

    # Every filter lives in the URL, so the list can be shared or bookmarked.
    query = query_of(tab)
    assert query["q"] == ["research"]
    assert query["field"] == ["oncology"]
    assert query["direction"] == ["academic"]
    assert query["accepting"] == ["on"]
    # The form shows what the list was filtered by.
    expect(search_form.get_by_label("Search")).to_have_value("research")
    expect(search_form.get_by_label("Field", exact=True)).to_have_value("oncology")
    expect(search_form.get_by_label("Career direction")).to_have_value("academic")
    expect(
        search_form.get_by_label("Only mentors with a free place now")
    ).to_be_checked()
    expect(tab.get_by_role("link", name="Clear the filters")).to_have_attribute(
        "href", directory_path(program)
    )
    check_axe(tab, "the directory, searched and filtered")
    screenshot(tab, "21-directory-filtered")

    shared = tab.context.new_page()
    shared.goto(tab.url)
    expect(shared.locator(".acnm-count")).to_have_text("1 mentor")
    assert names_listed(shared) == ["Helen Marsh"]
    shared.close()

    tab.get_by_role("link", name="Helen Marsh").click()
    tab.wait_for_url(f"**{mentor_path(program, mentors['marsh'])}")
    expect(tab.get_by_role("heading", level=1)).to_have_text("Helen Marsh")
    expect(tab.get_by_text("clinical research and first papers")).to_be_visible()
    expect(tab.locator(".acnm-answers")).to_contain_text("Oncology, PET")
    expect(tab.locator(".acnm-answers")).to_contain_text("Academic centre")
    request_section = tab.get_by_role(
        "region", name="Ask Helen Marsh to be your mentor"
    )
    expect(request_section).to_be_visible()
    expect(request_section).to_contain_text(
        f"The mentor has {program.request_expiry_days} days to answer"
    )
    # Back to the list as it was: search and filters kept.
    expect(
        tab.get_by_role("link", name="Back to your list of mentors")
    ).to_have_attribute("href", re.compile(r"\?q=research&.*accepting=on"))
    check_axe(tab, "a mentor's page with the request form")
    screenshot(tab, "22-mentor-detail")

    request_section.get_by_label("Message to the mentor").fill(MESSAGE)
    request_section.get_by_role("button", name="Send request").click()

    tab.wait_for_url(re.compile(r"/mentoring/requests/[0-9a-f-]{36}/$"))
    mentorship = Mentorship.objects.get()
    assert tab.url.endswith(f"/mentoring/requests/{mentorship.public_id}/")
    expect(tab.get_by_role("heading", level=1)).to_have_text(
        "Your request to Helen Marsh"
    )
    expect(tab.get_by_role("status")).to_have_text(
        "Your request has been sent to Helen Marsh."
    )
    expect(tab.locator(".acnm-status")).to_have_text("Status: Requested")
    expect(tab.locator(".acnm-answers")).to_contain_text(MESSAGE)
    expect(tab.get_by_role("button", name="Withdraw my request")).to_be_visible()
    expect(tab.get_by_role("button", name="Accept")).to_have_count(0)
    check_axe(tab, "the request page, as its mentee")
    screenshot(tab, "23-request-sent")

    assert mentorship.status == MentorshipStatus.REQUESTED
    assert mentorship.mentee == mentee
    assert mentorship.mentor == mentors["marsh"].member
    assert mentorship.request_message == MESSAGE
    [email] = mail.outbox
    assert email.to == ["helen@faculty.test"]
    assert email.subject == "Jordan Rivera asks you to be their mentor"
    assert MESSAGE in email.body
    assert f"/mentoring/requests/{mentorship.public_id}/" in email.body

    # Back on the mentor's page, the form gives way to the request.
    tab.goto(mentor_path(program, mentors["marsh"]))
    expect(request_section).to_contain_text("You have asked this mentor already")
    expect(request_section.get_by_role("button", name="Send request")).to_have_count(0)


def test_mentor_accepts_a_request_from_their_requests_page(
    tab, program, mentee, mentors, check_axe, screenshot
):
    marsh = mentors["marsh"]
    mentorship = services.request_mentor(mentee.user, marsh, MESSAGE)
    mail.outbox.clear()  # the mentor's notice, checked in the journey above

    requests_path = reverse("acnm_mentoring:requests")
    sign_in(tab, marsh.member.user.username, requests_path)
    expect(tab.get_by_role("heading", level=1)).to_have_text("Mentor requests")
    expect(tab.get_by_role("heading", level=2)).to_have_text("Asked of you")
    item = tab.locator(".acnm-list li")
    expect(item).to_have_count(1)
    expect(item).to_contain_text("Jordan Rivera · Requested · answer by")
    check_axe(tab, "the mentor's requests page")
    screenshot(tab, "24-mentor-requests")

    item.get_by_role("link", name="Jordan Rivera").click()
    detail_path = reverse("acnm_mentoring:request_detail", args=[mentorship.public_id])
    tab.wait_for_url(f"**{detail_path}")
    expect(tab.get_by_role("heading", level=1)).to_have_text(
        "Jordan Rivera asks you to be their mentor"
    )
    answers = tab.locator(".acnm-answers")
    expect(answers).to_contain_text("Jordan Rivera, resident (year 2)")
    expect(answers).to_contain_text(MESSAGE)
    expect(answers).to_contain_text("Expires unless answered by")
    expect(tab.get_by_role("button", name="Accept")).to_be_visible()
    expect(tab.get_by_role("button", name="Decline")).to_be_visible()
    expect(
        tab.get_by_label("Reason for declining (optional, shown to the mentee)")
    ).to_be_visible()
    expect(tab.get_by_role("button", name="Withdraw my request")).to_have_count(0)
    check_axe(tab, "the request page, as its mentor, with Accept and Decline")
    screenshot(tab, "26-request-to-answer")

    tab.get_by_role("button", name="Accept").click()
    # Straight to the partnership, where the agreement is signed.
    partnership_path = reverse(
        "acnm_mentoring:partnership", args=[mentorship.public_id]
    )
    tab.wait_for_url(f"**{partnership_path}")
    expect(tab.get_by_role("status")).to_contain_text(
        "You accepted the request. Next, you both complete and sign the "
        "Mentor/Mentee Agreement below."
    )
    expect(tab.locator(".acnm-status")).to_contain_text(
        "Status: Accepted, agreement to sign"
    )
    expect(tab.locator(".acnm-next-step").first).to_contain_text(
        "Complete and sign the Mentor/Mentee Agreement."
    )
    expect(tab.get_by_role("button", name="Sign the agreement")).to_be_visible()
    check_axe(tab, "the partnership page once accepted")
    screenshot(tab, "25-request-accepted")
    tab.goto(detail_path)
    expect(tab.get_by_role("button", name="Accept")).to_have_count(0)
    expect(tab.get_by_role("button", name="Decline")).to_have_count(0)
    expect(answers).to_contain_text("Answered")
    expect(tab.get_by_role("link", name="Go to the partnership")).to_be_visible()

    mentorship.refresh_from_db()
    assert mentorship.status == MentorshipStatus.ACCEPTED
    assert hasattr(mentorship, "agreement")
    [email] = mail.outbox
    assert email.to == ["jordan.rivera@members.test"]
    assert email.subject == (
        "Your mentoring request to Helen Marsh: accepted, agreement to sign"
    )
    assert "Helen Marsh will be your mentor" in email.body

    tab.get_by_role("link", name="All your requests").click()
    tab.wait_for_url(f"**{requests_path}")
    expect(item).to_contain_text("Jordan Rivera · Accepted, agreement to sign")
    expect(item).not_to_contain_text("answer by")


def test_request_without_a_message_comes_back_with_the_error_at_the_form(
    tab, program, mentee, mentors, check_axe, screenshot
):
    path = mentor_path(program, mentors["cho"])
    sign_in(tab, mentee.user.username, path)
    assert tab.evaluate("1 + 1") == 2  # JavaScript is on in this tab
    section = tab.locator("#acnm-request")
    message = section.get_by_label("Message to the mentor")
    expect(message).to_have_attribute("aria-describedby", "id_message_helptext")
    section.get_by_role("button", name="Send request").click()

    tab.wait_for_url(re.compile(re.escape(path) + "#acnm-request$"))
    expect(section.get_by_role("alert")).to_have_text(
        "Please correct the message below."
    )
    expect(section).to_be_focused()  # the fragment takes focus to the form
    expect(section).to_be_in_viewport()
    expect(tab.locator("#id_message_error")).to_have_text("This field is required.")
    expect(tab.locator(".acnm-field--error")).to_contain_text("Message to the mentor")
    expect(message).to_have_attribute("aria-invalid", "true")
    expect(message).to_have_attribute(
        "aria-describedby", re.compile(r"\bid_message_error\b")
    )
    expect(message).to_have_value("")  # nothing was typed, nothing is invented
    # The rest of the page is intact.
    expect(tab.get_by_role("heading", level=1)).to_have_text("Daniel Cho")
    expect(tab.get_by_text("From fellowship to private practice")).to_be_visible()
    assert not Mentorship.objects.exists()
    assert mail.outbox == []
    check_axe(tab, "a mentor's page with the request form's error")
    screenshot(tab, "27-mentor-detail-error")

    # The error is gone once the member writes and sends.
    message.fill("Could we talk about contracts in private practice?")
    section.get_by_role("button", name="Send request").click()
    expect(tab.get_by_role("status")).to_have_text(
        "Your request has been sent to Daniel Cho."
    )
    assert Mentorship.objects.get().mentor == mentors["cho"].member
    assert [email.to for email in mail.outbox] == [["daniel@faculty.test"]]


def test_an_unknown_filter_is_reported_next_to_it_and_the_others_apply(
    tab, program, mentee, mentors, check_axe, screenshot
):
    path = f"{directory_path(program)}?field=unknown&direction=academic"
    sign_in(tab, mentee.user.username, path)
    form = tab.get_by_role("search", name="Find a mentor")
    expect(tab.locator("#id_field_error")).to_contain_text(
        "This field is no longer offered; showing mentors in any field."
    )
    field = form.get_by_label("Field", exact=True)
    expect(field).to_have_attribute("aria-invalid", "true")
    expect(field).to_have_attribute(
        "aria-describedby", re.compile(r"\bid_field_error\b")
    )
    expect(field).to_have_value("")  # ignored: mentors in any field
    expect(form.get_by_label("Career direction")).to_have_value("academic")
    expect(tab.locator(".acnm-count")).to_have_text("2 mentors")
    assert names_listed(tab) == ["Helen Marsh", "Ngozi Okafor"]
    check_axe(tab, "the directory with a filter error")
    screenshot(tab, "28-directory-filter-error")


def test_pages_of_mentors_keep_the_filters(tab, program, mentee, check_axe, screenshot):
    for number in range(30):
        make_mentor(
            program,
            f"namesake{number:02d}",
            "Alex",
            f"Namesake{number:02d}",
            fields=["pet"],
        )
    make_mentor(program, "sother", "Sam", "Other", fields=["ct"])

    sign_in(tab, mentee.user.username, directory_path(program))
    form = tab.get_by_role("search", name="Find a mentor")
    form.get_by_label("Field", exact=True).select_option(label="PET")
    form.get_by_role("button", name="Show mentors").click()
    tab.wait_for_url(re.compile(r"[?&]field=pet(&|$)"))
    count = tab.locator(".acnm-count")
    expect(count).to_have_text("30 mentors · page 1 of 3")
    seen = names_listed(tab)

    pages = tab.get_by_role("navigation", name="Pages of mentors")
    expect(pages.locator("[aria-current=page]")).to_have_text("1")
    expect(pages.get_by_role("link", name="Previous")).to_have_count(0)
    pages.get_by_role("link", name="Next").click()
    tab.wait_for_url(re.compile(r"[?&]page=2(&|$)"))
    assert query_of(tab)["field"] == ["pet"]
    expect(count).to_have_text("30 mentors · page 2 of 3")
    expect(pages.locator("[aria-current=page]")).to_have_text("2")
    expect(form.get_by_label("Field", exact=True)).to_have_value("pet")
    seen += names_listed(tab)
    check_axe(tab, "the directory's second page, filtered")
    screenshot(tab, "29-directory-page-2")

    pages.get_by_role("link", name="Page 3").click()
    tab.wait_for_url(re.compile(r"[?&]page=3(&|$)"))
    assert query_of(tab)["field"] == ["pet"]
    expect(count).to_have_text("30 mentors · page 3 of 3")
    expect(pages.get_by_role("link", name="Next")).to_have_count(0)
    seen += names_listed(tab)
    assert seen == [f"Alex Namesake{number:02d}" for number in range(30)]

    pages.get_by_role("link", name="Previous").click()
    tab.wait_for_url(re.compile(r"[?&]page=2(&|$)"))
    assert query_of(tab)["field"] == ["pet"]

    # A new filter starts again from the first page.
    form.get_by_label("Field", exact=True).select_option(label="CT")
    form.get_by_role("button", name="Show mentors").click()
    tab.wait_for_url(re.compile(r"[?&]field=ct(&|$)"))
    assert "page" not in query_of(tab)
    expect(count).to_have_text("1 mentor")
    expect(pages).to_have_count(0)
    assert names_listed(tab) == ["Sam Other"]
