"""The example site under load: gunicorn on PostgreSQL, wrk on loopback.

    .venv/bin/python -m benchmarks.load [--mentors 1000]
        [--database-url postgres://USER:PASSWORD@HOST:PORT/acnm_mentoring_load]
        [--connections 32] [--duration 10] [--rounds 3] [--warmup 3]
        [--workers 4] [--threads 1] [--output FILE] [--keep]

Creates the database named in the URL (refused if it exists: the benchmark
seeds only a new one) and drops it at the end. A child process seeds it
(``prepare.py``): the example site's demo, N mentors with their mentees and
pairs, a plain page, and two members signed in. Then gunicorn serves the
site (``benchmarks.load.settings``: the production settings, DEBUG off) on a
free port of 127.0.0.1, and each target is checked once by hand (status,
what the page must show, where the form post leads) before wrk loads it:
a 302 to the sign-in page would otherwise count as a success.

wrk (Debian's; installed with apt-get when missing and allowed) keeps
``--connections`` connections busy from two threads, each sending its next
request when the last one is answered, for ``--duration`` seconds, after a
``--warmup`` of the same target that fills the workers' caches and
database connections and takes what the previous target left queued. The
targets take turns, one run each per round, so a machine that slows down
mid-run slows them all alike; the median of the rounds is reported, and
the worst round's p99 beside it. wrk counts as errors answers of 400 and
over and every socket error (connect, read, write, and requests unanswered
after two seconds). After the runs, the contacts the pair logged are
counted: every form post answered must have saved one.

Requests per second are compared with a plain page of the site requested
by the same signed-in member in the same run, as the other benchmarks do;
the floor (a plain text response) shows what gunicorn and the middleware
cost alone. wrk runs on the same two cores as gunicorn and PostgreSQL.
"""

import argparse
import json
import os
import platform
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from http.client import HTTPConnection
from pathlib import Path

from . import HOST

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
DEFAULT_DATABASE_URL = "postgres://acnm:acnm@127.0.0.1:5432/acnm_mentoring_load"
#: The targets the issue holds to account, and their limits.
HELD = ("programme", "directory", "contact")
P99_MS = 250
WRK_TIMEOUT = "2s"


def parse_args(argv):
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.load",
        description=(
            "Serve the example site with gunicorn on PostgreSQL and load a "
            "public page, the mentor directory and a form post with wrk."
        ),
    )
    parser.add_argument("--mentors", type=int, default=1000)
    parser.add_argument(
        "--database-url",
        default=DEFAULT_DATABASE_URL,
        help=(
            "postgres://USER:PASSWORD@HOST:PORT/DB: DB is created for the run "
            "(the role needs CREATEDB) and dropped after; refused if it exists. "
            f"Default: {DEFAULT_DATABASE_URL}"
        ),
    )
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument(
        "--duration", type=int, default=10, help="seconds of each timed run (10)"
    )
    parser.add_argument(
        "--rounds", type=int, default=3, help="timed runs of each target (3)"
    )
    parser.add_argument(
        "--warmup",
        type=int,
        default=3,
        help="seconds of load on a target before each of its runs (3)",
    )
    parser.add_argument(
        "--workers",
        type=int,
        default=4,
        help="gunicorn worker processes (4: two per core, so one works while "
        "another waits on the database)",
    )
    parser.add_argument(
        "--threads",
        type=int,
        default=1,
        help="threads per worker (1: gunicorn's sync workers; threads share "
        "one interpreter lock, which on two cores left the slowest hundredth "
        "of even a plain text response waiting some 350 ms)",
    )
    parser.add_argument("--output", type=Path, help="also write the report here")
    parser.add_argument(
        "--keep",
        action="store_true",
        help="keep the database afterwards and print its URL",
    )
    parser.add_argument(
        "--reuse",
        action="store_true",
        help="load the database a run with --keep left, as it is (no seeding), "
        "and keep it: to compare gunicorn settings",
    )
    return parser.parse_args(argv)


# wrk -------------------------------------------------------------------------


