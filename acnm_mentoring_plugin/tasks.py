"""Scheduled work of the programme, as django-tasks tasks.

A site runs them daily, from its scheduler (cron, a systemd timer, Celery
beat...) either as ``manage.py mentoring_requests`` or by enqueueing
``process_mentor_requests`` on its task backend.
"""

from django_tasks import task

from .services.mentorships import expire_overdue_requests, remind_mentors_of_requests


@task()
def process_mentor_requests():
    """Remind mentors of requests about to expire, then expire overdue ones.

    Safe to run as often as wanted: a reminder is sent once per request, and
    an answered request is never expired.
    """
    return {
        "reminded": remind_mentors_of_requests(),
        "expired": expire_overdue_requests(),
    }
