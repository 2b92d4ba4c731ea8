"""Staff download what a Mentoring listing shows, as CSV or XLSX; every
download is in Wagtail's audit log, and only those allowed may download."""

import csv
import io

import pytest
from django.contrib.auth.models import Permission
from django.core.management import call_command
from django.urls import reverse
from openpyxl import load_workbook

from acnm_mentoring_plugin.exports import BOM
from acnm_mentoring_plugin.models import (
    ApplicationRole,
    ApplicationStatus,
    MentorshipStatus,
)
from acnm_mentoring_plugin.wagtail.models import ExportLogEntry
from tests import factories

pytestmark = pytest.mark.django_db

FORMULA = '=HYPERLINK("http://x","y")'


def application(program, first, last, status, role=ApplicationRole.MENTEE):
    return factories.ApplicationFactory(
        program=program,
        role=role,
        status=status,
        member__user__first_name=first,
        member__user__last_name=last,
    )


@pytest.fixture
def applications(program):
    return [
        application(program, "Jordan", "Rivera", ApplicationStatus.ACCEPTED),
        application(program, "Priya", "Natarajan", ApplicationStatus.ACCEPTED),
        application(program, "Leo", "Brandt", ApplicationStatus.SUBMITTED),
        application(program, FORMULA, "", ApplicationStatus.ACCEPTED),
    ]


def download(client, url_name, export_format, **filters):
    response = client.get(reverse(url_name), {**filters, "export": export_format})
    assert response.status_code == 200, response.status_code
    if export_format == "csv":
        text = b"".join(response.streaming_content).decode("utf-8")
        return list(csv.reader(io.StringIO(text.removeprefix(BOM))))
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    return [[cell.value or "" for cell in row] for row in sheet.iter_rows()]


def test_a_filtered_and_searched_listing_downloads_exactly_its_rows(
    client, staff_user, applications
):
    client.force_login(staff_user)
    listing = client.get(
        reverse("acnm_mentoring_applications:index"), {"status": "accepted"}
    ).content.decode()
    assert "Download CSV" in listing and "Download XLSX" in listing

    for export_format in ("csv", "xlsx"):
        table = download(
            client,
            "acnm_mentoring_applications:index",
            export_format,
            status="accepted",
            q="Natarajan",
        )
        assert table[0][:2] == ["Name", "E-mail"]
        assert [row[0] for row in table[1:]] == ["Priya Natarajan"]

    table = download(
        client, "acnm_mentoring_applications:index", "csv", status="accepted"
    )
    assert sorted(row[0] for row in table[1:]) == sorted(
        ["Jordan Rivera", "Priya Natarajan", "'" + FORMULA]
    )


def test_every_download_is_in_the_audit_log_with_its_filters_and_rows(
    client, staff_user, applications
):
    client.force_login(staff_user)
    download(client, "acnm_mentoring_applications:index", "csv", status="accepted")
    download(client, "acnm_mentoring_participants:index", "xlsx")

    entries = ExportLogEntry.objects.filter(action="acnm_mentoring.export").order_by(
        "timestamp"
    )
    assert [(entry.user, entry.data["resource"]) for entry in entries] == [
        (staff_user, "applications"),
        (staff_user, "participants"),
    ]
    assert entries[0].data["filters"] == {"status": "accepted"}
    assert entries[0].data["rows"] == 3
    assert entries[1].data["rows"] == 4
    assert entries[1].data["format"] == "xlsx"

    # The site history shows it in words.
    history = client.get(reverse("wagtailadmin_reports:site_history")).content.decode()
    assert "Exported 3 rows (CSV, applications) filtered by status=accepted" in history

    call_command("mentoring_export", "mentors", stdout=io.StringIO())
    from_command = (
        ExportLogEntry.objects.filter(action="acnm_mentoring.export")
        .order_by("timestamp")
        .last()
    )
    assert from_command.user is None
    assert from_command.data["from"] == "command line"
    assert from_command.program is None  # the site operator's: superusers read it
    assert {entry.program for entry in entries} == {applications[0].program}


def test_a_formula_in_a_name_is_inert_in_both_downloads(
    client, staff_user, applications
):
    client.force_login(staff_user)
    csv_rows = download(client, "acnm_mentoring_participants:index", "csv")
    assert [row[0] for row in csv_rows if "HYPERLINK" in row[0]] == ["'" + FORMULA]
    response = client.get(
        reverse("acnm_mentoring_participants:index"), {"export": "xlsx"}
    )
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    cell = next(
        cell
        for row in sheet.iter_rows()
        for cell in row
        if "HYPERLINK" in str(cell.value)
    )
    assert (cell.data_type, cell.value) == ("s", "'" + FORMULA)


def test_staff_without_the_export_permission_see_no_download(
    client, staff_user, applications
):
    staff_user.user_permissions.remove(Permission.objects.get(codename="export_data"))
    client.force_login(staff_user)
    listing = client.get(reverse("acnm_mentoring_applications:index"))
    assert listing.status_code == 200
    assert "Download CSV" not in listing.content.decode()
    response = client.get(
        reverse("acnm_mentoring_applications:index"), {"export": "csv"}
    )
    assert response.status_code in (302, 403)
    assert not ExportLogEntry.objects.filter(action="acnm_mentoring.export").exists()


def test_the_pairs_and_award_listings_download_their_records(
    client, staff_user, program
):
    mentorship = factories.MentorshipFactory(
        program=program, status=MentorshipStatus.ACTIVE
    )
    nomination = factories.NominationFactory(
        cycle__program=program,
        nominator=mentorship.mentee,
        nominee=mentorship.mentor,
        statement="She taught me to read a PET scan.",
    )
    client.force_login(staff_user)
    pairs = download(client, "acnm_mentoring_pairs:index", "csv")
    assert pairs[1][1] == mentorship.mentee.display_name
    assert pairs[1][5] == "Active"
    nominations = download(
        client, "wagtailsnippets_acnm_mentoring_awardcycle:list", "csv"
    )
    assert nominations[1][2] == nomination.nominee.display_name
    assert "She taught me to read a PET scan." in nominations[1]


@pytest.mark.parametrize(
    "url_name, first_header, expected",
    [
        (
            "wagtailsnippets_acnm_mentoring_program:list",
            "Programme",
            "ACNM Mentoring Program",
        ),
        ("acnm_mentoring_terms:index", "Programme", "ACNM Mentoring Program"),
        (
            "wagtailsnippets_acnm_mentoring_fieldofinterest:list",
            "Field of interest",
            "Oncology",
        ),
        (
            "wagtailsnippets_acnm_mentoring_careerdirection:list",
            "Career direction",
            "Industry",
        ),
    ],
)
def test_the_programme_and_its_lists_download_too(
    client, staff_user, program, url_name, first_header, expected
):
    # Staff who look after the lists, as the demo's "Mentoring staff".
    staff_user.user_permissions.add(
        *Permission.objects.filter(
            codename__in=[
                "view_program",
                "view_fieldofinterest",
                "view_careerdirection",
            ]
        )
    )
    client.force_login(staff_user)
    table = download(client, url_name, "csv")
    assert table[0][0] == first_header
    assert expected in [row[0] for row in table[1:]]


def test_the_participants_listing_counts_participants(client, staff_user, applications):
    client.force_login(staff_user)
    page = client.get(reverse("acnm_mentoring_participants:index")).content.decode()
    assert "4 participants" in page
    assert "4 applications" not in page

    page = client.get(
        reverse("acnm_mentoring_participants:index"), {"q": "nobody-by-this-name"}
    ).content.decode()
    assert "No participants match your query." in page