def ensure_wrk():
    """wrk from Debian, installed when missing; otherwise a clear refusal."""
    if shutil.which("wrk"):
        return shutil.which("wrk")
    if shutil.which("apt-get") and os.geteuid() == 0:
        print("installing wrk with apt-get", file=sys.stderr)
        subprocess.run(
            ["apt-get", "install", "-y", "--no-install-recommends", "wrk"],
            check=False,
            stdout=subprocess.DEVNULL,
        )
        if shutil.which("wrk"):
            return shutil.which("wrk")
    sys.exit(
        "The load benchmark needs wrk, the HTTP load generator: "
        "`sudo apt-get install -y --no-install-recommends wrk` on Debian or "
        "Ubuntu, `brew install wrk` on macOS; then run it again."
    )


# The database ----------------------------------------------------------------


@contextmanager
def new_database(url, keep, reuse=False):
    """The database named in ``url``, created for the run and dropped after;
    with ``reuse``, the one a run with ``--keep`` left, kept again."""
    import psycopg

    parts = urllib.parse.urlsplit(url)
    if not parts.scheme.startswith("postgres"):
        sys.exit("The load benchmark runs on PostgreSQL: give a postgres:// URL.")
    name = parts.path.lstrip("/")
    server = {
        "host": parts.hostname,
        "port": parts.port,
        "user": urllib.parse.unquote(parts.username or "") or None,
        "password": urllib.parse.unquote(parts.password or "") or None,
        "dbname": "postgres",
        "autocommit": True,
    }
    with psycopg.connect(**server) as admin:
        exists = admin.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [name]
        ).fetchone()
        if reuse and not exists:
            sys.exit(f"No database {name} to reuse: run once with --keep.")
        if exists and not reuse:
            sys.exit(
                f"The database {name} exists: the benchmark seeds only a new "
                f"one. Drop it (`dropdb {name}`) if a run left it, or name "
                "another in --database-url."
            )
        if not reuse:
            admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield url
    finally:
        if keep:
            print(f"kept the database: {url}", file=sys.stderr)
        else:
            with psycopg.connect(**server) as admin:
                admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def environment(database_url):
    """What the production settings require, for a site on loopback: the
    demo identity provider's names (never reached), no e-mail sent, and
    each process's own memory for the cache (no Redis here; the form
    limits are raised, and the page cache is filled per process)."""
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "benchmarks.load.settings",
        "DATABASE_URL": database_url,
        "DEBUG": "false",
        "PYTHONPATH": str(ROOT),
        "SECRET_KEY": "load-benchmark-" + "not-secret-" * 5,
        "ALLOWED_HOSTS": HOST,
        "SITE_URL": f"http://{HOST}",
        "CACHE_URL": "locmem://",
        "EMAIL_HOST": HOST,
        "DEFAULT_FROM_EMAIL": "Mentoring <mentoring@acnm.example>",
        "OIDC_SERVER_URL": f"http://{HOST}:8001/o",
        "OIDC_CLIENT_ID": "acnm-demo",
        "OIDC_CLIENT_SECRET": "acnm-demo-secret",
    }


def run_prepare(env, *arguments):
    command = [sys.executable, "-m", "benchmarks.load.prepare", *map(str, arguments)]
    done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True)
    print(done.stderr, file=sys.stderr, end="")
    if done.returncode != 0:
        sys.exit(f"prepare {arguments[0]} failed")
    return json.loads(done.stdout.strip().splitlines()[-1])


# The server ------------------------------------------------------------------


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def gunicorn_command(port, workers, threads):
    command = [
        str(Path(sys.executable).with_name("gunicorn")),
        "example_site.wsgi:application",
        "--chdir",
        str(ROOT),
        "--bind",
        f"127.0.0.1:{port}",
        "--workers",
        str(workers),
    ]
    if threads > 1:
        command += ["--worker-class", "gthread", "--threads", str(threads)]
    return command


@contextmanager
def gunicorn(env, workers, threads, log):
    port = free_port()
    command = gunicorn_command(port, workers, threads)
    if not Path(command[0]).exists():
        sys.exit(
            "gunicorn is not installed in this virtualenv: "
            "`pip install -e '.[benchmark]'` (make benchmark-load does it)."
        )
    with open(log, "w") as output:
        server = subprocess.Popen(
            command, cwd=ROOT, env=env, stdout=output, stderr=subprocess.STDOUT
        )
    try:
        wait_for(port, server, log)
        yield port, server.pid
    finally:
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def wait_for(port, server, log):
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            sys.exit(f"gunicorn stopped:\n{Path(log).read_text()}")
        try:
            status, _, _ = request(port, {"path": "/load-floor/"})
        except OSError:
            time.sleep(0.2)
            continue
        if status == 200:
            return
    sys.exit(f"gunicorn did not answer in 60 s:\n{Path(log).read_text()}")


