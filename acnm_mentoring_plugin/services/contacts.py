from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..exceptions import MentoringError, TransitionNotAllowed
from ..models import ContactLog, MentorshipStatus
from ..permissions import Action, check, member_for
from .records import record


@transaction.atomic
def log_contact(user, mentorship, date, method, notes=""):
    check(user, Action.LOG_CONTACT, mentorship)
    if mentorship.status not in (MentorshipStatus.ACCEPTED, MentorshipStatus.ACTIVE):
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
