"""The programme's e-mails: recorded with the change, sent after the commit.

Each e-mail event is an ``OutgoingMessage`` written in the same transaction
as the change it tells of (a transactional outbox): a change that is saved
always has its e-mails on record, one rolled back has none. After the
commit the record is handed to the django-tasks queue (the immediate
backend, the default, sends at once). Neither a failing queue nor a mail
server that is down reaches the member: the record stays pending with the
error, and ``send_pending`` (the daily round, ``manage.py
mentoring_send_pending``) sends it later, until EMAIL_MAX_ATTEMPTS.

Each e-mail is three overridable templates under
``acnm_mentoring/emails/``: ``<name>_subject.txt``, ``<name>.txt`` and
``<name>.html``. Tasks receive ids, never objects, so any queue can carry
them.
"""

import logging
from datetime import timedelta
from functools import partial

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.db.models import F, Q
from django.template.loader import render_to_string
from django.urls import NoReverseMatch, reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from django_tasks import task, task_backends

from .conf import mentoring_settings
from .documents import agreement_filename, agreement_pdf
from .models import MessageStatus, OutgoingMessage

logger = logging.getLogger(__name__)

#: How long a sender holds a message it is sending; if it stops half-way
#: (the process killed), the message is free to be sent again after this.
SENDING_LEASE = timedelta(minutes=10)
#: The longest wait between two attempts.
LONGEST_RETRY_DELAY = timedelta(hours=6)


def render_email(name, context):
    subject = render_to_string(f"acnm_mentoring/emails/{name}_subject.txt", context)
    subject = " ".join(subject.split())
    context = {**context, "subject": subject}
    text = render_to_string(f"acnm_mentoring/emails/{name}.txt", context)
    html = render_to_string(f"acnm_mentoring/emails/{name}.html", context)
    return subject, text, html


def send(name, to, context, attachments=()):
    """One e-mail from its templates; ``attachments``: (filename, bytes, type)."""
    if not to:
        return 0
    subject, text, html = render_email(name, context)
    message = EmailMultiAlternatives(
        subject,
        text,
        mentoring_settings.FROM_EMAIL or settings.DEFAULT_FROM_EMAIL,
        to,
    )
    message.attach_alternative(html, "text/html")
    for attachment in attachments:
        message.attach(*attachment)
    return message.send()


def absolute(viewname, *args):
    base = mentoring_settings.SITE_URL.rstrip("/")
    if not base:
        return ""
    try:
        return base + reverse(viewname, args=args)
    except NoReverseMatch:
        return ""


# The outbox -------------------------------------------------------------------


@task()
def send_notification(message_id):
    """Send the e-mails of one ``OutgoingMessage``; never raises.

    A message already sent, being sent elsewhere or waiting for its next
    attempt is left alone, so the task may run twice, or beside the daily
    round, and every e-mail still leaves once.
    """
    message = _claim(message_id, due_only=True)
    if message is None:
        return 0
    sent = _deliver(message)
    if message.status == MessageStatus.PENDING:
        _retry_later(message)
    return sent


def _enqueue(kind, instance):
    message = OutgoingMessage.objects.create(
        kind=kind,
        model_label=instance._meta.label_lower,
        object_pk=str(instance.pk),
    )
    transaction.on_commit(partial(_hand_to_queue, message.pk), robust=True)
    return message


def _job():
    return send_notification.using(backend=mentoring_settings.TASK_BACKEND)


def _hand_to_queue(message_id, run_after=None):
    """Enqueue the message's task; a queue that refuses leaves it pending."""
    try:
        job = _job()
        if run_after is not None:
            job = job.using(run_after=run_after)
        job.enqueue(message_id)
    except Exception as error:
        logger.exception(
            "Could not queue outgoing e-mail %s; it stays pending and is sent "
            "by the next round (manage.py mentoring_send_pending).",
            message_id,
        )
        OutgoingMessage.objects.filter(
            pk=message_id, status=MessageStatus.PENDING
        ).update(last_error=f"Task queue: {type(error).__name__}: {error}"[:2000])


def _retry_later(message):
    """On a queue that runs tasks later, schedule the next attempt there too."""
    try:
        supports_defer = task_backends[mentoring_settings.TASK_BACKEND].supports_defer
    except Exception:
        supports_defer = False
    if supports_defer:
        _hand_to_queue(message.pk, run_after=message.next_attempt_at)


def retry_delay(attempts):
    """The wait after ``attempts`` failed attempts: doubled each time."""
    first = timedelta(seconds=mentoring_settings.EMAIL_RETRY_DELAY)
    return min(first * 2 ** max(attempts - 1, 0), LONGEST_RETRY_DELAY)


def _claimable(now, due_only):
    waiting = Q(status=MessageStatus.PENDING)
    if due_only:
        waiting &= Q(next_attempt_at__lte=now)
    abandoned = Q(status=MessageStatus.SENDING, next_attempt_at__lte=now)
    return OutgoingMessage.objects.filter(
        (waiting | abandoned),
        attempts__lt=mentoring_settings.EMAIL_MAX_ATTEMPTS,
    )


