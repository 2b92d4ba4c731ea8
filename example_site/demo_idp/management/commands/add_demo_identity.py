"""Add or change one member of the demo identity provider (used by the tests)."""

import json

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from example_site.demo_idp.claims import MEMBERSHIP_CLAIMS, claims_for
from example_site.demo_idp.identities import save_identity


class Command(BaseCommand):
    help = (
        "Create or update a member of the demo identity provider and print "
        "their claims as JSON. Values not given are kept (a new member is "
        "active, with a membership id of ACNM-9xxxx)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--username", required=True)
        parser.add_argument("--password")
        parser.add_argument("--first-name")
        parser.add_argument("--last-name")
        parser.add_argument("--email")
        parser.add_argument(
            "--claims",
            default="{}",
            help=f"A JSON object of membership claims: {', '.join(MEMBERSHIP_CLAIMS)}.",
        )

    def handle(self, *args, **options):
        try:
            claims = json.loads(options["claims"])
        except json.JSONDecodeError as error:
            raise CommandError(f"--claims is not JSON: {error}") from error
        if not isinstance(claims, dict):
            raise CommandError("--claims must be a JSON object.")
        try:
            with transaction.atomic():
                user = save_identity(
                    options["username"],
                    password=options["password"],
                    first_name=options["first_name"],
                    last_name=options["last_name"],
                    email=options["email"],
                    **claims,
                )
        except ValidationError as error:
            raise CommandError("; ".join(error.messages)) from error
        self.stdout.write(json.dumps(claims_for(user)))
