"""Staff of one programme run that programme only.

A site runs the ACNM Mentoring Program and a Research Mentoring Program,
each with its own coordinators' group. The ACNM coordinator sees and does
everything for the ACNM programme, and nothing of the research programme's
confidential records, wherever they look: member pages, the Wagtail
admin's listings, downloads, dashboard, award results and outcomes report,
and the Django admin. A programme without staff groups is run by everyone
with the staff permission, as before; a superuser runs them all.
"""

import csv
import datetime
import io
import re

import pytest
from django.contrib.auth.models import Group, Permission
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from acnm_mentoring_plugin import dashboard, exports, services
from acnm_mentoring_plugin.exceptions import NotAllowed
from acnm_mentoring_plugin.models import (
    ApplicationStatus,
    AwardCycleStatus,
    Mentorship,
    MentorshipStatus,
)
from acnm_mentoring_plugin.permissions import (
    is_programme_staff,
    program_of,
    staff_programmes,
    visible_applications,
    visible_mentorships,
    visible_nominations,
)
from acnm_mentoring_plugin.resources import RESOURCES
from tests import factories

pytestmark = pytest.mark.django_db

OUTCOMES_REPORT = "/admin/mentoring/outcomes/"
AWARD_VIEWS = "wagtailsnippets_acnm_mentoring_awardcycle"
PROGRAMME_VIEWS = "wagtailsnippets_acnm_mentoring_program"
REFUSED = "Sorry, you do not have permission to access this area."


def person(factory, first, last, **extra):
    return factory(
        user__username=f"{first}.{last}".lower(),
        user__first_name=first,
        user__last_name=last,
        **extra,
    )


def programme_records(program, mentee, mentor, applicant, statement):
    """A programme in full: an application waiting, an active pair with its
    agreement and a contact, an award cycle whose nominations have closed
    with one nomination, and the mentee's outcomes."""
    today = timezone.localdate()
    factories.AgreementTermsFactory(program=program)
    pending = factories.ApplicationFactory(
        program=program, member=person(factories.MemberFactory, *applicant)
    )
    mentee = person(factories.MemberFactory, *mentee)
    factories.ApplicationFactory(
        program=program, member=mentee, status=ApplicationStatus.ACCEPTED
    )
    profile = factories.MentorProfileFactory(
        program=program, member=person(factories.FacultyFactory, *mentor), capacity=3
    )
    pair = factories.MentorshipFactory(
        program=program,
        mentee=mentee,
        mentor=profile.member,
        status=MentorshipStatus.ACTIVE,
        start_date=today - datetime.timedelta(days=90),
    )
    factories.AgreementFactory(mentorship=pair, goals=f"{statement} goals")
    factories.ContactLogFactory(mentorship=pair, notes=f"{statement} notes")
    now = timezone.now()
    cycle = factories.AwardCycleFactory(
        program=program,
        year=today.year,
        nominations_open_at=now - datetime.timedelta(days=30),
        nominations_close_at=now - datetime.timedelta(days=1),
    )
    nomination = factories.NominationFactory(
        cycle=cycle, nominator=mentee, nominee=profile.member, statement=statement
    )
    return {
        "program": program,
        "pending": pending,
        "mentee": mentee,
        "profile": profile,
        "pair": pair,
        "cycle": cycle,
        "nomination": nomination,
    }


def coordinators(program, name, username):
    """A group that runs ``program``, with one member who may use the admin."""
    group = Group.objects.create(name=name)
    group.permissions.add(
        *Permission.objects.filter(
            codename__in=["manage_program", "export_data", "access_admin"]
        )
    )
    program.staff_groups.add(group)
    user = factories.UserFactory(username=username, is_staff=True)
    user.groups.add(group)
    return user


@pytest.fixture
def acnm(db):
    return programme_records(
        factories.ProgramFactory(),
        mentee=("Alice", "Abbott"),
        mentor=("Arthur", "Ames"),
        applicant=("Amy", "Archer"),
        statement="Arthur read every draft.",
    )


