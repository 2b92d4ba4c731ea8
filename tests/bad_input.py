"""Bad input for the plugin's forms, and the check that it changed nothing.

The strategies send what a careless client, an old bookmark or a hostile
visitor sends: megabyte strings, astral and right-to-left text, combining
marks, NUL and other control characters, fields left out, the same field
twice, text where a number, a date or an id belongs, huge and negative
numbers, and the ids of other members' records or of none at all.

``Harness.case`` sends one of them through Django's test client and says
whether the plugin's records, its activity records, Wagtail's and Django's
logs and the outbox are exactly as before (a refusal) or changed only as a
success changes them. Each case runs inside a savepoint that is rolled back,
so the data built once per test serves every example.
"""

import hashlib
import uuid
from contextlib import contextmanager, suppress
from functools import cache
from urllib.parse import quote

from django.apps import apps
from django.contrib.messages import get_messages
from django.core import mail
from django.core.cache import caches
from django.db import connection, transaction
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

#: Repeatable in CI; every example runs however long it takes.
FUZZ = settings(
    derandomize=True,
    deadline=None,
    database=None,
    print_blob=False,
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
        HealthCheck.large_base_example,
        HealthCheck.filter_too_much,
    ],
)

MB = 1024 * 1024
#: Characters a form meets in the wild and few forms expect.
ODD_CHARACTERS = [
    "\x00",  # NUL: PostgreSQL refuses it in text
    "\x07\x08\x1b",  # other control characters
    "\r\n",
    "\t",
    "\u202e",  # right-to-left override
    "\u200f\u05e9\u05dc\u05d5\u05dd",  # right-to-left mark, Hebrew
    "\u0645\u0631\u062d\u0628\u0627",  # Arabic
    "e\u0301\u0301\u0301",  # combining accents
    "\u200b\u200d\ufeff",  # zero-width characters, byte order mark
    "\U0001f9ea\U0001f469\u200d\U0001f52c",  # astral emoji and a ZWJ sequence
    "\U00010348\U0001d11e",  # astral letters and a musical symbol
    "\ufffd\uffff",  # replacement character, a non-character
    "\u2028\u2029",  # line and paragraph separators
    "Ω\u0338",  # a combining overlay
]
#: Text where a number, a date, a choice or an id belongs.
WRONG_TYPES = [
    "",
    " ",
    "abc",
    "0",
    "-1",
    "-99999999999999999999",
    "1" * 40,
    str(2**63),
    str(2**64 + 1),
    "1e309",
    "NaN",
    "inf",
    "1.5",
    "0x10",
    "١٢",  # Arabic-Indic digits
    "２０２７",  # full-width digits
    "2026-02-30",
    "0000-00-00",
    "9999-12-31",
    "10000-01-01",
    "31/12/2026",
    "2026-13-01 25:61",
    "00000000-0000-0000-0000-000000000000",
    str(uuid.UUID(int=2**128 - 1)),
    "not-a-uuid",
    "true",
    "on",
    "None",
    "null",
    "[]",
    "{}",
    "<script>alert(1)</script>",
    "'; DROP TABLE acnm_mentoring_member; --",
    "%00",
    "../../../etc/passwd",
    "javascript:alert(1)",
    "//evil.example/",
    "https://evil.example/",
    "/\\evil.example",
    "\\\\evil.example",
    " /mentoring/",
]


