"""Staff bring in members and mentors from a roster: each row through the
import services, matched by membership ID, so a file imported twice changes
nothing the second time, and a preview changes nothing at all."""

import io

import pytest
from django.contrib.auth import get_user_model
from import_export.formats.base_formats import CSV, XLSX
from openpyxl import Workbook

from acnm_mentoring_plugin import exports, services
from acnm_mentoring_plugin.exceptions import NotAllowed
from acnm_mentoring_plugin.models import (
    ActivityRecord,
    CareerLevel,
    CareerStage,
    Member,
    MembershipStatus,
    MentorProfile,
)
from acnm_mentoring_plugin.resources import MentorResource
from acnm_mentoring_plugin.resources.roster import (
    MemberRosterResource,
    MentorRosterResource,
    row_problems,
)
from acnm_mentoring_plugin.search import matching
from acnm_mentoring_plugin.services.roster import Outcome, RowRefused
from tests import factories

pytestmark = pytest.mark.django_db

ROSTER = (
    "Membership ID,E-mail,First name,Last name,Membership status,Career stage,"
    "Training year,Institution,Location,Fields of interest\n"
    "ACNM-101,jordan@members.test,Jordan,Rivera,Active,Resident,2,"
    "Riverside University Hospital,Reston VA,Cardiology; pet\n"
    "ACNM-102,helen@faculty.test,Helen,Marsh,active,senior faculty,,"
    "Lakeside Medical Center,Boston MA,oncology\n"
)


def csv_dataset(text):
    return CSV(encoding="utf-8-sig").create_dataset(text)


def xlsx_dataset(rows):
    workbook = Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    output = io.BytesIO()
    workbook.save(output)
    return XLSX().create_dataset(output.getvalue())


def import_members(staff, text, dry_run=False):
    return MemberRosterResource().import_data(
        csv_dataset(text), dry_run=dry_run, user=staff
    )


def member(number):
    return Member.objects.select_related("user").get(membership_id=number)


# The services --------------------------------------------------------------------


def test_a_new_member_gets_an_account_that_signs_in_through_the_association(
    staff_user,
):
    imported = services.import_member(
        staff_user,
        membership_id="ACNM-101",
        email="jordan@members.test",
        first_name="Jordan",
        last_name="Rivera",
        membership_status="Active",
        career_stage="resident",
        training_year="2",
        institution="Riverside University Hospital",
        interests=["Cardiology", "pet"],
    )

    assert imported.outcome == Outcome.CREATED
    jordan = member("ACNM-101")
    assert jordan.user.get_full_name() == "Jordan Rivera"
    assert jordan.user.email == "jordan@members.test"
    assert not jordan.user.has_usable_password()
    assert jordan.membership_status == MembershipStatus.ACTIVE
    assert jordan.career_stage == CareerStage.RESIDENT
    assert jordan.training_year == 2
    assert sorted(jordan.interests.values_list("slug", flat=True)) == [
        "cardiology",
        "pet",
    ]
    history = ActivityRecord.objects.get()
    assert (history.action, history.actor) == ("member_imported", staff_user)
    assert history.subject == jordan


def test_the_same_row_again_changes_and_records_nothing(staff_user):
    row = {"membership_id": "ACNM-101", "email": "jordan@members.test"}
    services.import_member(staff_user, **row, interests=["Cardiology"])
    before = ActivityRecord.objects.count()

    again = services.import_member(staff_user, **row, interests=["cardiology"])

    assert again.outcome == Outcome.UNCHANGED
    assert ActivityRecord.objects.count() == before


def test_a_changed_row_updates_the_member_and_records_which_fields(staff_user):
    jordan = factories.MemberFactory(membership_id="ACNM-101")

    imported = services.import_member(
        staff_user,
        membership_id="ACNM-101",
        career_stage="Fellow",
        institution="Lakeside Medical Center",
        last_name="Rivera-Lopez",
    )

    assert imported.outcome == Outcome.UPDATED
    jordan.refresh_from_db()
    assert jordan.career_stage == CareerStage.FELLOW
    assert jordan.user.last_name == "Rivera-Lopez"
    history = ActivityRecord.objects.get()
    assert history.action == "member_updated_by_import"
    assert history.actor == staff_user
    assert history.detail["fields"] == ["career_stage", "institution", "last_name"]


def test_every_problem_of_a_row_is_reported_by_field_and_nothing_changes(
    staff_user,
):
    with pytest.raises(RowRefused) as refused:
        services.import_member(
            staff_user,
            membership_id="ACNM-101",
            email="not an address",
            membership_status="gold",
            career_stage="intern",
            training_year="second",
            interests=["Cardiolgy", "PET, CT"],
        )

    errors = refused.value.errors
    assert set(errors) == {
        "email",
        "membership_status",
        "career_stage",
        "training_year",
        "interests",
    }
    assert errors["career_stage"] == [
        "“intern” is not a career stage; use one of: Resident, Fellow, "
        "Researcher, Junior faculty, Senior faculty, Other."
    ]
    assert "Separate several with “;”" in str(errors["interests"][1])
    assert not Member.objects.exists()
    assert not ActivityRecord.objects.exists()


