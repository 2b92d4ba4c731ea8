"""The pictures of the guides, taken in a real browser from the real pages.

An editor adds a mentoring block to a page in Wagtail's page editor; a
member sees the programme page, the application form, the directory, My
mentoring, the agreement and the award page; programme staff review, match,
run the award and export in the Wagtail admin. Each step checks what the
guides say about it, axe-core checks the member pages for WCAG 2.1 A/AA,
and the page is saved under the name the guides use (1200×800 PNG).

Every run takes the pictures; they go to docs/images/ only when
ACNM_DOCS_SCREENSHOTS=1 (elsewhere to tests/screenshots/docs/), so that a
test run leaves the guides alone. Refresh them after changing a page the
guides show, look at them and commit them:

    ACNM_DOCS_SCREENSHOTS=1 .venv/bin/pytest tests/browser/test_docs_screenshots.py
"""

import datetime
import os

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from acnm_mentoring_plugin import services
from acnm_mentoring_plugin.models import (
    ApplicationRole,
    ApplicationStatus,
    CareerDirection,
    CareerStage,
    FieldOfInterest,
    MentorshipStatus,
)
from acnm_mentoring_plugin.wagtail.pages.models import AwardPage
from tests import factories
from tests.browser.helpers import REPO, SCREENSHOTS, path_of, sign_in
from tests.pages import make_directory_page, make_program_page

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

IMAGES = (
    REPO / "docs" / "images"
    if os.environ.get("ACNM_DOCS_SCREENSHOTS") == "1"
    else SCREENSHOTS / "docs"
)
VIEWPORT = {"width": 1200, "height": 800}
SITE_CSS = REPO / "example_site" / "static" / "site.css"
LOOK_URL = "/docs-screenshots/site.css"
# The test site has no stylesheet of its own; an association's site has one.
# The pictures show the pages in the example site's colours, as members see
# them there: the host's header and main column, the plugin's own styles.
HOST_LOOK = """
body > header { background: var(--brand); color: #fff; padding: .75rem 1.5rem; }
body > header p { margin: 0 auto; max-width: 64rem; font-weight: 700; }
body > main { max-width: 64rem; margin: 0 auto; padding: 1.5rem; background: #fff; }
body > main h1 { color: var(--brand); margin-top: 0; }
body > footer { max-width: 64rem; margin: 0 auto; padding: .5rem 1.5rem; }
"""


def picture(tab, name, *, at=None, above=80):
    """Save the window as <name>.png in IMAGES; with ``at`` (a locator),
    scrolled so that it sits ``above`` pixels below the top."""
    if at is not None:
        # A scroll margin works whichever element scrolls (the Wagtail
        # admin scrolls its own main column), and instantly, not smoothly.
        at.evaluate(
            "(element, above) => {"
            " element.style.scrollMarginTop = `${above}px`;"
            " element.scrollIntoView({block: 'start', behavior: 'instant'}); }",
            above,
        )
    IMAGES.mkdir(parents=True, exist_ok=True)
    tab.screenshot(path=str(IMAGES / f"{name}.png"))


def dress(tab):
    """Give the test site's page the example site's look, after axe-core has
    checked it as served: a stylesheet from the site's own address, so the
    site's Content Security Policy allows it."""
    tab.evaluate(
        """href => {
            const link = document.createElement("link");
            link.rel = "stylesheet";
            link.href = href;
            return new Promise(done => {
                link.onload = done;
                document.head.append(link);
            });
        }""",
        LOOK_URL,
    )


@pytest.fixture
def tab(tab):
    """The window of the guides' pictures, serving the example site's look."""
    look = SITE_CSS.read_text() + HOST_LOOK
    tab.set_viewport_size(VIEWPORT)
    tab.route(
        f"**{LOOK_URL}",
        lambda route: route.fulfill(body=look, content_type="text/css"),
    )
    return tab


def member_named(username, first, last, **extra):
    return factories.MemberFactory(
        user__username=username,
        user__first_name=first,
        user__last_name=last,
        user__email=f"{username}@members.test",
        **extra,
    )


