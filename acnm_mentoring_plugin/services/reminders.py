"""Sending a reminder once, whoever runs the daily round and how often.

Contact reminders and feedback reminders keep the same promise: the row
that says a reminder was sent is created first, under a unique constraint,
in the same transaction as the e-mail's enqueueing. A second run, or a
second server at the same moment, hits the constraint and sends nothing.
"""

from django.db import IntegrityError, transaction


def remind_once(reminder_model, notify, **key):
    """Create the ``reminder_model`` row for ``key`` and ``notify(row)``.

    Returns the row, or None when this reminder was sent already.
    """
    try:
        with transaction.atomic():
            reminder = reminder_model.objects.create(**key)
            notify(reminder)
    except IntegrityError:
        return None
    return reminder
