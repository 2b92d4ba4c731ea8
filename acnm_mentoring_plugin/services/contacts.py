import datetime

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .. import notifications
from ..exceptions import MentoringError, TransitionNotAllowed
from ..models import ContactLog, ContactReminder, Mentorship, MentorshipStatus
from ..permissions import Action, check, member_for
from .records import record
from .reminders import remind_once

#: Contacts are logged from the acceptance to the end of a partnership.
UNDER_WAY = frozenset({MentorshipStatus.ACCEPTED, MentorshipStatus.ACTIVE})


def can_log_contacts(mentorship):
    return mentorship.status in UNDER_WAY


@transaction.atomic
def log_contact(user, mentorship, date, method, notes=""):
    check(user, Action.LOG_CONTACT, mentorship)
    if not can_log_contacts(mentorship):
        raise TransitionNotAllowed(
            _("Contacts can be logged while the partnership is under way.")
        )
    if date > timezone.localdate():
        raise MentoringError(_("A contact cannot be dated in the future."))
    contact = ContactLog.objects.create(
        mentorship=mentorship,
        date=date,
        method=method,
        notes=notes,
        logged_by=member_for(user),
    )
    record(mentorship, "contact_logged", user, contact=contact.pk, method=method)
    return contact


def quiet_pairs(today=None, program=None):
    """Active pairs that have logged no contact for the programme's interval.

    Each comes with ``quiet_since``: the last contact logged, or the start.
    """
    today = today or timezone.localdate()
    pairs = (
        Mentorship.objects.filter(status=MentorshipStatus.ACTIVE)
        .annotate(last_contact=Max("contacts__date"))
        .select_related("program", "mentee__user", "mentor__user")
        .order_by("program", "start_date", "pk")
    )
    if program is not None:
        pairs = pairs.filter(program=program)
    for pair in pairs:
        pair.quiet_since = pair.last_contact or pair.start_date
        if pair.quiet_since is None:
            continue
        interval = datetime.timedelta(days=pair.program.contact_reminder_days)
        if today - pair.quiet_since >= interval:
            yield pair


@transaction.atomic
def remind_quiet_pairs(today=None):
    """Remind each quiet pair once per quiet period; tell the coordinators.

    The ``ContactReminder`` row is the promise: created first, under a
    unique constraint, so a second run (or a second server) finds it and
    sends nothing. A coordinator gets one digest of all quiet pairs of their
    programme when a run reminded anyone new. One transaction holds the
    reminders and the digests, so a run stopped half-way leaves either
    both on record or neither, and the next run sends what is owed.
    """
    reminded, programmes = 0, {}
    for pair in list(quiet_pairs(today)):

        def notify(reminder, pair=pair):
            record(
                pair, "contact_reminder_sent", None, since=reminder.since.isoformat()
            )
            notifications.contact_reminder(pair)

        if not remind_once(
            ContactReminder, notify, mentorship=pair, since=pair.quiet_since
        ):
            continue  # reminded for this quiet period already
        reminded += 1
        programmes[pair.program_id] = pair.program
    for program in programmes.values():
        notifications.quiet_pairs_digest(program)
    return reminded


def reminded_quiet_pairs(program):
    """The programme's active pairs reminded for the silence they are in now.

    What the coordinator's digest lists: a pair drops out of it as soon as
    it logs a contact.
    """
    pairs = (
        Mentorship.objects.filter(program=program, status=MentorshipStatus.ACTIVE)
        .annotate(
            last_contact=Max("contacts__date"),
            last_reminded=Max("contact_reminders__since"),
        )
        .filter(last_reminded__isnull=False)
        .select_related("mentee__user", "mentor__user")
        .order_by("start_date", "pk")
    )
    for pair in pairs:
        pair.quiet_since = pair.last_contact or pair.start_date
        if pair.last_reminded == pair.quiet_since:
            yield pair