def accepted_mentee(program, member, fields=(), directions=()):
    application = factories.ApplicationFactory(
        program=program,
        member=member,
        role=ApplicationRole.MENTEE,
        status=ApplicationStatus.ACCEPTED,
    )
    application.interests.set(FieldOfInterest.objects.filter(slug__in=fields))
    application.career_directions.set(
        CareerDirection.objects.filter(slug__in=directions)
    )
    return member


@pytest.fixture
def directory(program):
    """Five faculty mentors in the directory, in several fields."""
    mentors = [
        ("hmarsh", "Helen", "Marsh", ["oncology", "pet"], ["academic"], "senior"),
        ("dcho", "Daniel", "Cho", ["oncology", "ct"], ["private-practice"], "junior"),
        ("gadeyemi", "Grace", "Adeyemi", ["cardiology"], ["industry"], "senior"),
        ("ohaddad", "Omar", "Haddad", ["theranostics", "pet"], ["academic"], "senior"),
        ("lwong", "Lin", "Wong", ["neuro", "research"], ["academic"], "junior"),
    ]
    institutions = ["Lakeside Medical Center", "Northgate University Hospital"]
    return {
        username: factories.listed_mentor(
            program,
            first,
            last,
            username=username,
            fields=fields,
            directions=directions,
            career_level=level,
            institution=institutions[number % 2],
            bio=f"{first} {last} trains residents in {', '.join(fields)}.",
        )
        for number, (username, first, last, fields, directions, level) in enumerate(
            mentors
        )
    }


# The editor ------------------------------------------------------------------


def test_an_editor_adds_the_application_form_block_to_a_page(
    tab, site_root, program, django_user_model
):
    django_user_model.objects.create_superuser(
        "editor", "editor@acnm.test", "pw", first_name="Sam", last_name="Webb"
    )
    page = make_program_page(site_root, program, title="ACNM Mentoring Program")
    edit = reverse("wagtailadmin_pages:edit", args=[page.pk])
    sign_in(tab, "editor", edit)

    body = tab.locator("[data-contentpath=body]")
    body.get_by_role("button", name="Insert a block").last.click()
    menu = tab.get_by_role("listbox")
    expect(
        menu.get_by_role("option", name="Mentoring application form")
    ).to_be_visible()
    for name in (
        "Mentor directory excerpt",
        "Mentor/Mentee Agreement",
        "My mentoring",
        "Best Mentor of the Year",
        "Programme contact",
    ):
        expect(menu.get_by_role("option", name=name)).to_be_attached()
    row = menu.locator(".w-combobox__option-row").filter(
        has_text="Mentoring application form"
    )
    row.locator(".w-combobox__option-preview").click()
    preview = tab.locator(".w-combobox-preview")
    expect(preview).to_contain_text("Mentoring application form")
    expect(
        preview.frame_locator("iframe").get_by_role(
            "heading", name="Apply to be mentored"
        )
    ).to_be_visible()
    picture(tab, "editor-block-chooser")

    menu.get_by_role("option", name="Mentoring application form").click()
    role = body.get_by_label("Who applies").last
    expect(role).to_be_visible()
    body.get_by_text("Choose mentoring programme").last.click()
    tab.get_by_role("dialog").get_by_role("link", name=program.name).click()
    expect(tab.get_by_role("dialog")).to_have_count(0)
    role.select_option(label="Mentor")
    picture(tab, "editor-application-block", at=role, above=250)

    tab.get_by_role("button", name="Save draft").click()
    expect(tab.get_by_text("has been updated")).to_be_visible()
    page.refresh_from_db()
    revision = page.get_latest_revision_as_object()
    forms = [b.value for b in revision.body if b.block_type == "application_form"]
    assert [(f["program"], f["role"]) for f in forms] == [
        (program, "mentee"),
        (program, "mentor"),
    ]


# Members ---------------------------------------------------------------------


