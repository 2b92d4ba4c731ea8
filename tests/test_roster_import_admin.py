"""Programme staff import rosters in the Wagtail admin (upload, preview,
confirm) and in Django's admin, and export lists there under the export
permission."""

import csv
import io
import re

import pytest
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook

from acnm_mentoring_plugin.exports import BOM
from acnm_mentoring_plugin.models import ActivityRecord, Member, MentorProfile
from acnm_mentoring_plugin.wagtail.models import ExportLogEntry
from tests import factories

pytestmark = pytest.mark.django_db

MEMBERS = "acnm_mentoring_import_members"
MENTORS = "acnm_mentoring_import_mentors"
ROSTER = (
    "Membership ID,E-mail,First name,Last name,Career stage,Name\n"
    "ACNM-101,jordan@members.test,Jordan,Rivera,Resident,Jordan Rivera\n"
    "ACNM-102,helen@faculty.test,Helen,Marsh,Senior faculty,Helen Marsh\n"
    "ACNM-103,sam@members.test,Sam,Lee,intern,Sam Lee\n"
)


def csv_file(text, name="roster.csv"):
    return SimpleUploadedFile(name, (BOM + text).encode(), content_type="text/csv")


def xlsx_file(rows, name="mentors.xlsx"):
    workbook = Workbook()
    for row in rows:
        workbook.active.append(row)
    output = io.BytesIO()
    workbook.save(output)
    return SimpleUploadedFile(name, output.getvalue())


def token_of(html):
    return re.search(r'name="token" value="([^"]+)"', html).group(1)


@pytest.fixture
def staff(client, staff_user):
    client.force_login(staff_user)
    return client


# Wagtail ---------------------------------------------------------------------------


def test_staff_find_the_imports_in_the_mentoring_menu(staff):
    html = staff.get(reverse("wagtailadmin_home")).content.decode()
    assert "Import members" in html and "Import mentors" in html
    assert "Mentoring imports and reports" not in html  # in "Mentoring" itself
    page = staff.get(reverse(MEMBERS)).content.decode()
    assert "Membership ID" in page and "Fields of interest" in page


def test_members_who_are_not_staff_do_not_see_the_import(client, resident):
    client.force_login(resident.user)
    assert client.get(reverse(MEMBERS)).status_code in (302, 403)


def test_staff_upload_preview_and_confirm_a_member_roster(staff, staff_user):
    preview = staff.post(reverse(MEMBERS), {"import_file": csv_file(ROSTER)})

    html = preview.content.decode()
    assert preview.status_code == 200
    assert "Jordan" in html and "Helen" in html
    assert "New" in html and "Error" in html
    assert "Career stage: “intern” is not a career stage" in html
    assert "Columns not imported: Name" in html
    assert "Import 2 rows" in html
    assert not Member.objects.exists()

    done = staff.post(reverse(MEMBERS), {"token": token_of(html)})

    result = done.content.decode()
    assert "Row 4: Career stage: “intern” is not a career stage" in result
    assert set(Member.objects.values_list("membership_id", flat=True)) == {
        "ACNM-101",
        "ACNM-102",
    }
    assert ActivityRecord.objects.filter(actor=staff_user).count() == 2

    # The file is imported once; the confirmation sent again asks for it anew.
    again = staff.post(reverse(MEMBERS), {"token": token_of(html)}, follow=True)
    assert "no longer waiting to be imported" in again.content.decode()
    assert Member.objects.count() == 2


def test_the_preview_of_an_imported_roster_shows_every_row_unchanged(staff):
    html = staff.post(
        reverse(MEMBERS), {"import_file": csv_file(ROSTER)}
    ).content.decode()
    staff.post(reverse(MEMBERS), {"token": token_of(html)})

    html = staff.post(
        reverse(MEMBERS), {"import_file": csv_file(ROSTER)}
    ).content.decode()

    assert html.count("Unchanged") >= 2
    assert "Nothing to import" in html


def test_a_file_that_is_not_a_roster_is_refused_at_upload(staff):
    wrong = staff.post(reverse(MEMBERS), {"import_file": csv_file("Name\nX\n")})
    assert "no “Membership ID” column" in wrong.content.decode()
    text = staff.post(
        reverse(MEMBERS),
        {"import_file": SimpleUploadedFile("roster.txt", b"Membership ID\n1\n")},
    )
    assert "Please upload a .csv or an .xlsx file." in text.content.decode()


def test_nobody_confirms_a_file_another_user_uploaded(client, staff, program):
    html = staff.post(
        reverse(MEMBERS), {"import_file": csv_file(ROSTER)}
    ).content.decode()
    other = factories.StaffFactory()
    client.force_login(other)

    refused = client.post(reverse(MEMBERS), {"token": token_of(html)})

    # Wagtail answers a refusal by sending the user to the admin's home.
    assert (refused.status_code, refused.url) == (302, reverse("wagtailadmin_home"))
    assert not Member.objects.exists()