@pytest.fixture
def research(db):
    return programme_records(
        factories.ProgramFactory(
            name="Research Mentoring Program",
            slug="research",
            coordinator_email="research@acnm.test",
        ),
        mentee=("Bruno", "Banks"),
        mentor=("Beatrix", "Bell"),
        applicant=("Boris", "Blake"),
        statement="Beatrix taught me statistics.",
    )


@pytest.fixture
def acnm_staff(acnm, research):
    coordinators(research["program"], "Research coordinators", "rhona")
    return coordinators(acnm["program"], "ACNM coordinators", "anne")


B_NAMES = ["Bruno Banks", "Beatrix Bell", "Boris Blake"]
A_NAMES = ["Alice Abbott", "Arthur Ames", "Amy Archer"]


def shows_only_acnm(text, names=None):
    names = names or A_NAMES
    assert any(name in text for name in names), text[:2000]
    for name in B_NAMES + ["Beatrix taught me statistics."]:
        assert name not in text


def download(client, url, **query):
    response = client.get(url, {**query, "export": "csv"})
    assert response.status_code == 200
    content = b"".join(response.streaming_content).decode("utf-8")
    return list(csv.reader(io.StringIO(content.removeprefix(exports.BOM))))


def refused(client, url, method="get", data=None):
    response = getattr(client, method)(url, data or {}, follow=True)
    return REFUSED in response.content.decode()


# Who runs what -----------------------------------------------------------------


def test_each_record_belongs_to_its_programme(acnm):
    program = acnm["program"]
    pair = acnm["pair"]
    for record in [
        program,
        acnm["pending"],
        pair,
        pair.agreement,
        pair.contacts.get(),
        acnm["cycle"],
        acnm["nomination"],
        acnm["profile"],
        (acnm["mentee"], program),
    ]:
        assert program_of(record) == program


def test_staff_of_one_programme_run_it_and_not_the_other(acnm_staff, acnm, research):
    assert is_programme_staff(acnm_staff)
    assert is_programme_staff(acnm_staff, acnm["program"])
    assert not is_programme_staff(acnm_staff, research["program"])
    assert list(staff_programmes(acnm_staff)) == [acnm["program"]]

    assert set(visible_applications(acnm_staff)) == set(
        acnm["program"].applications.all()
    )
    assert list(visible_mentorships(acnm_staff)) == [acnm["pair"]]
    assert list(visible_nominations(acnm_staff)) == [acnm["nomination"]]


def test_a_programme_without_staff_groups_is_run_by_every_permission_holder(
    acnm, research, staff_user
):
    # Neither programme names staff groups yet: the permission is enough.
    assert is_programme_staff(staff_user, acnm["program"])
    assert is_programme_staff(staff_user, research["program"])
    assert visible_mentorships(staff_user).count() == 2

    coordinators(research["program"], "Research coordinators", "rhona")
    assert is_programme_staff(staff_user, acnm["program"])
    assert not is_programme_staff(staff_user, research["program"])
    assert list(visible_mentorships(staff_user)) == [acnm["pair"]]


def test_group_members_without_the_permission_run_nothing(acnm, research):
    group = Group.objects.create(name="Volunteers")
    acnm["program"].staff_groups.add(group)
    volunteer = factories.UserFactory(username="volunteer")
    volunteer.groups.add(group)
    assert not is_programme_staff(volunteer)
    assert not is_programme_staff(volunteer, acnm["program"])
    assert visible_applications(volunteer).count() == 0


def test_a_superuser_runs_every_programme(client, acnm_staff, acnm, research):
    admin = factories.UserFactory(username="root", is_superuser=True, is_staff=True)
    assert is_programme_staff(admin, research["program"])
    assert visible_mentorships(admin).count() == 2
    client.force_login(admin)
    html = client.get(reverse("acnm_mentoring_applications:index")).content.decode()
    assert "Boris Blake" in html and "Amy Archer" in html


# Member pages ----------------------------------------------------------------------


