from django.core.management.base import BaseCommand

from ...conf import mentoring_settings
from ...tasks import run_daily


class Command(BaseCommand):
    help = (
        "The programme's daily round: remind mentors of requests about to "
        "expire and expire overdue ones, complete partnerships at their "
        "planned end, remind pairs that logged no contact and send the "
        "coordinator a digest, remind parties of the feedback they owe and "
        "send the e-mails still owed. Running it more often sends nothing "
        "twice."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--enqueue",
            action="store_true",
            help="Hand the work to the task backend instead of doing it here.",
        )

    def handle(self, *args, enqueue=False, **options):
        job = run_daily.using(backend=mentoring_settings.TASK_BACKEND)
        if enqueue:
            result = job.enqueue()
            self.stdout.write(f"Enqueued as task {result.id}.")
            return
        counts = job.call()
        self.stdout.write(
            f"Requests: {counts['requests_reminded']} mentor(s) reminded, "
            f"{counts['requests_expired']} expired. Partnerships: "
            f"{counts['partnerships_completed']} completed, "
            f"{counts['pairs_reminded']} pair(s) reminded to keep in touch, "
            f"{counts['feedback_reminded']} reminder(s) to give feedback. "
            f"Award: nominators told of {counts['nominators_invited']} "
            f"cycle(s) open for nominations. "
            f"E-mails: {counts['emails_sent']} sent."
        )