def request(port, target):
    """One request as wrk will send it: status, headers and body."""
    connection = HTTPConnection(HOST, port, timeout=10)
    headers = {"Host": HOST}
    if target.get("cookie"):
        headers["Cookie"] = target["cookie"]
    body = target.get("body")
    if body:
        headers["Content-Type"] = "application/x-www-form-urlencoded"
    try:
        connection.request(
            target.get("method", "GET"), target["path"], body=body, headers=headers
        )
        response = connection.getresponse()
        return response.status, dict(response.getheaders()), response.read()
    finally:
        connection.close()


def check(port, target, workers):
    """The target answers as it should, or the benchmark would load the wrong
    thing. A cached target must be seen served from the cache (Django's
    ``Age`` header) within a few tries, one per worker at most."""
    status, headers, body = request(port, target)
    expected = target.get("status", 200)
    if status != expected:
        sys.exit(
            f"{target['name']}: {target['path']} answered {status}, not {expected}."
        )
    if "marker" in target and target["marker"].encode() not in body:
        sys.exit(f"{target['name']}: the page lacks {target['marker']!r}.")
    if "location" in target:
        location = urllib.parse.urlsplit(headers.get("Location", ""))
        if location.path != target["location"] or location.fragment:
            sys.exit(
                f"{target['name']}: sent to {headers.get('Location')!r}, not "
                f"{target['location']!r}: the form was refused or invalid."
            )
    if target.get("cached"):
        for _ in range(workers * 4):
            _, headers, _ = request(port, target)
            if "Age" in headers:
                return
        sys.exit(
            f"{target['name']}: never served from the page cache; its "
            f"headers: {headers}"
        )
    elif "Age" in headers:
        sys.exit(f"{target['name']}: served from the page cache, and should not be.")


# Load ------------------------------------------------------------------------


class ServerCpu:
    """CPU seconds spent by gunicorn's processes and by the PostgreSQL
    backends of the benchmark's database (Linux's ``/proc``).

    Busy neighbours on a shared machine stretch every latency, but hardly
    the CPU a request takes: divided by the requests, this is the cost of a
    page, and two cores' worth of it the most a quiet machine could serve.
    """

    def __init__(self, master_pid, database_url):
        self.master_pid = master_pid
        self.database_url = database_url
        self.available = Path("/proc/self/stat").exists()

    def processes(self):
        import psycopg

        pids = {self.master_pid}
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                fields = stat.read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == self.master_pid:
                pids.add(int(stat.parent.name))
        name = urllib.parse.urlsplit(self.database_url).path.lstrip("/")
        parts = urllib.parse.urlsplit(self.database_url)
        with psycopg.connect(
            host=parts.hostname,
            port=parts.port,
            user=urllib.parse.unquote(parts.username or "") or None,
            password=urllib.parse.unquote(parts.password or "") or None,
            dbname=name,
        ) as connection:
            rows = connection.execute(
                "SELECT pid FROM pg_stat_activity "
                "WHERE datname = %s AND pid <> pg_backend_pid()",
                [name],
            ).fetchall()
        return pids | {pid for (pid,) in rows}

    def seconds(self):
        """CPU seconds of each process now, by pid."""
        if not self.available:
            return {}
        ticks = os.sysconf("SC_CLK_TCK")
        spent = {}
        for pid in self.processes():
            try:
                fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1]
            except OSError:
                continue
            utime, stime = fields.split()[11:13]
            spent[pid] = (int(utime) + int(stime)) / ticks
        return spent

    @staticmethod
    def between(before, after):
        return sum(after[pid] - before.get(pid, 0) for pid in after)


