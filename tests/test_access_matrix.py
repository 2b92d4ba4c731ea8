"""Every URL of the plugin, opened by every kind of visitor, against one table.

The table and its format are in ``tests/access_matrix.py``. This module
finds the URLs (so a new view without a row fails here, named), builds one
programme's confidential records once for the whole module, and asks each
URL as each persona, each request in a transaction rolled back afterwards.
Besides the cell, every response is searched for the distinctive markers
planted in the confidential records: a persona not entitled to a record
must never see its marker.
"""

import datetime
import functools
import io
import os
import re
import sys
import zipfile
from http.cookies import SimpleCookie
from urllib.parse import urlsplit

import pytest
from django.apps import apps
from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.shortcuts import resolve_url
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone
from pypdf import PdfReader
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.log_actions import log
from wagtail.models import Page, Site

from acnm_mentoring_plugin import models
from tests import factories
from tests.access_matrix import (
    KNOWN_FAILURES,
    MAY_SEE,
    PERSONAS,
    POSTS,
    STATUS_CODES,
    rows,
)
from tests.pages import make_directory_page, make_program_page

PLUGIN_APP = "acnm_mentoring"
PLUGIN_MODULE = "acnm_mentoring_plugin"
PAGES_APP = "acnm_mentoring_pages"
#: Programme staff hold these, through their programme's staff group.
STAFF_PERMISSIONS = ("manage_program", "export_data", "access_admin")

# Confidential records carry these; each is visible to these personas only.
PARTIES = {"mentee", "mentor", "staff"}
OTHER_PARTIES = {"another_mentee", "another_mentor", "staff"}
MARKERS = {
    "ZQX-APPLICATION-GOALS": {"mentee", "staff"},
    "ZQX-TRAINING-PROGRAMME": {"mentee", "staff"},
    "ZQX-STAFF-NOTES": {"staff"},
    "ZQX-MENTOR-APPLICATION": {"mentor", "staff"},
    "ZQX-REQUEST-MESSAGE": PARTIES,
    "ZQX-AGREEMENT-GOALS": PARTIES,
    "ZQX-CONTACT-NOTES": PARTIES,
    # The mentee's surname: the pair's names, the mentee's signature.
    "Quistgaard": PARTIES,
    "ZQX-NOMINATION-STATEMENT": {"mentee", "staff"},
    "ZQX-PENDING-REQUEST": {"mentor", "staff"},
    "ZQX-DECLINE-REASON": PARTIES,
    # Feedback on progress: the mentor's is the pair's, the mentee's rating
    # of the partnership reaches the mentor only folded into averages.
    "ZQX-MENTOR-FEEDBACK": PARTIES,
    "ZQX-MENTEE-FEEDBACK": {"mentee", "staff"},
    # The mentee's outcomes are figures: a number nothing else shows.
    "918273": {"mentee", "staff"},
    "ZQX-OTHER-APPLICATION-GOALS": {"another_mentee", "staff"},
    "ZQX-OTHER-REQUEST-MESSAGE": OTHER_PARTIES,
    "ZQX-OTHER-CONTACT-NOTES": OTHER_PARTIES,
    "Vandersloot": OTHER_PARTIES,
    "ZQX-RESEARCH-APPLICATION-GOALS": {"other_programme_staff"},
    # Not confidential, for members only: the directory's mentor profiles.
    "ZQX-MENTOR-BIO": {
        "mentee",
        "another_mentee",
        "mentor",
        "another_mentor",
        "other_programme_staff",
        "staff",
    },
}
#: Case-blind: a marker slugified (a download's file name) still counts.
MARKER_PATTERN = re.compile(
    "|".join(rf"(?<![0-9A-Za-z]){re.escape(marker)}" for marker in MARKERS),
    re.IGNORECASE,
)
CANONICAL = {marker.lower(): marker for marker in MARKERS}

# Discovering the plugin's URLs ---------------------------------------------------


