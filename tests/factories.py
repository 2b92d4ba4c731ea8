"""Factories that build the programme's data the way the site would."""

import datetime

import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.utils import timezone

from acnm_mentoring_plugin import models


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"member{n}")
    first_name = factory.Faker("first_name")
    last_name = factory.Faker("last_name")
    email = factory.LazyAttribute(lambda u: f"{u.username}@members.test")
    password = factory.PostGenerationMethodCall("set_password", "pw")

    @factory.post_generation
    def save_password(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class StaffFactory(UserFactory):
    username = factory.Sequence(lambda n: f"staff{n}")

    @factory.post_generation
    def staff_permission(obj, create, extracted, **kwargs):
        if create:
            obj.user_permissions.add(
                Permission.objects.get(codename="manage_program"),
                Permission.objects.get(codename="export_data"),
                Permission.objects.get(codename="access_admin"),
            )


class ProgramFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Program
        django_get_or_create = ("slug",)

    name = "ACNM Mentoring Program"
    slug = "acnm"
    coordinator_name = "Anne Hiller"
    coordinator_email = "coordinator@acnm.test"
    postal_address = "1850 Samuel Morse Drive\nReston, VA 20191"
    fax = "703-708-9020"


class AgreementTermsFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.AgreementTerms

    program = factory.SubFactory(ProgramFactory)
    version = 1
    text = "We keep our contact professional and confidential."


class MemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Member

    user = factory.SubFactory(UserFactory)
    membership_id = factory.Sequence(lambda n: f"ACNM-{n:05d}")
    membership_status = models.MembershipStatus.ACTIVE
    career_stage = models.CareerStage.RESIDENT
    training_year = 2
    institution = "Riverside University Hospital"


class FacultyFactory(MemberFactory):
    career_stage = models.CareerStage.SENIOR_FACULTY
    training_year = None


class MentorProfileFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.MentorProfile

    member = factory.SubFactory(FacultyFactory)
    program = factory.SubFactory(ProgramFactory)
    capacity = 2


class ApplicationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Application

    program = factory.SubFactory(ProgramFactory)
    member = factory.SubFactory(MemberFactory)
    role = models.ApplicationRole.MENTEE
    training_programme = "Riverside nuclear medicine residency"
    training_year = 2
    goals = "Prepare for the ABNM exam and an academic career."


class MentorshipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Mentorship

    program = factory.SubFactory(ProgramFactory)
    mentee = factory.SubFactory(MemberFactory)
    mentor = factory.LazyAttribute(
        lambda o: MentorProfileFactory(program=o.program).member
    )


class AgreementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Agreement

    mentorship = factory.SubFactory(
        MentorshipFactory, status=models.MentorshipStatus.ACCEPTED
    )
    terms_text = "We keep our contact professional and confidential."


class ContactLogFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.ContactLog

    mentorship = factory.SubFactory(
        MentorshipFactory, status=models.MentorshipStatus.ACTIVE
    )
    date = factory.LazyFunction(timezone.localdate)
    method = models.ContactMethod.VIDEO
    notes = "Went through the abstract together."


class AwardCycleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.AwardCycle

    program = factory.SubFactory(ProgramFactory)
    year = factory.Sequence(lambda n: 2026 + n)
    nominations_open_at = factory.LazyFunction(
        lambda: timezone.now() - datetime.timedelta(days=1)
    )
    nominations_close_at = factory.LazyFunction(
        lambda: timezone.now() + datetime.timedelta(days=30)
    )
    annual_meeting_date = factory.LazyFunction(
        lambda: timezone.localdate() + datetime.timedelta(days=60)
    )


class NominationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Nomination

    cycle = factory.SubFactory(AwardCycleFactory)
    nominator = factory.SubFactory(MemberFactory)
    nominee = factory.SubFactory(FacultyFactory)
    statement = "She made me a better physician."


def listed_mentor(
    program, first, last, *, username=None, fields=(), directions=(), **extra
):
    """A mentor in the directory, found by search as after the services' changes.

    ``institution`` and ``location`` go to the member; the rest of ``extra``
    to the profile.
    """
    from modelsearch import index

    member = {
        key: extra.pop(key) for key in ("institution", "location") if key in extra
    }
    if username:
        member["user__username"] = username
    profile = MentorProfileFactory(
        program=program,
        member__user__first_name=first,
        member__user__last_name=last,
        member__user__email=f"{first.lower()}@faculty.test",
        **{f"member__{key}": value for key, value in member.items()},
        **extra,
    )
    profile.specialties.set(models.FieldOfInterest.objects.filter(slug__in=fields))
    profile.career_directions.set(
        models.CareerDirection.objects.filter(slug__in=directions)
    )
    index.insert_or_update_object(profile)
    return profile
