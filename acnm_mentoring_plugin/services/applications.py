import logging

from django.db import DatabaseError, IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .. import notifications
from ..exceptions import MentoringError
from ..models import (
    Application,
    ApplicationRole,
    ApplicationStatus,
    CareerLevel,
    CareerStage,
    MentorProfile,
)
from ..permissions import Action, check, member_for
from ..search import reindex
from .records import move, record

logger = logging.getLogger(__name__)


def submit_application(user, program, role, **answers):
    """Save a member's application and tell them and the coordinator.

    ``answers`` are the Application's own fields; ``interests`` and
    ``career_directions`` are iterables of the chosen objects.
    """
    role = ApplicationRole(role)
    check(user, Action.APPLY, (program, role))
    member = member_for(user)
    interests = answers.pop("interests", ())
    directions = answers.pop("career_directions", ())
    try:
        with transaction.atomic():
            application = Application.objects.create(
                program=program, member=member, role=role, **answers
            )
            application.interests.set(interests)
            application.career_directions.set(directions)
            record(application, "submitted", user, to_state=application.status)
            notifications.application_submitted(application)
    except IntegrityError as error:
        if Application.objects.filter(
            member=member,
            program=program,
            role=role,
            status__in=ApplicationStatus.open(),
        ).exists():
            raise MentoringError(
                _("You already have an open application to this programme.")
            ) from error
        raise _not_saved(error) from error
    except DatabaseError as error:
        raise _not_saved(error) from error
    return application


def _not_saved(error):
    """The database refused a write half-way: all of it was rolled back, and
    the member is told so instead of meeting a server error."""
    logger.exception("Application not saved: %r", error)
    return MentoringError(
        _(
            "Your application could not be saved just now, and nothing of it "
            "was kept. Please try again in a few minutes."
        )
    )


@transaction.atomic
def start_review(user, application):
    check(user, Action.REVIEW_APPLICATION, application)
    return move(application, ApplicationStatus.UNDER_REVIEW, user, "review_started")


@transaction.atomic
def update_staff_notes(user, application, notes):
    check(user, Action.REVIEW_APPLICATION, application)
    if notes != application.staff_notes:
        application.staff_notes = notes
        application.save(update_fields=["staff_notes"])
        record(application, "staff_notes_updated", user)
    return application


def _decide(user, application, to_state, action, notes):
    check(user, Action.REVIEW_APPLICATION, application)
    with transaction.atomic():
        if notes is not None:
            application.staff_notes = notes
        application.decided_at = timezone.now()
        move(
            application,
            to_state,
            user,
            action,
            update_fields=["staff_notes", "decided_at"],
        )
        if (
            to_state == ApplicationStatus.ACCEPTED
            and application.role == ApplicationRole.MENTOR
        ):
            _make_mentor_profile(user, application)
        notifications.application_decided(application)
    return application


def accept_application(user, application, notes=None):
    """Accept; an accepted mentor gets a profile for the directory."""
    return _decide(user, application, ApplicationStatus.ACCEPTED, "accepted", notes)


def decline_application(user, application, notes=None):
    return _decide(user, application, ApplicationStatus.DECLINED, "declined", notes)


@transaction.atomic
def withdraw_application(user, application):
    check(user, Action.WITHDRAW_APPLICATION, application)
    return move(application, ApplicationStatus.WITHDRAWN, user, "withdrawn")


def _make_mentor_profile(user, application):
    profile, created = MentorProfile.objects.get_or_create(
        member=application.member,
        program=application.program,
        defaults={
            "capacity": application.program.default_mentor_capacity,
            "career_level": (
                CareerLevel.JUNIOR
                if application.member.career_stage == CareerStage.JUNIOR_FACULTY
                else CareerLevel.SENIOR
            ),
        },
    )
    if created:
        profile.specialties.set(application.interests.all())
        profile.career_directions.set(application.career_directions.all())
        record(profile, "mentor_approved", user, application=str(application.pk))
        reindex([profile])
    return profile