@dataclass
class Run:
    requests: int
    seconds: float
    p50_ms: float
    p90_ms: float
    p99_ms: float
    max_ms: float
    errors: dict
    cpu_seconds: float | None = None

    @property
    def per_second(self):
        return self.requests / self.seconds

    @property
    def cpu_ms(self):
        if self.cpu_seconds is None or not self.requests:
            return None
        return 1000 * self.cpu_seconds / self.requests


@dataclass
class Target:
    spec: dict
    runs: list = field(default_factory=list)
    warm_up_requests: int = 0

    @property
    def key(self):
        return self.spec["key"]

    @property
    def name(self):
        return self.spec["name"]

    def median(self, attribute):
        values = [getattr(run, attribute) for run in self.runs]
        if None in values:
            return None
        return statistics.median(values)

    @property
    def worst_p99(self):
        return max(run.p99_ms for run in self.runs)

    @property
    def errors(self):
        totals = {}
        for run in self.runs:
            for kind, count in run.errors.items():
                totals[kind] = totals.get(kind, 0) + count
        return totals


def load(wrk, port, target, seconds, connections):
    """One run of wrk against ``target``; what it counted."""
    command = [
        wrk,
        "--threads",
        "2",
        "--connections",
        str(connections),
        "--duration",
        f"{seconds}s",
        "--timeout",
        WRK_TIMEOUT,
        "--script",
        str(HERE / "report.lua"),
    ]
    if target.get("cookie"):
        command += ["--header", f"Cookie: {target['cookie']}"]
    env = {**os.environ, "WRK_METHOD": target.get("method", "GET")}
    if target.get("body"):
        env["WRK_BODY"] = target["body"]
    command.append(f"http://{HOST}:{port}{target['path']}")
    done = subprocess.run(command, capture_output=True, text=True, env=env)
    if done.returncode != 0:
        sys.exit(f"wrk failed:\n{done.stdout}\n{done.stderr}")
    line = [text for text in done.stdout.splitlines() if text.startswith("{")][-1]
    counted = json.loads(line)
    return Run(
        requests=counted["requests"],
        seconds=counted["duration_us"] / 1e6,
        p50_ms=counted["p50_us"] / 1000,
        p90_ms=counted["p90_us"] / 1000,
        p99_ms=counted["p99_us"] / 1000,
        max_ms=counted["max_us"] / 1000,
        errors={
            kind: counted[kind]
            for kind in ("status", "connect", "read", "write", "timeout")
        },
    )


def measure(wrk, port, targets, args, cpu):
    for round_number in range(args.rounds):
        for target in targets:
            # Each run follows a warm-up of its own target, which also takes
            # what the previous target left queued: a dear page's last
            # requests would otherwise be answered in the next run's first
            # second, and counted as its slowest.
            warm = load(wrk, port, target.spec, args.warmup, args.connections)
            target.warm_up_requests += warm.requests
            before = cpu.seconds()
            run = load(wrk, port, target.spec, args.duration, args.connections)
            if cpu.available:
                run.cpu_seconds = cpu.between(before, cpu.seconds())
            target.runs.append(run)
            print(
                f"round {round_number + 1}: {target.key} {run.per_second:.0f}/s, "
                f"p50 {run.p50_ms:.1f} ms, p99 {run.p99_ms:.1f} ms, "
                f"errors {sum(run.errors.values())}"
                + (f", {run.cpu_ms:.1f} CPU ms/request" if run.cpu_ms else ""),
                file=sys.stderr,
            )


# Reporting -------------------------------------------------------------------


def load_average():
    try:
        return " / ".join(f"{value:.2f}" for value in os.getloadavg())
    except OSError:
        return "unknown"


def cpu_cell(cpu_ms, baseline_cpu):
    if cpu_ms is None:
        return "– | –"
    return f"{cpu_ms:.1f} | {cpu_ms / baseline_cpu:.2f}"


