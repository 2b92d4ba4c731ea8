"""How the mentor directory holds up with 10,000 mentors.

    .venv/bin/python -m benchmarks.directory [--mentors 10000]
        [--database-url postgres://USER:PASSWORD@HOST:PORT/ANY] [--output FILE]

Runs the example site (``example_site.settings``) on a database of its own,
never the developer's: a fresh SQLite file in a temporary folder, or, given a
PostgreSQL URL, a throwaway database created beside the one named (which is
left alone) and dropped at the end. It migrates, seeds the mentors with bulk
inserts, builds the search index with ``update_index`` (Wagtail's name for
django-modelsearch's ``rebuild_modelsearch_index``), and
signs in a member whose mentee application was accepted.

Whole requests go through Django's test client, so every middleware, the
session, the views and the templates count, and no server or network noise
does. The pages are timed in turns, one request of each per round, so a
machine that slows down mid-run slows every page alike; the median of the
rounds is compared with a bare page of the same site timed in the same
rounds. The number of SQL queries per page comes from a separate pass, so
recording them does not slow the timed requests.

DEBUG is off, as in production: with it on, Django keeps every query.
"""

import argparse
import os
import platform
import shutil
import statistics
import sys
import tempfile
import time
import uuid
import warnings
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from urllib.parse import urlencode, urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parents[2]
TARGET = 1.5  # the target: at most 1.5 times the bare page
HOST = "127.0.0.1"  # in the example site's default ALLOWED_HOSTS


def parse_args(argv):
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.directory",
        description=(
            "Seed N mentors and time the mentor directory's pages against a "
            "bare page of the same site."
        ),
    )
    parser.add_argument("--mentors", type=int, default=10_000)
    parser.add_argument(
        "--database-url",
        help=(
            "postgres://USER:PASSWORD@HOST:PORT/DB to run on PostgreSQL: a "
            "throwaway database is created on that server and dropped after "
            "(DB itself is not touched). Default: a new SQLite file in a "
            "temporary folder."
        ),
    )
    parser.add_argument(
        "--requests",
        type=int,
        default=30,
        help="timed requests of each page; the median is reported (default 30)",
    )
    parser.add_argument("--warmup", type=int, default=5)
    parser.add_argument(
        "--no-analyze",
        dest="analyze",
        action="store_false",
        help=(
            "leave SQLite without planner statistics, as a site that never "
            "runs the daily round (mentoring_daily runs ANALYZE on SQLite; "
            "PostgreSQL's autovacuum keeps its own)"
        ),
    )
    parser.add_argument("--output", type=Path, help="also write the table here")
    parser.add_argument(
        "--keep",
        action="store_true",
        help="keep the seeded database afterwards and print its URL",
    )
    parser.add_argument(
        "--show-sql",
        action="store_true",
        help="print each page's queries with their times, slowest first",
    )
    parser.add_argument(
        "--profile",
        action="store_true",
        help="print a cProfile summary of each page's timed requests",
    )
    return parser.parse_args(argv)


# The database ----------------------------------------------------------------


@contextmanager
def throwaway_database(url, keep=False):
    """A database URL that is the benchmark's alone, gone when it ends
    unless ``keep`` (to look at the query plans afterwards)."""
    scheme = urlsplit(url).scheme if url else "sqlite"
    if scheme.startswith("postgres"):
        with throwaway_postgres_database(url, keep) as throwaway:
            yield throwaway
        return
    if scheme != "sqlite":
        sys.exit(f"Unsupported database URL: {url} (use postgres:// or sqlite:///)")
    if url is None:
        folder = Path(tempfile.mkdtemp(prefix="acnm-directory-bench-"))
        path = folder / "bench.sqlite3"
    else:
        path, folder = Path(urlsplit(url).path), None
        if path.exists():
            sys.exit(f"{path} exists: the benchmark seeds only a new database.")
    try:
        yield f"sqlite:///{path}"
    finally:
        close_connections()
        if keep:
            print(f"kept the database: sqlite:///{path}", file=sys.stderr)
        elif folder is not None:
            shutil.rmtree(folder)
        else:
            path.unlink(missing_ok=True)


@contextmanager
def throwaway_postgres_database(url, keep):
    import dj_database_url
    import psycopg

    parts = dj_database_url.parse(url)
    server = {
        "host": parts["HOST"] or None,
        "port": parts["PORT"] or None,
        "user": parts["USER"] or None,
        "password": parts["PASSWORD"] or None,
        "dbname": "postgres",
        "autocommit": True,
    }
    name = f"acnm_bench_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(**server) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    throwaway = urlunsplit(urlsplit(url)._replace(path=f"/{name}"))
    try:
        yield throwaway
    finally:
        close_connections()
        if keep:
            print(f"kept the database: {throwaway}", file=sys.stderr)
        else:
            with psycopg.connect(**server) as admin:
                admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def close_connections():
    """Before the database goes: PostgreSQL will not drop a database in use."""
    from django.conf import settings

    if settings.configured:
        from django.db import connections

        connections.close_all()


