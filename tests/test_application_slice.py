"""The mentoring application, end to end through Django's test client."""

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from acnm_mentoring_plugin.models import (
    ActivityRecord,
    Application,
    ApplicationStatus,
    CareerDirection,
    FieldOfInterest,
    MembershipStatus,
)
from tests import factories
from tests.pages import make_host_page, make_program_page

pytestmark = pytest.mark.django_db


@pytest.fixture
def page(site_root, program):
    return make_program_page(site_root, program)


def valid_answers(**overrides):
    data = {
        "training_programme": "Riverside nuclear medicine residency",
        "training_year": "2",
        "expected_completion": "2028-06-30",
        "goals": "Prepare for the ABNM exam and an academic career.",
        "interests": [str(FieldOfInterest.objects.get(slug="oncology").pk)],
        "career_directions": [str(CareerDirection.objects.get(slug="academic").pk)],
        "preferred_mentor": "",
    }
    data.update(overrides)
    return data


def apply(client, program, page_url, role="mentee", **overrides):
    return client.post(
        reverse("acnm_mentoring:apply", args=[program.slug, role]),
        {**valid_answers(**overrides), "next": page_url},
    )


def test_anonymous_visitor_is_asked_to_sign_in_and_returned_to_the_page(client, page):
    response = client.get(page.url)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Sign in to apply" in html
    assert "/accounts/login/?next=%2Fmentoring-program%2F" in html
    assert "<form" not in html.split("acnm-application")[1].split("</section>")[0]


def test_member_sees_the_form_with_every_question(client, page, resident):
    client.force_login(resident.user)
    html = client.get(page.url).content.decode()
    for label in [
        "Training programme",
        "Training year",
        "Expected completion of training",
        "Your goals for the mentoring partnership",
        "Fields of interest",
        "Career direction",
        "Preferred mentor",
        "Submit application",
    ]:
        assert label in html
    assert "Mentoring goals" in html  # the rest of the page is there


def test_member_applies_and_gets_a_confirmation_the_coordinator_a_notice(
    client, page, program, resident, django_capture_on_commit_callbacks
):
    client.force_login(resident.user)
    with django_capture_on_commit_callbacks(execute=True):
        response = apply(client, program, page.url)

    assert response.status_code == 302
    assert response["Location"].startswith(page.url)
    application = Application.objects.get(member=resident)
    assert application.status == ApplicationStatus.SUBMITTED
    assert [f.slug for f in application.interests.all()] == ["oncology"]

    to_applicant, to_coordinator = mail.outbox
    assert to_applicant.to == [resident.email]
    assert "received your application" in to_applicant.subject
    assert str(application.public_id) in to_applicant.body
    html, mimetype = to_applicant.alternatives[0]
    assert mimetype == "text/html" and "Dear Jordan Rivera" in html
    assert to_coordinator.to == [program.coordinator_email]
    assert "Jordan Rivera" in to_coordinator.subject

    page_after = client.get(response["Location"]).content.decode()
    assert "your application has been received" in page_after
    assert "Status: <strong>Submitted</strong>" in page_after
    assert "Submit application" not in page_after

    record = ActivityRecord.objects.get(action="submitted")
    assert record.actor == resident.user and record.to_state == "submitted"


def test_reloading_the_page_after_applying_shows_the_status_not_the_thanks(
    client, page, program, resident
):
    client.force_login(resident.user)
    apply(client, program, page.url)
    client.get(page.url)
    again = client.get(page.url).content.decode()
    assert "has been received" not in again
    assert "Status: <strong>Submitted</strong>" in again


def test_a_member_with_an_open_application_sees_its_status_not_a_second_form(
    client, page, program, resident
):
    factories.ApplicationFactory(member=resident, program=program)
    client.force_login(resident.user)
    html = client.get(page.url).content.decode()
    assert "Status: <strong>Submitted</strong>" in html
    assert "Submit application" not in html


def test_a_second_application_posted_anyway_is_refused_and_nothing_is_lost(
    client, page, program, resident
):
    factories.ApplicationFactory(member=resident, program=program)
    client.force_login(resident.user)
    response = apply(client, program, page.url, goals="A second try")
    assert response.status_code == 302
    assert Application.objects.filter(member=resident).count() == 1
    assert "A second try" not in Application.objects.get(member=resident).goals
    html = client.get(response["Location"]).content.decode()
    assert "You already have an open application to this programme." in html
    assert "Status: <strong>Submitted</strong>" in html
    assert "already have an open" not in client.get(page.url).content.decode()


def test_bad_input_comes_back_with_errors_the_typed_answers_and_the_whole_page(
    client, page, program, resident
):
    client.force_login(resident.user)
    response = apply(
        client,
        program,
        page.url,
        goals="",
        training_year="14",
        career_directions=[],
        training_programme="Lakeshore fellowship",
    )
    assert response.status_code == 302
    assert response["Location"].endswith("#acnm-application-acnm-mentee-errors")
    assert not Application.objects.exists()
    assert not mail.outbox

    html = client.get(response["Location"]).content.decode()
    assert "Please correct the errors below" in html
    assert "This field is required." in html
    assert "Enter a training year from 1 to 10." in html
    assert 'value="Lakeshore fellowship"' in html
    assert 'aria-invalid="true"' in html
    assert "Mentoring goals" in html and "Prefer paper?" in html

    # The errors are shown once; a reload gives a clean form.
    assert "Please correct" not in client.get(page.url).content.decode()


