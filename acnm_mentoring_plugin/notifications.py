"""The programme's e-mails, sent as django-tasks tasks after the commit.

Each e-mail is three overridable templates under
``acnm_mentoring/emails/``: ``<name>_subject.txt``, ``<name>.txt`` and
``<name>.html``. Tasks receive ids, never objects, so any queue can carry
them; with the immediate backend (the default) they run at once.
"""

from functools import partial

from django.apps import apps
from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import NoReverseMatch, reverse
from django.utils import translation
from django_tasks import task

from .conf import mentoring_settings
from .documents import agreement_filename, agreement_pdf


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


@task()
def send_notification(kind, model_label, pk):
    """Render and send every e-mail of one event.

    Looked up by ``kind`` in ``EVENTS``; a record deleted before the task
    runs sends nothing.
    """
    instance = apps.get_model(model_label).objects.filter(pk=pk).first()
    if instance is None:
        return 0
    with translation.override(settings.LANGUAGE_CODE):
        return sum(send(*email) for email in EVENTS[kind](instance))


def _enqueue(kind, instance):
    job = send_notification.using(backend=mentoring_settings.TASK_BACKEND)
    transaction.on_commit(
        partial(job.enqueue, kind, instance._meta.label_lower, instance.pk)
    )


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


def _award_announced(cycle):
    yield "award_announced", [cycle.winner.email], _award_context(cycle)


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
    "award_announced": _award_announced,
}


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


def award_announced(cycle):
    _enqueue("award_announced", cycle)