def test_a_visitor_reads_the_programme_page_and_a_member_finds_the_form(
    tab, programme_page, member, check_axe
):
    url = path_of(programme_page)
    tab.goto(url)
    expect(tab.get_by_role("heading", level=1)).to_have_text("Mentoring Program")
    expect(tab.get_by_role("link", name="Sign in to apply")).to_be_visible()
    expect(tab.get_by_text("703-708-9020")).to_be_visible()
    check_axe(tab, "the programme page, signed out")
    dress(tab)
    picture(tab, "member-programme-page")

    sign_in(tab, member.user.username, url)
    form = tab.locator("form.acnm-form")
    expect(form.get_by_role("button", name="Submit application")).to_be_visible()
    check_axe(tab, "the programme page with the application form")
    dress(tab)
    picture(
        tab,
        "member-application-form",
        at=tab.get_by_role("heading", name="Apply to be mentored"),
    )


def test_a_mentee_finds_a_mentor_in_the_directory(
    tab, site_root, program, directory, check_axe
):
    priya = accepted_mentee(
        program,
        member_named("pshah", "Priya", "Shah", career_stage=CareerStage.FELLOW),
        fields=["oncology", "pet"],
        directions=["academic"],
    )
    url = path_of(make_directory_page(site_root, program))
    sign_in(tab, priya.user.username, url)
    tab.reload()  # without the "signed in" message
    expect(tab.get_by_role("heading", level=1)).to_have_text("Find a mentor")
    suggested = tab.get_by_role("region", name="Suggested for you")
    expect(suggested.locator(".acnm-suggestion").first).to_contain_text("Helen Marsh")
    expect(tab.locator(".acnm-count")).to_have_text("5 mentors")
    check_axe(tab, "the directory page with suggestions")
    dress(tab)
    picture(tab, "member-directory")

    tab.get_by_role("link", name="Helen Marsh").first.click()
    expect(tab.get_by_role("heading", level=1)).to_have_text("Helen Marsh")
    expect(tab.get_by_role("button", name="Send request")).to_be_visible()
    check_axe(tab, "a mentor's page with the request form")
    dress(tab)
    picture(tab, "member-mentor-page")


@pytest.fixture
def pair(program):
    """Tomás Okafor asked Helen Marsh, who accepted: nobody has signed yet."""
    tomas = accepted_mentee(
        program,
        member_named("tokafor", "Tomás", "Okafor", career_stage=CareerStage.RESEARCHER),
    )
    helen = factories.listed_mentor(
        program,
        "Helen",
        "Marsh",
        username="hmarsh",
        fields=["oncology", "pet"],
        institution="Lakeside Medical Center",
    )
    mentorship = services.request_mentor(
        tomas.user, helen, "Would you guide me through my first paper?"
    )
    services.accept_request(helen.member.user, mentorship)
    mentorship.refresh_from_db()
    return mentorship


def test_a_mentee_signs_the_agreement_and_logs_a_contact(tab, pair, check_axe):
    my_mentoring = reverse("acnm_mentoring:my_mentoring")
    sign_in(tab, "tokafor", my_mentoring)
    tab.reload()
    mine = tab.get_by_role("region", name="Your mentor", exact=True)
    expect(mine.locator(".acnm-next-step")).to_have_text(
        "Next step: Complete and sign the Mentor/Mentee Agreement."
    )
    check_axe(tab, "My mentoring")
    dress(tab)
    picture(tab, "member-my-mentoring")

    mine.get_by_role("link", name="Helen Marsh").click()
    agreement = tab.get_by_role("region", name="Mentor/Mentee Agreement")
    expect(agreement.get_by_role("button", name="Sign the agreement")).to_be_visible()
    agreement.get_by_label("Agreed goals").fill(
        "Pass the ABNM qualifying exam.\nWrite a first oncology PET paper."
    )
    agreement.get_by_role("group", name="How often you will be in touch").get_by_label(
        "Monthly"
    ).check()
    agreement.get_by_role("group", name="Planned term").get_by_label("2 years").check()
    agreement.get_by_label("Type your full name to sign").fill("Tomás Okafor")
    agreement.get_by_label("I have read the terms above and agree to them.").check()
    check_axe(tab, "the partnership page with the agreement to sign")
    dress(tab)
    picture(tab, "member-agreement", at=agreement)

    agreement.get_by_role("button", name="Sign the agreement").click()
    expect(tab.get_by_role("status")).to_have_text(
        "You have signed the Mentor/Mentee Agreement."
    )
    services.sign_agreement(pair.mentor.user, pair.agreement, "Helen Marsh")
    tab.reload()
    expect(tab.locator(".acnm-status")).to_contain_text("Status: Active")
    contacts = tab.get_by_role("region", name="Contacts")
    day = timezone.localdate() - datetime.timedelta(days=2)
    contacts.get_by_label("When").fill(day.isoformat())
    contacts.get_by_label("Video call").check()
    contacts.get_by_label("Notes (only the two of you see them)").fill(
        "Went through the abstract and the exam syllabus."
    )
    contacts.get_by_role("button", name="Log the contact").click()
    expect(tab.get_by_role("status")).to_have_text("Contact logged.")
    expect(contacts.get_by_role("table", name="Contacts logged")).to_contain_text(
        "Video call"
    )
    check_axe(tab, "the active partnership with a contact logged")
    dress(tab)
    picture(tab, "member-contacts", at=contacts)