def test_the_form_needs_a_valid_csrf_token(page, program, resident):
    client = Client(enforce_csrf_checks=True)
    client.force_login(resident.user)
    response = apply(client, program, page.url)
    assert response.status_code == 403
    assert not Application.objects.exists()


def test_the_return_address_cannot_send_members_to_another_site(
    client, program, resident
):
    client.force_login(resident.user)
    response = apply(client, program, "https://evil.example/phish")
    assert response.status_code == 302
    assert response["Location"].startswith(
        reverse("acnm_mentoring:apply", args=[program.slug, "mentee"])
    )


def test_anonymous_post_is_sent_to_sign_in_and_saves_nothing(client, page, program):
    response = apply(client, program, page.url)
    assert response.status_code == 302
    assert response["Location"] == "/mentoring/sign-in/?next=%2Fmentoring-program%2F"
    assert not Application.objects.exists()


def test_a_lapsed_member_is_told_why_and_cannot_apply(client, page, program, resident):
    resident.membership_status = MembershipStatus.LAPSED
    resident.save()
    client.force_login(resident.user)
    html = client.get(page.url).content.decode()
    assert "Your membership is not active" in html
    assert "Submit application" not in html
    apply(client, program, page.url)
    assert not Application.objects.exists()


def test_faculty_cannot_apply_as_mentee_but_can_as_mentor(
    client, site_root, program, faculty
):
    mentee_page = make_host_page(site_root, program, role="mentee", slug="trainees")
    mentor_page = make_host_page(site_root, program, role="mentor", slug="faculty")
    client.force_login(faculty.user)
    assert "Mentee applications are for residents" in (
        client.get(mentee_page.url).content.decode()
    )
    html = client.get(mentor_page.url).content.decode()
    assert "What you would like to offer mentees" in html
    assert "Training year" not in html
    response = apply(
        client, program, mentor_page.url, role="mentor", goals="Theranostics advice"
    )
    assert response.status_code == 302
    assert Application.objects.get(member=faculty).role == "mentor"
    assert (
        "Thanks, we will be in touch." in client.get(mentor_page.url).content.decode()
    )


def test_a_closed_programme_says_so(client, page, program, resident):
    program.is_open = False
    program.save()
    client.force_login(resident.user)
    html = client.get(page.url).content.decode()
    assert "not accepting applications" in html
    assert "Submit application" not in html


def test_the_application_has_a_page_of_its_own_for_non_cms_sites(
    client, program, resident
):
    url = reverse("acnm_mentoring:apply", args=[program.slug, "mentee"])
    client.force_login(resident.user)
    response = client.get(url)
    assert response.status_code == 200
    assert "Submit application" in response.content.decode()
    response = apply(client, program, url)
    assert response["Location"].startswith(url)
    assert Application.objects.filter(member=resident).exists()


def test_unknown_role_or_programme_is_not_found(client, program):
    assert client.get("/mentoring/programmes/acnm/apply/boss/").status_code == 404
    assert client.get("/mentoring/programmes/nope/apply/mentee/").status_code == 404


def test_applicant_sees_and_withdraws_their_application(client, program, resident):
    application = factories.ApplicationFactory(member=resident, program=program)
    client.force_login(resident.user)
    url = reverse("acnm_mentoring:application_detail", args=[application.public_id])
    html = client.get(url).content.decode()
    assert "Prepare for the ABNM exam" in html and "Withdraw my application" in html
    client.post(
        reverse("acnm_mentoring:application_withdraw", args=[application.public_id])
    )
    application.refresh_from_db()
    assert application.status == ApplicationStatus.WITHDRAWN
    assert "has been withdrawn" in client.get(url).content.decode()


def test_another_member_cannot_see_or_withdraw_an_application(client, program):
    application = factories.ApplicationFactory(program=program)
    other = factories.MemberFactory()
    client.force_login(other.user)
    detail = reverse("acnm_mentoring:application_detail", args=[application.public_id])
    assert client.get(detail).status_code == 404
    withdraw = reverse(
        "acnm_mentoring:application_withdraw", args=[application.public_id]
    )
    assert client.post(withdraw).status_code == 404
    application.refresh_from_db()
    assert application.status == ApplicationStatus.SUBMITTED


def test_staff_notes_never_reach_the_applicant(client, program, resident):
    application = factories.ApplicationFactory(
        member=resident, program=program, staff_notes="Weak references"
    )
    client.force_login(resident.user)
    url = reverse("acnm_mentoring:application_detail", args=[application.public_id])
    assert "Weak references" not in client.get(url).content.decode()


def test_the_form_starts_from_what_the_membership_profile_knows(client, page, resident):
    resident.institution = "Lakeshore Medical Center"
    resident.training_year = 3
    resident.save()
    client.force_login(resident.user)
    html = client.get(page.url).content.decode()
    assert 'value="Lakeshore Medical Center"' in html
    assert 'name="training_year" value="3"' in html
