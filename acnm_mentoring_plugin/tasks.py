"""Scheduled work of the programme, as django-tasks tasks.

A site runs them daily, from its scheduler (cron, a systemd timer, Celery
beat...) either as ``manage.py mentoring_daily`` or by enqueueing ``run_daily`` on
its task backend.
"""

from django_tasks import task

from .notifications import send_pending
from .services.awards import invite_nominators
from .services.contacts import remind_quiet_pairs
from .services.feedback import remind_feedback_due
from .services.mentorships import (
    complete_due_mentorships,
    expire_overdue_requests,
    remind_mentors_of_requests,
)
from .upkeep import refresh_planner_statistics


@task()
def run_daily():
    """The programme's daily round: requests, partnerships, contact, feedback,
    the award's invitations to nominate, the e-mails still owed, and the
    SQLite planner's statistics.

    Safe to run as often as wanted: every reminder is sent once, an answered
    request never expires, a partnership ended early is not completed.
    """
    return {
        "requests_reminded": remind_mentors_of_requests(),
        "requests_expired": expire_overdue_requests(),
        "partnerships_completed": complete_due_mentorships(),
        "pairs_reminded": remind_quiet_pairs(),
        "feedback_reminded": remind_feedback_due(),
        "nominators_invited": invite_nominators(),
        "emails_sent": send_pending(),
        "statistics_refreshed": refresh_planner_statistics(),
    }
