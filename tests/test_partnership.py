"""The partnership: the agreement signed by both, contacts, its end, and
"My mentoring", through the plugin's pages."""

import datetime

import pytest
from django.core import mail
from django.test import TestCase
from django.urls import reverse
from django.utils import timezone

from acnm_mentoring_plugin import services
from acnm_mentoring_plugin.models import (
    ActivityRecord,
    ApplicationRole,
    ApplicationStatus,
    ContactReminder,
    MembershipStatus,
    MentorshipStatus,
)
from tests import factories
from tests.test_directory import CommittingClient

pytestmark = pytest.mark.django_db


@pytest.fixture
def client():
    return CommittingClient()


@pytest.fixture
def pair(program):
    """Jordan asked Helen, who accepted: the agreement waits for both."""
    mentee = factories.ApplicationFactory(
        program=program,
        role=ApplicationRole.MENTEE,
        status=ApplicationStatus.ACCEPTED,
        member__user__first_name="Jordan",
        member__user__last_name="Rivera",
        member__user__email="jordan@members.test",
    ).member
    profile = factories.MentorProfileFactory(
        program=program,
        member__user__first_name="Helen",
        member__user__last_name="Marsh",
        member__user__email="helen@faculty.test",
    )
    with TestCase.captureOnCommitCallbacks(execute=True):
        mentorship = services.request_mentor(mentee.user, profile, "Hello")
        services.accept_request(profile.member.user, mentorship)
    mail.outbox.clear()
    mentorship.refresh_from_db()
    return mentorship


def url(name, mentorship):
    return reverse(f"acnm_mentoring:{name}", args=[mentorship.public_id])


def sign(client, mentorship, name, **terms):
    data = {"typed_name": name, "confirm": "on", "next": url("partnership", mentorship)}
    data.update(terms)
    return client.post(url("agreement_sign", mentorship), data)


FIRST_TERMS = {
    "goals": "Pass the ABNM qualifying exam; a first paper.",
    "contact_cadence": "monthly",
    "planned_term_years": "2",
}


def make_active(client, pair):
    client.force_login(pair.mentee.user)
    sign(client, pair, "Jordan Rivera", **FIRST_TERMS)
    client.force_login(pair.mentor.user)
    sign(client, pair, "Helen Marsh")
    pair.refresh_from_db()
    return pair


# The agreement --------------------------------------------------------------------


def test_both_sign_the_agreement_and_the_partnership_starts(client, pair, program):
    client.force_login(pair.mentee.user)
    page = client.get(url("partnership", pair)).content.decode()
    assert "Complete and sign the Mentor/Mentee Agreement." in page
    assert "We keep our contact professional and confidential." in page  # terms
    response = sign(client, pair, "Jordan Rivera", **FIRST_TERMS)
    assert response["Location"] == url("partnership", pair)
    page = client.get(url("partnership", pair)).content.decode()
    assert "You have signed the Mentor/Mentee Agreement." in page
    assert "Wait for Helen Marsh to sign the agreement." in page

    client.force_login(pair.mentor.user)
    page = client.get(url("partnership", pair)).content.decode()
    assert "Pass the ABNM qualifying exam; a first paper." in page
    assert "Jordan Rivera has signed these" in page
    assert 'name="goals"' not in page  # the second signer agrees, no more
    sign(client, pair, "helen marsh")

    pair.refresh_from_db()
    assert pair.status == MentorshipStatus.ACTIVE
    assert pair.planned_end_date == pair.start_date.replace(
        year=pair.start_date.year + 2
    )
    agreement = pair.agreement
    assert agreement.terms_text == "We keep our contact professional and confidential."
    assert (agreement.mentee_signature, agreement.mentor_signature) == (
        "Jordan Rivera",
        "helen marsh",
    )
    [copy] = [m for m in mail.outbox if "jordan@members.test" in m.to]
    assert "Pass the ABNM qualifying exam" in copy.body
    [(filename, pdf, kind)] = copy.attachments
    assert filename == "agreement-helen-marsh-jordan-rivera.pdf"
    assert kind == "application/pdf" and pdf.startswith(b"%PDF-")
    assert any(program.coordinator_email in m.to for m in mail.outbox)


def test_a_wrong_name_or_no_confirmation_keeps_what_was_typed(client, pair):
    client.force_login(pair.mentee.user)
    response = sign(client, pair, "Jordan R.", **FIRST_TERMS)
    assert response["Location"].endswith(f"#acnm-agreement-{pair.public_id}")
    page = client.get(url("partnership", pair)).content.decode()
    assert "Please type your full name exactly as Jordan Rivera to sign." in page
    assert "Pass the ABNM qualifying exam; a first paper." in page
    assert 'value="Jordan R."' in page

    client.post(
        url("agreement_sign", pair), {"typed_name": "Jordan Rivera", **FIRST_TERMS}
    )
    page = client.get(url("partnership", pair)).content.decode()
    assert "Please confirm that you agree to the terms." in page
    pair.agreement.refresh_from_db()
    assert not pair.agreement.mentee_signed_at