def days(number):
    return datetime.timedelta(days=number)


@pytest.fixture
def award_page(site_root, program):
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


def test_a_resident_nominates_their_mentor(
    tab, program, member, directory, award_page, staff_user, check_axe
):
    now = timezone.now()
    helen, omar = directory["hmarsh"], directory["ohaddad"]
    factories.MentorshipFactory(
        program=program,
        mentee=member,
        mentor=helen.member,
        status=MentorshipStatus.ACTIVE,
    )
    last_year = factories.AwardCycleFactory(
        program=program,
        year=timezone.localdate().year - 1,
        nominations_open_at=now - days(400),
        nominations_close_at=now - days(370),
        annual_meeting_date=(now - days(365)).date(),
    )
    factories.NominationFactory(cycle=last_year, nominee=omar.member)
    services.record_winner(
        staff_user,
        last_year,
        omar.member,
        "For ten years of Saturday reading sessions with the residents.",
    )
    services.announce_winner(staff_user, last_year)
    factories.AwardCycleFactory(
        program=program,
        year=timezone.localdate().year,
        nominations_open_at=now - days(1),
        nominations_close_at=now + days(20),
        annual_meeting_date=(now + days(60)).date(),
    )

    url = path_of(award_page)
    sign_in(tab, member.user.username, url)
    tab.reload()
    mentors = tab.get_by_role("group", name="Mentor you nominate")
    expect(mentors.locator("label")).to_have_text(["Helen Marsh"])
    mentors.get_by_label("Helen Marsh").check()
    tab.get_by_label("Why this mentor deserves the award").fill(
        "Dr Marsh read every draft of my first abstract and taught me how to "
        "present PET findings to a tumour board."
    )
    panel = tab.locator(".acnm-award")
    expect(panel.get_by_role("heading", name="Past recipients")).to_be_visible()
    expect(panel).to_contain_text(f"{last_year.year}: Omar Haddad")
    check_axe(tab, "the award page with the nomination form")
    dress(tab)
    picture(tab, "member-award")


# Programme staff -------------------------------------------------------------


@pytest.fixture
def applicants(program):
    """Three applications waiting for a decision, one accepted mentee
    without a mentor."""
    waiting = [
        ("jrivera", "Jordan", "Rivera", CareerStage.RESIDENT),
        ("lbrandt", "Leo", "Brandt", CareerStage.RESIDENT),
        ("anovak", "Alma", "Novak", CareerStage.FELLOW),
    ]
    applications = [
        factories.ApplicationFactory(
            program=program,
            member=member_named(username, first, last, career_stage=stage),
            goals="Prepare for the ABNM qualifying exam and a first paper.",
        )
        for username, first, last, stage in waiting
    ]
    priya = accepted_mentee(
        program,
        member_named("pshah", "Priya", "Shah", career_stage=CareerStage.FELLOW),
        fields=["oncology", "pet"],
        directions=["academic"],
    )
    return applications, priya


def admin_window(tab, staff_user, path):
    sign_in(tab, staff_user.username, path)
    tab.reload()  # without the "signed in" message


