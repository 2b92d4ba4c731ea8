"""Suggested mentors, in a real browser: a mentee whose application was
accepted finds them on My mentoring and above the directory, with the
reasons in words, opens the first and asks them. axe-core checks both pages
for WCAG 2.1 A/AA; the pages are saved as screenshots in tests/screenshots/.
"""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from acnm_mentoring_plugin.models import (
    ApplicationRole,
    ApplicationStatus,
    CareerDirection,
    FieldOfInterest,
    Mentorship,
)
from tests import factories
from tests.browser.helpers import sign_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def mentee(program, member):
    """Jordan Rivera, accepted, heading for private practice in oncology and PET."""
    application = factories.ApplicationFactory(
        program=program,
        member=member,
        role=ApplicationRole.MENTEE,
        status=ApplicationStatus.ACCEPTED,
    )
    application.interests.set(
        FieldOfInterest.objects.filter(slug__in=["oncology", "pet"])
    )
    application.career_directions.set(
        CareerDirection.objects.filter(slug="private-practice")
    )
    return member


@pytest.fixture
def mentors(program):
    def mentor(username, first, last, **extra):
        return factories.listed_mentor(program, first, last, username=username, **extra)

    return [
        mentor(
            "dcho",
            "Daniel",
            "Cho",
            fields=["ct", "oncology"],
            directions=["private-practice"],
            career_level="junior",
            institution="Lakeside Medical Center",
        ),
        mentor(
            "hmarsh",
            "Helen",
            "Marsh",
            fields=["oncology", "pet"],
            directions=["academic"],
            institution="Riverside University Hospital",
        ),
        mentor(
            "gadeyemi",
            "Grace",
            "Adeyemi",
            fields=["cardiology"],
            directions=["industry"],
            career_level="junior",
            institution="Riverside University Hospital",
        ),
    ]


def test_mentee_sees_suggestions_with_reasons_and_asks_the_first(
    tab, program, mentee, mentors, check_axe, screenshot
):
    sign_in(tab, mentee.user.username, reverse("acnm_mentoring:my_mentoring"))
    section = tab.get_by_role(
        "region", name="Suggested mentors in the ACNM Mentoring Program"
    )
    items = section.locator(".acnm-suggestion")
    expect(items).to_have_count(2)
    expect(items.nth(0)).to_contain_text("Helen Marsh")
    expect(items.nth(0)).to_contain_text("shares Oncology and PET; senior faculty")
    expect(items.nth(1)).to_contain_text("Daniel Cho")
    expect(items.nth(1)).to_contain_text(
        "shares Oncology; advises on Private practice; from another institution"
    )
    check_axe(tab, "My mentoring with suggested mentors")
    screenshot(tab, "75-my-mentoring-suggestions")

    directory = reverse("acnm_mentoring:directory", args=[program.slug])
    tab.goto(directory)
    box = tab.get_by_role("region", name="Suggested for you")
    expect(box.locator(".acnm-suggestion")).to_have_count(2)
    expect(box).not_to_contain_text("Grace Adeyemi")
    check_axe(tab, "the directory with suggestions for a mentee")
    screenshot(tab, "76-directory-suggestions")

    box.get_by_role("link", name="Helen Marsh").click()
    expect(tab.get_by_role("heading", level=1)).to_have_text("Helen Marsh")
    tab.get_by_label("Message").fill("Your oncologic PET work is why I ask you.")
    tab.get_by_role("button", name="Send request").click()
    expect(tab.locator("body")).to_contain_text("Your request has been sent")
    assert Mentorship.objects.get().mentor == mentors[1].member

    # Asked already: Marsh is suggested no more, Cho still is.
    tab.goto(reverse("acnm_mentoring:my_mentoring"))
    expect(items).to_have_count(1)
    expect(items.nth(0)).to_contain_text("Daniel Cho")