def test_member_pages_of_the_other_programme_are_not_found(
    client, acnm_staff, acnm, research
):
    client.force_login(acnm_staff)
    for records, status in ((acnm, 200), (research, 404)):
        application = reverse(
            "acnm_mentoring:application_detail", args=[records["pending"].public_id]
        )
        partnership = reverse(
            "acnm_mentoring:partnership", args=[records["pair"].public_id]
        )
        assert client.get(application).status_code == status
        assert client.get(partnership).status_code == status


# The Wagtail admin --------------------------------------------------------------------


@pytest.mark.parametrize(
    "listing",
    [
        "acnm_mentoring_applications:index",
        "acnm_mentoring_participants:index",
        "acnm_mentoring_mentors:index",
        "acnm_mentoring_pairs:index",
    ],
)
def test_wagtail_listings_and_their_downloads_hold_one_programme(
    client, acnm_staff, acnm, research, listing
):
    client.force_login(acnm_staff)
    shows_only_acnm(client.get(reverse(listing)).content.decode())
    # Asking for the other programme by its filter shows nothing of it.
    filtered = client.get(reverse(listing), {"program": research["program"].pk})
    assert not any(name in filtered.content.decode() for name in B_NAMES)

    table = download(client, reverse(listing))
    shows_only_acnm(repr(table))


def test_award_cycles_and_the_nominations_download_hold_one_programme(
    client, acnm_staff, acnm, research
):
    client.force_login(acnm_staff)
    listing = reverse(f"{AWARD_VIEWS}:list")
    html = client.get(listing).content.decode()
    assert "Research Mentoring Program" not in html
    assert "ACNM Mentoring Program" in html
    table = download(client, listing)
    shows_only_acnm(repr(table), ["Arthur read every draft."])


def test_agreement_terms_hold_one_programme(client, acnm_staff, acnm, research):
    client.force_login(acnm_staff)
    html = client.get(reverse("acnm_mentoring_terms:index")).content.decode()
    assert "ACNM Mentoring Program" in html
    assert "Research Mentoring Program" not in html
    form = client.get(reverse("acnm_mentoring_terms:add")).content.decode()
    assert "Research Mentoring Program" not in form


def test_the_other_programmes_records_are_refused_in_the_wagtail_admin(
    client, acnm_staff, acnm, research
):
    client.force_login(acnm_staff)
    pending = research["pending"]
    for url in [
        reverse("acnm_mentoring_applications:edit", args=[pending.pk]),
        reverse("acnm_mentoring_applications:inspect", args=[pending.pk]),
        reverse("acnm_mentoring_mentors:edit", args=[research["profile"].pk]),
        reverse("acnm_mentoring_pairs:inspect", args=[research["pair"].pk]),
        reverse(f"{AWARD_VIEWS}:edit", args=[research["cycle"].pk]),
        reverse(f"{AWARD_VIEWS}:results", args=[research["cycle"].pk]),
        reverse(f"{PROGRAMME_VIEWS}:edit", args=[research["program"].pk]),
    ]:
        assert refused(client, url), url

    url = reverse("acnm_mentoring_applications:edit", args=[pending.pk])
    assert refused(client, url, "post", {"decision": "accept", "staff_notes": "Yes"})
    pending.refresh_from_db()
    assert (pending.status, pending.staff_notes) == (ApplicationStatus.SUBMITTED, "")


