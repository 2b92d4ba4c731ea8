"""An approved mentor keeps their directory profile up to date on the site."""

import io
import os

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from acnm_mentoring_plugin.models import ActivityRecord, FieldOfInterest
from tests import factories

pytestmark = pytest.mark.django_db


def png(size=(64, 64), noise=False):
    buffer = io.BytesIO()
    if noise:  # does not compress: the file is as large as the picture
        image = Image.frombytes("RGB", size, os.urandom(size[0] * size[1] * 3))
    else:
        image = Image.new("RGB", size, (30, 90, 160))
    image.save(buffer, format="PNG")
    return SimpleUploadedFile("portrait.png", buffer.getvalue(), "image/png")


@pytest.fixture
def profile(program):
    return factories.MentorProfileFactory(
        program=program,
        member__user__first_name="Helen",
        member__user__last_name="Marsh",
    )


def edit_url(program):
    return reverse("acnm_mentoring:mentor_profile_edit", args=[program.slug])


def form_data(**changes):
    return {
        "bio": "Theranostics and oncologic PET.",
        "career_level": "senior",
        "capacity": "3",
        "accepting_new_mentees": "on",
        "listed_in_directory": "on",
        "specialties": [FieldOfInterest.objects.get(slug="oncology").pk],
        **changes,
    }


def test_a_mentor_edits_their_profile_with_a_photo(client, program, profile):
    client.force_login(profile.member.user)
    page = client.get(edit_url(program)).content.decode()
    assert "Your mentor profile in the" in page
    assert "Your e-mail address is never shown" in page

    response = client.post(edit_url(program), form_data(photo=png()), follow=True)
    assert "Your profile has been saved." in response.content.decode()
    profile.refresh_from_db()
    assert profile.capacity == 3
    assert profile.photo.name.startswith("acnm_mentoring/mentors/")
    assert [field.slug for field in profile.specialties.all()] == ["oncology"]
    record = ActivityRecord.objects.get(action="mentor_profile_updated")
    assert record.detail["fields"] == ["bio", "capacity", "photo", "specialties"]


def test_saving_an_unchanged_profile_says_so_and_records_nothing(
    client, program, profile
):
    client.force_login(profile.member.user)
    client.post(edit_url(program), form_data())
    response = client.post(edit_url(program), form_data(), follow=True)
    assert "Nothing to save" in response.content.decode()
    assert ActivityRecord.objects.filter(action="mentor_profile_updated").count() == 1


def test_a_wrong_photo_or_capacity_is_explained_and_nothing_is_lost(
    client, program, profile
):
    client.force_login(profile.member.user)
    not_an_image = SimpleUploadedFile("cv.pdf", b"%PDF-1.4", "application/pdf")
    response = client.post(
        edit_url(program),
        form_data(photo=not_an_image, capacity="0", bio="My new biography"),
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Please correct the fields marked below." in html
    assert "Upload a valid image" in html
    assert "greater than or equal to 1" in html
    assert "My new biography" in html
    profile.refresh_from_db()
    assert profile.bio == ""


def test_a_photo_over_two_megabytes_is_refused(client, program, profile):
    client.force_login(profile.member.user)
    big = png(size=(1000, 1000), noise=True)
    assert big.size > 2 * 1024 * 1024
    response = client.post(edit_url(program), form_data(photo=big))
    assert "larger than 2 MB" in response.content.decode()


def test_members_who_are_not_mentors_find_no_profile_to_edit(client, program):
    client.force_login(factories.MemberFactory().user)
    assert client.get(edit_url(program)).status_code == 404
    client.logout()
    assert client.get(edit_url(program)).status_code == 302
