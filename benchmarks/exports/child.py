"""The benchmark's work in processes of their own, so each export's peak
memory is its alone.

    python -m benchmarks.exports.child prepare --participants N --database-url URL
    python -m benchmarks.exports.child METHOD FILE --database-url URL [--profile]

``prepare`` migrates, seeds and analyses. METHOD is one of
``benchmarks.exports.paths.PATHS``, or ``baseline``: Django set up and
connected, nothing exported, which is what every other child holds before
it starts. Each prints one line of JSON; an export's gives the seconds it
took (Django's start-up not counted), the process's peak resident memory
and the SQL statements it sent.

Linux keeps ``ru_maxrss`` across ``exec``, and a child started by
``subprocess`` (``vfork``) begins from its parent's peak: this is why the
seeding, which grows a process to hundreds of megabytes, runs here and not
in the process that starts the exports.
"""

import argparse
import json
import resource
import sys
import time


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m benchmarks.exports.child")
    parser.add_argument("method")
    parser.add_argument("output", nargs="?")
    parser.add_argument("--database-url", required=True)
    parser.add_argument("--participants", type=int)
    parser.add_argument(
        "--profile",
        action="store_true",
        help="print a cProfile summary (cumulative time) to standard error",
    )
    args = parser.parse_args(argv)

    from benchmarks.directory.__main__ import set_up_django

    set_up_django(args.database_url)
    if args.method == "prepare":
        print(json.dumps(prepare(args.participants)))
        return

    from django.db import connection

    from .paths import PATHS

    connection.ensure_connection()
    statements = Statements()
    started = time.perf_counter()
    if args.method != "baseline":
        export = PATHS[args.method]
        with connection.execute_wrapper(statements):
            if args.profile:
                profile(export, args.output)
            else:
                export(args.output)
    seconds = time.perf_counter() - started
    print(
        json.dumps(
            {
                "seconds": seconds,
                # Kilobytes on Linux.
                "peak_rss_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
                # COPY goes through the driver, not Django: one statement.
                "queries": statements.count + (args.method == "copy"),
            }
        )
    )


def prepare(participants):
    """Migrate, seed and analyse; what was seeded, for the report."""
    from django.core.management import call_command
    from django.db import connection

    from acnm_mentoring_plugin.models import Program
    from benchmarks.directory.__main__ import Steps, database_description

    from .seed import seed_participants

    step = Steps()
    call_command("migrate", interactive=False, verbosity=0)
    step.done("migrated")
    program = Program.objects.create(
        name="ACNM Mentoring Program",
        slug="acnm",
        coordinator_name="Anne Hiller",
        coordinator_email="coordinator@acnm.test",
    )
    seeded = seed_participants(program, participants)
    step.done(f"seeded {participants:,} participants")
    # As autovacuum would after an import, and the daily round does.
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    step.done("analyzed")
    return {
        **seeded,
        "database": database_description(),
        "vendor": connection.vendor,
        "versions": versions(),
    }


def versions():
    from importlib.metadata import version

    return ", ".join(
        f"{name} {version(name)}"
        for name in ("Django", "wagtail", "django-import-export", "psycopg")
    )


class Statements:
    """Counts what Django sends (``connection.execute_wrapper``): a query
    per row shows here before it shows in the time."""

    def __init__(self):
        self.count = 0

    def __call__(self, execute, sql, params, many, context):
        self.count += 1
        return execute(sql, params, many, context)


def profile(export, output):
    import cProfile
    import pstats

    profiler = cProfile.Profile()
    profiler.runcall(export, output)
    pstats.Stats(profiler, stream=sys.stderr).sort_stats("cumulative").print_stats(30)


if __name__ == "__main__":
    main()
