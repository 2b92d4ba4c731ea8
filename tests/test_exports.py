"""Exports: the programme's records as staff download them, and never a
formula a spreadsheet would run."""

import csv
import io

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook

from acnm_mentoring_plugin import exports
from acnm_mentoring_plugin.exceptions import NotAllowed
from acnm_mentoring_plugin.models import (
    ApplicationRole,
    ApplicationStatus,
    MentorshipStatus,
)
from acnm_mentoring_plugin.resources import (
    RESOURCES,
    ContactActivityResource,
    ParticipantResource,
)
from tests import factories
from tests.test_award import mentored

pytestmark = pytest.mark.django_db

FORMULA = '=HYPERLINK("http://x","y")'


def rows_of(text):
    return list(csv.reader(io.StringIO(text.lstrip(exports.BOM))))


def participant(program, member, role, status=ApplicationStatus.ACCEPTED):
    return factories.ApplicationFactory(
        program=program, member=member, role=role, status=status
    )


@pytest.fixture
def pair(program):
    jordan, helen = mentored(program, "Jordan Rivera", "Helen Marsh")
    participant(program, jordan, ApplicationRole.MENTEE)
    participant(program, helen, ApplicationRole.MENTOR)
    return jordan, helen


def test_the_participant_list_has_a_row_per_member_with_their_counterpart(
    program, pair
):
    jordan, helen = pair
    # Declined once, accepted later: one participant, as they are now.
    first = participant(program, jordan, ApplicationRole.MENTEE, "declined")
    first.submitted_at = first.submitted_at.replace(year=2020)
    first.save()

    table = rows_of(exports.to_text(ParticipantResource()))

    assert table[0] == [
        "Name",
        "E-mail",
        "Membership ID",
        "Programme",
        "Role",
        "Career stage",
        "Institution",
        "Fields of interest",
        "Status",
        "Mentor or mentees",
        "Start",
        "Planned end",
    ]
    by_name = {row[0]: row for row in table[1:]}
    assert len(table) == 3
    assert by_name["Jordan Rivera"][4:6] == ["Mentee", "Resident"]
    assert by_name["Jordan Rivera"][8:10] == ["Active", "Helen Marsh"]
    assert by_name["Helen Marsh"][4] == "Mentor"
    assert by_name["Helen Marsh"][8:10] == ["Accepted", "Jordan Rivera"]
    assert by_name["Jordan Rivera"][1] == jordan.email


def test_a_name_written_as_a_formula_stays_text_in_csv_and_xlsx(program, pair):
    jordan, _helen = pair
    jordan.user.first_name, jordan.user.last_name = FORMULA, ""
    jordan.user.save()
    jordan.institution = "+1 555 0100"
    jordan.save()

    table = rows_of(exports.to_text(ParticipantResource()))
    row = next(row for row in table if "HYPERLINK" in row[0])
    assert row[0] == "'" + FORMULA
    assert row[6] == "'+1 555 0100"

    output = io.BytesIO()
    exports.write_xlsx(ParticipantResource(), output)
    output.seek(0)
    sheet = load_workbook(output).active
    cells = [cell for row in sheet.iter_rows() for cell in row if cell.value]
    hyperlink = next(cell for cell in cells if "HYPERLINK" in cell.value)
    assert hyperlink.data_type == "s"  # text, not a formula ("f")
    assert hyperlink.value == "'" + FORMULA
    assert not any(cell.data_type == "f" for cell in cells)


def test_contact_activity_never_carries_the_pairs_notes(program):
    mentorship = factories.MentorshipFactory(
        program=program, status=MentorshipStatus.ACTIVE
    )
    factories.ContactLogFactory(
        mentorship=mentorship, notes="We talked about her divorce."
    )
    text = exports.to_text(ContactActivityResource())
    assert "divorce" not in text
    assert len(rows_of(text)) == 2


@pytest.mark.parametrize("name", sorted(RESOURCES))
def test_an_export_costs_the_same_queries_for_few_and_many_rows(program, name):
    def queries():
        with CaptureQueriesContext(connection) as captured:
            exports.to_text(RESOURCES[name]())
        return len(captured)

    def add_records(count):
        for _ in range(count):
            mentorship = factories.MentorshipFactory(
                program=program, status=MentorshipStatus.ACTIVE
            )
            participant(program, mentorship.mentee, ApplicationRole.MENTEE)
            participant(program, mentorship.mentor, ApplicationRole.MENTOR)
            factories.ContactLogFactory(mentorship=mentorship)
            factories.NominationFactory(
                nominator=mentorship.mentee, nominee=mentorship.mentor
            )

    add_records(2)
    few = queries()
    add_records(20)
    assert queries() == few


def test_exporting_needs_its_own_permission(program, staff_user, rf):
    resource = ParticipantResource()
    staff_user.user_permissions.remove(
        *staff_user.user_permissions.filter(codename="export_data")
    )
    staff_user = type(staff_user).objects.get(pk=staff_user.pk)
    with pytest.raises(NotAllowed, match="permission to export"):
        exports.export_response(staff_user, resource, None, "csv")


def test_the_command_writes_a_file_and_says_how_many_rows(
    program, pair, tmp_path, capsys
):
    sent = []
    exports.exported.connect(
        lambda **kwargs: sent.append(kwargs), weak=False, dispatch_uid="t"
    )
    try:
        target = tmp_path / "participants.csv"
        call_command("mentoring_export", "participants", "-o", str(target))
        assert len(rows_of(target.read_text(encoding="utf-8"))) == 3
        assert "2 rows written" in capsys.readouterr().err
        assert sent[-1]["rows"] == 2 and sent[-1]["user"] is None

        workbook = tmp_path / "mentors.xlsx"
        call_command("mentoring_export", "mentors", "-o", str(workbook))
        sheet = load_workbook(workbook).active
        assert sheet["A2"].value == "Helen Marsh"

        with pytest.raises(CommandError, match="the programmes are: acnm"):
            call_command("mentoring_export", "mentors", "--programme", "nope")
    finally:
        exports.exported.disconnect(dispatch_uid="t")