def test_a_new_member_needs_an_email_address(staff_user):
    with pytest.raises(RowRefused) as refused:
        services.import_member(staff_user, membership_id="ACNM-101")
    assert list(refused.value.errors) == ["email"]


def test_an_email_of_another_account_is_a_row_error_never_an_integrity_error(
    staff_user, resident
):
    with pytest.raises(RowRefused) as refused:
        services.import_member(
            staff_user, membership_id="ACNM-999", email=resident.user.email.upper()
        )
    assert str(resident.membership_id) in str(refused.value.errors["email"][0])

    helen = factories.MemberFactory(membership_id="ACNM-102")
    with pytest.raises(RowRefused):
        services.import_member(
            staff_user, membership_id="ACNM-102", email=resident.user.email
        )
    helen.user.refresh_from_db()
    assert helen.user.email != resident.user.email
    assert Member.objects.count() == 2


def test_the_address_of_a_staff_account_is_not_changed_by_an_import(staff_user):
    admin = factories.UserFactory(username="admin", is_staff=True, is_superuser=True)
    factories.MemberFactory(user=admin, membership_id="ACNM-007")

    with pytest.raises(RowRefused):
        services.import_member(
            staff_user, membership_id="ACNM-007", email="mine@evil.test"
        )
    admin.refresh_from_db()
    assert admin.email == "admin@members.test"


def test_members_who_are_not_programme_staff_cannot_import(resident):
    with pytest.raises(NotAllowed):
        services.import_member(
            resident.user, membership_id="ACNM-101", email="x@members.test"
        )
    with pytest.raises(NotAllowed):
        import_members(resident.user, ROSTER, dry_run=True)
    assert Member.objects.count() == 1


def test_a_new_mentor_is_set_up_as_an_accepted_application_would_and_found(
    staff_user, program, faculty, django_capture_on_commit_callbacks
):
    faculty.interests.set(factories.models.FieldOfInterest.objects.filter(slug="ct"))

    with django_capture_on_commit_callbacks(execute=True):
        imported = services.import_mentor(
            staff_user,
            program,
            membership_id=faculty.membership_id,
            accepting_new_mentees="no",
        )

    profile = imported.obj
    assert imported.outcome == Outcome.CREATED
    assert profile.capacity == program.default_mentor_capacity
    assert profile.career_level == CareerLevel.SENIOR
    assert profile.accepting_new_mentees is False
    assert list(profile.specialties.values_list("slug", flat=True)) == ["ct"]
    assert ActivityRecord.objects.get().action == "mentor_imported"
    assert list(matching(MentorProfile.objects.all(), "Marsh")) == [profile]


def test_an_existing_mentor_changes_through_the_profile_service(
    staff_user, program, faculty
):
    profile = factories.MentorProfileFactory(member=faculty, program=program)
    values = {"capacity": "4", "specialties": ["Oncology"], "listed_in_directory": 1}

    first = services.import_mentor(
        staff_user, program, membership_id=faculty.membership_id, **values
    )
    again = services.import_mentor(
        staff_user, program, membership_id=faculty.membership_id, **values
    )

    assert first.outcome == Outcome.UPDATED
    assert again.outcome == Outcome.UNCHANGED
    profile.refresh_from_db()
    assert profile.capacity == 4
    history = ActivityRecord.objects.get()
    assert (history.action, history.actor) == ("mentor_profile_updated", staff_user)
    assert history.detail["fields"] == ["capacity", "specialties"]


def test_a_mentor_must_be_a_member_and_not_a_trainee(staff_user, program, resident):
    with pytest.raises(RowRefused) as unknown:
        services.import_mentor(staff_user, program, membership_id="ACNM-404")
    assert "import them as a member first" in str(unknown.value)

    with pytest.raises(RowRefused) as trainee:
        services.import_mentor(
            staff_user, program, membership_id=resident.membership_id, capacity=0
        )
    assert set(trainee.value.errors) == {None, "capacity"}
    assert not MentorProfile.objects.exists()


# The resources -------------------------------------------------------------------


def test_a_roster_is_previewed_without_change_then_imported(staff_user):
    users = get_user_model().objects.count()

    preview = import_members(staff_user, ROSTER, dry_run=True)

    assert preview.totals["new"] == 2 and not preview.has_validation_errors()
    assert not Member.objects.exists()
    assert not ActivityRecord.objects.exists()
    assert get_user_model().objects.count() == users

    result = import_members(staff_user, ROSTER)

    assert result.totals["new"] == 2
    helen = member("ACNM-102")
    assert helen.career_stage == CareerStage.SENIOR_FACULTY
    assert helen.user.get_full_name() == "Helen Marsh"
    assert ActivityRecord.objects.filter(actor=staff_user).count() == 2


def test_the_same_roster_again_is_all_unchanged_and_records_nothing(staff_user):
    import_members(staff_user, ROSTER)
    before = ActivityRecord.objects.count()

    again = import_members(staff_user, ROSTER)

    assert again.totals["skip"] == 2
    assert again.totals["new"] == again.totals["update"] == 0
    assert ActivityRecord.objects.count() == before