def set_up_django(database_url):
    os.environ["DJANGO_SETTINGS_MODULE"] = "example_site.settings"
    os.environ["DATABASE_URL"] = database_url
    os.environ["DEBUG"] = "false"
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    # Wagtail's deprecation notices, as the test suite silences them too.
    warnings.filterwarnings("ignore", category=DeprecationWarning, module="wagtail")
    warnings.filterwarnings("ignore", category=PendingDeprecationWarning)
    import django

    django.setup()


# The pages -------------------------------------------------------------------


@dataclass
class Page:
    name: str
    client: object
    path: str
    query: dict
    marker: bytes  # in the page when it shows what it should
    #: Rendered afresh each time, as the first view after a change to what
    #: the list shows; otherwise served again from the cache, as most views.
    afresh: bool = False
    #: A baseline, not held to the target.
    reference: bool = False
    times: list = field(default_factory=list)
    queries: str = ""
    sql_ms: float = 0.0
    slowest: list = field(default_factory=list)

    @property
    def url(self):
        return f"{self.path}?{urlencode(self.query)}" if self.query else self.path

    def before(self):
        """Untimed: make the list stale, as a mentor's change would."""
        if self.afresh:
            from acnm_mentoring_plugin import directory_cache

            directory_cache.changed()

    def get(self):
        response = self.client.get(self.path, self.query)
        if response.status_code != 200 or self.marker not in response.content:
            sys.exit(
                f"{self.url} answered {response.status_code} without "
                f"{self.marker!r}: the benchmark would time the wrong page."
            )
        return response


def prepare(mentors, analyze=True):
    """Migrate, seed, index and sign in; the pages to time, bare page first."""
    from django.core.management import call_command
    from django.test import Client
    from django.urls import reverse

    from acnm_mentoring_plugin.directory import listed_mentors
    from acnm_mentoring_plugin.models import AgreementTerms, Program
    from acnm_mentoring_plugin.upkeep import refresh_planner_statistics

    from .pages import directory_pages, mentor_to_visit
    from .seed import make_viewer, seed_mentors

    step = Steps()
    call_command("migrate", interactive=False, verbosity=0)
    step.done("migrated")
    program = Program.objects.create(
        name="ACNM Mentoring Program",
        slug="acnm",
        coordinator_name="Anne Hiller",
        coordinator_email="coordinator@acnm.test",
    )
    AgreementTerms.objects.create(
        program=program, version=1, text="We keep our contact confidential."
    )
    seed_mentors(program, mentors)
    step.done(f"seeded {mentors} mentors")
    # Wagtail names django-modelsearch's rebuild_modelsearch_index so.
    call_command("update_index", verbosity=0)
    step.done("built the search index")
    if analyze:
        # What the daily round (mentoring_daily) does; on PostgreSQL right
        # after a bulk load, statistics would otherwise depend on when
        # autovacuum passed by.
        refresh_planner_statistics()
        step.done("analyzed, as the daily round does")

    member = Client(HTTP_HOST=HOST)
    member.force_login(make_viewer(program).user)
    visitor = Client(HTTP_HOST=HOST)
    mentor = mentor_to_visit(program)
    pages = [
        Page(
            "bare page (a plain page of the site, signed in)",
            member,
            plain_site_page().url,
            {},
            b"site-main",
            reference=True,
        ),
        Page(
            "sign-in page, signed out",
            visitor,
            reverse("acnm_mentoring:sign_in"),
            {},
            b"acnm-page",
            reference=True,
        ),
    ]
    for name, path, query in directory_pages(program, mentor.pk):
        if name == "mentor page":
            pages.append(Page(name, member, path, query, b"/request/"))
            continue
        pages.append(Page(name, member, path, query, b"acnm-card"))
        pages.append(
            Page(f"{name}, after a change", member, path, query, b"acnm-card", True)
        )
    return pages, {"listed": listed_mentors(program).count()}


def plain_site_page():
    """A page of the site's own type with a heading and a paragraph, under
    the site's root: what a member sees of the site around the directory,
    and nothing more."""
    from wagtail.models import Site

    from example_site.home.models import StandardPage

    root = Site.objects.get(is_default_site=True).root_page
    page = root.add_child(
        instance=StandardPage(
            title="About the College",
            slug="about",
            body=[
                ("heading", "About the College"),
                ("paragraph", "<p>The College serves nuclear medicine.</p>"),
            ],
        )
    )
    page.save_revision().publish()
    return page


class Steps:
    def __init__(self):
        self.started = time.perf_counter()

    def done(self, what):
        print(f"{what} in {time.perf_counter() - self.started:.1f} s", file=sys.stderr)
        self.started = time.perf_counter()


# Measuring -------------------------------------------------------------------


class QueryTimer:
    """Times each query the page runs (``connection.execute_wrapper``);
    DEBUG's own log rounds to the millisecond, too coarse here."""

    def __init__(self):
        self.queries = []

    def __call__(self, execute, sql, params, many, context):
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            self.queries.append((time.perf_counter() - started, sql))


