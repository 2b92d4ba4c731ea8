"""Thousands of mentors in seconds, with bulk inserts.

The factories save one row at a time and index each profile as it is saved,
which takes minutes for 10,000 mentors; the directory's cost depends on what
is in the tables, not on how it got there, so bulk inserts are enough. The
data vary where the directory's queries branch: names (with namesakes, so the
order needs its tie-breaker), institutions and places, fields, career
directions and levels, capacities, places taken, paused and unlisted mentors,
lapsed members, and biographies whose words the search finds.

Deterministic for a given ``start``, so two runs measure the same data.
"""

import random

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from modelsearch.backends import get_search_backend

from acnm_mentoring_plugin.models import (
    Application,
    ApplicationRole,
    ApplicationStatus,
    CareerDirection,
    CareerLevel,
    CareerStage,
    FieldOfInterest,
    Member,
    MembershipStatus,
    MentorProfile,
    Mentorship,
    MentorshipStatus,
)

#: In about a third of the biographies, and a field's name too: the search
#: finds thousands of mentors, the dearest case for a page of twelve.
COMMON_WORD = "research"

FIRST_NAMES = [
    "Helen",
    "Daniel",
    "Grace",
    "Samuel",
    "Amara",
    "Lucas",
    "Priya",
    "Tomás",
    "Ingrid",
    "Kenji",
    "Fatima",
    "Oliver",
    "Chloé",
    "Mateo",
    "Aisha",
    "Henrik",
    "Mei",
    "Rafael",
    "Zoe",
    "Ibrahim",
    "Elena",
    "Jonas",
    "Nadia",
    "Victor",
    "Ruth",
    "Arjun",
    "Sofia",
    "Malik",
    "Hannah",
    "Pedro",
    "Yara",
    "Felix",
    "Leila",
    "Marcus",
    "Ana",
    "Emeka",
    "Iris",
    "Dmitri",
    "Noor",
    "Gabriel",
]
LAST_NAMES = [
    "Marsh",
    "Cho",
    "Adeyemi",
    "Okafor",
    "Lindqvist",
    "Tanaka",
    "Haddad",
    "Moreau",
    "Garcia",
    "Novak",
    "Schneider",
    "Rossi",
    "Kowalski",
    "Nguyen",
    "Petrov",
    "Silva",
    "Müller",
    "Kim",
    "Johansson",
    "Dubois",
    "Costa",
    "Mensah",
    "Ivanova",
    "Horvat",
    "Fischer",
    "Park",
    "Brennan",
    "Sato",
    "Abara",
    "Lambert",
    "Weber",
    "Romano",
    "Duarte",
    "Kaur",
    "Osei",
    "Fontaine",
    "Jensen",
    "Yilmaz",
    "Castillo",
    "Bauer",
    "Nakamura",
    "Hughes",
    "Ortega",
    "Baptiste",
    "Varga",
    "Holm",
    "Rahman",
    "Keller",
    "Santos",
    "Walsh",
]
INSTITUTIONS = (
    "Riverside University Hospital",
    "Bayview Cancer Center",
    "Summit Heart Institute",
    "Lakeshore Medical Center",
    "St. Aidan's Teaching Hospital",
    "Northgate Children's Hospital",
    "Mercy Valley Health",
    "Cedar Ridge Imaging",
    "Harbour University Medical School",
    "Prairie Regional Hospital",
    "Granite State Nuclear Medicine",
    "Westfield Veterans Medical Center",
    "Bluewater Radiology Partners",
    "Highland Oncology Institute",
    "Metro Diagnostic Imaging",
    "Coastal Theranostics Clinic",
    "Pinecrest Community Hospital",
    "Eastbrook Academic Medical Center",
    "Sunbelt PET Centre",
    "Old Mill Research Hospital",
)
LOCATIONS = (
    "San Diego, CA",
    "Boston, MA",
    "Chicago, IL",
    "Houston, TX",
    "Seattle, WA",
    "Denver, CO",
    "Atlanta, GA",
    "Minneapolis, MN",
    "Philadelphia, PA",
    "Phoenix, AZ",
    "Nashville, TN",
    "Portland, OR",
    "Baltimore, MD",
    "Cleveland, OH",
    "Salt Lake City, UT",
    "Toronto, ON",
    "Raleigh, NC",
    "St. Louis, MO",
    "Miami, FL",
    "Madison, WI",
)
BIO_SENTENCES = (
    "Theranostics and oncologic PET in a busy academic department.",
    "I help residents plan their first clinical research project and paper.",
    "Nuclear cardiology with industry partners and multicentre trials.",
    "From fellowship to private practice: contracts and the first years.",
    "Dosimetry and radiopharmacy, and how to build a radioligand service.",
    "Preparing for the ABNM qualifying exam, and the boards after it.",
    "Paediatric nuclear medicine and imaging children with care.",
    "Translational research on new tracers, from bench to first patients.",
    "Leadership, teaching and running a residency programme.",
    "SPECT/CT in the community hospital, and balancing work and family.",
    "Neuroimaging of dementia and movement disorders.",
    "Grant writing and building a research group in a young department.",
)