def test_the_term_is_one_to_three_years(client, pair):
    client.force_login(pair.mentee.user)
    sign(client, pair, "Jordan Rivera", **{**FIRST_TERMS, "planned_term_years": "4"})
    page = client.get(url("partnership", pair)).content.decode()
    assert "Select a valid choice" in page
    pair.agreement.refresh_from_db()
    assert not pair.agreement.mentee_signed_at


def test_the_agreement_prints_and_downloads_as_pdf(client, pair):
    active = make_active(client, pair)
    page = client.get(url("agreement", active)).content.decode()
    assert "Mentor/Mentee Agreement" in page
    assert "Signed on the site on" in page
    assert "acnm_mentoring/agreement_print.css" in page  # prints only the agreement
    response = client.get(url("agreement_pdf", active))
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF-")
    assert (
        'filename="agreement-helen-marsh-jordan-rivera.pdf"'
        in response["Content-Disposition"]
    )


# Contacts -------------------------------------------------------------------------


def log(client, mentorship, **data):
    data.setdefault("date", timezone.localdate().isoformat())
    data.setdefault("method", "video")
    data.setdefault("notes", "Talked about the exam.")
    return client.post(url("contact_log", mentorship), data)


def test_either_party_logs_a_contact_and_notes_stay_between_them(
    client, pair, staff_user
):
    active = make_active(client, pair)
    client.force_login(active.mentee.user)
    log(client, active)
    page = client.get(url("partnership", active)).content.decode()
    assert "Contact logged." in page
    assert "Talked about the exam." in page

    client.force_login(staff_user)
    page = client.get(url("partnership", active)).content.decode()
    assert "Video call" in page
    assert "Talked about the exam." not in page


def test_a_contact_in_the_future_is_refused_and_kept(client, pair):
    active = make_active(client, pair)
    client.force_login(active.mentor.user)
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    log(client, active, date=tomorrow.isoformat(), notes="Planned call")
    page = client.get(url("partnership", active)).content.decode()
    assert "A contact cannot be dated in the future." in page
    assert "Planned call" in page
    assert not active.contacts.exists()


def test_notes_longer_than_4000_characters_are_refused_and_kept_whole(client, pair):
    active = make_active(client, pair)
    client.force_login(active.mentee.user)
    notes = ("We went through the exam syllabus. " * 115).strip()  # 4,024
    log(client, active, notes=notes)
    page = client.get(url("partnership", active)).content.decode()
    assert "at most 4000 characters (it has 4024)" in page
    assert notes in page
    assert not active.contacts.exists()

    log(client, active, notes=notes[:3990])
    assert active.contacts.get().notes == notes[:3990].strip()


# The end --------------------------------------------------------------------------


def test_a_party_ends_early_with_a_reason_and_everyone_is_told(client, pair, program):
    active = make_active(client, pair)
    mail.outbox.clear()
    client.force_login(active.mentor.user)
    client.post(url("end_early", active), {"reason": ""})
    page = client.get(url("partnership", active)).content.decode()
    assert "This field is required" in page
    client.post(url("end_early", active), {"reason": "I am moving abroad."})
    active.refresh_from_db()
    assert active.status == MentorshipStatus.ENDED_EARLY
    assert active.end_reason == "I am moving abroad."
    recipients = sorted(address for m in mail.outbox for address in m.to)
    assert recipients == sorted(
        ["jordan@members.test", "helen@faculty.test", program.coordinator_email]
    )
    page = client.get(url("partnership", active)).content.decode()
    assert "Partnership ended early" in page  # the history
    assert "Log a contact" not in page


def test_partnerships_complete_at_their_planned_end(client, pair):
    active = make_active(client, pair)
    with TestCase.captureOnCommitCallbacks(execute=True):
        assert services.complete_due_mentorships(active.planned_end_date) == 1
    active.refresh_from_db()
    assert active.status == MentorshipStatus.COMPLETED
    assert any("is complete" in m.body for m in mail.outbox)


def test_staff_mark_a_partnership_completed(client, pair, staff_user):
    active = make_active(client, pair)
    client.force_login(active.mentee.user)
    assert (
        "Mark as completed"
        not in client.get(url("partnership", active)).content.decode()
    )
    client.post(url("complete", active))
    active.refresh_from_db()
    assert active.status == MentorshipStatus.ACTIVE
    client.force_login(staff_user)
    client.post(url("complete", active))
    active.refresh_from_db()
    assert active.status == MentorshipStatus.COMPLETED


# Reminders ------------------------------------------------------------------------