def count_queries(page, passes=3):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    counts, sql_ms = [], []
    if not page.afresh:
        page.get()  # served again: after whatever the page before changed
    for _ in range(passes):
        timer = QueryTimer()
        page.before()
        with (
            CaptureQueriesContext(connection) as captured,
            connection.execute_wrapper(timer),
        ):
            page.get()
        counts.append(len(captured.captured_queries))
        sql_ms.append(1000 * sum(duration for duration, _ in timer.queries))
    page.queries = (
        str(counts[0])
        if len(set(counts)) == 1
        else f"{min(counts)}–{max(counts)}"  # shown, not hidden
    )
    page.sql_ms = statistics.median(sql_ms)
    page.slowest = sorted(timer.queries, reverse=True)


def time_pages(pages, requests, warmup, profile=False):
    """Rounds of one request per page, so drift hits every page alike.

    Pages rendered afresh are timed in rounds of their own, after the
    others: making a list stale makes every list stale, so interleaved they
    would deny the others the cache they are measured with.
    """
    profilers = {}
    if profile:
        import cProfile

        profilers = {page.name: cProfile.Profile() for page in pages}
    served_again = [page for page in pages if not page.afresh]
    afresh = [page for page in pages if page.afresh]
    for group in (served_again, afresh):
        _time_rounds(group, requests, warmup, profilers)
    return profilers


def _time_rounds(pages, requests, warmup, profilers):
    for round_number in range(warmup + requests):
        for page in pages:
            profiler = profilers.get(page.name)
            page.before()
            if profiler and round_number >= warmup:
                profiler.enable()
            started = time.perf_counter()
            page.get()
            elapsed = time.perf_counter() - started
            if profiler and round_number >= warmup:
                profiler.disable()
            if round_number >= warmup:
                page.times.append(elapsed * 1000)


# Reporting -------------------------------------------------------------------


def database_description():
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SHOW server_version")
            return f"PostgreSQL {cursor.fetchone()[0].split()[0]}"
    if connection.vendor == "sqlite":
        import sqlite3

        return f"SQLite {sqlite3.sqlite_version}"
    return connection.vendor


def report(pages, counts, args):
    import django

    analyzed = args.analyze

    bare = statistics.median(pages[0].times)
    lines = [
        f"{args.mentors:,} mentors ({counts['listed']:,} listed), "
        f"{database_description()}, Python {platform.python_version()}, "
        f"Django {django.get_version()}, {os.cpu_count()} CPUs, {date.today()}; "
        f"median of {args.requests} requests per page after {args.warmup} "
        "warm-up rounds"
        + ("; ANALYZE run after seeding." if analyzed else "; no ANALYZE."),
        "",
        "| Page | URL | Median ms | × bare page | SQL queries | SQL ms |",
        "| --- | --- | ---: | ---: | ---: | ---: |",
    ]
    for page in pages:
        median = statistics.median(page.times)
        lines.append(
            f"| {page.name} | `{page.url}` | {median:.1f} | {median / bare:.2f} "
            f"| {page.queries} | {page.sql_ms:.1f} |"
        )
    measured = [page for page in pages if not page.reference]
    over = [
        page.name for page in measured if statistics.median(page.times) / bare > TARGET
    ]
    lines += [
        "",
        f"Target ≤ {TARGET}× the bare page: "
        + (
            "met by every page."
            if not over
            else f"missed by {len(over)} of {len(measured)}: {', '.join(over)}."
        ),
    ]
    return "\n".join(lines) + "\n"


def print_sql(pages):
    for page in pages:
        print(f"\n## {page.name}: {page.url}", file=sys.stderr)
        for duration, sql in page.slowest:
            print(f"{duration * 1000:8.2f} ms  {sql[:400]}", file=sys.stderr)


def print_profiles(profilers):
    import pstats

    for name, profiler in profilers.items():
        print(f"\n## {name}", file=sys.stderr)
        pstats.Stats(profiler, stream=sys.stderr).sort_stats("cumulative").print_stats(
            25
        )


def main(argv=None):
    args = parse_args(argv)
    if args.requests < 1 or args.warmup < 0 or args.mentors < 20:
        sys.exit("Need --mentors ≥ 20, --requests ≥ 1 and --warmup ≥ 0.")
    with throwaway_database(args.database_url, args.keep) as database_url:
        set_up_django(database_url)
        pages, counts = prepare(args.mentors, args.analyze)
        profilers = time_pages(pages, args.requests, args.warmup, args.profile)
        for page in pages:  # warm by now: caches filled as they stay filled
            count_queries(page)
        table = report(pages, counts, args)
    if args.show_sql:
        print_sql(pages)
    if args.profile:
        print_profiles(profilers)
    print(table)
    if args.output:
        args.output.write_text(table)


if __name__ == "__main__":
    main()