def seed_mentors(program, count, *, start=0):
    """``count`` mentors in ``program``, and the mentees that fill their places.

    ``start`` numbers the people, so calling it again adds more mentors
    instead of colliding with the first ones. Returns the new profiles; they
    are not in the search index until ``index_mentors`` is called.
    """
    rng = random.Random(start)
    User = get_user_model()
    password = make_password(None)  # unusable, and hashed once, not per user
    fields = list(FieldOfInterest.objects.order_by("pk"))
    directions = list(CareerDirection.objects.order_by("pk"))
    mentee_count = max(8, count // 3)

    users = User.objects.bulk_create(
        [
            User(
                username=f"bench-mentor-{number:06d}",
                first_name=rng.choice(FIRST_NAMES),
                last_name=rng.choice(LAST_NAMES),
                email=f"mentor{number}@faculty.test",
                password=password,
            )
            for number in range(start, start + count)
        ]
        + [
            User(
                username=f"bench-mentee-{number:06d}",
                first_name=rng.choice(FIRST_NAMES),
                last_name=rng.choice(LAST_NAMES),
                email=f"mentee{number}@members.test",
                password=password,
            )
            for number in range(start, start + mentee_count)
        ],
        batch_size=1000,
    )
    mentor_users, mentee_users = users[:count], users[count:]
    members = Member.objects.bulk_create(
        [
            Member(
                user=user,
                membership_id=f"BENCH-{start + index:07d}",
                # One in twenty has lapsed: listed, but not in the directory.
                membership_status=(
                    MembershipStatus.LAPSED
                    if rng.random() < 0.05
                    else MembershipStatus.ACTIVE
                ),
                career_stage=rng.choice(
                    [CareerStage.JUNIOR_FACULTY, CareerStage.SENIOR_FACULTY]
                ),
                institution=rng.choice(INSTITUTIONS),
                location=rng.choice(LOCATIONS),
            )
            for index, user in enumerate(mentor_users)
        ]
        + [
            Member(
                user=user,
                membership_id=f"BENCH-T{start + index:07d}",
                membership_status=MembershipStatus.ACTIVE,
                career_stage=CareerStage.RESIDENT,
                training_year=rng.randint(1, 4),
                institution=rng.choice(INSTITUTIONS),
                location=rng.choice(LOCATIONS),
            )
            for index, user in enumerate(mentee_users)
        ],
        batch_size=1000,
    )
    mentor_members, mentees = members[:count], members[count:]
    profiles = MentorProfile.objects.bulk_create(
        [
            MentorProfile(
                member=member,
                program=program,
                bio=" ".join(rng.sample(BIO_SENTENCES, rng.randint(1, 3))),
                career_level=rng.choice(CareerLevel.values),
                capacity=rng.randint(1, 4),
                accepting_new_mentees=rng.random() < 0.9,
                listed_in_directory=rng.random() < 0.97,
            )
            for member in mentor_members
        ],
        batch_size=1000,
    )
    MentorProfile.specialties.through.objects.bulk_create(
        [
            MentorProfile.specialties.through(
                mentorprofile_id=profile.pk, fieldofinterest_id=field.pk
            )
            for profile in profiles
            for field in rng.sample(fields, rng.randint(1, 3))
        ],
        batch_size=1000,
    )
    MentorProfile.career_directions.through.objects.bulk_create(
        [
            MentorProfile.career_directions.through(
                mentorprofile_id=profile.pk, careerdirection_id=direction.pk
            )
            for profile in profiles
            for direction in rng.sample(directions, rng.randint(1, 2))
        ],
        batch_size=1000,
    )
    Mentorship.objects.bulk_create(
        _mentorships(rng, program, profiles, mentees), batch_size=1000
    )
    return profiles


def _mentorships(rng, program, profiles, mentees):
    """Four mentors in ten have places taken, some all of them; others have
    requests and past mentorships, which take no place, so the count of free
    places has to tell them apart."""
    cursor = 0
    for profile in profiles:
        if rng.random() < 0.4:
            statuses = [
                rng.choice([MentorshipStatus.ACCEPTED, MentorshipStatus.ACTIVE])
                for _ in range(rng.randint(1, profile.capacity))
            ]
        else:
            statuses = rng.sample(
                [
                    MentorshipStatus.REQUESTED,
                    MentorshipStatus.COMPLETED,
                    MentorshipStatus.DECLINED,
                ],
                rng.randint(0, 2),
            )
        # Consecutive mentees are distinct for one mentor: one live
        # mentorship per pair, as the database requires.
        for status in statuses:
            yield Mentorship(
                program=program,
                mentor_id=profile.member_id,
                mentee_id=mentees[cursor % len(mentees)].pk,
                status=status,
            )
            cursor += 1


def index_mentors(profiles, chunk_size=1000):
    """Add ``profiles`` to the search index, as the site's search finds them.

    Through the search backend's own bulk add, with the related rows its
    indexed fields need fetched per chunk, not per profile.
    """
    backend = get_search_backend()
    pks = [profile.pk for profile in profiles]
    for offset in range(0, len(pks), chunk_size):
        chunk = list(
            MentorProfile.get_indexed_objects().filter(
                pk__in=pks[offset : offset + chunk_size]
            )
        )
        backend.add_bulk(MentorProfile, chunk)


def make_viewer(program):
    """A member in good standing whose mentee application was accepted.

    Signed in as them, the mentor pages show the request form: the page's
    dearest case, with every rule of ``request_refusal`` checked.
    """
    user = get_user_model().objects.create(
        username="bench-viewer",
        first_name="Jordan",
        last_name="Rivera",
        email="viewer@members.test",
        password=make_password(None),
    )
    member = Member.objects.create(
        user=user,
        membership_id="BENCH-VIEWER",
        membership_status=MembershipStatus.ACTIVE,
        career_stage=CareerStage.RESIDENT,
        training_year=2,
        institution="Riverside University Hospital",
    )
    Application.objects.create(
        program=program,
        member=member,
        role=ApplicationRole.MENTEE,
        status=ApplicationStatus.ACCEPTED,
        training_programme="Riverside nuclear medicine residency",
        training_year=2,
        goals="Prepare for the ABNM exam and an academic career.",
    )
    return member
