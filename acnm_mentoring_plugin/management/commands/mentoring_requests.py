from django.core.management.base import BaseCommand

from ...conf import mentoring_settings
from ...tasks import process_mentor_requests


class Command(BaseCommand):
    help = (
        "Remind mentors of requests about to expire and expire overdue "
        "requests. Run it daily; running it more often sends nothing twice."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--enqueue",
            action="store_true",
            help="Hand the work to the task backend instead of doing it here.",
        )

    def handle(self, *args, enqueue=False, **options):
        job = process_mentor_requests.using(backend=mentoring_settings.TASK_BACKEND)
        if enqueue:
            result = job.enqueue()
            self.stdout.write(f"Enqueued as task {result.id}.")
            return
        counts = job.call()
        self.stdout.write(
            f"{counts['reminded']} mentor(s) reminded, "
            f"{counts['expired']} request(s) expired."
        )
