"""A programme of 100,000 participants in seconds, with bulk inserts.

The factories save one row at a time, which takes many minutes at this size;
what an export costs depends on what is in the tables, not on how it got
there. The data vary where the participant export's query branches: mentees
and mentors (about one mentor for five mentees), applications still open,
declined or withdrawn, members who were declined once and applied again
(one participant, not two), one to three fields of interest per
application, mentees with an active mentor (counterpart, start and planned
end filled), with a partnership still to sign, with a request waiting, with
a past mentor only, or with none; mentors with several mentees, one or none.

Deterministic for a given ``seed``, so two runs measure the same data.
"""

import random
from datetime import date, timedelta

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.db.models import F

from acnm_mentoring_plugin.models import (
    Application,
    ApplicationRole,
    ApplicationStatus,
    CareerLevel,
    CareerStage,
    FieldOfInterest,
    Member,
    MembershipStatus,
    MentorProfile,
    Mentorship,
    MentorshipStatus,
)
from benchmarks.directory.seed import (
    BIO_SENTENCES,
    FIRST_NAMES,
    INSTITUTIONS,
    LAST_NAMES,
    LOCATIONS,
)

BATCH = 2000
#: One mentor for this many mentees, as in the programme's first years.
MENTEES_PER_MENTOR = 5

MENTEE_STATUSES = [
    (ApplicationStatus.ACCEPTED, 0.85),
    (ApplicationStatus.SUBMITTED, 0.05),
    (ApplicationStatus.UNDER_REVIEW, 0.04),
    (ApplicationStatus.DECLINED, 0.04),
    (ApplicationStatus.WITHDRAWN, 0.02),
]
MENTOR_STATUSES = [
    (ApplicationStatus.ACCEPTED, 0.95),
    (ApplicationStatus.SUBMITTED, 0.03),
    (ApplicationStatus.UNDER_REVIEW, 0.02),
]
#: What an accepted mentee has now: most an active mentor, some a
#: partnership whose agreement is still to sign, a request waiting, or no
#: mentor yet.
MENTEE_PARTNERSHIPS = [
    (MentorshipStatus.ACTIVE, 0.70),
    (MentorshipStatus.ACCEPTED, 0.06),
    (MentorshipStatus.REQUESTED, 0.06),
    (None, 0.18),
]
GOALS = (
    "Prepare for the ABNM exam and an academic career.",
    "Start a first clinical research project in theranostics.",
    "Learn how private practice and industry positions differ.",
    "Build skills in nuclear cardiology and PET/CT reading.",
    "Find a path into paediatric nuclear medicine.",
)


def pick(rng, weighted):
    values, weights = zip(*weighted, strict=True)
    return rng.choices(values, weights)[0]


def seed_participants(program, count, *, seed=0):
    """``count`` participants of ``program``: rows of the participant export.

    Returns what was made, for the report: mentees, mentors, applications
    (the superseded ones too), and mentees with an active mentor.
    """
    rng = random.Random(seed)
    mentor_count = max(2, round(count / (MENTEES_PER_MENTOR + 1)))
    mentee_count = count - mentor_count
    fields = list(FieldOfInterest.objects.order_by("pk"))

    mentors, mentees = _members(rng, mentor_count, mentee_count)
    applications = _applications(rng, program, mentors, mentees)
    superseded = _superseded_applications(rng, program, applications)
    Application.interests.through.objects.bulk_create(
        [
            Application.interests.through(
                application_id=application.pk, fieldofinterest_id=field.pk
            )
            for application in applications + superseded
            for field in rng.sample(fields, rng.randint(1, 3))
        ],
        batch_size=BATCH,
    )
    profiles = _profiles(rng, program, applications, fields)
    pairs = list(_mentorships(rng, program, applications, profiles))
    Mentorship.objects.bulk_create(pairs, batch_size=BATCH)
    return {
        "participants": len(applications),
        "mentees": mentee_count,
        "mentors": mentor_count,
        "applications": len(applications) + len(superseded),
        "active": sum(pair.status == MentorshipStatus.ACTIVE for pair in pairs),
    }


def _members(rng, mentor_count, mentee_count):
    User = get_user_model()
    password = make_password(None)  # unusable, and hashed once, not per user
    people = [("mentor", number) for number in range(mentor_count)] + [
        ("mentee", number) for number in range(mentee_count)
    ]
    users = User.objects.bulk_create(
        [
            User(
                username=f"bench-{role}-{number:06d}",
                first_name=rng.choice(FIRST_NAMES),
                last_name=rng.choice(LAST_NAMES),
                email=f"{role}{number}@members.test",
                password=password,
            )
            for role, number in people
        ],
        batch_size=BATCH,
    )
    members = Member.objects.bulk_create(
        [
            Member(
                user=user,
                membership_id=f"BENCH-{index:07d}",
                membership_status=(
                    MembershipStatus.LAPSED
                    if rng.random() < 0.03
                    else MembershipStatus.ACTIVE
                ),
                career_stage=(
                    rng.choice([CareerStage.JUNIOR_FACULTY, CareerStage.SENIOR_FACULTY])
                    if role == "mentor"
                    else pick(
                        rng,
                        [
                            (CareerStage.RESIDENT, 0.6),
                            (CareerStage.FELLOW, 0.3),
                            (CareerStage.RESEARCHER, 0.1),
                        ],
                    )
                ),
                training_year=None if role == "mentor" else rng.randint(1, 4),
                institution=rng.choice(INSTITUTIONS),
                location=rng.choice(LOCATIONS),
            )
            for index, (user, (role, _number)) in enumerate(
                zip(users, people, strict=True)
            )
        ],
        batch_size=BATCH,
    )
    return members[:mentor_count], members[mentor_count:]


