"""Outcomes: mentees record the exam, their first position and their work;
staff read them by cohort, as charts and as a download."""

import csv
import datetime
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from acnm_mentoring_plugin import exports, services
from acnm_mentoring_plugin.exceptions import MentoringError, NotAllowed
from acnm_mentoring_plugin.models import (
    ActivityRecord,
    ApplicationRole,
    ApplicationStatus,
    FirstPosition,
    MentorshipStatus,
    Outcome,
)
from acnm_mentoring_plugin.outcomes import cohort_figures
from acnm_mentoring_plugin.resources import OutcomeResource
from tests import factories

pytestmark = pytest.mark.django_db

REPORT_URL = "/admin/mentoring/outcomes/"


def outcomes_url(program):
    return reverse("acnm_mentoring:my_outcomes", args=[program.slug])


def accepted_mentee(program, **member):
    mentee = factories.MemberFactory(**member)
    factories.ApplicationFactory(
        program=program,
        member=mentee,
        role=ApplicationRole.MENTEE,
        status=ApplicationStatus.ACCEPTED,
    )
    return mentee


def partnered(program, mentee, start, status=MentorshipStatus.ACTIVE):
    return factories.MentorshipFactory(
        program=program, mentee=mentee, status=status, start_date=start
    )


def form(**changes):
    return {
        "abnm_exam_passed_year": "2025",
        "first_position": FirstPosition.ACADEMIC_CENTRE,
        "publications": "3",
        "presentations": "2",
        **changes,
    }


def rows_of(text):
    return list(csv.reader(io.StringIO(text.lstrip(exports.BOM))))


# The mentee's page -----------------------------------------------------------


def test_a_mentee_records_their_outcomes_from_my_mentoring(client, program):
    mentee = accepted_mentee(program)
    partnered(program, mentee, datetime.date(2024, 9, 1))
    client.force_login(mentee.user)

    mine = client.get(reverse("acnm_mentoring:my_mentoring")).content.decode()
    assert outcomes_url(program) in mine
    page = client.get(outcomes_url(program)).content.decode()
    assert '<label for="id_abnm_exam_passed_year">' in page
    assert "only you and the programme staff see" in page

    response = client.post(outcomes_url(program), form(), follow=True)
    assert "Your outcomes have been saved." in response.content.decode()
    outcome = Outcome.objects.get(member=mentee, program=program)
    assert outcome.abnm_exam_passed_year == 2025
    assert outcome.first_position == FirstPosition.ACADEMIC_CENTRE
    assert (outcome.publications, outcome.presentations) == (3, 2)
    assert outcome.recorded_by == mentee.user
    record = ActivityRecord.objects.get(action="outcome_recorded")
    assert record.actor == mentee.user

    again = client.post(outcomes_url(program), form(), follow=True)
    assert "Nothing to save" in again.content.decode()
    assert ActivityRecord.objects.filter(action="outcome_recorded").count() == 1


def test_an_accepted_mentee_not_yet_matched_may_record(client, program):
    mentee = accepted_mentee(program)
    client.force_login(mentee.user)
    client.post(outcomes_url(program), form(first_position=""))
    assert Outcome.objects.get(member=mentee).first_position == ""


def test_a_member_without_mentorship_is_refused_and_keeps_what_they_typed(
    client, program, resident
):
    client.force_login(resident.user)
    page = client.get(outcomes_url(program)).content.decode()
    assert "once your mentee application is accepted" in page

    response = client.post(outcomes_url(program), form(publications="7"))
    page = response.content.decode()
    assert response.status_code == 200
    assert 'role="alert"' in page
    assert "once your mentee application is accepted" in page
    assert 'value="7"' in page
    assert not Outcome.objects.exists()


def test_a_requested_mentor_alone_does_not_make_a_mentee(program, resident):
    partnered(program, resident, None, status=MentorshipStatus.REQUESTED)
    with pytest.raises(NotAllowed):
        services.record_outcome(resident.user, resident, program, publications=1)