class Target:
    """One URL of the plugin: how to build it and what it is about."""

    def __init__(self, name, route, view=None, model=None, page=None, route_name=""):
        self.name = name
        self.route = route
        self.view = view
        self.model = model
        self.page = page
        self.route_name = route_name

    @property
    def parameters(self):
        """The path's parameters, Django's ``<slug:slug>`` and regex groups."""
        return [
            a or b for a, b in re.findall(r"<(?:\w+:)?(\w+)>|\(\?P<(\w+)>", self.route)
        ]

    @property
    def post_only(self):
        view_class = getattr(self.view, "view_class", None)
        return view_class is not None and not hasattr(view_class, "get")


def _model_named(text):
    """The plugin's model a URL name is about (``..._acnm_mentoring_vote...``)."""
    match = re.search(rf"{PLUGIN_APP}_([a-z]+)", text)
    if match is None:
        return None
    try:
        return apps.get_model(PLUGIN_APP, match.group(1))
    except LookupError:
        return None


def _viewset_models():
    from wagtail.admin.viewsets import viewsets

    found = {}
    for viewset in viewsets.viewsets:
        model = getattr(viewset, "model", None)
        if not hasattr(model, "_meta") or model._meta.app_label != PLUGIN_APP:
            continue
        for each in (viewset, getattr(viewset, "chooser_viewset", None)):
            if each is not None:
                found[each.url_namespace] = model
    return found


