"""The site under load, made ready in a process of its own.

    python -m benchmarks.load.prepare seed --mentors N
    python -m benchmarks.load.prepare targets
    python -m benchmarks.load.prepare contacts PUBLIC_ID

``seed`` migrates, loads the example site's demo (its pages, people, pairs
and award), adds N mentors with the mentees that fill their places
(``benchmarks.directory.seed``), builds the search index, runs the daily
round's ``ANALYZE``, and adds a plain page of the site and a mentee looking
for a mentor (the directory benchmark's).

``targets`` signs in the two members the load comes from, that mentee and a
mentor in an active pair, and prints one line of JSON: what was seeded, and
each target as a request wrk can repeat (path, method, cookies, body, and
what a right answer looks like).

``contacts`` prints how many contacts a pair has logged: the form post is
checked by what it saved, not only by its status codes.

Both run with ``DJANGO_SETTINGS_MODULE=benchmarks.load.settings`` and the
database in ``DATABASE_URL``, as the server does.
"""

import argparse
import json
import re
import sys
import warnings
from datetime import timedelta
from urllib.parse import urlencode

#: A valid contact that any day can repeat: dated yesterday, so a run over
#: midnight (in the site's time zone) never posts a date in the future.
CONTACT = {"method": "video", "notes": "Monthly call: the exam plan."}


def set_up():
    warnings.filterwarnings("ignore", category=DeprecationWarning, module="wagtail")
    warnings.filterwarnings("ignore", category=PendingDeprecationWarning)
    import django

    django.setup()


def cookie_header(client):
    """The cookies a browser signed in on the site would send."""
    return "; ".join(
        f"{name}={morsel.value}" for name, morsel in client.cookies.items()
    )


def signed_in(user):
    from django.test import Client

    from . import HOST

    client = Client(HTTP_HOST=HOST, enforce_csrf_checks=True)
    client.force_login(user)
    return client


def form_token(html, action):
    """The CSRF token of the form posting to ``action``, as the browser has it."""
    form = re.search(
        rf'<form[^>]*action="{re.escape(action)}[^"]*"[^>]*>(.*?)</form>', html, re.S
    )
    if form is None:
        sys.exit(f"No form posting to {action} on the partnership page.")
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form.group(1))
    return token.group(1)


def seed(mentors):
    """The site with its demo, ``mentors`` more mentors, and a plain page."""
    from django.core.management import call_command

    from acnm_mentoring_plugin.models import Program
    from acnm_mentoring_plugin.upkeep import refresh_planner_statistics
    from benchmarks.directory.__main__ import Steps, plain_site_page
    from benchmarks.directory.seed import make_viewer, seed_mentors

    step = Steps()
    call_command("migrate", interactive=False, verbosity=0)
    step.done("migrated")
    call_command("load_demo_data", verbosity=0)
    step.done("loaded the example site's demo")
    program = Program.objects.get(slug="acnm")
    seed_mentors(program, mentors)
    step.done(f"seeded {mentors:,} mentors")
    call_command("update_index", verbosity=0)
    refresh_planner_statistics()
    step.done("built the search index and analyzed")
    plain_site_page()
    make_viewer(program)
    return {}


