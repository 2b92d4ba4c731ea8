"""Programme staff manage mentors and match pairs under "Mentoring" in Wagtail."""

import pytest
from django.urls import reverse

from acnm_mentoring_plugin.models import (
    ActivityRecord,
    ApplicationRole,
    ApplicationStatus,
    Mentorship,
    MentorshipStatus,
)
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def mentor_profile(program):
    return factories.MentorProfileFactory(
        program=program,
        capacity=1,
        member__user__first_name="Helen",
        member__user__last_name="Marsh",
    )


@pytest.fixture
def mentee(program):
    return factories.ApplicationFactory(
        program=program,
        role=ApplicationRole.MENTEE,
        status=ApplicationStatus.ACCEPTED,
        member__user__first_name="Jordan",
        member__user__last_name="Rivera",
    ).member


def match(client, profile, mentee, note=""):
    return client.post(
        reverse("acnm_mentoring_pairs:add"),
        {"mentor": profile.pk, "mentee": mentee.pk, "request_message": note},
    )


def test_staff_match_a_pair_and_both_are_asked_to_sign(
    client, staff_user, mentor_profile, mentee, django_capture_on_commit_callbacks
):
    client.force_login(staff_user)
    assert (
        "Match a pair"
        in client.get(reverse("acnm_mentoring_pairs:add")).content.decode()
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = match(client, mentor_profile, mentee, "Both in theranostics.")
    assert response.status_code == 302
    pair = Mentorship.objects.get()
    assert (pair.status, pair.matched_by_staff) == (MentorshipStatus.ACCEPTED, True)
    assert ActivityRecord.objects.get(action="matched").actor == staff_user
    listing = client.get(reverse("acnm_mentoring_pairs:index")).content.decode()
    assert "Jordan Rivera" in listing and "Helen Marsh" in listing
    partnership = reverse("acnm_mentoring:partnership", args=[pair.public_id])
    assert f'href="{partnership}"' in listing


def test_matching_beyond_capacity_is_refused_with_the_reason(
    client, staff_user, mentor_profile, mentee, program
):
    factories.MentorshipFactory(
        program=program, mentor=mentor_profile.member, status=MentorshipStatus.ACTIVE
    )
    client.force_login(staff_user)
    response = match(client, mentor_profile, mentee)
    assert response.status_code == 200
    assert "has no free place for a new mentee" in response.content.decode()
    assert Mentorship.objects.count() == 1


def test_staff_may_match_a_mentor_who_paused_new_requests(
    client, staff_user, mentor_profile, mentee
):
    mentor_profile.accepting_new_mentees = False
    mentor_profile.save()
    client.force_login(staff_user)
    match(client, mentor_profile, mentee)
    assert Mentorship.objects.get().status == MentorshipStatus.ACCEPTED


def test_staff_edit_a_mentor_profile_and_the_change_is_recorded(
    client, staff_user, mentor_profile
):
    client.force_login(staff_user)
    url = reverse("acnm_mentoring_mentors:edit", args=[mentor_profile.pk])
    response = client.post(
        url,
        {
            "bio": "Theranostics.",
            "career_level": "senior",
            "capacity": 3,
            "accepting_new_mentees": "on",
            "listed_in_directory": "on",
        },
    )
    assert response.status_code == 302
    mentor_profile.refresh_from_db()
    assert mentor_profile.capacity == 3
    record = ActivityRecord.objects.get(action="mentor_profile_updated")
    assert record.actor == staff_user
    assert record.detail["fields"] == ["bio", "capacity"]


def test_members_without_the_staff_permission_see_no_pairs(client, mentee):
    client.force_login(mentee.user)
    response = client.get(reverse("acnm_mentoring_pairs:index"))
    assert response.status_code in (302, 403)


def test_staff_publish_new_terms_and_signed_agreements_keep_theirs(
    client, staff_user, program
):
    from acnm_mentoring_plugin.models import AgreementTerms

    signed = factories.AgreementFactory(
        mentorship__program=program, terms_text=program.current_terms.text
    )
    client.force_login(staff_user)
    add = reverse("acnm_mentoring_terms:add")
    form = client.get(add).content.decode()
    assert "We keep our contact professional and confidential." in form  # current
    same = client.post(add, {"program": program.pk, "text": program.current_terms.text})
    assert "These are the terms of version 1 already." in same.content.decode()
    client.post(add, {"program": program.pk, "text": "Version two of the terms."})
    assert program.current_terms.version == 2
    assert AgreementTerms.objects.count() == 2
    signed.refresh_from_db()
    assert signed.terms_text == "We keep our contact professional and confidential."
    # Versions are never edited.
    terms = program.current_terms
    response = client.post(
        reverse("acnm_mentoring_terms:edit", args=[terms.pk]), {"text": "Changed"}
    )
    assert response.status_code in (302, 403)
    terms.refresh_from_db()
    assert terms.text == "Version two of the terms."