def _walk(patterns, prefix="", namespace=""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = namespace
            if pattern.namespace:
                inner = ":".join(filter(None, [namespace, pattern.namespace]))
            yield from _walk(pattern.url_patterns, prefix + str(pattern.pattern), inner)
        elif isinstance(pattern, URLPattern) and pattern.name:
            name = f"{namespace}:{pattern.name}" if namespace else pattern.name
            yield name, prefix + str(pattern.pattern), pattern.callback


#: The host's URLs that show the plugin's parts: the Wagtail admin's home
#: carries the programme's dashboard panel, its site history the admin's
#: record of staff's work on the programme's records.
HOST_URLS_WITH_PLUGIN_PARTS = {"wagtailadmin_home", "wagtailadmin_reports:site_history"}


def _is_the_plugins(name, route, view):
    module = getattr(getattr(view, "view_class", view), "__module__", "") or ""
    return (
        PLUGIN_APP in name
        or PLUGIN_APP in route
        or module.startswith(PLUGIN_MODULE)
        or name in HOST_URLS_WITH_PLUGIN_PARTS
    )


def plugin_targets():
    """Every URL of the plugin, by the name its row uses."""
    found = [
        (name, route, view)
        for name, route, view in _walk(get_resolver().url_patterns)
        if _is_the_plugins(name, route, view)
    ]
    # Walking the URLconf has registered the admin's viewsets.
    viewset_models = _viewset_models()
    targets = {}
    for name, route, view in found:
        if name not in targets:
            namespace = name.rpartition(":")[0]
            model = viewset_models.get(namespace) or _model_named(name)
            targets[name] = Target(name, route, view=view, model=model)
    for model in apps.get_app_config(PAGES_APP).get_models():
        if not issubclass(model, Page):
            continue
        if issubclass(model, RoutablePageMixin):
            for pattern in model.get_subpage_urls():
                name = f"page:{model.__name__}:{pattern.name}"
                targets[name] = Target(
                    name, str(pattern.pattern), page=model, route_name=pattern.name
                )
        else:
            name = f"page:{model.__name__}"
            targets[name] = Target(name, "", page=model)
    return targets


TARGETS = plugin_targets()
ROWS = rows()


def _row_url(key):
    """The URL name of a row (``name?query`` and ``name@post`` are rows too)."""
    return re.split(r"[?@]", key)[0]


def _sent_as_post(key):
    return key.endswith("@post") or TARGETS[_row_url(key)].post_only


# The shared data -----------------------------------------------------------------


class World:
    """The programme's records, the personas and the pages, built once; a
    row names a record by its attribute here (``public_id=nomination``)."""


def staff_group(name, program):
    group = Group.objects.create(name=name)
    group.permissions.set(Permission.objects.filter(codename__in=STAFF_PERMISSIONS))
    program.staff_groups.add(group)
    return group


def default_site_root():
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    if site is not None:
        return site.root_page.specific
    root = Page.get_first_root_node() or Page.add_root(
        instance=Page(title="Root", slug="root")
    )
    home = root.add_child(instance=Page(title="Home", slug="home"))
    Site.objects.create(hostname="localhost", root_page=home, is_default_site=True)
    return home


def build_world():
    from acnm_mentoring_plugin.wagtail.pages.models import AwardPage

    w = World()
    w.today = timezone.localdate().isoformat()
    w.this_year = timezone.localdate().year
    w.program = factories.ProgramFactory()
    w.terms = factories.AgreementTermsFactory(program=w.program)
    w.other_program = factories.ProgramFactory(
        name="Research Mentoring Program", slug="research"
    )
    factories.AgreementTermsFactory(program=w.other_program)
    w.field = models.FieldOfInterest.objects.order_by("pk").first() or (
        models.FieldOfInterest.objects.create(name="Cardiology", slug="cardiology")
    )
    w.direction = models.CareerDirection.objects.order_by("pk").first() or (
        models.CareerDirection.objects.create(name="Industry", slug="industry")
    )

    users = {}
    users["non_member"] = factories.UserFactory(username="matrix-non-member")
    users["lapsed_member"] = factories.MemberFactory(
        user__username="matrix-lapsed",
        membership_status=models.MembershipStatus.LAPSED,
    ).user
    w.mentee = factories.MemberFactory(
        user__username="matrix-mentee",
        user__first_name="Orlanda",
        user__last_name="Quistgaard",
    )
    w.another_mentee = factories.MemberFactory(
        user__username="matrix-another-mentee",
        user__first_name="Bertil",
        user__last_name="Vandersloot",
    )
    w.mentor_profile = factories.MentorProfileFactory(
        program=w.program,
        member__user__username="matrix-mentor",
        member__user__first_name="Helen",
        member__user__last_name="Marsh",
        bio="ZQX-MENTOR-BIO Cardiac PET, twenty years.",
    )
    w.mentor = w.mentor_profile.member
    w.another_mentor_profile = factories.MentorProfileFactory(
        program=w.program,
        member__user__username="matrix-another-mentor",
        member__user__first_name="Ravi",
        member__user__last_name="Okafor",
    )
    w.another_mentor = w.another_mentor_profile.member
    users["staff"] = factories.UserFactory(username="matrix-staff", is_staff=True)
    users["staff"].groups.add(staff_group("ACNM programme staff", w.program))
    users["other_programme_staff"] = factories.UserFactory(
        username="matrix-other-staff", is_staff=True
    )
    users["other_programme_staff"].groups.add(
        staff_group("Research programme staff", w.other_program)
    )
    for persona in ("mentee", "another_mentee", "mentor", "another_mentor"):
        users[persona] = getattr(w, persona).user
    w.users = users

    accepted = models.ApplicationStatus.ACCEPTED
    w.application = factories.ApplicationFactory(
        program=w.program,
        member=w.mentee,
        status=accepted,
        goals="ZQX-APPLICATION-GOALS",
        training_programme="ZQX-TRAINING-PROGRAMME",
        staff_notes="ZQX-STAFF-NOTES",
    )
    w.mentor_application = factories.ApplicationFactory(
        program=w.program,
        member=w.mentor,
        role=models.ApplicationRole.MENTOR,
        status=accepted,
        goals="ZQX-MENTOR-APPLICATION",
        training_programme="",
    )
    # The other programme's: its own staff read it, this one's do not.
    w.research_application = factories.ApplicationFactory(
        program=w.other_program,
        member=factories.MemberFactory(user__username="matrix-researcher"),
        goals="ZQX-RESEARCH-APPLICATION-GOALS",
    )
    w.another_application = factories.ApplicationFactory(
        program=w.program,
        member=w.another_mentee,
        status=accepted,
        goals="ZQX-OTHER-APPLICATION-GOALS",
    )

    def partnership(mentee, mentor, message, goals, notes):
        today = timezone.localdate()
        mentorship = factories.MentorshipFactory(
            program=w.program,
            mentee=mentee,
            mentor=mentor,
            status=models.MentorshipStatus.ACTIVE,
            request_message=message,
            start_date=today,
            planned_end_date=today + datetime.timedelta(days=365),
        )
        signed = timezone.now()
        factories.AgreementFactory(
            mentorship=mentorship,
            terms=w.terms,
            terms_text=w.terms.text,
            goals=goals,
            mentee_signature=mentee.user.get_full_name(),
            mentee_signed_at=signed,
            mentor_signature=mentor.user.get_full_name(),
            mentor_signed_at=signed,
            completed_at=signed,
        )
        factories.ContactLogFactory(
            mentorship=mentorship, notes=notes, logged_by=mentee
        )
        return mentorship

    w.partnership = partnership(
        w.mentee,
        w.mentor,
        "ZQX-REQUEST-MESSAGE",
        "ZQX-AGREEMENT-GOALS",
        "ZQX-CONTACT-NOTES",
    )
    w.another_partnership = partnership(
        w.another_mentee,
        w.another_mentor,
        "ZQX-OTHER-REQUEST-MESSAGE",
        "ZQX-OTHER-AGREEMENT-GOALS",
        "ZQX-OTHER-CONTACT-NOTES",
    )
    # A request the mentor has yet to answer, from a member who is none of
    # the personas: the mentor and staff may answer it, nobody else.
    # An earlier request of the mentee's the mentor declined, saying why.
    w.declined_request = factories.MentorshipFactory(
        program=w.program,
        mentee=w.mentee,
        mentor=w.mentor,
        status=models.MentorshipStatus.DECLINED,
        end_reason="ZQX-DECLINE-REASON",
    )
    w.requester = factories.MemberFactory(user__username="matrix-requester")
    w.pending_request = factories.MentorshipFactory(
        program=w.program,
        mentee=w.requester,
        mentor=w.mentor,
        status=models.MentorshipStatus.REQUESTED,
        request_message="ZQX-PENDING-REQUEST",
        expires_at=timezone.now() + datetime.timedelta(days=10),
    )
    w.cycle = factories.AwardCycleFactory(program=w.program, year=2026)
    # The cycle's dates as its form shows them, and its meeting a week later.
    w.cycle_opens, w.cycle_closes = (
        timezone.localtime(moment).strftime("%Y-%m-%d %H:%M")
        for moment in (w.cycle.nominations_open_at, w.cycle.nominations_close_at)
    )
    w.meeting_moved = (
        w.cycle.annual_meeting_date + datetime.timedelta(days=7)
    ).isoformat()
    w.nomination = factories.NominationFactory(
        cycle=w.cycle,
        nominator=w.mentee,
        nominee=w.mentor,
        statement="ZQX-NOMINATION-STATEMENT " + "x" * 120,
    )
    w.vote = models.Vote.objects.create(
        cycle=w.cycle, voter=w.another_mentee, nominee=w.another_mentor
    )
    w.outcome = models.Outcome.objects.create(
        member=w.mentee,
        program=w.program,
        abnm_exam_passed_year=timezone.localdate().year,
        publications=918273,
    )
    for respondent, user, comments in (
        (models.Respondent.MENTOR, w.mentor.user, "ZQX-MENTOR-FEEDBACK"),
        (models.Respondent.MENTEE, w.mentee.user, "ZQX-MENTEE-FEEDBACK"),
    ):
        feedback = models.Feedback.objects.create(
            mentorship=w.partnership,
            kind=models.FeedbackKind.PERIODIC,
            respondent=respondent,
            period=1,
            rating=4,
            comments=comments,
            goals_met=models.GoalsMet.PARTLY,
            given_by=user,
        )
        setattr(w, f"{respondent}_feedback", feedback)
    # An e-mail about the partnership the mail server has not taken yet.
    models.OutgoingMessage.objects.create(
        kind="contact_reminder",
        model_label="acnm_mentoring.mentorship",
        object_pk=str(w.partnership.pk),
        attempts=1,
        last_error="Connection refused",
    )
    # Staff's review, as the Wagtail admin records it (its label names the
    # applicant), and a download of the applications searched by name,
    # which the export audit records with its filters.
    log(instance=w.application, action="wagtail.edit", user=users["staff"])
    staff_client = Client()
    staff_client.force_login(users["staff"])
    download = staff_client.get(
        reverse("acnm_mentoring_applications:index"),
        {"export": "csv", "q": "Quistgaard"},
    )
    assert download.status_code == 200, download
    body_of(download)  # read to the end: the audit records a finished download
    from django.contrib.contenttypes.models import ContentType

    w.activity = models.ActivityRecord.objects.create(
        content_type=ContentType.objects.get_for_model(models.Mentorship),
        object_id=str(w.partnership.pk),
        action="contact_logged",
        actor=w.mentee.user,
    )

    root = default_site_root()
    w.program_page = make_program_page(
        root,
        w.program,
        slug="matrix-programme",
        body=[
            (
                "application_form",
                {
                    "program": w.program,
                    "role": "mentee",
                    "intro": "",
                    "success_message": "",
                },
            ),
            (
                "mentor_directory",
                {"heading": "Mentors", "program": w.program, "count": 3},
            ),
            ("agreement", {"heading": "Your agreement", "intro": ""}),
            ("my_mentoring", {"heading": "My mentoring"}),
            (
                "award_nomination",
                {
                    "heading": "Best Mentor of the Year",
                    "program": w.program,
                    "intro": "",
                    "show_past_recipients": True,
                },
            ),
            ("contact", {"heading": "Contact", "program": w.program, "text": ""}),
        ],
    )
    w.directory_page = make_directory_page(root, w.program, slug="matrix-mentors")
    w.award_page = root.add_child(
        instance=AwardPage(title="Best Mentor", slug="matrix-award", program=w.program)
    )
    w.award_page.save_revision().publish()
    w.pages = {
        type(page).__name__: page
        for page in (w.program_page, w.directory_page, w.award_page)
    }
    return w


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    """Built once, in a transaction rolled back when the module is done."""
    with django_db_blocker.unblock(), transaction.atomic():
        built = build_world()
        clients = {}
        for persona in PERSONAS:
            client = Client()
            if persona != "anonymous":
                client.force_login(built.users[persona])
            clients[persona] = client.cookies
        built.cookies = clients
        yield built
        transaction.set_rollback(True)


# Asking ------------------------------------------------------------------------

#: Which record a ``public_id`` or a member page's ``pk`` names, by the
#: path segment before it.
RECORD_BY_SEGMENT = {
    "applications": "application",
    "partnerships": "partnership",
    "requests": "partnership",
    "nominations": "nomination",
    "mentors": "mentor_profile",
}
#: Parameters the same for every URL that has them.
DEFAULTS = {
    "role": "mentee",
    "answer": "accept",
    "app_label": PLUGIN_APP,
    "provider_id": "acnm",
}
RECORD_BY_MODEL = {
    models.Application: "application",
    models.Mentorship: "partnership",
    models.MentorProfile: "mentor_profile",
    models.Member: "mentee",
    models.AgreementTerms: "terms",
    models.AwardCycle: "cycle",
    models.Nomination: "nomination",
    models.Vote: "vote",
    models.Program: "program",
    models.FieldOfInterest: "field",
    models.CareerDirection: "direction",
    models.ActivityRecord: "activity",
    models.Feedback: "mentee_feedback",
}


def _segment_before(route, parameter):
    before = re.split(rf"<(?:\w+:)?{parameter}>", route)[0].rstrip("/")
    return before.rpartition("/")[2]


def _value(world, target, parameter, given):
    """The value of a path parameter: the row's, else the shared data's."""
    if given is None:
        if parameter in DEFAULTS:
            return DEFAULTS[parameter]
        if parameter == "slug":
            given = "program"
        elif parameter == "year":
            given = "cycle"
        elif target.model is not None and parameter in ("pk", "object_id"):
            given = RECORD_BY_MODEL.get(target.model)
        elif target.page is not None and parameter == "pk":
            given = "mentor_profile"
        else:
            given = RECORD_BY_SEGMENT.get(_segment_before(target.route, parameter))
        if given is None:
            raise LookupError(
                f"{target.name}: which record fills <{parameter}>? Say it in its "
                f"row ({parameter}=<record>)."
            )
    record = getattr(world, given, None)
    if record is None:
        return given
    attribute = {"object_id": "pk"}.get(parameter, parameter)
    return str(getattr(record, attribute))


def url_of(world, key, parameters):
    name, _, query = key.removesuffix("@post").partition("?")
    target = TARGETS[name]
    kwargs = {
        parameter: _value(world, target, parameter, parameters.get(parameter))
        for parameter in target.parameters
    }
    if target.page is not None:
        page = world.pages[target.page.__name__]
        if target.route_name:
            url = page.url + page.reverse_subpage(target.route_name, kwargs=kwargs)
        else:
            url = page.url
    else:
        url = reverse(name, kwargs=kwargs)
    return f"{url}?{query.format_map(vars(world))}" if query else url


def fingerprint():
    """Everything the plugin stores, to tell whether a request changed it.

    The plugin's tables only: sessions change on every visit, and the
    admin's own log records downloads, which change nothing of the
    programme's."""
    config = apps.get_app_config(PLUGIN_APP)
    return [
        list(model.objects.order_by("pk").values_list())
        for model in config.get_models(include_auto_created=True)
    ]


@functools.cache
def sign_in_paths():
    return {
        reverse("acnm_mentoring:sign_in"),
        resolve_url(settings.LOGIN_URL),
        reverse("wagtailadmin_login"),
        reverse("admin:login"),
    }


@functools.cache
def refusal_paths():
    """Where the Wagtail admin and the Django admin send those they refuse
    (the Django admin: a record outside the reader's list "does not exist")."""
    return {reverse("wagtailadmin_home"), reverse("admin:index")}


def body_of(response):
    """The text a reader gets: the page, or what a download holds."""
    if getattr(response, "streaming", False):
        content = b"".join(response.streaming_content)
    else:
        content = response.content
    kind = response.get("Content-Type", "")
    if kind.startswith("application/pdf"):
        pdf = PdfReader(io.BytesIO(content))
        return " ".join(page.extract_text() for page in pdf.pages)
    if kind.startswith("application/vnd.openxmlformats"):
        with zipfile.ZipFile(io.BytesIO(content)) as workbook:
            return " ".join(
                workbook.read(name).decode("utf-8", errors="replace")
                for name in workbook.namelist()
                if name.endswith(".xml")
            )
    return content.decode("utf-8", errors="replace")


def code_of(response, method, changed=False):
    """The table's code for what ``response`` did (see access_matrix)."""
    status = response.status_code
    if method == "POST" and changed:
        return "DO"
    if status in (301, 302, 303, 307, 308):
        path = urlsplit(response["Location"]).path
        if path in sign_in_paths():
            return "IN"
        if path in refusal_paths():
            return "NO"
        return "NC" if method == "POST" else "GO"
    if status in (403, 404):
        return "NO"
    if 200 <= status < 300:
        return "NC" if method == "POST" else "OK"
    return STATUS_CODES.get(status, str(status))


def ask(world, persona, method, url, data=None):
    """One request in a transaction rolled back afterwards: its code, and all
    it showed (body, ``Location``, download name)."""
    client = Client()
    client.cookies = SimpleCookie(world.cookies[persona])
    with transaction.atomic():
        try:
            if method == "POST":
                before = fingerprint()
                response = client.post(url, data or {})
                changed = fingerprint() != before
            else:
                response = client.get(url)
                changed = False
        except Exception as error:  # noqa: BLE001 - the cell says which
            transaction.set_rollback(True)
            return f"500 {error!r}", ""
        shown = " ".join(
            [
                body_of(response),
                response.get("Location", ""),
                response.get("Content-Disposition", ""),
            ]
        )
        transaction.set_rollback(True)
    return code_of(response, method, changed), shown


def found_in(shown):
    return {CANONICAL[found.lower()] for found in MARKER_PATTERN.findall(shown)}


def leaks(key, persona, shown):
    """The markers ``persona`` saw and may not see there."""
    allowed = set(MAY_SEE.get((key, persona), "").split())
    return sorted(
        {
            marker
            for marker in found_in(shown)
            if persona not in MARKERS[marker] and marker not in allowed
        }
    )


def post_data(world, key):
    """The row's POST body, with ``{record.attribute}`` filled in."""
    body = POSTS.get(key, POSTS.get(_row_url(key), {}))
    return {name: value.format_map(vars(world)) for name, value in body.items()}


# The tests ---------------------------------------------------------------------

KEYS = sorted(set(TARGETS) | set(ROWS) | {_row_url(key) for key in ROWS})


def check_url(world, key):
    """The failures of one row, as ``(persona, message)``."""
    cells, parameters = ROWS[key]
    url = url_of(world, key, parameters)
    only_forms = TARGETS[_row_url(key)].post_only
    failures = []
    for persona in PERSONAS:
        expected = cells[persona]
        if not key.endswith("@post"):
            got, shown = ask(world, persona, "GET", url)
            if only_forms and got not in ("IN", "NO", "NA"):
                # It takes forms only: GET shows nothing, whoever asks.
                failures.append((persona, f"GET {url}: {got}, expected NA, IN or NO"))
            elif not only_forms and got != expected:
                failures.append((persona, f"GET {url}: {got}, expected {expected}"))
            for marker in leaks(key, persona, shown):
                failures.append((persona, f"GET {url} shows {marker}"))
        if _sent_as_post(key):
            got, shown = ask(world, persona, "POST", url, post_data(world, key))
            if got != expected:
                failures.append((persona, f"POST {url}: {got}, expected {expected}"))
            for marker in leaks(key, persona, shown):
                failures.append((persona, f"POST {url} shows {marker}"))
    return failures


@pytest.mark.parametrize("key", KEYS)
def test_access(world, key, db):
    if _row_url(key) not in TARGETS:
        pytest.fail(
            f"{key}: the access matrix has a row for a URL that no longer exists; "
            "remove it from tests/access_matrix.py"
        )
    if key not in ROWS:
        if any(_row_url(row) == key for row in ROWS):
            return  # covered by a row with a query string
        pytest.fail(
            f"{key} ({TARGETS[key].route}) has no row in the access matrix: add "
            "one to TABLE in tests/access_matrix.py"
        )
    failures = check_url(world, key)
    known = {persona for (url, persona) in KNOWN_FAILURES if url == key}
    unexpected = [(p, m) for p, m in failures if p not in known]
    assert not unexpected, f"{key}:\n" + "\n".join(
        f"  {persona}: {message}" for persona, message in unexpected
    )
    fixed = known - {persona for persona, _message in failures}
    assert not fixed, (
        f"{key} is now right for {sorted(fixed)}: remove them from KNOWN_FAILURES"
    )
    if failures:
        pytest.xfail(
            "; ".join(f"{persona}: {KNOWN_FAILURES[key, persona]}" for persona in known)
        )


#: Where each marker shows, to whom: without these the search for leaks
#: could be looking for strings no page ever prints.
SHOWN = [
    ("acnm_mentoring:application_detail", "mentee", {}, "ZQX-APPLICATION-GOALS"),
    ("acnm_mentoring:application_detail", "mentee", {}, "ZQX-TRAINING-PROGRAMME"),
    ("acnm_mentoring_applications:inspect", "staff", {}, "ZQX-STAFF-NOTES"),
    (
        "acnm_mentoring_applications:inspect",
        "other_programme_staff",
        {"pk": "research_application"},
        "ZQX-RESEARCH-APPLICATION-GOALS",
    ),
    (
        "acnm_mentoring:application_detail",
        "mentor",
        {"public_id": "mentor_application"},
        "ZQX-MENTOR-APPLICATION",
    ),
    ("acnm_mentoring:request_detail", "mentor", {}, "ZQX-REQUEST-MESSAGE"),
    (
        "acnm_mentoring:request_detail",
        "mentor",
        {"public_id": "pending_request"},
        "ZQX-PENDING-REQUEST",
    ),
    ("acnm_mentoring:partnership", "mentor", {}, "ZQX-AGREEMENT-GOALS"),
    ("acnm_mentoring:partnership", "mentor", {}, "ZQX-CONTACT-NOTES"),
    ("acnm_mentoring:partnership", "mentor", {}, "Quistgaard"),
    ("wagtailadmin_reports:site_history", "staff", {}, "Quistgaard"),
    ("acnm_mentoring_pairs:index?q=Bertil", "staff", {}, "Vandersloot"),
    (
        "acnm_mentoring:request_detail",
        "mentee",
        {"public_id": "declined_request"},
        "ZQX-DECLINE-REASON",
    ),
    (
        "wagtailsnippets_acnm_mentoring_awardcycle:results",
        "staff",
        {},
        "ZQX-NOMINATION-STATEMENT",
    ),
    ("acnm_mentoring:my_outcomes", "mentee", {}, "918273"),
    (
        "acnm_mentoring:application_detail",
        "another_mentee",
        {"public_id": "another_application"},
        "ZQX-OTHER-APPLICATION-GOALS",
    ),
    (
        "acnm_mentoring:request_detail",
        "another_mentor",
        {"public_id": "another_partnership"},
        "ZQX-OTHER-REQUEST-MESSAGE",
    ),
    (
        "acnm_mentoring:partnership",
        "another_mentor",
        {"public_id": "another_partnership"},
        "ZQX-OTHER-CONTACT-NOTES",
    ),
    (
        "acnm_mentoring:partnership",
        "another_mentor",
        {"public_id": "another_partnership"},
        "Vandersloot",
    ),
    ("acnm_mentoring:mentor_detail", "another_mentee", {}, "ZQX-MENTOR-BIO"),
    ("acnm_mentoring:feedback", "mentee", {}, "ZQX-MENTOR-FEEDBACK"),
    ("acnm_mentoring:agreement_pdf", "mentor", {}, "ZQX-AGREEMENT-GOALS"),
    ("acnm_mentoring:agreement_pdf", "mentor", {}, "Quistgaard"),
    (
        "acnm_mentoring_applications:index?export=xlsx",
        "staff",
        {},
        "ZQX-APPLICATION-GOALS",
    ),
    (
        "acnm_mentoring_pairs:index?export=csv",
        "staff",
        {},
        "Quistgaard",
    ),
    ("admin:acnm_mentoring_feedback_change", "staff", {}, "ZQX-MENTEE-FEEDBACK"),
]


def test_every_marker_is_shown_somewhere_to_those_entitled():
    assert {marker for *_rest, marker in SHOWN} == set(MARKERS)


@pytest.mark.parametrize(
    ("key", "persona", "parameters", "marker"),
    SHOWN,
    ids=[f"{key}-{marker}-to-{persona}" for key, persona, _p, marker in SHOWN],
)
def test_the_marker_is_shown_to_a_persona_entitled(
    world, db, key, persona, parameters, marker
):
    url = url_of(world, key, parameters)
    code, shown = ask(world, persona, "GET", url)
    assert code == "OK", f"GET {url} as {persona}: {code}"
    assert marker in found_in(shown), f"{url} shows {persona} no {marker}"


def test_staff_find_a_mentor_by_name_in_the_admin_listing(world, db):
    """Found by the matrix: the listing once searched the directory's index,
    which has no names, and failed."""
    url = reverse("acnm_mentoring_mentors:index") + "?q=Okafor"
    code, shown = ask(world, "staff", "GET", url)
    assert code == "OK"
    assert "Ravi Okafor" in shown and "Helen Marsh" not in shown


if os.environ.get("ACCESS_MATRIX_OBSERVE"):
    # ``ACCESS_MATRIX_OBSERVE=1 pytest tests/test_access_matrix.py -k observed
    # -s`` prints every URL's row as it is today, to write a new row from.

    def observed(world, key):
        url = url_of(world, key, ROWS.get(key, (None, {}))[1])
        method = "POST" if _sent_as_post(key) else "GET"
        cells = []
        for persona in PERSONAS:
            cell, shown = ask(world, persona, method, url, post_data(world, key))
            found = leaks(key, persona, shown)
            cells.append(cell + ("!" + ",".join(found) if found else ""))
        return f"{key:<68} " + " ".join(f"{cell:<4}" for cell in cells)

    def test_print_observed(world, db):
        rows_now = []
        for key in sorted(set(TARGETS) | set(ROWS)):
            try:
                rows_now.append(observed(world, key))
            except Exception as error:  # noqa: BLE001
                rows_now.append(f"{key}: {error!r}")
        sys.stderr.write("\n".join(rows_now) + "\n")
