"""The directory as editors place it: a Wagtail page, and a block on any page."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from acnm_mentoring_plugin.models import (
    DirectoryVisibility,
    FieldOfInterest,
    Mentorship,
)
from tests.pages import make_directory_page, make_host_page
from tests.test_directory import CommittingClient, mentor

pytestmark = pytest.mark.django_db


@pytest.fixture
def client():
    return CommittingClient()


@pytest.fixture
def mentors(program):
    return [
        mentor(program, "Helen", "Marsh", fields=["oncology"], directions=["academic"]),
        mentor(program, "Daniel", "Cho", fields=["oncology"], directions=["industry"]),
        mentor(program, "Grace", "Adeyemi", fields=["cardiology"]),
    ]


@pytest.fixture
def signed_in_mentee(client, program):
    from acnm_mentoring_plugin.models import ApplicationRole, ApplicationStatus
    from tests import factories

    application = factories.ApplicationFactory(
        program=program, role=ApplicationRole.MENTEE, status=ApplicationStatus.ACCEPTED
    )
    client.force_login(application.member.user)
    return application.member


def test_the_directory_page_lists_filters_and_opens_a_mentor(
    client, site_root, program, mentors, signed_in_mentee
):
    page = make_directory_page(site_root, program)
    html = client.get(page.url, {"field": "oncology"}).content.decode()
    assert "<h1>Find a mentor</h1>" in html
    assert "Choose by field and career direction." in html
    assert "Helen Marsh" in html and "Daniel Cho" in html
    assert "Grace Adeyemi" not in html
    assert f'href="{page.url}{mentors[0].pk}/"' in html

    detail = client.get(f"{page.url}{mentors[0].pk}/").content.decode()
    assert "<h1>Helen Marsh</h1>" in detail
    assert f'href="{page.url}">All mentors' in detail
    assert "Send request" in detail


def test_a_request_from_the_directory_page_comes_back_to_it_on_error(
    client, site_root, program, mentors, signed_in_mentee
):
    page = make_directory_page(site_root, program)
    detail = f"{page.url}{mentors[0].pk}/"
    response = client.post(
        reverse("acnm_mentoring:mentor_request", args=[program.slug, mentors[0].pk]),
        {"message": "", "next": detail},
    )
    assert response["Location"] == f"{detail}#acnm-request"
    assert "This field is required" in client.get(detail).content.decode()
    client.post(
        reverse("acnm_mentoring:mentor_request", args=[program.slug, mentors[0].pk]),
        {"message": "Hello Dr Marsh", "next": detail},
    )
    assert Mentorship.objects.get().request_message == "Hello Dr Marsh"


def test_an_unknown_mentor_under_the_directory_page_is_not_found(
    client, site_root, program, mentors, signed_in_mentee
):
    page = make_directory_page(site_root, program)
    assert client.get(f"{page.url}999999/").status_code == 404


def test_the_directory_page_asks_visitors_to_sign_in(
    client, site_root, program, mentors
):
    page = make_directory_page(site_root, program)
    html = client.get(page.url).content.decode()
    assert "The mentor directory is for members" in html
    assert "Helen Marsh" not in html


def oncology_corner(site_root, program, *, count, directory_page=None):
    """A page holding an excerpt: ``count`` oncology mentors taking mentees."""
    return make_host_page(
        site_root,
        program,
        title="Oncology corner",
        slug="oncology",
        body=[
            (
                "mentor_directory",
                {
                    "heading": "Oncology mentors",
                    "program": program,
                    "field": FieldOfInterest.objects.get(slug="oncology"),
                    "direction": None,
                    "level": "",
                    "accepting_only": True,
                    "count": count,
                    "directory_page": directory_page,
                },
            )
        ],
    )


def test_the_block_shows_a_preset_excerpt_and_links_to_the_same_filter(
    client, site_root, program, mentors, signed_in_mentee
):
    directory_page = make_directory_page(site_root, program)
    page = oncology_corner(site_root, program, count=1, directory_page=directory_page)
    html = client.get(page.url).content.decode()
    assert "Oncology mentors" in html
    assert html.count('class="acnm-card"') == 1
    assert "Grace Adeyemi" not in html
    assert f'href="{directory_page.url}?field=oncology&amp;accepting=on"' in html


def test_a_mentor_who_stops_taking_mentees_leaves_an_accepting_excerpt_at_once(
    client, site_root, program, mentors, signed_in_mentee
):
    """The excerpt is kept between views, and no longer than the data."""
    from acnm_mentoring_plugin.services.mentor_profiles import update_mentor_profile

    page = oncology_corner(site_root, program, count=3)
    html = client.get(page.url).content.decode()
    assert "Helen Marsh" in html and "Daniel Cho" in html
    with CaptureQueriesContext(connection) as again:
        html = client.get(page.url).content.decode()
    assert html.count('class="acnm-card"') == 2
    # Viewed again with nothing changed, the excerpt lists nobody afresh.
    assert not any(
        "acnm_mentoring_mentorprofile" in query["sql"]
        for query in again.captured_queries
    )

    daniel = mentors[1]
    update_mentor_profile(daniel.member.user, daniel, accepting_new_mentees=False)

    html = client.get(page.url).content.decode()
    assert "Helen Marsh" in html
    assert "Daniel Cho" not in html


def test_a_public_directory_block_shows_mentors_to_everyone(
    client, site_root, program, mentors
):
    program.directory_visibility = DirectoryVisibility.PUBLIC
    program.save()
    page = make_host_page(
        site_root,
        program,
        title="Mentors",
        slug="our-mentors",
        body=[
            (
                "mentor_directory",
                {
                    "heading": "Our mentors",
                    "program": program,
                    "accepting_only": False,
                    "count": 12,
                },
            )
        ],
    )
    html = client.get(page.url).content.decode()
    assert html.count('class="acnm-card"') == 3
    assert "Riverside University Hospital" not in html
    assert f'href="/mentoring/programmes/{program.slug}/mentors/' in html