def test_a_quiet_pair_is_reminded_once_per_quiet_period(client, pair, program):
    active = make_active(client, pair)
    # The partnership started eighty days ago.
    start = timezone.localdate() - datetime.timedelta(days=80)
    active.start_date = start
    active.save(update_fields=["start_date"])
    mail.outbox.clear()

    def run(day):
        with TestCase.captureOnCommitCallbacks(execute=True):
            return services.remind_quiet_pairs(day)

    assert run(start + datetime.timedelta(days=30)) == 0
    assert run(start + datetime.timedelta(days=31)) == 1
    reminders = [m for m in mail.outbox if "get in touch" in m.subject.lower()]
    assert sorted(reminders[0].to) == ["helen@faculty.test", "jordan@members.test"]
    [digest] = [m for m in mail.outbox if program.coordinator_email in m.to]
    assert "1 pair without contact" in digest.subject
    assert "Jordan Rivera" in digest.body

    mail.outbox.clear()
    assert run(start + datetime.timedelta(days=40)) == 0  # same quiet period
    assert mail.outbox == []

    # A contact starts a new period; the next silence is reminded again.
    services.log_contact(
        active.mentee.user, active, start + datetime.timedelta(days=41), "email"
    )
    assert run(start + datetime.timedelta(days=60)) == 0
    assert run(start + datetime.timedelta(days=72)) == 1
    assert ContactReminder.objects.count() == 2


# "My mentoring" -------------------------------------------------------------------


def test_my_mentoring_shows_each_party_their_side_and_next_step(client, pair):
    client.force_login(pair.mentee.user)
    page = client.get(reverse("acnm_mentoring:my_mentoring")).content.decode()
    assert "Your mentor" in page and "Helen Marsh" in page
    assert "Complete and sign the Mentor/Mentee Agreement." in page
    assert "As mentee in the" in page

    active = make_active(client, pair)
    client.force_login(active.mentor.user)
    page = client.get(reverse("acnm_mentoring:my_mentoring")).content.decode()
    assert "Your mentees" in page and "Jordan Rivera" in page
    assert "Keep in touch with Jordan Rivera." in page
    assert "Your mentor profile in the" in page


# Confidentiality ------------------------------------------------------------------

READ_URLS = ["partnership", "agreement", "agreement_pdf"]
WRITE_URLS = ["agreement_sign", "contact_log", "end_early", "complete"]


def test_a_partnership_is_reachable_only_by_its_parties_and_staff(
    client, pair, program, staff_user
):
    active = make_active(client, pair)
    active.contacts.create(date=active.start_date, method="email", notes="Secret")
    outsiders = {
        "another mentee": factories.MemberFactory().user,
        "another mentor": factories.MentorProfileFactory(program=program).member.user,
        "a lapsed member": factories.MemberFactory(
            membership_status=MembershipStatus.LAPSED
        ).user,
        "a user without membership": factories.UserFactory(),
    }
    records_before = ActivityRecord.objects.count()
    for who, user in outsiders.items():
        client.force_login(user)
        for name in READ_URLS:
            assert client.get(url(name, active)).status_code == 404, (who, name)
        for name in WRITE_URLS:
            response = client.post(
                url(name, active), {"reason": "x", "typed_name": "x"}
            )
            assert response.status_code == 404, (who, name)
        page = client.get(reverse("acnm_mentoring:my_mentoring")).content.decode()
        assert "Helen Marsh" not in page and "Secret" not in page
    client.logout()
    for name in READ_URLS:
        response = client.get(url(name, active))
        assert response.status_code == 302 and "sign-in" in response["Location"]
    for name in WRITE_URLS:
        assert client.post(url(name, active)).status_code == 302
    assert ActivityRecord.objects.count() == records_before
    active.refresh_from_db()
    assert active.status == MentorshipStatus.ACTIVE

    for party in (active.mentee.user, active.mentor.user, staff_user):
        client.force_login(party)
        for name in READ_URLS:
            assert client.get(url(name, active)).status_code == 200


# The blocks of a CMS page ------------------------------------------------------------


def test_the_agreement_block_lets_a_member_sign_on_any_page(
    client, pair, site_root, program
):
    from tests.pages import make_host_page

    page = make_host_page(
        site_root,
        program,
        title="Your agreement",
        slug="agreement",
        body=[("agreement", {"heading": "Sign your agreement", "intro": ""})],
    )
    client.logout()
    assert "Sign in to see and sign" in client.get(page.url).content.decode()

    client.force_login(pair.mentee.user)
    html = client.get(page.url).content.decode()
    assert "Helen Marsh (mentor) and Jordan Rivera (mentee)" in html
    assert "Sign the agreement" in html
    response = client.post(
        url("agreement_sign", pair),
        {
            "typed_name": "Jordan Rivera",
            "confirm": "on",
            "next": page.url,
            **FIRST_TERMS,
        },
    )
    assert response["Location"] == page.url
    html = client.get(page.url).content.decode()
    assert "signed by Jordan Rivera" in html
    assert "Sign the agreement" not in html


def test_the_my_mentoring_block_shows_the_member_their_own(
    client, pair, site_root, program
):
    from tests.pages import make_host_page

    page = make_host_page(
        site_root,
        program,
        title="Members",
        slug="members",
        body=[("my_mentoring", {"heading": "Your mentoring"})],
    )
    client.force_login(pair.mentor.user)
    html = client.get(page.url).content.decode()
    assert "Your mentees" in html and "Jordan Rivera" in html
    client.force_login(factories.MemberFactory().user)
    html = client.get(page.url).content.decode()
    assert "Jordan Rivera" not in html
    assert "You have not applied to a mentoring programme yet." in html
