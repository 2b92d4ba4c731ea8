"""Allow the client one more redirect URI (used by the tests)."""

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from example_site.demo_idp.identities import DEFAULT_CLIENT_ID, add_redirect_uris


class Command(BaseCommand):
    help = (
        "Add redirect URIs to the client, keeping those it has. A URI on "
        "http://127.0.0.1 or http://localhost matches any port."
    )

    def add_arguments(self, parser):
        parser.add_argument("uris", nargs="+", metavar="URI")
        parser.add_argument("--client-id", default=DEFAULT_CLIENT_ID)

    def handle(self, *args, **options):
        try:
            application = add_redirect_uris(options["client_id"], options["uris"])
        except ValidationError as error:
            raise CommandError("; ".join(error.messages)) from error
        self.stdout.write(application.redirect_uris)
