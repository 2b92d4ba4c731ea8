"""Suggested mentors: who an accepted mentee might ask first, and why.

The order is pinned on a small programme whose mentors differ in fields,
career directions, level and institution, with the reasons in words; the
weights in settings change it; full, paused and already-asked mentors are
never suggested; the queries do not grow with the mentors; and the
suggestions show on My mentoring, above the directory and to staff matching
a pair.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from acnm_mentoring_plugin.models import (
    ApplicationRole,
    ApplicationStatus,
    CareerDirection,
    CareerLevel,
    FieldOfInterest,
    MentorshipStatus,
)
from acnm_mentoring_plugin.suggestions import suggested_mentors
from tests import factories

pytestmark = pytest.mark.django_db

HOME = "Riverside University Hospital"
AWAY = "Lakeside Medical Center"


def accepted_mentee(program, *, fields=(), directions=(), **member):
    application = factories.ApplicationFactory(
        program=program,
        role=ApplicationRole.MENTEE,
        status=ApplicationStatus.ACCEPTED,
        **{f"member__{key}": value for key, value in member.items()},
    )
    application.interests.set(FieldOfInterest.objects.filter(slug__in=fields))
    application.career_directions.set(
        CareerDirection.objects.filter(slug__in=directions)
    )
    return application.member


def mentor(program, last, *, level, institution, fields=(), directions=(), **extra):
    return factories.listed_mentor(
        program,
        "Dr",
        last,
        fields=fields,
        directions=directions,
        career_level=level,
        institution=institution,
        **extra,
    )


@pytest.fixture
def mentee(program):
    return accepted_mentee(
        program,
        fields=["oncology", "pet"],
        directions=["private-practice"],
        user__first_name="Jordan",
        user__last_name="Rivera",
        institution=HOME,
    )


@pytest.fixture
def mentors(program):
    senior, junior = CareerLevel.SENIOR, CareerLevel.JUNIOR
    return {
        "Adams": mentor(
            program,
            "Adams",
            level=senior,
            institution=AWAY,
            fields=["oncology", "pet", "cardiology"],
            directions=["private-practice", "academic"],
        ),
        "Baker": mentor(
            program,
            "Baker",
            level=junior,
            institution=HOME,
            fields=["oncology"],
            directions=["academic"],
        ),
        "Clark": mentor(
            program,
            "Clark",
            level=junior,
            institution=HOME,
            fields=["pet"],
            directions=["private-practice"],
        ),
        "Davis": mentor(
            program, "Davis", level=senior, institution=AWAY, directions=["academic"]
        ),
        "Evans": mentor(
            program, "Evans", level=junior, institution=AWAY, fields=["oncology"]
        ),
        "Young": mentor(
            program,
            "Young",
            level=junior,
            institution=HOME.upper(),
            fields=["oncology"],
        ),
        # Nothing in common: never suggested, however few mentors there are.
        "Fox": mentor(
            program,
            "Fox",
            level=junior,
            institution=HOME,
            fields=["cardiology"],
            directions=["academic"],
        ),
    }


def ranked(mentee, program, limit=10):
    return [
        (s.mentor.member.user.last_name, s.score, s.sentence)
        for s in suggested_mentors(mentee, program, limit=limit)
    ]


def test_mentors_are_ranked_by_what_they_share_with_reasons_in_words(
    mentee, mentors, program
):
    assert ranked(mentee, program) == [
        (
            "Adams",
            10,
            "shares Oncology and PET; advises on Private practice; "
            "senior faculty; from another institution",
        ),
        ("Clark", 5, "shares PET; advises on Private practice"),
        ("Evans", 4, "shares Oncology; from another institution"),
        # Equal scores go by name: Baker before Young (whose institution,
        # spelt in capitals, is still the mentee's own).
        ("Baker", 3, "shares Oncology"),
        ("Young", 3, "shares Oncology"),
        ("Davis", 2, "senior faculty; from another institution"),
    ]


def test_each_suggestion_lists_its_reasons_one_by_one(mentee, mentors, program):
    best = suggested_mentors(mentee, program)[0]
    assert best.reasons == [
        "shares Oncology and PET",
        "advises on Private practice",
        "senior faculty",
        "from another institution",
    ]


def test_the_settings_say_how_many_are_suggested(mentee, mentors, program, settings):
    assert len(suggested_mentors(mentee, program)) == 3
    settings.ACNM_MENTORING = {"SUGGESTIONS_SHOWN": 5}
    assert len(suggested_mentors(mentee, program)) == 5


def test_the_weights_in_settings_change_the_order(mentee, mentors, program, settings):
    settings.ACNM_MENTORING = {
        "SUGGESTION_WEIGHTS": {
            "shared_field": 0,
            "preferred_career_level": CareerLevel.JUNIOR,
            "prefer_other_institution": False,
        }
    }
    assert ranked(mentee, program) == [
        ("Clark", 3, "advises on Private practice; junior faculty"),
        ("Adams", 2, "advises on Private practice"),
        ("Baker", 1, "junior faculty"),
        ("Evans", 1, "junior faculty"),
        ("Fox", 1, "junior faculty"),
        ("Young", 1, "junior faculty"),
    ]


def test_an_unknown_weight_is_refused_by_name(mentee, program, settings):
    from django.core.exceptions import ImproperlyConfigured

    settings.ACNM_MENTORING = {"SUGGESTION_WEIGHTS": {"shared_fields": 1}}
    with pytest.raises(ImproperlyConfigured, match="shared_fields"):
        suggested_mentors(mentee, program)


def test_full_paused_unlisted_and_already_asked_mentors_are_never_suggested(
    mentee, mentors, program
):
    adams, clark, evans, baker = (
        mentors[n] for n in ("Adams", "Clark", "Evans", "Baker")
    )
    factories.MentorshipFactory(
        program=program, mentor=adams.member, status=MentorshipStatus.ACTIVE
    )
    factories.MentorshipFactory(
        program=program, mentor=adams.member, status=MentorshipStatus.ACCEPTED
    )
    clark.accepting_new_mentees = False
    clark.save()
    evans.listed_in_directory = False
    evans.save()
    factories.MentorshipFactory(
        program=program,
        mentor=baker.member,
        mentee=mentee,
        status=MentorshipStatus.REQUESTED,
    )
    assert [name for name, _, _ in ranked(mentee, program)] == ["Young", "Davis"]


def test_a_mentee_with_a_mentor_or_without_an_accepted_application_gets_none(
    mentee, mentors, program
):
    factories.MentorshipFactory(
        program=program,
        mentor=mentors["Fox"].member,
        mentee=mentee,
        status=MentorshipStatus.ACTIVE,
    )
    assert suggested_mentors(mentee, program) == []
    applicant = factories.ApplicationFactory(
        program=program, role=ApplicationRole.MENTEE
    ).member
    assert suggested_mentors(applicant, program) == []


def test_a_mentor_is_never_suggested_to_themself(mentors, program):
    adams = mentors["Adams"]
    factories.ApplicationFactory(
        program=program,
        member=adams.member,
        role=ApplicationRole.MENTEE,
        status=ApplicationStatus.ACCEPTED,
    )
    adams.member.interests.set(FieldOfInterest.objects.filter(slug="oncology"))
    names = [name for name, _, _ in ranked(adams.member, program)]
    assert "Adams" not in names and names


def add_mentors(program, count):
    oncology = FieldOfInterest.objects.get(slug="oncology")
    academic = CareerDirection.objects.get(slug="academic")
    for n in range(count):
        profile = factories.MentorProfileFactory(
            program=program, member__user__last_name=f"Mentor{n:03d}"
        )
        profile.specialties.add(oncology)
        profile.career_directions.add(academic)


def test_the_same_number_of_queries_with_5_or_50_mentors(mentee, program):
    add_mentors(program, 5)
    with CaptureQueriesContext(connection) as with_5:
        assert len(suggested_mentors(mentee, program, limit=10)) == 5
    add_mentors(program, 45)
    with CaptureQueriesContext(connection) as with_50:
        assert len(suggested_mentors(mentee, program, limit=10)) == 10
    assert len(with_5) == len(with_50) <= 6


def test_an_accepted_mentee_sees_suggestions_on_my_mentoring(
    client, mentee, mentors, program
):
    client.force_login(mentee.user)
    page = client.get(reverse("acnm_mentoring:my_mentoring")).content.decode()
    assert "Suggested mentors in the ACNM Mentoring Program" in page
    adams = reverse(
        "acnm_mentoring:mentor_detail", args=[program.slug, mentors["Adams"].pk]
    )
    assert f'href="{adams}"' in page
    assert (
        "shares Oncology and PET; advises on Private practice; senior faculty; "
        "from another institution" in page
    )


def test_members_not_looking_for_a_mentor_see_no_suggestions(
    client, mentors, program, faculty
):
    applicant = factories.ApplicationFactory(
        program=program, role=ApplicationRole.MENTEE
    ).member
    for member in (applicant, faculty, mentors["Adams"].member):
        client.force_login(member.user)
        for url in (
            reverse("acnm_mentoring:my_mentoring"),
            reverse("acnm_mentoring:directory", args=[program.slug]),
        ):
            page = client.get(url).content.decode()
            assert "Suggested" not in page, (member, url)


def test_an_accepted_mentee_sees_suggestions_above_the_directory_even_when_cached(
    client, mentee, mentors, program
):
    other = accepted_mentee(program, fields=["cardiology"], institution=HOME)
    directory = reverse("acnm_mentoring:directory", args=[program.slug])
    client.force_login(other.user)
    client.get(directory)  # the list is now rendered and kept for members

    client.force_login(mentee.user)
    page = client.get(directory).content.decode()
    assert "Suggested for you" in page
    box = page[page.index("Suggested for you") : page.index("acnm-filters")]
    assert f'href="{directory}{mentors["Adams"].pk}/"' in box
    assert "shares Oncology and PET" in box
    assert "Fox" not in box

    client.force_login(other.user)
    page = client.get(directory).content.decode()
    box = page[page.index("Suggested for you") : page.index("acnm-filters")]
    assert "shares Cardiology" in box and "shares Oncology" not in box

    # Filtering, the member is choosing for themself: the box steps aside.
    page = client.get(directory, {"field": "cardiology"}).content.decode()
    assert "Suggested for you" not in page


def test_staff_see_the_suggestions_for_a_mentee_when_matching_a_pair(
    client, staff_user, mentee, mentors
):
    client.force_login(staff_user)
    add = reverse("acnm_mentoring_pairs:add")
    page = client.get(add).content.decode()
    assert "Suggest mentors for" in page and "Jordan Rivera" in page
    assert "shares Oncology" not in page

    page = client.get(add, {"mentee": mentee.pk}).content.decode()
    assert "For Jordan Rivera in the ACNM Mentoring Program" in page
    assert (
        "shares Oncology and PET; advises on Private practice; senior faculty; "
        "from another institution" in page
    )
    assert page.index("Adams") < page.index("Clark") < page.index("Evans")
    # Nothing is chosen for the coordinator: the match form starts empty.
    form = page.split('id="w-editor-form"')[1].split("</form>")[0]
    assert f'value="{mentors["Adams"].pk}" selected' not in form
    assert f'value="{mentee.pk}" selected' not in form
