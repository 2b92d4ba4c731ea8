# ruff: noqa: F811
"""Faults never lose a submission.

The mail server may be down, the task queue may refuse work, the database
may refuse a write half-way. A member's application, contact, mentor
request, signature or nomination is then either saved whole, with its
e-mails owed and sent later exactly once, or not saved at all, and the
member is told which, never shown a server error.
"""

import re
import smtplib
import socket
from contextlib import contextmanager
from datetime import timedelta
from io import StringIO

import pytest
import time_machine
from django.contrib.auth.models import Group
from django.core import mail
from django.core.mail.backends.locmem import EmailBackend as LocmemBackend
from django.core.management import call_command
from django.db import DatabaseError, IntegrityError, connection
from django.urls import reverse
from django.utils import timezone
from django_tasks.backends.base import BaseTaskBackend

from acnm_mentoring_plugin import services
from acnm_mentoring_plugin.models import (
    ActivityRecord,
    Application,
    ApplicationRole,
    ApplicationStatus,
    CareerDirection,
    ContactLog,
    FieldOfInterest,
    Mentorship,
    MentorshipStatus,
    MessageStatus,
    Nomination,
    OutgoingMessage,
)
from acnm_mentoring_plugin.tasks import run_daily
from tests import factories
from tests.test_award import STATEMENT, make_cycle, people  # noqa: F401
from tests.test_partnership import FIRST_TERMS, make_active, pair, sign, url  # noqa: F401

LOCMEM = "django.core.mail.backends.locmem.EmailBackend"
#: The request really commits, so the e-mail is tried inside it, as on a site.
committing = pytest.mark.django_db(transaction=True, serialized_rollback=True)


class RefusingTaskBackend(BaseTaskBackend):
    """A task queue that is down: every enqueue fails."""

    def enqueue(self, task, args, kwargs):
        raise ConnectionError("task queue unavailable")


class CoordinatorMailboxFull(LocmemBackend):
    """A mail server that takes the member's e-mail, then refuses the
    coordinator's."""

    def send_messages(self, messages):
        for message in messages:
            if "coordinator@acnm.test" in message.to:
                raise smtplib.SMTPRecipientsRefused(
                    {"coordinator@acnm.test": (452, b"Mailbox full")}
                )
        return super().send_messages(messages)


@pytest.fixture
def mail_server_down(settings):
    """Real SMTP, pointed at a port nobody listens on."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = port
    settings.EMAIL_TIMEOUT = 2
    return settings


@pytest.fixture
def task_queue_down(settings):
    """The site hands the programme's e-mails to a queue of their own, down."""
    settings.TASKS = {
        **settings.TASKS,
        "mentoring": {"BACKEND": f"{__name__}.RefusingTaskBackend"},
    }
    settings.ACNM_MENTORING = {**settings.ACNM_MENTORING, "TASK_BACKEND": "mentoring"}
    return settings


def answers():
    return {
        "training_programme": "Riverside nuclear medicine residency",
        "training_year": "2",
        "expected_completion": "2028-06-30",
        "goals": "Prepare for the ABNM exam.",
        "interests": [str(FieldOfInterest.objects.get(slug="oncology").pk)],
        "career_directions": [str(CareerDirection.objects.get(slug="academic").pk)],
        "preferred_mentor": "",
    }


def apply(client, program):
    url = reverse("acnm_mentoring:apply", args=[program.slug, "mentee"])
    response = client.post(url, {**answers(), "next": url})
    assert response.status_code == 302
    return client.get(response["Location"]).content.decode()


def send_pending(*args):
    out = StringIO()
    call_command("mentoring_send_pending", *args, stdout=out)
    return out.getvalue()


def assert_saved_and_owed(resident, error):
    """The application is saved, no e-mail left, and the e-mail is owed."""
    assert Application.objects.filter(member=resident).count() == 1
    assert mail.outbox == []
    message = OutgoingMessage.objects.get()
    assert message.kind == "application_submitted"
    assert message.status == MessageStatus.PENDING
    assert error in message.last_error
    return message


