from django.core.management.base import BaseCommand

from ...models import MessageStatus, OutgoingMessage
from ...notifications import send_pending


class Command(BaseCommand):
    help = (
        "Send the programme's e-mails that could not be sent yet (the mail "
        "server or the task queue was down), each when its next attempt is "
        "due. Safe to run from cron every few minutes: an e-mail sent is "
        "never sent again."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--now",
            action="store_true",
            help="Do not wait for each e-mail's next attempt: the mail server "
            "is back, send everything owed.",
        )
        parser.add_argument(
            "--retry-given-up",
            action="store_true",
            help="Give e-mails that were given up a fresh set of attempts.",
        )

    def handle(self, *args, now=False, retry_given_up=False, **options):
        sent = send_pending(due_only=not now, retry_given_up=retry_given_up)
        owed = OutgoingMessage.objects.filter(
            status__in=[MessageStatus.PENDING, MessageStatus.SENDING]
        ).count()
        given_up = OutgoingMessage.objects.filter(status=MessageStatus.FAILED).count()
        self.stdout.write(
            f"{sent} e-mail(s) sent. Still to send: {owed} event(s); "
            f"given up: {given_up} (see Mentoring > Undelivered e-mails in the "
            "Wagtail admin)."
        )