@cache
def oversize():
    """About a megabyte of one odd unit, built without generating it."""
    return st.sampled_from(
        ["x", "é", "\U0001f9ea", "\u202e", "a\u0301", "\x00", "9"]
    ).map(lambda unit: unit * (MB // len(unit.encode("utf-8"))))


@cache
def odd_text(max_size=40):
    """Short text mixing ordinary letters with odd characters."""
    alphabet = st.characters(
        codec="utf-8",  # what an HTTP client can send: no lone surrogates
        categories=["L", "M", "N", "P", "S", "Z", "Cc", "Cf", "Co"],
    )
    return st.one_of(
        st.text(alphabet, max_size=max_size),
        st.lists(
            st.one_of(st.sampled_from(ODD_CHARACTERS), st.text(max_size=8)),
            max_size=6,
        ).map("".join),
    )


@cache
def bad_scalar():
    """One bad value for one field; one in forty is a megabyte long (they
    cost the most to send, and one field too long is enough to tell)."""
    kinds = {
        "odd": odd_text(),
        "wrong": st.sampled_from(WRONG_TYPES),
        "number": st.integers(min_value=-(2**70), max_value=2**70).map(str),
        "huge": oversize(),
    }
    weights = ["odd"] * 18 + ["wrong"] * 14 + ["number"] * 7 + ["huge"]
    return st.sampled_from(weights).flatmap(kinds.__getitem__)


#: A field left out of the request altogether.
MISSING = object()


@cache
def bad_value():
    """A field's value: bad, sent twice (a list), or left out."""
    return st.one_of(
        bad_scalar(),
        st.lists(bad_scalar(), min_size=2, max_size=3),
        st.just(MISSING),
    )


@st.composite
def bad_form(draw, valid, extra=None, keep_weight=2):
    """``valid`` (a dict of field -> good value) with some fields spoiled.

    Each field keeps its good value, is left out, gets a bad value, or is
    sent twice (the good value and a bad one, in either order). ``extra``
    maps a field to a strategy of values that are right in type but wrong
    in fact: another member's id, a choice that does not exist.
    """
    extra = extra or {}
    data = {}
    for name, good in valid.items():
        kind = draw(st.sampled_from(["keep"] * keep_weight + ["bad", "twice", "fact"]))
        if kind == "keep":
            value = good
        elif kind == "fact" and name in extra:
            value = draw(extra[name])
        elif kind == "twice":
            other = draw(extra[name] if name in extra else bad_scalar())
            goods = good if isinstance(good, list) else [good]
            value = draw(st.sampled_from([[*goods, other], [other, *goods]]))
        else:
            value = draw(bad_value())
        if value is not MISSING:
            data[name] = value
    # Fields nobody asked for.
    if draw(st.booleans()):
        data[
            draw(
                st.sampled_from(
                    ["id", "pk", "status", "member", "program", "__proto__", "\x00"]
                )
            )
        ] = draw(bad_scalar())
    return data


def ids(own, others=(), text=True):
    """An id field: the member's own, another member's, one of nothing, junk."""
    options = [st.sampled_from([str(value) for value in own])] if own else []
    if others:
        options.append(st.sampled_from([str(value) for value in others]))
    options.append(
        st.sampled_from(["0", "-1", "999999", str(2**63), str(2**64), "1" * 30])
    )
    if text:
        options.append(bad_scalar())
    return st.one_of(options)


def uuids(own=(), others=()):
    """A public id in a URL: the member's own, another pair's, or nobody's."""
    return st.one_of(
        *([st.sampled_from(list(own))] if own else []),
        *([st.sampled_from(list(others))] if others else []),
        st.uuids(),
    )


@cache
def raw_query():
    """A query string as a client could send it, percent-escapes and all."""
    key = st.sampled_from(
        [
            "q",
            "field",
            "direction",
            "level",
            "place",
            "accepting",
            "page",
            "next",
            "mentee",
            "program",
            "cohort",
            "status",
            "role",
            "ordering",
        ]
    )
    piece = st.one_of(
        st.sampled_from(
            [
                "%ff",
                "%fe%ff",
                "%00",
                "%",
                "%zz",
                "%e2%80%ae",
                "+",
                "&&",
                "=",
                "==",
                ";",
                "%0d%0a",
            ]
        ),
        bad_scalar().filter(lambda s: len(s) < 2000),
    )
    pair = st.tuples(key, st.lists(piece, max_size=3).map("".join)).map(
        lambda kv: f"{kv[0]}={kv[1]}"
    )
    # Whatever is not ASCII goes percent-encoded, as a client sends it; the
    # escapes already there, valid or not, go as they are.
    return st.lists(pair, max_size=6).map(
        lambda pairs: quote("&".join(pairs), safe="%&=+;/?:@!$'()*,~")
    )


# The state a case may change -----------------------------------------------------


def tracked_models():
    """Every table whose rows a form of the plugin could write: the plugin's
    own (with its many-to-many tables), its pages, the members' user
    accounts, and the logs that record who did what."""
    tracked = []
    for label in ("acnm_mentoring", "acnm_mentoring_wagtail", "acnm_mentoring_pages"):
        try:
            config = apps.get_app_config(label)
        except LookupError:
            continue
        tracked.extend(config.get_models(include_auto_created=True))
    for name in (
        "accounts.User",
        "auth.Group",
        "wagtailcore.Page",
        "wagtailcore.Revision",
        "wagtailcore.ModelLogEntry",
        "wagtailcore.PageLogEntry",
        "admin.LogEntry",
        "account.EmailAddress",
        "socialaccount.SocialAccount",
    ):
        with suppress(LookupError):
            tracked.append(apps.get_model(name))
    return tracked


class Snapshot(dict):
    """Table label -> (row count, digest of every row)."""

    def changed(self, other):
        return sorted(key for key in self if self[key] != other.get(key))


def _rows(model):
    """The table's rows as stored, without any field's conversion."""
    table = connection.ops.quote_name(model._meta.db_table)
    pk = connection.ops.quote_name(model._meta.pk.column)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT * FROM {table} ORDER BY {pk}")  # noqa: S608
        return cursor.fetchall()


def writes_so_far():
    """A count that grows with every row written, where the database keeps
    one (SQLite); None elsewhere, and every case is compared in full."""
    if connection.vendor != "sqlite":
        return None
    with connection.cursor() as cursor:
        cursor.execute("SELECT total_changes()")
        return cursor.fetchone()[0]


def take_snapshot(models):
    state = Snapshot()
    for model in models:
        rows = _rows(model)
        digest = hashlib.blake2b(
            repr(rows).encode("utf-8", "backslashreplace"), digest_size=16
        )
        state[model._meta.label] = (len(rows), digest.hexdigest())
    return state


def rows_with_nul(models, labels):
    """Rows of the changed tables holding a NUL, which PostgreSQL refuses."""
    found = []
    for model in models:
        if model._meta.label not in labels:
            continue
        for row in _rows(model):
            if any(isinstance(value, str) and "\x00" in value for value in row):
                found.append((model._meta.label, row[0]))
    return found


@contextmanager
def rolled_back():
    """Whatever the case writes is undone afterwards, success or not."""
    with transaction.atomic():
        yield
        transaction.set_rollback(True)


class Outcome:
    """What one case did: the response, its messages, the tables it changed."""

    def __init__(self, response, messages):
        self.response = response
        self.messages = messages
        self.before = self.after = None
        self.changed = []

    def compare(self, before, after):
        """``before`` and ``after`` are None when nothing was written."""
        self.before, self.after = before, after
        self.changed = before.changed(after) if before is not None else []
        if mail.outbox:
            self.changed.append("outbox")

    @property
    def status(self):
        return self.response.status_code

    def message_levels(self):
        return {message.level_tag for message in self.messages}

    def delta(self, label):
        """How many rows the table gained."""
        if self.before is None:
            return 0
        return self.after[label][0] - self.before[label][0]

    def __repr__(self):
        told = [str(message) for message in self.messages]
        return f"<Outcome {self.status} changed={self.changed} messages={told}>"


def local_location(response):
    """Where a redirect sends the browser, if it is a page of this site."""
    location = response.get("Location", "")
    local = location.startswith("/") and not location.startswith("//")
    if response.status_code in (301, 302, 303) and local:
        return location.split("#", 1)[0]
    return None


class Harness:
    """Sends cases and counts them; each case leaves the database as it found it."""

    def __init__(self):
        self.models = tracked_models()
        self.cases = 0
        self.accepted = 0

    def send(self, client, method, path, data=None, *, query=None, **extra):
        if query is not None:
            extra["QUERY_STRING"] = query
        if method == "get":
            return client.get(path, data, **extra)
        if isinstance(data, str):
            # A raw body, as a browser without multipart sends it.
            return client.generic(
                "POST",
                path,
                data,
                content_type="application/x-www-form-urlencoded",
                **extra,
            )
        return client.post(path, data or {}, **extra)

    def case(
        self,
        client,
        method,
        path,
        data=None,
        *,
        accepted,
        allowed=(),
        check=None,
        follow=False,
        query=None,
        then=None,
    ):
        """Send one case and check it: no server error, and nothing written
        unless ``accepted(outcome)`` says it succeeded, in which case only
        the ``allowed`` tables (and the outbox) changed and ``check`` holds.

        With ``follow``, the page a redirect goes back to is opened too: it
        shows again what was typed, whatever it was. ``then(client,
        response)`` may send the next step of a form of several steps; the
        case is judged on its response.
        """
        self.cases += 1
        cookies = client.cookies
        client.cookies = type(cookies)(cookies)
        for each in caches.all():
            each.clear()
        mail.outbox = []
        try:
            start = writes_so_far()
            with rolled_back():
                response = self.send(client, method, path, data, query=query)
                assert response.status_code < 500, response.status_code
                messages = list(get_messages(response.wsgi_request))
                location = local_location(response) if follow else None
                if location is not None:
                    back = client.get(location)
                    assert back.status_code < 500, (location, back.status_code)
                first = response
                if then is not None:
                    response = then(client, response) or response
                    assert response.status_code < 500, response.status_code
                    messages = list(get_messages(response.wsgi_request))
                outcome = Outcome(response, messages)
                outcome.first = first
                succeeded = accepted(outcome)
                wrote = start is None or writes_so_far() != start
                after = take_snapshot(self.models) if wrote else None
                nul = rows_with_nul(self.models, allowed) if succeeded else []
            # Rolled back: the database is as it was before the case.
            outcome.compare(take_snapshot(self.models) if wrote else None, after)
            if succeeded:
                self.accepted += 1
                unexpected = set(outcome.changed) - set(allowed) - {"outbox"}
                assert not unexpected, f"a success changed {sorted(unexpected)}"
                assert not nul, f"NUL stored in {nul}"
                if check is not None:
                    check(outcome)
            else:
                assert not outcome.changed, (
                    f"a refused case changed {outcome.changed}: {outcome!r}"
                )
            return outcome
        finally:
            client.cookies = cookies
            mail.outbox = []


def success_message(outcome):
    """The plugin's member pages say "done" with a success message."""
    return "success" in outcome.message_levels()


def redirected(outcome):
    """The admin's forms and the profile pages redirect after a save."""
    return outcome.status == 302
