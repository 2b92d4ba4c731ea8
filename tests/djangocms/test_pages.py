"""The forms of the plugins, sent from a django CMS page: each posts to the
core URL with the page as ``next`` and the member lands back on the page."""

import pytest
from django.core import mail
from django.urls import reverse

from acnm_mentoring_plugin.models import (
    Application,
    ApplicationStatus,
    Nomination,
)
from tests.djangocms.conftest import make_cms_page, page_url
from tests.djangocms.test_plugins import make_cycle
from tests.test_application_slice import valid_answers
from tests.test_award import STATEMENT, mentored
from tests.test_directory import CommittingClient

pytestmark = pytest.mark.django_db


@pytest.fixture
def client():
    return CommittingClient()


def test_a_page_is_public_once_created_without_a_publishing_step(client, program):
    page = make_cms_page(
        "Mentoring Program",
        (
            "ProgrammeSectionPlugin",
            {"heading": "Mentoring goals", "points": "Pass the ABNM exam."},
        ),
        ("ProgrammeContactPlugin", {"program": program}),
        slug="mentoring-program",
    )
    assert page_url(page) == "/mentoring-program/"
    html = client.get(page_url(page)).content.decode()
    assert "<h1>Mentoring Program</h1>" in html
    assert "<li>Pass the ABNM exam.</li>" in html
    assert "Fax: 703-708-9020" in html
    assert "Host site footer" in html  # inside the site's own template


def test_a_member_applies_on_a_django_cms_page_and_is_thanked_there(
    client, program, resident
):
    page = make_cms_page(
        "Residents corner",
        (
            "ApplicationFormPlugin",
            {
                "program": program,
                "intro": "Tell us about your training.",
                "success_message": "Thanks, Jordan!\nWe will write within a week.",
            },
        ),
        slug="residents",
    )
    url = page_url(page)
    html = client.get(url).content.decode()
    assert "Sign in to apply" in html
    assert "/accounts/login/?next=%2Fresidents%2F" in html

    client.force_login(resident.user)
    html = client.get(url).content.decode()
    assert "<p>Tell us about your training.</p>" in html
    assert '<input type="hidden" name="next" value="/residents/">' in html
    action = reverse("acnm_mentoring:apply", args=[program.slug, "mentee"])
    assert f'action="{action}"' in html

    # A form sent incomplete comes back to the page with its errors.
    response = client.post(action, {**valid_answers(goals=""), "next": url})
    assert response.status_code == 302 and response["Location"].startswith(url)
    html = client.get(response["Location"]).content.decode()
    assert "This field is required" in html
    assert "Riverside nuclear medicine residency" in html  # what they typed stays
    assert not Application.objects.exists()

    response = client.post(action, {**valid_answers(), "next": url}, follow=True)
    assert response.redirect_chain[-1][0].startswith(url)
    html = response.content.decode()
    assert "<p>Thanks, Jordan!<br>We will write within a week.</p>" in html
    assert "Status: <strong>Submitted</strong>" in html
    assert "Submit application" not in html
    application = Application.objects.get(member=resident)
    assert application.status == ApplicationStatus.SUBMITTED
    assert {message.to[0] for message in mail.outbox} == {
        resident.email,
        program.coordinator_email,
    }

    # Seen again, the page says where the application stands, not thanks.
    html = client.get(url).content.decode()
    assert "Thanks, Jordan!" not in html
    assert "Status: <strong>Submitted</strong>" in html


def test_a_mentee_nominates_their_mentor_on_a_django_cms_page(client, program):
    jordan, helen = mentored(program, "Jordan Rivera", "Helen Marsh")
    cycle = make_cycle(program)
    page = make_cms_page(
        "Best Mentor of the Year",
        ("AwardNominationPlugin", {"program": program}),
        slug="award",
    )
    url = page_url(page)
    assert "Sign in to nominate" in client.get(url).content.decode()

    client.force_login(jordan.user)
    html = client.get(url).content.decode()
    assert "Helen Marsh" in html
    assert '<input type="hidden" name="next" value="/award/">' in html
    response = client.post(
        reverse("acnm_mentoring:nominate", args=[program.slug, cycle.year]),
        {"nominee": helen.pk, "statement": STATEMENT, "next": url},
        follow=True,
    )
    assert response.redirect_chain[-1][0].startswith(url)
    html = response.content.decode()
    assert "your nomination of Helen Marsh is received" in html
    assert "You nominated Helen Marsh" in html
    nomination = Nomination.objects.get()
    assert (nomination.nominator, nomination.nominee) == (jordan, helen)


def test_a_nomination_for_someone_else_is_refused_on_the_page(client, program):
    jordan, _helen = mentored(program, "Jordan Rivera", "Helen Marsh")
    _priya, omar = mentored(program, "Priya Shah", "Omar Haddad")
    cycle = make_cycle(program)
    page = make_cms_page(
        "Award", ("AwardNominationPlugin", {"program": program}), slug="award"
    )
    client.force_login(jordan.user)
    response = client.post(
        reverse("acnm_mentoring:nominate", args=[program.slug, cycle.year]),
        {"nominee": omar.pk, "statement": STATEMENT, "next": page_url(page)},
        follow=True,
    )
    assert response.redirect_chain[-1][0].startswith(page_url(page))
    html = response.content.decode()
    assert "Please choose one of the mentors." in html
    assert STATEMENT in html  # kept, to choose again
    assert not Nomination.objects.exists()
