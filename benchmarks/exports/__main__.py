"""How fast the participant list of a programme of 100,000 exports to CSV.

    .venv/bin/python -m benchmarks.exports [--participants 100000]
        [--database-url postgres://USER:PASSWORD@HOST:PORT/ANY | sqlite]
        [--repeat 3] [--output FILE] [--profile] [--keep]

Runs the example site (``example_site.settings``, DEBUG off) on a throwaway
database: by default a PostgreSQL database created beside the one named
(which is left alone) and dropped at the end; ``--database-url sqlite``
takes a new SQLite file instead, where COPY, PostgreSQL's own, is left out.
It migrates, seeds the participants with bulk inserts and analyses the
tables, as autovacuum would after an import.

Three ways of writing the same 12 columns of the same rows to a file are
timed (``paths.py``): the plugin's export as staff run it (``manage.py
mentoring_export participants -o FILE``), a resource written as
django-import-export documents it (``plain.py``), and PostgreSQL's ``COPY``
of the plugin's own query, the floor no Python export goes under. Each run
is a fresh process, so its peak memory is its own; a process that only
sets Django up gives the baseline every export starts from. The methods
take turns, one run each per round, so a machine that slows down mid-run
slows them alike; the plain path runs once only when it is too slow to
repeat. The files are then checked against each other: same number of
rows, and which cells differ.
"""

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from benchmarks.directory.__main__ import ROOT, throwaway_database

DEFAULT_DATABASE_URL = "postgres://acnm:acnm@127.0.0.1:5432/acnm_mentoring"
#: The issue's targets for the plugin's export.
FASTER_THAN_PLAIN = 4
WITHIN_COPY = 5
PEAK_MB = 150
#: A plain run slower than this is not repeated.
SLOW_SECONDS = 60


def parse_args(argv):
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.exports",
        description=(
            "Seed N participants and time the plugin's CSV export against a "
            "plain django-import-export resource and PostgreSQL's COPY."
        ),
    )
    parser.add_argument("--participants", type=int, default=100_000)
    parser.add_argument(
        "--database-url",
        default=DEFAULT_DATABASE_URL,
        help=(
            "postgres://USER:PASSWORD@HOST:PORT/DB: a throwaway database is "
            "created on that server and dropped after (DB itself is not "
            "touched); the role needs CREATEDB. 'sqlite': a new SQLite file "
            "in a temporary folder, without COPY. Default: "
            f"{DEFAULT_DATABASE_URL}"
        ),
    )
    parser.add_argument(
        "--repeat",
        type=int,
        default=3,
        help=(
            "runs of each method; the median is reported (default 3). The "
            f"plain path runs once if its first run takes over {SLOW_SECONDS} s"
        ),
    )
    parser.add_argument("--output", type=Path, help="also write the report here")
    parser.add_argument(
        "--profile",
        action="store_true",
        help="after the timed runs, print a cProfile summary of the plugin's export",
    )
    parser.add_argument(
        "--keep",
        action="store_true",
        help="keep the seeded database afterwards and print its URL",
    )
    return parser.parse_args(argv)


@dataclass
class Method:
    key: str
    name: str
    seconds: list = field(default_factory=list)
    peak_kb: list = field(default_factory=list)
    queries: int = 0
    rows: int | None = None

    @property
    def median(self):
        return statistics.median(self.seconds) if self.seconds else None

    @property
    def peak_mb(self):
        return max(self.peak_kb) / 1024


def run_child(method, database_url, *arguments, show_errors=False):
    """One child process (``child.py``); its line of JSON."""
    command = [sys.executable, "-m", "benchmarks.exports.child", method]
    command += [*map(str, arguments), "--database-url", database_url]
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
    if done.returncode != 0:
        sys.exit(f"{method} failed:\n{done.stderr}")
    if show_errors:
        print(done.stderr, file=sys.stderr, end="")
    return json.loads(done.stdout.strip().splitlines()[-1])


def measure(methods, folder, database_url, repeat):
    """Rounds of one run per method; the plain path leaves the rounds once
    it has proved too slow to repeat."""
    notes = []
    for round_number in range(repeat):
        for method in methods:
            if (
                method.key == "plain"
                and method.seconds
                and method.seconds[0] > SLOW_SECONDS
            ):
                if round_number == 1:
                    notes.append(
                        f"The plain path ran once: its run took "
                        f"{method.seconds[0]:.0f} s (over {SLOW_SECONDS} s)."
                    )
                continue
            result = run_child(method.key, database_url, folder / f"{method.key}.csv")
            if method.key != "baseline":
                method.seconds.append(result["seconds"])
            method.peak_kb.append(result["peak_rss_kb"])
            method.queries = result["queries"]
            print(
                f"round {round_number + 1}: {method.key} {result['seconds']:.2f} s, "
                f"{result['peak_rss_kb'] / 1024:.0f} MB",
                file=sys.stderr,
            )
    return notes