def _applications(rng, program, mentors, mentees):
    return Application.objects.bulk_create(
        [
            Application(
                program=program,
                member=member,
                role=ApplicationRole.MENTOR,
                status=pick(rng, MENTOR_STATUSES),
                goals="Help trainees find their way in nuclear medicine.",
            )
            for member in mentors
        ]
        + [
            Application(
                program=program,
                member=member,
                role=ApplicationRole.MENTEE,
                status=pick(rng, MENTEE_STATUSES),
                training_programme=f"{rng.choice(INSTITUTIONS)} residency",
                training_year=member.training_year,
                goals=rng.choice(GOALS),
            )
            for member in mentees
        ],
        batch_size=BATCH,
    )


def _superseded_applications(rng, program, applications):
    """One mentee in twenty was declined a year before applying again: the
    export shows their latest application only."""
    earlier = Application.objects.bulk_create(
        [
            Application(
                program=program,
                member_id=application.member_id,
                role=application.role,
                status=ApplicationStatus.DECLINED,
                goals=application.goals,
            )
            for application in applications
            if application.role == ApplicationRole.MENTEE and rng.random() < 0.05
        ],
        batch_size=BATCH,
    )
    # ``submitted_at`` is set on insert (auto_now_add), so it is moved after.
    pks = [application.pk for application in earlier]
    for offset in range(0, len(pks), BATCH):
        Application.objects.filter(pk__in=pks[offset : offset + BATCH]).update(
            submitted_at=F("submitted_at") - timedelta(days=365)
        )
    return earlier


def _profiles(rng, program, applications, fields):
    profiles = MentorProfile.objects.bulk_create(
        [
            MentorProfile(
                member_id=application.member_id,
                program=program,
                bio=" ".join(rng.sample(BIO_SENTENCES, rng.randint(1, 3))),
                career_level=rng.choice(CareerLevel.values),
                capacity=rng.randint(2, 7),
                accepting_new_mentees=rng.random() < 0.9,
            )
            for application in applications
            if application.role == ApplicationRole.MENTOR
            and application.status == ApplicationStatus.ACCEPTED
        ],
        batch_size=BATCH,
    )
    MentorProfile.specialties.through.objects.bulk_create(
        [
            MentorProfile.specialties.through(
                mentorprofile_id=profile.pk, fieldofinterest_id=field.pk
            )
            for profile in profiles
            for field in rng.sample(fields, rng.randint(1, 3))
        ],
        batch_size=BATCH,
    )
    return profiles


def _mentorships(rng, program, applications, profiles):
    """Accepted mentees matched to mentors in turn, up to each mentor's
    places; one in ten also had a mentor before, whose partnership ended."""
    places = [(profile, profile.capacity) for profile in profiles]
    rng.shuffle(places)
    taken = {profile.pk: 0 for profile in profiles}
    turn = 0
    today = date.today()
    for application in applications:
        if (
            application.role != ApplicationRole.MENTEE
            or application.status != ApplicationStatus.ACCEPTED
        ):
            continue
        status = pick(rng, MENTEE_PARTNERSHIPS)
        mentor = None
        for _ in range(len(places)):
            profile, capacity = places[turn % len(places)]
            turn += 1
            if taken[profile.pk] < capacity:
                mentor = profile
                break
        if rng.random() < 0.1 and len(places) > 1:
            # The mentor before: not the one they have now.
            former = places[turn % len(places)][0]
            yield Mentorship(
                program=program,
                mentor_id=former.member_id,
                mentee_id=application.member_id,
                status=MentorshipStatus.COMPLETED,
                start_date=today - timedelta(days=rng.randint(800, 1500)),
                planned_end_date=today - timedelta(days=rng.randint(1, 300)),
            )
        if status is None or mentor is None:
            continue
        taken[mentor.pk] += 1
        start = None
        if status == MentorshipStatus.ACTIVE:
            start = today - timedelta(days=rng.randint(0, 700))
        yield Mentorship(
            program=program,
            mentor_id=mentor.member_id,
            mentee_id=application.member_id,
            status=status,
            start_date=start,
            planned_end_date=(
                start + timedelta(days=365 * rng.randint(1, 3)) if start else None
            ),
        )