def test_staff_review_their_own_programmes_applications(
    client, acnm_staff, acnm, research
):
    client.force_login(acnm_staff)
    pending = acnm["pending"]
    url = reverse("acnm_mentoring_applications:edit", args=[pending.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, {"decision": "accept", "staff_notes": "Welcome."})
    assert response.status_code == 302
    pending.refresh_from_db()
    assert pending.status == ApplicationStatus.ACCEPTED


def test_staff_match_only_with_their_programmes_mentors(
    client, acnm_staff, acnm, research
):
    client.force_login(acnm_staff)
    newcomer = factories.MemberFactory(user__first_name="Ada", user__last_name="Quinn")
    add = reverse("acnm_mentoring_pairs:add")
    form = client.get(add).content.decode()
    mentors = re.search(r'<select name="mentor".*?</select>', form, re.S).group(0)
    assert "Arthur Ames" in mentors and "Beatrix Bell" not in mentors

    response = client.post(
        add, {"mentor": research["profile"].pk, "mentee": newcomer.pk}
    )
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert not Mentorship.objects.filter(mentee=newcomer).exists()

    response = client.post(add, {"mentor": acnm["profile"].pk, "mentee": newcomer.pk})
    assert response.status_code == 302
    assert Mentorship.objects.get(mentee=newcomer).program == acnm["program"]


def test_staff_edit_their_programme_and_its_staff_groups(client, acnm_staff, acnm):
    # Editing programmes is a permission of its own; with it, staff edit
    # only the programmes they run, so nobody joins another's staff.
    acnm_staff.user_permissions.add(
        *Permission.objects.filter(codename__in=["view_program", "change_program"])
    )
    client.force_login(acnm_staff)
    listing = client.get(reverse(f"{PROGRAMME_VIEWS}:list")).content.decode()
    assert "ACNM Mentoring Program" in listing
    assert "Research Mentoring Program" not in listing
    form = client.get(
        reverse(f"{PROGRAMME_VIEWS}:edit", args=[acnm["program"].pk])
    ).content.decode()
    assert "Staff groups" in form and "ACNM coordinators" in form


def test_the_dashboard_counts_only_the_staffs_programmes(
    client, acnm_staff, acnm, research
):
    figures = dashboard.programme_figures(programmes=staff_programmes(acnm_staff))
    # One waiting and one accepted application, one pair, one nomination.
    assert sum(row.total for row in figures.applications) == 2
    assert figures.active_pairs == 1
    assert figures.award_cycles == [acnm["cycle"]]
    assert figures.nominations == 1
    everything = dashboard.programme_figures()
    assert sum(row.total for row in everything.applications) == 4

    client.force_login(acnm_staff)
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Mentoring: ACNM Mentoring Program" in html
    assert "Research Mentoring Program" not in html


def test_award_results_and_the_winner_of_the_staffs_programme_only(
    client, acnm_staff, acnm, research, django_capture_on_commit_callbacks
):
    client.force_login(acnm_staff)
    results = reverse(f"{AWARD_VIEWS}:results", args=[acnm["cycle"].pk])
    page = client.get(results).content.decode()
    assert "Arthur read every draft." in page

    other = reverse(f"{AWARD_VIEWS}:results", args=[research["cycle"].pk])
    winner = {
        "step": "winner",
        "winner": research["profile"].member.pk,
        "citation": "For statistics.",
    }
    assert refused(client, other, "post", winner)
    research["cycle"].refresh_from_db()
    assert research["cycle"].status == AwardCycleStatus.SCHEDULED

    with pytest.raises(NotAllowed) as refusal:
        services.record_winner(
            acnm_staff, research["cycle"], research["profile"].member, "Citation."
        )
    assert "Only the staff of Research Mentoring Program can do this." in str(
        refusal.value
    )
    services.record_winner(
        acnm_staff, acnm["cycle"], acnm["profile"].member, "For patient teaching."
    )
    acnm["cycle"].refresh_from_db()
    assert acnm["cycle"].winner == acnm["profile"].member


def test_the_services_refuse_the_other_programme_and_say_whose_it_is(
    acnm_staff, acnm, research, django_capture_on_commit_callbacks
):
    whose = "Only the staff of Research Mentoring Program can do this."
    newcomer = factories.MemberFactory()
    for attempt in [
        lambda: services.accept_application(acnm_staff, research["pending"]),
        lambda: services.match_pair(acnm_staff, research["profile"], newcomer),
        lambda: services.complete_mentorship(acnm_staff, research["pair"]),
    ]:
        with pytest.raises(NotAllowed) as refusal:
            attempt()
        assert str(refusal.value) == whose
    with pytest.raises(NotAllowed):
        services.end_mentorship_early(acnm_staff, research["pair"], "Moved away.")
    research["pair"].refresh_from_db()
    assert research["pair"].status == MentorshipStatus.ACTIVE
    research["pending"].refresh_from_db()
    assert research["pending"].status == ApplicationStatus.SUBMITTED

    with django_capture_on_commit_callbacks(execute=True):
        services.end_mentorship_early(acnm_staff, acnm["pair"], "Moved away.")
    acnm["pair"].refresh_from_db()
    assert acnm["pair"].status == MentorshipStatus.ENDED_EARLY
    # The ACNM coordinator is told, not the research programme's.
    coordinator_mail = [m for m in mail.outbox if "coordinator@acnm.test" in m.to]
    assert coordinator_mail
    assert not [m for m in mail.outbox if "research@acnm.test" in m.to]


def test_outcomes_are_reported_for_the_staffs_programme_only(
    client, acnm_staff, acnm, research
):
    services.record_outcome(acnm_staff, acnm["mentee"], acnm["program"], publications=3)
    with pytest.raises(NotAllowed):
        services.record_outcome(
            acnm_staff, research["mentee"], research["program"], publications=9
        )
    client.force_login(acnm_staff)
    page = client.get(OUTCOMES_REPORT).content.decode()
    assert "Outcomes by cohort" in page
    assert "Research Mentoring Program" not in page
    table = download(client, OUTCOMES_REPORT)
    assert [row[0] for row in table[1:]] == ["Alice Abbott"]
    table = download(client, OUTCOMES_REPORT, programme="research")
    assert [row[0] for row in table[1:]] == ["Alice Abbott"]


def test_every_export_leaves_out_the_other_programme(acnm_staff, acnm, research):
    for name in ["contacts", "mentorships", "nominations", "applications", "mentors"]:
        resource = RESOURCES[name]()
        response = exports.export_response(acnm_staff, resource, None, "csv")
        text = b"".join(response.streaming_content).decode("utf-8")
        assert "Alice Abbott" in text or "Arthur Ames" in text, name
        for other in B_NAMES:
            assert other not in text, name


def test_the_export_command_still_exports_every_programme(acnm, research, capsys):
    from django.core.management import call_command

    call_command("mentoring_export", "mentorships")
    out = capsys.readouterr().out
    assert "Alice Abbott" in out and "Bruno Banks" in out


# The Django admin ---------------------------------------------------------------


def test_the_django_admin_holds_one_programme(client, acnm_staff, acnm, research):
    client.force_login(acnm_staff)
    for model in ["application", "mentorship", "mentorprofile", "nomination"]:
        html = client.get(
            reverse(f"admin:acnm_mentoring_{model}_changelist")
        ).content.decode()
        assert "Research Mentoring Program" not in html, model
        for name in B_NAMES:
            assert name not in html, model

    change = reverse(
        "admin:acnm_mentoring_application_change", args=[research["pending"].pk]
    )
    response = client.get(change)
    assert response.status_code != 200
    response = client.post(change, {"staff_notes": "Seen."})
    research["pending"].refresh_from_db()
    assert research["pending"].staff_notes == ""

    own = reverse("admin:acnm_mentoring_application_change", args=[acnm["pending"].pk])
    assert client.get(own).status_code == 200

    # Who may edit programmes edits only those they run: nobody joins
    # another programme's staff groups.
    acnm_staff.user_permissions.add(
        *Permission.objects.filter(codename__in=["view_program", "change_program"])
    )
    response = client.get(reverse("admin:acnm_mentoring_program_changelist"))
    assert response.status_code == 200
    assert "ACNM Mentoring Program" in response.content.decode()
    assert "Research Mentoring Program" not in response.content.decode()
    other = reverse(
        "admin:acnm_mentoring_program_change", args=[research["program"].pk]
    )
    assert client.get(other).status_code != 200


def test_a_refusal_on_the_member_pages_keeps_the_pair_going(
    client, acnm_staff, research
):
    client.force_login(acnm_staff)
    url = reverse("acnm_mentoring:end_early", args=[research["pair"].public_id])
    response = client.post(url, {"reason": "Closing it."})
    assert response.status_code == 404
    research["pair"].refresh_from_db()
    assert research["pair"].status == MentorshipStatus.ACTIVE