def test_each_problem_is_reported_with_its_row_and_column(staff_user):
    text = ROSTER + "ACNM-103,sam@members.test,Sam,Lee,,intern,,,,\n\n"

    result = import_members(staff_user, text)

    assert result.totals["new"] == 2 and result.totals["invalid"] == 1
    assert row_problems(result) == [
        "Row 4: Career stage: “intern” is not a career stage; use one of: "
        "Resident, Fellow, Researcher, Junior faculty, Senior faculty, Other."
    ]
    assert not Member.objects.filter(membership_id="ACNM-103").exists()


def test_an_email_of_another_account_is_a_row_error_in_a_roster(staff_user, resident):
    text = (
        "Membership ID,E-mail,First name\n"
        f"ACNM-555,{resident.user.email},Sam\n"
        f"ACNM-556,{resident.user.email.upper()},Kim\n"
    )
    result = import_members(staff_user, text)

    assert result.totals["invalid"] == 2
    assert "is the e-mail address of another member" in row_problems(result)[0]
    assert Member.objects.count() == 1


def test_a_member_twice_in_a_file_is_a_slip(staff_user):
    text = ROSTER + "acnm-101,jordan@members.test,Jordan,Rivera\n"
    result = import_members(staff_user, text, dry_run=True)
    assert row_problems(result) == [
        "Row 4: Membership ID: The same member is on row 2 already; keep one row each."
    ]


def test_a_file_without_the_membership_id_column_is_refused_whole(staff_user):
    result = import_members(staff_user, "E-mail,Name\nx@members.test,X\n")
    assert result.has_errors()
    assert row_problems(result) == [
        "The file has no “Membership ID” column. The first row of the file names "
        "the columns."
    ]
    assert not Member.objects.exists()


def test_a_workbook_is_read_as_a_csv_file_is(staff_user, program):
    dataset = xlsx_dataset(
        [
            ["membership id", "Email", "Career stage", "Training year"],
            [101, "jordan@members.test", "Senior faculty", None],
            [None, None, None, None],
        ]
    )
    result = MemberRosterResource().import_data(dataset, user=staff_user)
    assert result.totals["new"] == 1
    assert member("101").career_stage == CareerStage.SENIOR_FACULTY

    mentors = xlsx_dataset(
        [
            ["Membership ID", "Capacity", "Accepting new mentees", "Fields"],
            [101, 2, False, "Oncology;Theranostics"],
        ]
    )
    result = MentorRosterResource().import_data(mentors, user=staff_user)
    assert result.totals["new"] == 1, row_problems(result)
    profile = MentorProfile.objects.get()
    assert (profile.capacity, profile.accepting_new_mentees) == (2, False)
    assert profile.specialties.count() == 2


def test_an_exported_roster_imported_again_changes_nothing(staff_user, program):
    factories.MemberFactory(
        membership_id="ACNM-101",
        institution="-Riverside",  # written as '-Riverside, read back as is
        user__first_name="=Jordan",
    ).interests.set(factories.models.FieldOfInterest.objects.filter(slug="pet"))
    factories.MentorProfileFactory(
        program=program, member__membership_id="ACNM-102"
    ).specialties.set(factories.models.FieldOfInterest.objects.all()[:2])
    before = ActivityRecord.objects.count()

    members = import_members(staff_user, exports.to_text(MemberRosterResource()))
    mentors = MentorRosterResource().import_data(
        csv_dataset(exports.to_text(MentorResource())), user=staff_user
    )

    assert members.totals["skip"] == 2, row_problems(members)
    assert mentors.totals["skip"] == 1, row_problems(mentors)
    assert ActivityRecord.objects.count() == before


def test_a_previewed_mentor_leaves_no_trace_in_the_directory_search(
    staff_user, program, faculty, django_capture_on_commit_callbacks
):
    dataset = csv_dataset(f"Membership ID,Capacity\n{faculty.membership_id},2\n")

    with django_capture_on_commit_callbacks() as callbacks:
        result = MentorRosterResource(program=program).import_data(
            dataset, dry_run=True, user=staff_user
        )

    assert result.totals["new"] == 1
    assert callbacks == []
    assert not MentorProfile.objects.exists()
    assert not ActivityRecord.objects.exists()
    assert list(matching(MentorProfile.objects.all(), "Marsh")) == []


def test_a_mentor_row_for_another_programme_than_chosen_is_refused(
    staff_user, program, faculty
):
    other = factories.ProgramFactory(name="Research track", slug="research")
    dataset = csv_dataset(
        f"Membership ID,Programme\n{faculty.membership_id},research\n"
    )

    refused = MentorRosterResource(program=program).import_data(
        dataset, user=staff_user
    )
    accepted = MentorRosterResource().import_data(
        csv_dataset(f"Membership ID,Programme\n{faculty.membership_id},research\n"),
        user=staff_user,
    )

    assert "you are importing mentors of ACNM" in row_problems(refused)[0]
    assert accepted.totals["new"] == 1
    assert MentorProfile.objects.get().program == other