def test_staff_review_match_run_the_award_and_export(
    tab, program, directory, applicants, staff_user
):
    applications, priya = applicants
    for username in ("dcho", "gadeyemi", "lwong"):
        factories.MentorshipFactory(
            program=program,
            mentor=directory[username].member,
            status=MentorshipStatus.ACTIVE,
            start_date=timezone.localdate() - days(90),
        )
    cycle = factories.AwardCycleFactory(program=program, year=timezone.localdate().year)
    factories.NominationFactory.create_batch(2, cycle=cycle)
    admin_window(tab, staff_user, reverse("wagtailadmin_home"))
    panel = tab.locator("#acnm-dashboard-section")
    expect(panel.get_by_role("heading", level=2)).to_have_text(
        f"Mentoring: {program.name}"
    )
    picture(tab, "staff-dashboard", at=panel, above=16)

    tab.goto(reverse("acnm_mentoring_applications:index"))
    rows = tab.locator("table.listing tbody tr")
    expect(rows).to_have_count(4)
    picture(tab, "staff-applications")

    tab.goto(reverse("acnm_mentoring_applications:edit", args=[applications[0].pk]))
    review = tab.get_by_role("heading", name="Review", level=2)
    expect(review).to_be_visible()
    tab.get_by_label("Accept the application").check()
    tab.get_by_label("Staff notes").fill("Strong goals; match with an oncologist.")
    picture(tab, "staff-review", at=review, above=100)

    tab.goto(reverse("acnm_mentoring_pairs:add"))
    tab.get_by_label("Suggest mentors for").select_option(label="Priya Shah")
    tab.get_by_role("button", name="Show suggestions").click()
    suggested = tab.get_by_role("region", name="Suggested mentors")
    expect(suggested.locator("ol li").first).to_contain_text("Helen Marsh")
    picture(tab, "staff-match")

    tab.goto(reverse("acnm_mentoring_participants:index"))
    tab.get_by_role("navigation", name="Actions").get_by_role("button").last.click()
    expect(tab.get_by_role("link", name="Download CSV")).to_be_visible()
    expect(tab.get_by_role("link", name="Download XLSX")).to_be_visible()
    tab.wait_for_function(  # the menu fades in
        "() => [...document.querySelectorAll('.tippy-box')]"
        ".some(box => getComputedStyle(box).opacity === '1')"
    )
    picture(tab, "staff-export")


def test_staff_read_the_nominations_and_choose_the_winner(
    tab, program, directory, staff_user
):
    now = timezone.now()
    cycle = factories.AwardCycleFactory(
        program=program,
        year=timezone.localdate().year,
        nominations_open_at=now - days(30),
        nominations_close_at=now - days(1),
        annual_meeting_date=(now + days(30)).date(),
    )
    statements = [
        ("hmarsh", "Jordan Rivera", "She read every draft of my first abstract."),
        ("hmarsh", "Priya Shah", "She took me to my first tumour board."),
        ("ohaddad", "Alma Novak", "He taught me theranostics from the first dose."),
    ]
    for username, nominator, statement in statements:
        first, last = nominator.split()
        factories.NominationFactory(
            cycle=cycle,
            nominee=directory[username].member,
            nominator=member_named(first.lower(), first, last),
            statement=statement,
        )
    results = reverse(
        "wagtailsnippets_acnm_mentoring_awardcycle:results", args=[cycle.pk]
    )
    admin_window(tab, staff_user, results)
    tally = tab.get_by_role(
        "table", name="Standing nominations per mentor, the most nominated first"
    )
    expect(tally.locator("tbody tr").first).to_contain_text("Helen Marsh")
    expect(tab.get_by_role("button", name="Record the winner")).to_be_visible()
    picture(tab, "staff-award-results", at=tally, above=160)

    winner = tab.get_by_role("region", name="Winner")
    field = winner.get_by_label("Best Mentor of the Year")
    if field.count() == 1 and field.evaluate("e => e.tagName") == "SELECT":
        field.select_option(label="Helen Marsh")
    else:
        winner.get_by_label("Helen Marsh").check()
    winner.get_by_label("Citation").fill(
        "For reading every draft, and for the tumour boards."
    )
    winner.get_by_role("button", name="Record the winner").click()
    expect(winner).to_contain_text("Chosen: Helen Marsh")
    expect(winner.get_by_role("button", name="Announce the winner")).to_be_visible()
    picture(tab, "staff-award-winner", at=winner, above=90)
