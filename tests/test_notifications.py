"""The programme's e-mails: background tasks, HTML and text, overridable."""

import pytest
from django.core import mail
from django.test import override_settings
from django_tasks import default_task_backend

from acnm_mentoring_plugin import services
from acnm_mentoring_plugin.models import MessageStatus, OutgoingMessage
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def answers():
    return {"training_programme": "Riverside", "training_year": 2, "goals": "Exam"}


@override_settings(
    TASKS={"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
)
def test_emails_are_queued_as_tasks_not_sent_in_the_request(
    program, resident, answers, django_capture_on_commit_callbacks
):
    default_task_backend.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.submit_application(resident.user, program, "mentee", **answers)
    assert mail.outbox == []
    (result,) = [
        r for r in default_task_backend.results if r.task.name == "send_notification"
    ]
    message = OutgoingMessage.objects.get(pk=result.args[0])
    assert message.kind == "application_submitted"
    assert message.status == MessageStatus.PENDING


def test_nothing_is_sent_if_the_change_is_rolled_back(program, resident, answers):
    # Without the commit (the test's transaction never commits) no e-mail leaves.
    services.submit_application(resident.user, program, "mentee", **answers)
    assert mail.outbox == []


def test_a_host_site_overrides_an_email_template(
    program, resident, answers, tmp_path, settings, django_capture_on_commit_callbacks
):
    folder = tmp_path / "templates" / "acnm_mentoring" / "emails"
    folder.mkdir(parents=True)
    (folder / "application_received.txt").write_text("Welcome aboard, {{ member }}!")
    settings.TEMPLATES = [
        {**settings.TEMPLATES[0], "DIRS": [str(tmp_path / "templates")]}
    ]
    with django_capture_on_commit_callbacks(execute=True):
        services.submit_application(resident.user, program, "mentee", **answers)
    assert mail.outbox[0].body == "Welcome aboard, Jordan Rivera!"
    assert "Dear Jordan Rivera" in mail.outbox[0].alternatives[0][0]


def test_the_sender_comes_from_the_plugin_setting(
    program, resident, answers, settings, django_capture_on_commit_callbacks
):
    settings.ACNM_MENTORING = {**settings.ACNM_MENTORING, "FROM_EMAIL": "m@acnm.test"}
    with django_capture_on_commit_callbacks(execute=True):
        services.submit_application(resident.user, program, "mentee", **answers)
    assert {m.from_email for m in mail.outbox} == {"m@acnm.test"}


def test_decision_email_never_contains_staff_notes(
    program, staff_user, django_capture_on_commit_callbacks
):
    application = factories.ApplicationFactory(program=program)
    with django_capture_on_commit_callbacks(execute=True):
        services.decline_application(staff_user, application, notes="Weak file")
    assert "Weak file" not in mail.outbox[0].body
    assert "Weak file" not in mail.outbox[0].alternatives[0][0]