def test_an_impossible_exam_year_is_kept_with_its_error(client, program):
    mentee = accepted_mentee(program)
    client.force_login(mentee.user)
    next_year = datetime.date.today().year + 1
    response = client.post(
        outcomes_url(program), form(abnm_exam_passed_year=str(next_year))
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Give the year you passed the exam, from 1970 to" in page
    assert f'value="{next_year}"' in page
    assert 'id="id_abnm_exam_passed_year_error"' in page
    assert not Outcome.objects.exists()


def test_negative_counts_are_refused(client, program):
    mentee = accepted_mentee(program)
    client.force_login(mentee.user)
    response = client.post(outcomes_url(program), form(presentations="-1"))
    assert "id_presentations_error" in response.content.decode()
    assert not Outcome.objects.exists()


def test_the_service_refuses_what_the_form_would(program):
    mentee = accepted_mentee(program)
    with pytest.raises(MentoringError, match="from 1970"):
        services.record_outcome(
            mentee.user, mentee, program, abnm_exam_passed_year=1850
        )
    with pytest.raises(MentoringError, match="academic centre"):
        services.record_outcome(mentee.user, mentee, program, first_position="ski")
    assert not Outcome.objects.exists()


# Staff and confidentiality -------------------------------------------------


def test_staff_record_a_mentees_outcomes(program, staff_user):
    mentee = accepted_mentee(program)
    changed = services.record_outcome(
        staff_user, mentee, program, abnm_exam_passed_year=2024, publications=5
    )
    assert changed == ["abnm_exam_passed_year", "publications"]
    outcome = Outcome.objects.get(member=mentee)
    assert outcome.recorded_by == staff_user
    # Only what is given changes: an import's blank cell leaves it alone.
    services.record_outcome(staff_user, mentee, program, presentations=4)
    outcome.refresh_from_db()
    assert (outcome.publications, outcome.presentations) == (5, 4)


def test_a_member_cannot_record_another_members_outcomes(program):
    mentee = accepted_mentee(program)
    other = accepted_mentee(program)
    with pytest.raises(NotAllowed):
        services.record_outcome(other.user, mentee, program, publications=9)
    assert not Outcome.objects.exists()


def test_a_member_sees_only_their_own_outcomes(client, program):
    mentee = accepted_mentee(program)
    services.record_outcome(mentee.user, mentee, program, publications=11)
    other = accepted_mentee(program)
    client.force_login(other.user)
    page = client.get(outcomes_url(program)).content.decode()
    assert 'value="11"' not in page
    client.post(outcomes_url(program), form(publications="2"))
    assert Outcome.objects.get(member=mentee).publications == 11
    assert Outcome.objects.get(member=other).publications == 2


def test_the_report_and_its_export_are_for_staff_only(client, program):
    mentee = accepted_mentee(program)
    services.record_outcome(mentee.user, mentee, program, publications=11)
    client.force_login(mentee.user)
    assert client.get(REPORT_URL).status_code in {302, 403}
    assert client.get(REPORT_URL + "?export=csv").status_code in {302, 403}


def test_signed_out_visitors_are_sent_to_sign_in(client, program):
    response = client.get(outcomes_url(program))
    assert response.status_code == 302


# The report ------------------------------------------------------------------


@pytest.fixture
def cohorts(program, staff_user):
    """2023: two mentees, one passed, academic; 2024: three mentees, two
    recorded (industry, private practice); one not yet matched."""

    def mentee(start, name, **outcome):
        member = accepted_mentee(program, user__first_name=name, user__last_name="Test")
        if start:
            partnered(program, member, start, status=MentorshipStatus.COMPLETED)
        if outcome:
            services.record_outcome(staff_user, member, program, **outcome)
        return member

    first = mentee(
        datetime.date(2023, 9, 1),
        "Ada",
        abnm_exam_passed_year=2025,
        first_position=FirstPosition.ACADEMIC_CENTRE,
        publications=4,
        presentations=1,
    )
    # A later partnership does not move Ada out of her cohort.
    partnered(program, first, datetime.date(2025, 1, 5))
    mentee(datetime.date(2023, 10, 1), "Ben")
    mentee(
        datetime.date(2024, 1, 15),
        "Cleo",
        abnm_exam_passed_year=2025,
        first_position=FirstPosition.INDUSTRY,
        publications=2,
        presentations=3,
    )
    mentee(
        datetime.date(2024, 3, 1),
        "Dev",
        first_position=FirstPosition.PRIVATE_PRACTICE,
        publications=1,
    )
    mentee(datetime.date(2024, 6, 1), "Eli")
    mentee(None, "Fay", publications=6)
    return program


def test_cohort_figures_on_a_small_programme(cohorts):
    figures = {cohort.label: cohort for cohort in cohort_figures(cohorts)}
    assert list(figures) == ["2023", "2024", "Not yet matched"]

    c2023, c2024, unmatched = figures.values()
    assert (c2023.mentees, c2023.recorded, c2023.exam_passed) == (2, 1, 1)
    assert c2023.exam_share == 50
    assert c2023.positions[FirstPosition.ACADEMIC_CENTRE] == 1
    assert (c2023.publications, c2023.publications_mean) == (4, 4.0)

    assert (c2024.mentees, c2024.recorded, c2024.exam_passed) == (3, 2, 1)
    assert c2024.exam_share == 33
    assert c2024.positions == {
        FirstPosition.ACADEMIC_CENTRE: 0,
        FirstPosition.PRIVATE_PRACTICE: 1,
        FirstPosition.INDUSTRY: 1,
        FirstPosition.FURTHER_TRAINING: 0,
    }
    assert (c2024.publications, c2024.publications_mean) == (3, 1.5)
    assert (c2024.presentations, c2024.presentations_mean) == (3, 1.5)

    assert unmatched.year is None
    assert (unmatched.mentees, unmatched.recorded, unmatched.publications) == (1, 1, 6)


def test_the_figures_cost_the_same_queries_for_few_and_many_mentees(program):
    def queries():
        with CaptureQueriesContext(connection) as captured:
            cohort_figures(program)
        return len(captured)

    def add(count):
        for index in range(count):
            member = accepted_mentee(program)
            partnered(program, member, datetime.date(2020 + index % 4, 1, 1))
            Outcome.objects.create(member=member, program=program, publications=index)

    add(2)
    few = queries()
    add(20)
    assert queries() == few == 1


def test_staff_see_the_report_with_its_charts(client, cohorts, staff_user):
    client.force_login(staff_user)
    response = client.get(REPORT_URL)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Outcomes by cohort" in page
    assert 'id="acnm-outcomes-exam' in page
    assert 'id="acnm-outcomes-positions' in page
    assert 'role="img"' in page
    assert "Not yet matched" in page
    assert "?export=csv" in page and "export=xlsx" in page


def test_the_export_has_a_row_per_mentee(client, cohorts, staff_user):
    table = rows_of(exports.to_text(OutcomeResource()))
    assert table[0] == [
        "Name",
        "E-mail",
        "Membership ID",
        "Programme",
        "Cohort",
        "ABNM exam passed in",
        "First position",
        "Publications",
        "Presentations",
    ]
    by_name = {row[0]: row for row in table[1:]}
    assert len(by_name) == 6
    assert by_name["Ada Test"][3:] == [
        "ACNM Mentoring Program",
        "2023",
        "2025",
        "Academic centre",
        "4",
        "1",
    ]
    assert by_name["Ben Test"][4:] == ["2023", "", "", "", ""]
    assert by_name["Fay Test"][4:] == ["Not yet matched", "", "", "6", "0"]

    client.force_login(staff_user)
    response = client.get(REPORT_URL + f"?programme={cohorts.slug}&export=csv")
    assert response.status_code == 200
    downloaded = rows_of(b"".join(response.streaming_content).decode())
    assert downloaded == table


# Importing outcomes ------------------------------------------------------------


def import_outcomes(staff, text, program=None, dry_run=False):
    from import_export.formats.base_formats import CSV

    from acnm_mentoring_plugin.resources.outcomes import OutcomeRosterResource

    return OutcomeRosterResource(program=program).import_data(
        CSV(encoding="utf-8-sig").create_dataset(text), dry_run=dry_run, user=staff
    )


def test_staff_import_outcomes_through_the_service(program, staff_user):
    from acnm_mentoring_plugin.resources.roster import row_problems

    ada = accepted_mentee(program, membership_id="ACNM-201")
    ben = accepted_mentee(program, membership_id="ACNM-202")
    accepted_mentee(program, membership_id="ACNM-204")
    services.record_outcome(staff_user, ben, program, presentations=9)
    text = (
        "Membership ID,ABNM exam passed in,First position,Publications,Presentations\n"
        "ACNM-201,2024,Private practice,3,\n"
        "ACNM-202,,industry,,\n"
        "ACNM-203,2024,,,\n"
        "ACNM-204,3024,astronaut,-2,\n"
    )

    preview = import_outcomes(staff_user, text, program, dry_run=True)
    assert not Outcome.objects.filter(member=ada).exists()
    problems = row_problems(preview)
    assert any("Row 4: Membership ID" in line for line in problems)
    assert any("Row 5: ABNM exam passed in" in line for line in problems)
    assert any("Row 5: First position" in line for line in problems)
    assert any("Row 5: Publications" in line for line in problems)

    import_outcomes(staff_user, text, program)
    ada_outcome = Outcome.objects.get(member=ada)
    assert ada_outcome.abnm_exam_passed_year == 2024
    assert ada_outcome.first_position == FirstPosition.PRIVATE_PRACTICE
    assert ada_outcome.publications == 3
    assert ada_outcome.recorded_by == staff_user
    ben_outcome = Outcome.objects.get(member=ben)
    assert ben_outcome.first_position == FirstPosition.INDUSTRY
    assert ben_outcome.presentations == 9

    again = import_outcomes(staff_user, text, program)
    assert (again.totals["skip"], again.totals["new"]) == (2, 0)
    assert ActivityRecord.objects.filter(action="outcome_recorded").count() == 3


def test_the_admin_menu_and_import_screen_are_for_staff(client, program, staff_user):
    mentee = accepted_mentee(program)
    client.force_login(mentee.user)
    assert client.get("/admin/mentoring/import/outcomes/").status_code in {302, 403}

    client.force_login(staff_user)
    screen = client.get("/admin/mentoring/import/outcomes/")
    assert screen.status_code == 200
    assert "ABNM exam passed in" in screen.content.decode()
    home = client.get("/admin/").content.decode()
    assert REPORT_URL in home
    assert "/admin/mentoring/import/outcomes/" in home


def test_the_export_command_takes_one_programme(cohorts, capsys):
    from django.core.management import call_command

    other = factories.ProgramFactory(name="Other programme", slug="other")
    accepted_mentee(other, user__first_name="Gus", user__last_name="Test")
    call_command("mentoring_export", "outcomes", "--programme", cohorts.slug)
    table = rows_of(capsys.readouterr().out)
    assert len(table) == 7  # the header and the six mentees of the programme
    assert "Gus Test" not in {row[0] for row in table}