def assert_sent_once_each(resident, program):
    assert sorted(email.to[0] for email in mail.outbox) == sorted(
        [resident.email, program.coordinator_email]
    )
    assert OutgoingMessage.objects.get().status == MessageStatus.SENT


# The mail server is down --------------------------------------------------------


@committing
def test_mail_server_down_the_member_still_sees_the_thanks_and_the_email_follows(
    client, program, resident, mail_server_down
):
    client.force_login(resident.user)
    page = apply(client, program)

    assert "your application has been received" in page
    # Owed, not sent: the page says no more than that.
    assert "A confirmation e-mail is on its way to you." in page
    assert "We have sent you" not in page
    message = assert_saved_and_owed(resident, "ConnectionRefusedError")
    assert message.attempts == 1
    assert message.next_attempt_at > timezone.now()

    mail_server_down.EMAIL_BACKEND = LOCMEM  # the mail server is back
    assert send_pending("--now").startswith("2 e-mail(s) sent.")
    assert_sent_once_each(resident, program)

    assert send_pending("--now").startswith("0 e-mail(s) sent.")
    assert run_daily.call()["emails_sent"] == 0
    assert len(mail.outbox) == 2


@committing
def test_the_daily_round_retries_once_the_wait_is_over(
    client, program, resident, mail_server_down
):
    client.force_login(resident.user)
    apply(client, program)
    assert_saved_and_owed(resident, "ConnectionRefusedError")
    mail_server_down.EMAIL_BACKEND = LOCMEM

    # The first retry waits five minutes: a round before then sends nothing.
    assert run_daily.call()["emails_sent"] == 0
    assert mail.outbox == []
    with time_machine.travel(timezone.now() + timedelta(minutes=6)):
        assert run_daily.call()["emails_sent"] == 2
        assert run_daily.call()["emails_sent"] == 0
    assert_sent_once_each(resident, program)


@committing
def test_the_daily_command_says_how_many_owed_emails_it_sent(
    client, program, resident, mail_server_down
):
    client.force_login(resident.user)
    apply(client, program)
    mail_server_down.EMAIL_BACKEND = LOCMEM
    out = StringIO()
    with time_machine.travel(timezone.now() + timedelta(minutes=6)):
        call_command("mentoring_daily", stdout=out)
    assert "cycle(s) open for nominations. E-mails: 2 sent." in out.getvalue()
    assert_sent_once_each(resident, program)


# The task queue is down ---------------------------------------------------------


@committing
def test_task_queue_down_the_member_still_sees_the_thanks_and_the_email_follows(
    client, program, resident, task_queue_down
):
    client.force_login(resident.user)
    page = apply(client, program)

    assert "your application has been received" in page
    # Owed, not sent: the page says no more than that.
    assert "A confirmation e-mail is on its way to you." in page
    assert "We have sent you" not in page
    message = assert_saved_and_owed(resident, "task queue unavailable")
    assert message.attempts == 0  # never reached the mail server

    # The queue is still down: the command sends without it.
    assert send_pending().startswith("2 e-mail(s) sent.")
    assert_sent_once_each(resident, program)
    assert send_pending("--now").startswith("0 e-mail(s) sent.")
    assert len(mail.outbox) == 2


# Partial delivery and giving up -------------------------------------------------


