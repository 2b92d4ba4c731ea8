"""Make the demo identity provider whole in one step; safe to run again."""

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from example_site.demo_idp.identities import (
    DEFAULT_CLIENT_ID,
    DEFAULT_CLIENT_SECRET,
    DEFAULT_POST_LOGOUT_REDIRECT_URIS,
    DEFAULT_REDIRECT_URIS,
    save_client,
    seed_members,
)


class Command(BaseCommand):
    help = (
        "Create the example site's demo members (password of the demo) and "
        "register the site as the provider's OIDC client."
    )

    def add_arguments(self, parser):
        parser.add_argument("--client-id", default=DEFAULT_CLIENT_ID)
        parser.add_argument("--client-secret", default=DEFAULT_CLIENT_SECRET)
        parser.add_argument(
            "--redirect-uri",
            action="append",
            dest="redirect_uris",
            metavar="URI",
            help="A redirect URI of the client; repeat for several. Replaces "
            f"the defaults: {' '.join(DEFAULT_REDIRECT_URIS)}",
        )
        parser.add_argument(
            "--post-logout-redirect-uri",
            action="append",
            dest="post_logout_redirect_uris",
            metavar="URI",
            help="Where the provider may send a member after signing out; "
            "repeat for several. Default: "
            + " ".join(DEFAULT_POST_LOGOUT_REDIRECT_URIS),
        )

    def handle(self, *args, **options):
        try:
            with transaction.atomic():
                users = seed_members()
                application = save_client(
                    options["client_id"],
                    options["client_secret"],
                    options["redirect_uris"] or DEFAULT_REDIRECT_URIS,
                    options["post_logout_redirect_uris"]
                    or DEFAULT_POST_LOGOUT_REDIRECT_URIS,
                )
        except ValidationError as error:
            raise CommandError("; ".join(error.messages)) from error
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo identity provider is ready: {len(users)} members, client "
                f"{application.client_id!r} redirecting to "
                f"{application.redirect_uris}."
            )
        )