def compare(methods, folder):
    """Same rows in every file, and which cells differ from the plugin's."""
    from .files import count_rows, differences

    exported = [method for method in methods if method.key != "baseline"]
    for method in exported:
        method.rows = count_rows(folder / f"{method.key}.csv")
    counts = {method.rows for method in exported}
    lines = []
    if len(counts) != 1:
        lines.append(
            "**The files do not have the same number of rows**: "
            + ", ".join(f"{method.key} {method.rows:,}" for method in exported)
            + ". The times compare different things."
        )
        return lines, False
    lines.append(f"Every file has {counts.pop():,} data rows.")
    plugin = folder / "plugin.csv"
    for method in exported:
        if method.key == "plugin":
            continue
        same_header, found = differences(plugin, folder / f"{method.key}.csv")
        what = "" if same_header else " The header differs."
        if not found:
            lines.append(f"The {method.key} file has the plugin's cells.{what}")
            continue
        detail = "; ".join(
            f"{name} in {count:,} rows (e.g. {mine!r} / {theirs!r})"
            for name, (count, (mine, theirs)) in found.items()
        )
        lines.append(
            f"The {method.key} file differs from the plugin's (plugin / "
            f"{method.key}):{what} {detail}."
            + (
                " Expected: COPY writes the stored codes where the plugin "
                "writes labels, and names its columns after the query's."
                if method.key == "copy"
                else ""
            )
        )
    return lines, True


def environment(seeded, args):
    return (
        f"{seeded['participants']:,} participants ({seeded['mentees']:,} mentees, "
        f"{seeded['mentors']:,} mentors; {seeded['applications']:,} applications "
        f"with those superseded; {seeded['active']:,} mentees with an active "
        f"mentor), {seeded['database']}, Python {platform.python_version()}, "
        f"{seeded['versions']}, "
        f"{os.cpu_count()} CPUs, {date.today()}; the median of "
        f"{args.repeat} run{'s' if args.repeat > 1 else ''} per method, each in "
        "a fresh process."
    )


def report(methods, seeded, args, notes, comparison):
    by_key = {method.key: method for method in methods}
    baseline, plugin = by_key["baseline"], by_key["plugin"]
    plain, copy = by_key["plain"], by_key.get("copy")
    lines = [
        environment(seeded, args),
        "",
        "| Method | Seconds | × COPY | × faster than plain | Peak RSS MB "
        "| Over baseline MB | SQL statements | Rows |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
        f"| {baseline.name} | – | – | – | {baseline.peak_mb:.0f} | 0 | – | – |",
    ]
    for method in methods[1:]:
        seconds = method.median
        runs = " (1 run)" if len(method.seconds) < args.repeat else ""
        lines.append(
            f"| {method.name}{runs} | {seconds:.2f} "
            f"| {f'{seconds / copy.median:.1f}' if copy else '–'} "
            f"| {plain.median / seconds:.1f} | {method.peak_mb:.0f} "
            f"| {method.peak_mb - baseline.peak_mb:.0f} | {method.queries:,} "
            f"| {method.rows:,} |"
        )
    lines += ["", *(f"- {line}" for line in notes + comparison[0]), ""]
    if not comparison[1]:
        return "\n".join(lines) + "\n"
    speed_up = plain.median / plugin.median
    verdicts = [
        (
            f"≥ {FASTER_THAN_PLAIN}× faster than the plain path",
            speed_up >= FASTER_THAN_PLAIN,
            f"{speed_up:.1f}×",
        )
    ]
    if copy:
        ratio = plugin.median / copy.median
        verdicts.append(
            (f"within {WITHIN_COPY}× of COPY", ratio <= WITHIN_COPY, f"{ratio:.1f}×")
        )
    verdicts.append(
        (
            f"peak ≤ {PEAK_MB} MB",
            plugin.peak_mb <= PEAK_MB,
            f"{plugin.peak_mb:.0f} MB ({plugin.peak_mb - baseline.peak_mb:.0f} MB "
            f"over the {baseline.peak_mb:.0f} MB of Django alone)",
        )
    )
    lines.append("Targets for the plugin's export:")
    lines += [
        f"- {target}: **{'met' if held else 'missed'}**, {value}."
        for target, held, value in verdicts
    ]
    if not copy:
        lines.append(
            f"- within {WITHIN_COPY}× of COPY: not measured, COPY is "
            "PostgreSQL's (run with a postgres:// --database-url)."
        )
    return "\n".join(lines) + "\n"


def main(argv=None):
    args = parse_args(argv)
    if args.participants < 12 or args.repeat < 1:
        sys.exit("Need --participants ≥ 12 and --repeat ≥ 1.")
    url = None if args.database_url in ("sqlite", "sqlite://") else args.database_url
    with (
        throwaway_database(url, args.keep) as database_url,
        tempfile.TemporaryDirectory(prefix="acnm-export-bench-") as folder,
    ):
        seeded = run_child(
            "prepare",
            database_url,
            "--participants",
            args.participants,
            show_errors=True,
        )
        methods = [
            Method("baseline", "baseline: Django set up, nothing exported"),
            Method("plugin", "the plugin: `mentoring_export participants -o FILE`"),
            Method("plain", "plain django-import-export: `resource.export().csv`"),
        ]
        if seeded["vendor"] == "postgresql":
            methods.append(Method("copy", "PostgreSQL `COPY (…) TO STDOUT CSV`"))
        started = time.perf_counter()
        notes = measure(methods, Path(folder), database_url, args.repeat)
        print(f"measured in {time.perf_counter() - started:.0f} s", file=sys.stderr)
        comparison = compare(methods, Path(folder))
        if args.profile:
            print("\n## cProfile of the plugin's export", file=sys.stderr)
            run_child(
                "plugin",
                database_url,
                Path(folder) / "profiled.csv",
                "--profile",
                show_errors=True,
            )
        text = report(methods, seeded, args, notes, comparison)
    print(text)
    if args.output:
        args.output.write_text(text)


if __name__ == "__main__":
    main()