def test_an_email_that_left_is_not_sent_again_when_the_next_one_failed(
    program, resident, settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = f"{__name__}.CoordinatorMailboxFull"
    with django_capture_on_commit_callbacks(execute=True):
        services.submit_application(
            resident.user,
            program,
            "mentee",
            training_programme="Riverside",
            training_year=2,
            goals="Exam",
        )
    assert [email.to for email in mail.outbox] == [[resident.email]]
    message = OutgoingMessage.objects.get()
    assert message.status == MessageStatus.PENDING
    assert "Mailbox full" in message.last_error

    settings.EMAIL_BACKEND = LOCMEM
    send_pending("--now")
    assert [email.to for email in mail.outbox] == [
        [resident.email],
        [program.coordinator_email],
    ]


def test_an_email_is_given_up_after_the_last_attempt_and_staff_see_it(
    client, program, resident, staff_user, settings, mail_server_down
):
    settings.ACNM_MENTORING = {**settings.ACNM_MENTORING, "EMAIL_MAX_ATTEMPTS": 2}
    services.submit_application(
        resident.user,
        program,
        "mentee",
        training_programme="Riverside",
        training_year=2,
        goals="Exam",
    )
    send_pending("--now")
    assert OutgoingMessage.objects.get().status == MessageStatus.PENDING
    assert "given up: 1" in send_pending("--now")
    message = OutgoingMessage.objects.get()
    assert (message.status, message.attempts) == (MessageStatus.FAILED, 2)

    # Staff see it, with the error, in the Wagtail admin's listing.
    client.force_login(staff_user)
    url = reverse("acnm_mentoring_undelivered_emails")
    assert url in client.get(reverse("wagtailadmin_home")).content.decode()
    html = client.get(url).content.decode()
    assert "Application received" in html
    assert "Given up" in html
    assert "ConnectionRefusedError" in html
    assert "Jordan Rivera" in html

    # Given up means given up, until the administrator says otherwise.
    settings.EMAIL_BACKEND = LOCMEM
    assert send_pending("--now").startswith("0 e-mail(s) sent.")
    assert send_pending("--retry-given-up").startswith("2 e-mail(s) sent.")
    assert "Every e-mail has been sent." in client.get(url).content.decode()


def test_members_cannot_open_the_undelivered_emails(client, resident):
    client.force_login(resident.user)
    response = client.get(reverse("acnm_mentoring_undelivered_emails"))
    assert response.status_code in (302, 403)


def test_staff_of_another_programme_do_not_see_its_undelivered_emails(
    client, program, resident, staff_user, mail_server_down
):
    services.submit_application(
        resident.user,
        program,
        "mentee",
        training_programme="Riverside",
        training_year=2,
        goals="Exam",
    )
    send_pending("--now")
    other = factories.ProgramFactory(slug="other", name="Other Programme")
    runs_other = Group.objects.create(name="Other programme staff")
    other.staff_groups.add(runs_other)
    runs_acnm = Group.objects.create(name="ACNM staff")
    program.staff_groups.add(runs_acnm)
    staff_user.groups.add(runs_acnm)
    other_staff = factories.StaffFactory()
    other_staff.groups.add(runs_other)
    url = reverse("acnm_mentoring_undelivered_emails")

    client.force_login(other_staff)
    html = client.get(url).content.decode()
    assert "Jordan Rivera" not in html
    assert "Every e-mail has been sent." in html

    client.force_login(staff_user)
    assert "Jordan Rivera" in client.get(url).content.decode()


# The database refuses a write half-way --------------------------------------------


def refuse(table, error):
    """Fail the first INSERT into ``table``, as a database would."""

    def wrapper(execute, sql, params, many, context):
        if sql.startswith("INSERT") and f'INTO "{table}"' in sql:
            raise error
        return execute(sql, params, many, context)

    return connection.execute_wrapper(wrapper)


@contextmanager
def refused_by_the_database(table, message):
    """Make the database itself refuse every INSERT into ``table``.

    A trigger, not a wrapper round this thread's connection: the live
    server of a browser test has a connection of its own on PostgreSQL.
    """
    if connection.vendor == "postgresql":
        create = [
            "CREATE FUNCTION acnm_refuse() RETURNS trigger AS $$ BEGIN "
            f"RAISE EXCEPTION '{message}'; END; $$ LANGUAGE plpgsql",
            f'CREATE TRIGGER acnm_refuse BEFORE INSERT ON "{table}" '
            "FOR EACH ROW EXECUTE FUNCTION acnm_refuse()",
        ]
        drop = [
            f'DROP TRIGGER acnm_refuse ON "{table}"',
            "DROP FUNCTION acnm_refuse()",
        ]
    else:
        create = [
            f'CREATE TRIGGER acnm_refuse BEFORE INSERT ON "{table}" '
            f"BEGIN SELECT RAISE(ABORT, '{message}'); END"
        ]
        drop = ["DROP TRIGGER acnm_refuse"]
    with connection.cursor() as cursor:
        for sql in create:
            cursor.execute(sql)
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            for sql in drop:
                cursor.execute(sql)


@pytest.mark.parametrize(
    "table, error",
    [
        (
            Application.interests.through._meta.db_table,
            IntegrityError("FOREIGN KEY constraint failed"),
        ),
        (ActivityRecord._meta.db_table, DatabaseError("disk I/O error")),
        (OutgoingMessage._meta.db_table, DatabaseError("database is locked")),
    ],
    ids=["interests", "activity record", "outbox"],
)
@pytest.mark.django_db
def test_database_errors_roll_back_the_whole_application(
    client, program, resident, table, error
):
    client.force_login(resident.user)
    with refuse(table, error):
        page = apply(client, program)

    assert "could not be saved just now, and nothing of it was kept" in page
    assert not Application.objects.exists()
    assert not Application.interests.through.objects.exists()
    assert not ActivityRecord.objects.filter(action="submitted").exists()
    assert not OutgoingMessage.objects.exists()
    assert mail.outbox == []

    # Nothing half-saved stands in the way: the member simply applies again.
    page = apply(client, program)
    assert "your application has been received" in page
    assert Application.objects.filter(member=resident).count() == 1


# Every other form: the database refuses, nothing is kept, the member is told -----


def assert_nothing_saved_page(response):
    """The member meets the page that says so, not a server error."""
    assert response.status_code == 503
    page = response.content.decode()
    assert "Your form could not be saved" in page
    assert "Nothing was saved." in page
    assert "Please try again in a few minutes." in page
    return page


def kept_fields(page):
    return dict(
        re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', page)
    )


@pytest.mark.parametrize(
    "table",
    [ContactLog._meta.db_table, ActivityRecord._meta.db_table],
    ids=["contact", "activity record"],
)
def test_a_contact_the_database_refuses_is_not_kept_and_can_be_sent_again(
    client, pair, table
):
    active = make_active(client, pair)
    client.force_login(active.mentee.user)
    contact = {
        "date": timezone.localdate().isoformat(),
        "method": "video",
        "notes": "We talked about the ABNM exam.",
        "next": url("partnership", active),
    }
    with refuse(table, DatabaseError("disk I/O error")):
        response = client.post(url("contact_log", active), contact)

    page = assert_nothing_saved_page(response)
    assert not ContactLog.objects.exists()
    assert not ActivityRecord.objects.filter(action="contact_logged").exists()
    # The way back, and the form as it was typed, to send again.
    assert f'href="{url("partnership", active)}"' in page
    assert "Back to the page you came from" in page
    kept = kept_fields(page)
    assert kept["notes"] == "We talked about the ABNM exam."
    assert client.post(url("contact_log", active), kept).status_code == 302
    assert active.contacts.get().notes == "We talked about the ABNM exam."


@pytest.mark.parametrize(
    "table, error",
    [
        (ActivityRecord._meta.db_table, DatabaseError("database is locked")),
        (OutgoingMessage._meta.db_table, DatabaseError("database is locked")),
        # Not the pair's constraint: never mistaken for a request already sent.
        (OutgoingMessage._meta.db_table, IntegrityError("NOT NULL constraint")),
    ],
    ids=["activity record", "outbox", "outbox constraint"],
)
def test_a_mentor_request_the_database_refuses_leaves_no_request_and_no_email(
    client, program, table, error
):
    mentee = factories.ApplicationFactory(
        program=program,
        role=ApplicationRole.MENTEE,
        status=ApplicationStatus.ACCEPTED,
    ).member
    profile = factories.MentorProfileFactory(program=program)
    ask = reverse("acnm_mentoring:mentor_request", args=[program.slug, profile.pk])
    client.force_login(mentee.user)
    with refuse(table, error):
        response = client.post(ask, {"message": "I would value your advice."})

    assert_nothing_saved_page(response)
    assert not Mentorship.objects.exists()
    assert not ActivityRecord.objects.filter(action="requested").exists()
    assert not OutgoingMessage.objects.exists()
    assert mail.outbox == []

    # Nothing half-saved stands in the way: the request goes on a second try.
    assert (
        client.post(ask, {"message": "I would value your advice."}).status_code == 302
    )
    assert Mentorship.objects.get().status == MentorshipStatus.REQUESTED
    assert OutgoingMessage.objects.get().kind == "mentor_requested"


@pytest.mark.parametrize(
    "table",
    [ActivityRecord._meta.db_table, OutgoingMessage._meta.db_table],
    ids=["activity record", "outbox"],
)
def test_a_signature_the_database_refuses_does_not_start_the_partnership(
    client, pair, table
):
    client.force_login(pair.mentee.user)
    sign(client, pair, "Jordan Rivera", **FIRST_TERMS)
    signed_before = ActivityRecord.objects.filter(action="signed").count()
    client.force_login(pair.mentor.user)
    with refuse(table, DatabaseError("disk I/O error")):
        response = sign(client, pair, "Helen Marsh")

    assert_nothing_saved_page(response)
    pair.refresh_from_db()
    assert pair.status == MentorshipStatus.ACCEPTED
    assert pair.start_date is None
    agreement = pair.agreement
    assert (agreement.mentor_signature, agreement.mentor_signed_at) == ("", None)
    assert agreement.completed_at is None
    assert ActivityRecord.objects.filter(action="signed").count() == signed_before
    assert not ActivityRecord.objects.filter(action="activated").exists()
    assert not OutgoingMessage.objects.filter(kind="agreement_completed").exists()
    assert mail.outbox == []

    sign(client, pair, "Helen Marsh")
    pair.refresh_from_db()
    assert pair.status == MentorshipStatus.ACTIVE
    assert OutgoingMessage.objects.filter(kind="agreement_completed").count() == 1


@pytest.mark.parametrize(
    "table",
    [ActivityRecord._meta.db_table, OutgoingMessage._meta.db_table],
    ids=["activity record", "outbox"],
)
def test_a_nomination_the_database_refuses_is_not_kept(client, program, people, table):
    cycle = make_cycle(program)
    nominate_url = reverse("acnm_mentoring:nominate", args=[program.slug, cycle.year])
    nomination = {"nominee": people["helen"].pk, "statement": STATEMENT}
    client.force_login(people["jordan"].user)
    with refuse(table, DatabaseError("database is locked")):
        response = client.post(nominate_url, nomination)

    page = assert_nothing_saved_page(response)
    assert not Nomination.objects.exists()
    assert not ActivityRecord.objects.filter(action="nominated").exists()
    assert not OutgoingMessage.objects.exists()
    assert mail.outbox == []
    # Sent without a page to come back to: the way back is My mentoring.
    assert f'href="{reverse("acnm_mentoring:my_mentoring")}"' in page
    assert "Back to My mentoring" in page

    client.post(nominate_url, nomination)
    assert Nomination.objects.get().nominee == people["helen"]


def test_a_site_with_atomic_requests_rolls_the_request_back_too(
    client, pair, monkeypatch
):
    active = make_active(client, pair)
    monkeypatch.setitem(connection.settings_dict, "ATOMIC_REQUESTS", True)
    client.force_login(active.mentor.user)
    contact = {"date": timezone.localdate().isoformat(), "method": "phone"}
    with refuse(ActivityRecord._meta.db_table, DatabaseError("disk I/O error")):
        response = client.post(url("contact_log", active), contact)

    assert_nothing_saved_page(response)
    assert not ContactLog.objects.exists()
    assert client.post(url("contact_log", active), contact).status_code == 302
    assert active.contacts.count() == 1


def test_a_page_the_database_fails_to_read_is_a_server_error(client, pair):
    """Only a form sent is answered "nothing was saved": a page that fails to
    load is the site's fault, left to its error page and reports."""

    def unreadable(execute, sql, params, many, context):
        if sql.startswith("SELECT") and Mentorship._meta.db_table in sql:
            raise DatabaseError("disk I/O error")
        return execute(sql, params, many, context)

    client.force_login(pair.mentee.user)
    with connection.execute_wrapper(unreadable), pytest.raises(DatabaseError):
        client.get(url("partnership", pair))
