"""Requests that wait too long: the mentor is reminded once, then it expires."""

import datetime

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import TestCase
from django.utils import timezone

from acnm_mentoring_plugin import services
from acnm_mentoring_plugin.models import (
    ActivityRecord,
    ApplicationRole,
    ApplicationStatus,
    MentorshipStatus,
)
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def request_made(program):
    program.request_expiry_days = 14
    program.request_reminder_days = 3
    program.save()
    application = factories.ApplicationFactory(
        program=program,
        role=ApplicationRole.MENTEE,
        status=ApplicationStatus.ACCEPTED,
        member__user__first_name="Jordan",
        member__user__last_name="Rivera",
    )
    profile = factories.MentorProfileFactory(
        program=program,
        member__user__first_name="Helen",
        member__user__last_name="Marsh",
        member__user__email="helen@faculty.test",
    )
    with TestCase.captureOnCommitCallbacks(execute=True):
        mentorship = services.request_mentor(application.member.user, profile, "Hello")
    mail.outbox.clear()
    return mentorship


def run(now):
    """The daily command, at ``now``."""
    with TestCase.captureOnCommitCallbacks(execute=True):
        return services.remind_mentors_of_requests(
            now
        ), services.expire_overdue_requests(now)


def test_the_mentor_is_reminded_once_before_the_request_expires(request_made):
    asked = request_made.requested_at
    assert run(asked + datetime.timedelta(days=10)) == (0, 0)
    assert mail.outbox == []

    assert run(asked + datetime.timedelta(days=11, hours=1)) == (1, 0)
    [reminder] = mail.outbox
    assert reminder.to == ["helen@faculty.test"]
    assert "Reminder: Jordan Rivera is waiting for your answer" in reminder.subject
    assert reminder.alternatives[0][1] == "text/html"

    assert run(asked + datetime.timedelta(days=12)) == (0, 0)
    assert len(mail.outbox) == 1
    assert ActivityRecord.objects.filter(action="request_reminder_sent").count() == 1


def test_an_unanswered_request_expires_and_the_mentee_is_told(request_made):
    later = request_made.requested_at + datetime.timedelta(days=14, minutes=1)
    assert run(later) == (0, 1)
    request_made.refresh_from_db()
    assert request_made.status == MentorshipStatus.EXPIRED
    expired = [m for m in mail.outbox if "has expired" in m.subject]
    assert [m.to for m in expired] == [[request_made.mentee.user.email]]
    assert "You can ask another mentor" in expired[0].body
    assert run(later + datetime.timedelta(days=1)) == (0, 0)


def test_an_answered_request_never_expires(request_made):
    with TestCase.captureOnCommitCallbacks(execute=True):
        services.accept_request(request_made.mentor.user, request_made)
    run(request_made.requested_at + datetime.timedelta(days=30))
    request_made.refresh_from_db()
    assert request_made.status == MentorshipStatus.ACCEPTED


def test_the_command_does_the_daily_work(request_made, capsys):
    request_made.expires_at = timezone.now() - datetime.timedelta(minutes=1)
    request_made.save()
    call_command("mentoring_daily")
    assert "Requests: 0 mentor(s) reminded, 1 expired." in capsys.readouterr().out