def _claim(message_id, *, due_only):
    """Take the message for one attempt, or None if it is not ours to send.

    One conditional UPDATE, so two senders at once never both take it, on
    any database, and no transaction stays open while the mail server is
    slow.
    """
    now = timezone.now()
    taken = (
        _claimable(now, due_only)
        .filter(pk=message_id)
        .update(
            status=MessageStatus.SENDING,
            attempts=F("attempts") + 1,
            next_attempt_at=now + SENDING_LEASE,
        )
    )
    if not taken:
        return None
    return OutgoingMessage.objects.get(pk=message_id)


def _deliver(message):
    """Send what the message still owes; record success or the error."""
    sent = 0
    try:
        instance = message.subject
        if instance is None:
            _update(message, status=MessageStatus.CANCELLED)
            return 0
        with translation.override(settings.LANGUAGE_CODE):
            for index, email in enumerate(EVENTS[message.kind](instance)):
                if index < message.emails_sent:
                    continue
                sent += send(*email)
                _update(message, emails_sent=index + 1)
    except Exception as error:
        logger.warning(
            "Outgoing e-mail %s (%s) not sent, attempt %s: %r",
            message.pk,
            message.kind,
            message.attempts,
            error,
        )
        given_up = message.attempts >= mentoring_settings.EMAIL_MAX_ATTEMPTS
        _update(
            message,
            status=MessageStatus.FAILED if given_up else MessageStatus.PENDING,
            last_error=f"{type(error).__name__}: {error}"[:2000],
            next_attempt_at=timezone.now() + retry_delay(message.attempts),
        )
        return sent
    _update(message, status=MessageStatus.SENT, sent_at=timezone.now())
    return sent


def _update(message, **fields):
    for name, value in fields.items():
        setattr(message, name, value)
    OutgoingMessage.objects.filter(pk=message.pk).update(**fields)


def send_pending(*, due_only=True, retry_given_up=False):
    """Send every message still owed; what the daily round and the command do.

    ``due_only=False`` does not wait for each message's next attempt (after
    the mail server is back); ``retry_given_up`` gives messages given up a
    fresh set of attempts. Returns how many e-mails left.
    """
    now = timezone.now()
    if retry_given_up:
        OutgoingMessage.objects.filter(status=MessageStatus.FAILED).update(
            status=MessageStatus.PENDING, attempts=0, next_attempt_at=now
        )
    # Out of attempts: stopped while being sent, or the limit was lowered.
    OutgoingMessage.objects.filter(
        Q(status=MessageStatus.PENDING)
        | Q(status=MessageStatus.SENDING, next_attempt_at__lte=now),
        attempts__gte=mentoring_settings.EMAIL_MAX_ATTEMPTS,
    ).update(status=MessageStatus.FAILED)
    ids = _claimable(now, due_only).order_by("created_at", "pk")
    sent = 0
    for message_id in list(ids.values_list("pk", flat=True)):
        message = _claim(message_id, due_only=due_only)
        if message is not None:
            sent += _deliver(message)
    return sent


# Events: each yields (template name, recipients, context[, attachments]) ------


def _application_submitted(application):
    context = {
        "application": application,
        "program": application.program,
        "member": application.member,
        "status_url": absolute(
            "acnm_mentoring:application_detail", application.public_id
        ),
    }
    yield "application_received", [application.member.email], context
    yield "application_to_coordinator", [application.program.coordinator_email], context


def _application_decided(application):
    context = {"application": application, "program": application.program}
    yield "application_decided", [application.member.email], context


def _request_context(mentorship):
    return {
        "mentorship": mentorship,
        "program": mentorship.program,
        "request_url": absolute("acnm_mentoring:request_detail", mentorship.public_id),
    }


def _mentor_requested(mentorship):
    yield "mentor_requested", [mentorship.mentor.email], _request_context(mentorship)


def _request_answered(mentorship):
    yield "request_answered", [mentorship.mentee.email], _request_context(mentorship)


def _request_reminder(mentorship):
    yield "request_reminder", [mentorship.mentor.email], _request_context(mentorship)


def _request_expired(mentorship):
    context = _request_context(mentorship)
    yield "request_expired", [mentorship.mentee.email], context


def _agreement_completed(agreement):
    mentorship = agreement.mentorship
    context = {
        "agreement": agreement,
        "mentorship": mentorship,
        "program": mentorship.program,
    }
    parties = [mentorship.mentee.email, mentorship.mentor.email]
    copy = (
        agreement_filename(mentorship),
        agreement_pdf(mentorship),
        "application/pdf",
    )
    yield "agreement_completed", parties, context, [copy]
    yield "agreement_to_coordinator", [mentorship.program.coordinator_email], context


def _partnership_context(mentorship):
    return {
        "mentorship": mentorship,
        "program": mentorship.program,
        "partnership_url": absolute("acnm_mentoring:partnership", mentorship.public_id),
    }


def _partnership_ended(mentorship):
    context = _partnership_context(mentorship)
    parties = [mentorship.mentee.email, mentorship.mentor.email]
    yield "partnership_ended", parties, context
    if mentorship.status == "ended_early":
        yield (
            "partnership_ended_to_coordinator",
            [mentorship.program.coordinator_email],
            context,
        )