def targets():
    """Each target as wrk will request it, with the members signed in afresh."""
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.urls import reverse
    from django.utils import timezone

    from acnm_mentoring_plugin.directory import listed_mentors
    from acnm_mentoring_plugin.models import (
        Member,
        MentorProfile,
        Mentorship,
        MentorshipStatus,
        Program,
    )
    from acnm_mentoring_plugin.wagtail.pages.models import MentoringProgramPage
    from example_site.home.models import StandardPage

    program = Program.objects.get(slug="acnm")
    plain = StandardPage.objects.live().get(slug="about")
    programme_page = MentoringProgramPage.objects.live().get(program=program)
    # The directory benchmark's viewer: an accepted mentee with no mentor.
    mentee = signed_in(get_user_model().objects.get(username="bench-viewer"))
    pair = (
        Mentorship.objects.filter(program=program, status=MentorshipStatus.ACTIVE)
        .select_related("mentor__user")
        .order_by("pk")
        .first()
    )
    mentor = signed_in(pair.mentor.user)
    partnership = reverse("acnm_mentoring:partnership", args=[pair.public_id])
    contacts = reverse("acnm_mentoring:contact_log", args=[pair.public_id])
    page = mentor.get(partnership)
    if page.status_code != 200:
        sys.exit(f"The mentor's partnership page answered {page.status_code}.")
    body = urlencode(
        {
            "csrfmiddlewaretoken": form_token(page.content.decode(), contacts),
            "date": (timezone.localdate() - timedelta(days=1)).isoformat(),
            **CONTACT,
        }
    )
    directory = reverse("acnm_mentoring:directory", args=[program.slug])
    return {
        "targets": [
            {
                "key": "floor",
                "name": "floor: a plain text response through every middleware",
                "path": "/load-floor/",
                "marker": "ok",
            },
            {
                "key": "plain",
                "name": "baseline: a plain page of the site, signed in",
                "path": plain.url,
                "cookie": cookie_header(mentee),
                "marker": "Signed in as",
            },
            {
                "key": "programme",
                "name": "(a) programme page, visitor (from the page cache)",
                "path": programme_page.url,
                "marker": "Member sign-in",
                "cached": True,
            },
            {
                "key": "programme-uncached",
                "name": "programme page, visitor with a cookie (past the cache)",
                "path": programme_page.url,
                # Any cookie will do, a site's analytics one as much as a session.
                "cookie": "visited=1",
                "marker": "Member sign-in",
            },
            {
                "key": "programme-member",
                "name": "programme page, signed in (rendered each time)",
                "path": programme_page.url,
                "cookie": cookie_header(mentee),
                "marker": "Signed in as",
            },
            {
                "key": "directory",
                "name": "(b) mentor directory, signed in as a mentee",
                "path": directory,
                "cookie": cookie_header(mentee),
                "marker": "acnm-card",
            },
            {
                "key": "contact",
                "name": "(c) a mentor logs a contact (form post)",
                "path": contacts,
                "method": "POST",
                "cookie": cookie_header(mentor),
                "body": body,
                "status": 302,
                # Saved, and back to the pair's page; a refused or invalid
                # form goes back with an anchor to the form, a stranger to 404.
                "location": partnership,
            },
        ],
        "pair": str(pair.public_id),
        "seeded": {
            "mentors": MentorProfile.objects.filter(program=program).count(),
            "listed": listed_mentors(program).count(),
            "members": Member.objects.count(),
            "pairs": Mentorship.objects.filter(program=program).count(),
            "live_pairs": Mentorship.objects.filter(
                program=program,
                status__in=[MentorshipStatus.ACCEPTED, MentorshipStatus.ACTIVE],
            ).count(),
        },
        "database": database_description(),
        "versions": versions(),
        "settings": settings.SETTINGS_BASE,
    }


def contacts(public_id):
    from acnm_mentoring_plugin.models import ContactLog

    return {
        "contacts": ContactLog.objects.filter(mentorship__public_id=public_id).count()
    }


def database_description():
    from benchmarks.directory.__main__ import database_description

    return database_description()


def versions():
    from importlib.metadata import version

    return ", ".join(
        f"{name} {version(name)}"
        for name in ("Django", "wagtail", "gunicorn", "psycopg")
    )


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m benchmarks.load.prepare")
    parser.add_argument("action", choices=["seed", "targets", "contacts"])
    parser.add_argument("pair", nargs="?")
    parser.add_argument("--mentors", type=int, default=1000)
    args = parser.parse_args(argv)
    set_up()
    if args.action == "seed":
        print(json.dumps(seed(args.mentors)))
    elif args.action == "targets":
        print(json.dumps(targets()))
    else:
        print(json.dumps(contacts(args.pair)))


if __name__ == "__main__":
    main()