def report(targets, prepared, args, notes):
    seeded = prepared["seeded"]
    by_key = {target.key: target for target in targets}
    baseline = by_key["plain"].median("per_second")
    baseline_cpu = by_key["plain"].median("cpu_ms")
    server = (
        f"{args.workers} sync workers"
        if args.threads == 1
        else f"{args.workers} workers × {args.threads} threads (gthread)"
    )
    lines = [
        f"{seeded['mentors']:,} mentors ({seeded['listed']:,} listed), "
        f"{seeded['members']:,} members, {seeded['pairs']:,} pairs "
        f"({seeded['live_pairs']:,} under way); {prepared['database']}, "
        f"{prepared['versions']}, Python {platform.python_version()}, "
        f"{os.cpu_count()} CPUs; gunicorn {server}; wrk, 2 threads, "
        f"{args.connections} connections, {args.rounds} × {args.duration} s "
        f"per target, each after {args.warmup} s of warm-up; settings "
        f"{prepared['settings']}; {notes['started']} (load average before: "
        f"{notes['load_before']}, after: {load_average()}).",
        "",
        "| Target | Requests/s | × baseline | p50 ms | p99 ms | worst p99 ms "
        "| Errors | Server CPU ms per request | × baseline CPU |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for target in targets:
        errors = target.errors
        total = sum(errors.values())
        detail = ", ".join(f"{count} {kind}" for kind, count in errors.items() if count)
        lines.append(
            f"| {target.name} | {target.median('per_second'):,.0f} "
            f"| {target.median('per_second') / baseline:.2f} "
            f"| {target.median('p50_ms'):.1f} | {target.median('p99_ms'):.1f} "
            f"| {target.worst_p99:.1f} | {total}{f' ({detail})' if detail else ''} "
            f"| {cpu_cell(target.median('cpu_ms'), baseline_cpu)} |"
        )
    lines += [
        "",
        f"- Form posts answered: {notes['posted']:,} in the timed runs and "
        f"{notes['posted_warming_up']:,} in their warm-ups; contacts saved "
        f"meanwhile: {notes['saved']:,} (posts wrk gave up on after its "
        "timeout, and those in flight when a run stops, are saved uncounted).",
        "",
        f"Targets (p99 < {P99_MS} ms, median of the rounds, and no error):",
    ]
    for key in HELD:
        target = by_key[key]
        p99, errors = target.median("p99_ms"), sum(target.errors.values())
        held = p99 < P99_MS and errors == 0
        lines.append(
            f"- {target.name}: **{'met' if held else 'missed'}**, p99 "
            f"{p99:.0f} ms (worst round {target.worst_p99:.0f} ms), "
            f"{errors} error{'s' if errors != 1 else ''}."
        )
    return "\n".join(lines) + "\n"


def main(argv=None):
    args = parse_args(argv)
    if min(args.connections, args.duration, args.rounds, args.workers) < 1:
        sys.exit("Need --connections, --duration, --rounds and --workers ≥ 1.")
    if args.threads < 1 or args.warmup < 1 or args.mentors < 20:
        sys.exit("Need --threads ≥ 1, --warmup ≥ 1 and --mentors ≥ 20.")
    wrk = ensure_wrk()
    with (
        new_database(
            args.database_url, args.keep or args.reuse, args.reuse
        ) as database_url,
        tempfile.TemporaryDirectory(prefix="acnm-load-bench-") as folder,
    ):
        env = environment(database_url)
        if not args.reuse:
            run_prepare(env, "seed", "--mentors", args.mentors)
        prepared = run_prepare(env, "targets")
        targets = [Target(spec) for spec in prepared["targets"]]
        log = Path(folder) / "gunicorn.log"
        notes = {
            "started": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
            "load_before": load_average(),
        }
        with gunicorn(env, args.workers, args.threads, log) as (port, pid):
            for target in targets:
                check(port, target.spec, args.workers)
            before = run_prepare(env, "contacts", prepared["pair"])["contacts"]
            measure(wrk, port, targets, args, ServerCpu(pid, database_url))
        notes["saved"] = (
            run_prepare(env, "contacts", prepared["pair"])["contacts"] - before
        )
        posts = next(target for target in targets if target.key == "contact")
        notes["posted"] = sum(run.requests for run in posts.runs)
        notes["posted_warming_up"] = posts.warm_up_requests
        errors = [line for line in log.read_text().splitlines() if "Error" in line]
        if errors:
            print("gunicorn logged errors:\n" + "\n".join(errors[:20]), file=sys.stderr)
        text = report(targets, prepared, args, notes)
    print(text)
    if args.output:
        args.output.write_text(text)


if __name__ == "__main__":
    main()