def _contact_reminder(mentorship):
    context = _partnership_context(mentorship)
    last = mentorship.contact_reminders.order_by("-sent_at").first()
    context["since"] = last.since if last else mentorship.start_date
    parties = [mentorship.mentee.email, mentorship.mentor.email]
    yield "contact_reminder", parties, context


def _quiet_pairs_digest(program):
    from .services.contacts import reminded_quiet_pairs

    context = {"program": program, "pairs": list(reminded_quiet_pairs(program))}
    if context["pairs"]:
        yield "quiet_pairs_digest", [program.coordinator_email], context


def _award_context(cycle):
    return {
        "cycle": cycle,
        "program": cycle.program,
        "award_url": absolute("acnm_mentoring:award", cycle.program.slug),
    }


def _nomination_received(nomination):
    context = {**_award_context(nomination.cycle), "nomination": nomination}
    yield "nomination_received", [nomination.nominator.email], context


def _vote_cast(vote):
    context = {**_award_context(vote.cycle), "vote": vote}
    yield "vote_cast", [vote.voter.email], context


def _nominations_open(cycle):
    from .services.awards import invited_nominators

    context = _award_context(cycle)
    for member in invited_nominators(cycle):
        yield "nominations_open", [member.email], {**context, "member": member}


def _award_announced(cycle):
    yield "award_announced", [cycle.winner.email], _award_context(cycle)


def _feedback_due(reminder):
    from .feedback import QUESTIONS

    mentorship = reminder.mentorship
    context = {
        **_partnership_context(mentorship),
        "reminder": reminder,
        "question": QUESTIONS[(reminder.kind, reminder.respondent)],
        "feedback_url": absolute("acnm_mentoring:feedback", mentorship.public_id),
    }
    party = mentorship.mentor if reminder.respondent == "mentor" else mentorship.mentee
    yield "feedback_due", [party.email], context


def _progress_feedback_given(feedback):
    mentorship = feedback.mentorship
    context = {
        **_partnership_context(mentorship),
        "feedback": feedback,
        "feedback_url": absolute("acnm_mentoring:feedback", mentorship.public_id),
    }
    yield "progress_feedback_given", [mentorship.mentee.email], context


EVENTS = {
    "application_submitted": _application_submitted,
    "application_decided": _application_decided,
    "mentor_requested": _mentor_requested,
    "request_answered": _request_answered,
    "request_reminder": _request_reminder,
    "request_expired": _request_expired,
    "agreement_completed": _agreement_completed,
    "partnership_ended": _partnership_ended,
    "contact_reminder": _contact_reminder,
    "quiet_pairs_digest": _quiet_pairs_digest,
    "nomination_received": _nomination_received,
    "vote_cast": _vote_cast,
    "nominations_open": _nominations_open,
    "award_announced": _award_announced,
    "feedback_due": _feedback_due,
    "progress_feedback_given": _progress_feedback_given,
}


#: How staff read each kind of e-mail; a kind not listed reads as its name.
EVENT_LABELS = {
    "application_submitted": _("Application received"),
    "application_decided": _("Application decided"),
    "mentor_requested": _("Mentor requested"),
    "request_answered": _("Request answered"),
    "request_reminder": _("Reminder of a request"),
    "request_expired": _("Request expired"),
    "agreement_completed": _("Agreement complete"),
    "partnership_ended": _("Partnership ended"),
    "contact_reminder": _("Reminder to keep in touch"),
    "quiet_pairs_digest": _("Quiet pairs digest"),
    "nomination_received": _("Nomination received"),
    "vote_cast": _("Vote received"),
    "nominations_open": _("Nominations open"),
    "award_announced": _("Award announced"),
}


def event_label(kind):
    return EVENT_LABELS.get(kind) or kind.replace("_", " ").capitalize()


def application_submitted(application):
    _enqueue("application_submitted", application)


def application_decided(application):
    _enqueue("application_decided", application)


def mentor_requested(mentorship):
    _enqueue("mentor_requested", mentorship)


def request_answered(mentorship):
    _enqueue("request_answered", mentorship)


def request_reminder(mentorship):
    _enqueue("request_reminder", mentorship)


def request_expired(mentorship):
    _enqueue("request_expired", mentorship)


def agreement_completed(agreement):
    _enqueue("agreement_completed", agreement)


def partnership_ended(mentorship):
    _enqueue("partnership_ended", mentorship)


def contact_reminder(mentorship):
    _enqueue("contact_reminder", mentorship)


def quiet_pairs_digest(program):
    _enqueue("quiet_pairs_digest", program)


def nomination_received(nomination):
    _enqueue("nomination_received", nomination)


def vote_cast(vote):
    _enqueue("vote_cast", vote)


def nominations_open(cycle):
    _enqueue("nominations_open", cycle)


def award_announced(cycle):
    _enqueue("award_announced", cycle)


def feedback_due(reminder):
    _enqueue("feedback_due", reminder)


def progress_feedback_given(feedback):
    _enqueue("progress_feedback_given", feedback)