def test_staff_import_mentors_of_a_programme_from_a_workbook(staff, program, faculty):
    upload = xlsx_file(
        [
            ["Membership ID", "Capacity", "Fields", "Listed in the directory"],
            [faculty.membership_id, 1, "Oncology", "no"],
        ]
    )
    html = staff.post(
        reverse(MENTORS), {"import_file": upload, "program": program.pk}
    ).content.decode()
    assert "New" in html and faculty.membership_id in html
    assert not MentorProfile.objects.exists()

    staff.post(reverse(MENTORS), {"token": token_of(html)})

    profile = MentorProfile.objects.get()
    assert (profile.program, profile.capacity) == (program, 1)
    assert profile.listed_in_directory is False


# Django's admin --------------------------------------------------------------------


@pytest.fixture
def django_admin(client, staff_user):
    staff_user.is_staff = True  # Django's admin asks for it as well
    staff_user.save()
    client.force_login(staff_user)
    return client


def test_staff_import_members_in_the_django_admin(django_admin, staff_user):
    url = reverse("admin:acnm_mentoring_member_import")
    text = "\n".join(ROSTER.splitlines()[:3]) + "\n"
    preview = django_admin.post(
        url, {"import_file": csv_file(text), "format": "0", "resource": "0"}
    )
    assert preview.status_code == 200
    confirm = preview.context["confirm_form"]
    assert confirm is not None
    assert not Member.objects.exists()

    done = django_admin.post(
        reverse("admin:acnm_mentoring_member_process_import"), confirm.initial
    )

    assert done.status_code == 302
    assert Member.objects.count() == 2
    assert ActivityRecord.objects.filter(actor=staff_user).count() == 2


def test_rows_with_errors_stop_the_django_admin_import_with_their_reasons(
    django_admin,
):
    url = reverse("admin:acnm_mentoring_member_import")
    preview = django_admin.post(
        url, {"import_file": csv_file(ROSTER), "format": "0", "resource": "0"}
    )
    html = preview.content.decode()
    assert "“intern” is not a career stage" in html
    assert "confirm_form" not in preview.context or not preview.context.get(
        "confirm_form"
    )
    assert not Member.objects.exists()


def test_staff_import_a_mentor_roster_in_the_django_admin(
    django_admin, program, faculty
):
    url = reverse("admin:acnm_mentoring_mentorprofile_import")
    text = f"Membership ID,Capacity\n{faculty.membership_id},2\n"
    preview = django_admin.post(
        url,
        {
            "import_file": csv_file(text),
            "format": "0",
            "resource": "0",
            "program": program.pk,
        },
    )
    confirm = preview.context["confirm_form"]
    django_admin.post(
        reverse("admin:acnm_mentoring_mentorprofile_process_import"),
        {key: value for key, value in confirm.initial.items() if value is not None},
    )
    assert MentorProfile.objects.get().capacity == 2


def test_staff_export_mentors_in_the_django_admin_and_it_is_logged(
    django_admin, program
):
    factories.MentorProfileFactory(program=program, member__user__first_name="Helen")
    listing = django_admin.get(reverse("admin:acnm_mentoring_mentorprofile_changelist"))
    assert "Export" in listing.content.decode()

    response = django_admin.post(
        reverse("admin:acnm_mentoring_mentorprofile_export"),
        {"format": "0", "resource": "0"},
    )

    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0][:3] == ["Name", "E-mail", "Membership ID"]
    assert rows[1][0].startswith("Helen")
    assert ExportLogEntry.objects.filter(action="acnm_mentoring.export").exists()


def test_export_needs_the_export_permission_in_the_django_admin(
    django_admin, staff_user, program
):
    staff_user.user_permissions.remove(Permission.objects.get(codename="export_data"))
    listing = django_admin.get(reverse("admin:acnm_mentoring_mentorship_changelist"))
    assert "export_link" not in listing.content.decode()

    url = reverse("admin:acnm_mentoring_mentorship_export")
    assert django_admin.get(url).status_code == 403
    assert django_admin.post(url, {"format": "0"}).status_code == 403


def test_the_applications_admin_exports_participants_once_each(
    django_admin, program, resident
):
    first = factories.ApplicationFactory(
        program=program, member=resident, status="declined"
    )
    first.submitted_at = first.submitted_at.replace(year=2020)
    first.save()
    factories.ApplicationFactory(program=program, member=resident)

    response = django_admin.post(
        reverse("admin:acnm_mentoring_application_export"),
        {"format": "0", "resource": "1"},
    )

    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0][:3] == ["Name", "E-mail", "Membership ID"]
    assert [row[0] for row in rows[1:]] == ["Jordan Rivera"]
