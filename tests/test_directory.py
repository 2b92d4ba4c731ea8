"""The mentor directory, mentor pages and requests, through the plugin's URLs."""

import datetime
import re

import pytest
from django.core import mail
from django.test import Client, TestCase
from django.urls import reverse
from django.utils import timezone

from acnm_mentoring_plugin import services
from acnm_mentoring_plugin.models import (
    ActivityRecord,
    ApplicationRole,
    ApplicationStatus,
    CareerLevel,
    DirectoryVisibility,
    MembershipStatus,
    Mentorship,
    MentorshipStatus,
)
from tests import factories

pytestmark = pytest.mark.django_db


class CommittingClient(Client):
    """Runs what waits for the commit (e-mails, search updates) after each
    request, as the live site does; the test's transaction never commits."""

    def request(self, **request):
        with TestCase.captureOnCommitCallbacks(execute=True):
            return super().request(**request)


@pytest.fixture
def client():
    return CommittingClient()


mentor = factories.listed_mentor


@pytest.fixture
def mentors(program):
    return {
        "marsh": mentor(
            program,
            "Helen",
            "Marsh",
            fields=["oncology", "pet"],
            directions=["academic"],
            bio="Theranostics and oncologic PET; research and first papers.",
            institution="Riverside University Hospital",
        ),
        "cho": mentor(
            program,
            "Daniel",
            "Cho",
            fields=["ct", "oncology"],
            directions=["private-practice"],
            career_level=CareerLevel.JUNIOR,
            bio="From fellowship to practice: contracts and the first years.",
            institution="Bayview Cancer Center",
            location="San Diego, CA",
        ),
        "adeyemi": mentor(
            program,
            "Grace",
            "Adeyemi",
            fields=["cardiology"],
            directions=["industry"],
            bio="Nuclear cardiology with industry partners.",
            institution="Summit Heart Institute",
        ),
    }


@pytest.fixture
def mentee(program):
    application = factories.ApplicationFactory(
        program=program,
        role=ApplicationRole.MENTEE,
        status=ApplicationStatus.ACCEPTED,
        member__user__first_name="Jordan",
        member__user__last_name="Rivera",
    )
    return application.member


def directory(program):
    return reverse("acnm_mentoring:directory", args=[program.slug])


def names_on(response):
    """The last names on the cards, as the member reads them."""
    names = re.findall(
        r'class="acnm-card__name"[^>]*><a [^>]*>([^<]+)</a>', response.content.decode()
    )
    return [name.split()[-1] for name in names]


# The directory ---------------------------------------------------------------


def test_the_directory_is_for_members_by_default(client, program, mentors):
    html = client.get(directory(program)).content.decode()
    assert "The mentor directory is for members" in html
    assert "Marsh" not in html


def test_a_lapsed_member_is_told_why_the_directory_is_closed(client, program, mentors):
    lapsed = factories.MemberFactory(membership_status=MembershipStatus.LAPSED)
    client.force_login(lapsed.user)
    html = client.get(directory(program)).content.decode()
    assert "Your membership is not active" in html
    assert "Marsh" not in html


def test_members_see_every_listed_mentor_by_name_with_free_places(
    client, program, mentors, mentee
):
    factories.MentorshipFactory(
        program=program,
        mentor=mentors["cho"].member,
        status=MentorshipStatus.ACTIVE,
    )
    client.force_login(mentee.user)
    response = client.get(directory(program))
    assert names_on(response) == ["Adeyemi", "Cho", "Marsh"]
    html = response.content.decode()
    assert "1 place free of 2" in html  # Cho: one of two taken
    assert "2 places free of 2" in html
    assert "Bayview Cancer Center" in html
    assert "@faculty.test" not in html


def test_filters_combine_and_live_in_the_url(client, program, mentors, mentee):
    client.force_login(mentee.user)
    response = client.get(
        directory(program), {"field": "oncology", "direction": "private-practice"}
    )
    assert names_on(response) == ["Cho"]
    assert names_on(client.get(directory(program), {"level": "senior"})) == [
        "Adeyemi",
        "Marsh",
    ]
    assert names_on(client.get(directory(program), {"place": "san diego"})) == ["Cho"]
    assert names_on(client.get(directory(program), {"place": "riverside"})) == ["Marsh"]


def test_full_text_search_finds_words_of_the_biography_and_the_fields(
    client, program, mentors, mentee
):
    client.force_login(mentee.user)
    assert names_on(client.get(directory(program), {"q": "theranostics"})) == ["Marsh"]
    assert names_on(client.get(directory(program), {"q": "cardiology"})) == ["Adeyemi"]
    assert names_on(client.get(directory(program), {"q": "Daniel"})) == ["Cho"]
    assert names_on(
        client.get(directory(program), {"q": "oncology", "level": "junior"})
    ) == ["Cho"]


def test_search_follows_profile_changes(client, program, mentors, mentee):
    with TestCase.captureOnCommitCallbacks(execute=True):
        services.update_mentor_profile(
            mentors["adeyemi"].member.user,
            mentors["adeyemi"],
            bio="Radiopharmacy and dosimetry.",
        )
    client.force_login(mentee.user)
    assert names_on(client.get(directory(program), {"q": "dosimetry"})) == ["Adeyemi"]


def test_an_unknown_filter_value_is_reported_and_the_others_still_apply(
    client, program, mentors, mentee
):
    client.force_login(mentee.user)
    response = client.get(
        directory(program), {"field": "astrology", "direction": "academic"}
    )
    assert names_on(response) == ["Marsh"]
    assert "no longer offered; showing mentors in any field" in (
        response.content.decode()
    )


def test_accepting_now_hides_full_and_paused_mentors(client, program, mentors, mentee):
    mentors["marsh"].accepting_new_mentees = False
    mentors["marsh"].save()
    for _ in range(2):
        factories.MentorshipFactory(
            program=program,
            mentor=mentors["cho"].member,
            status=MentorshipStatus.ACCEPTED,
        )
    client.force_login(mentee.user)
    assert names_on(client.get(directory(program), {"accepting": "on"})) == ["Adeyemi"]
    html = client.get(directory(program)).content.decode()
    assert "Not taking new mentees just now" in html
    assert "No free place (takes 2)" in html


def test_unlisted_and_lapsed_mentors_are_not_in_the_directory(
    client, program, mentors, mentee
):
    mentors["marsh"].listed_in_directory = False
    mentors["marsh"].save()
    mentors["cho"].member.membership_status = MembershipStatus.LAPSED
    mentors["cho"].member.save()
    client.force_login(mentee.user)
    assert names_on(client.get(directory(program))) == ["Adeyemi"]
    detail = reverse(
        "acnm_mentoring:mentor_detail", args=[program.slug, mentors["marsh"].pk]
    )
    assert client.get(detail).status_code == 404


def test_pages_keep_the_filters_and_a_stable_order(client, program, mentee):
    for number in range(30):
        mentor(program, "Alex", f"Namesake{number:02d}", fields=["pet"])
    mentor(program, "Sam", "Other", fields=["ct"])
    client.force_login(mentee.user)
    seen = []
    for page in (1, 2, 3):
        response = client.get(directory(program), {"field": "pet", "page": page})
        seen += names_on(response)
    assert seen == [f"Namesake{number:02d}" for number in range(30)]
    html = client.get(directory(program), {"field": "pet"}).content.decode()
    assert 'href="?field=pet&amp;page=2"' in html


def test_a_public_directory_shows_strangers_no_institution_and_no_form(
    client, program, mentors
):
    program.directory_visibility = DirectoryVisibility.PUBLIC
    program.save()
    html = client.get(directory(program)).content.decode()
    assert "Marsh" in html
    assert "Riverside University Hospital" not in html
    detail = client.get(
        reverse("acnm_mentoring:mentor_detail", args=[program.slug, mentors["cho"].pk])
    ).content.decode()
    assert "Sign in to ask this mentor" in detail
    assert "Bayview" not in detail and "@faculty.test" not in detail


# Requests ----------------------------------------------------------------------


def detail_url(program, profile):
    return reverse("acnm_mentoring:mentor_detail", args=[program.slug, profile.pk])


def send_request(client, program, profile, message="I would value your advice."):
    return client.post(
        reverse("acnm_mentoring:mentor_request", args=[program.slug, profile.pk]),
        {"message": message, "next": detail_url(program, profile)},
    )


def test_a_mentee_asks_a_mentor_and_the_mentor_is_emailed(
    client, program, mentors, mentee
):
    client.force_login(mentee.user)
    page = client.get(detail_url(program, mentors["marsh"])).content.decode()
    assert "Ask Helen Marsh to be your mentor" in page
    response = send_request(client, program, mentors["marsh"])

    mentorship = Mentorship.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse(
        "acnm_mentoring:request_detail", args=[mentorship.public_id]
    )
    assert mentorship.status == MentorshipStatus.REQUESTED
    assert (
        mentorship.expires_at.date()
        == (
            timezone.now() + datetime.timedelta(days=program.request_expiry_days)
        ).date()
    )
    [email] = mail.outbox
    assert email.to == ["helen@faculty.test"]
    assert "Jordan Rivera would like you to be their mentor" in email.body
    assert "I would value your advice." in email.body
    assert f"/mentoring/requests/{mentorship.public_id}/" in email.body
    page = client.get(response["Location"]).content.decode()
    assert "Your request has been sent to Helen Marsh." in page


def test_a_request_without_a_message_comes_back_with_the_error(
    client, program, mentors, mentee
):
    client.force_login(mentee.user)
    response = send_request(client, program, mentors["marsh"], message="")
    assert response["Location"].endswith("#acnm-request")
    page = client.get(response["Location"]).content.decode()
    assert "This field is required" in page
    assert not Mentorship.objects.exists()


def test_a_member_without_an_accepted_application_is_told_why(client, program, mentors):
    member = factories.MemberFactory()
    client.force_login(member.user)
    page = client.get(detail_url(program, mentors["marsh"])).content.decode()
    assert "once your mentee application is accepted" in page
    assert "Send request" not in page
    send_request(client, program, mentors["marsh"])
    assert not Mentorship.objects.exists()


def test_the_open_request_limit_is_explained(client, program, mentors, mentee):
    program.max_open_requests = 2
    program.save()
    client.force_login(mentee.user)
    send_request(client, program, mentors["marsh"])
    send_request(client, program, mentors["cho"])
    page = client.get(detail_url(program, mentors["adeyemi"])).content.decode()
    assert "You already have 2 open requests" in page
    assert "Send request" not in page


def test_a_request_refused_on_sending_keeps_the_message(
    client, program, mentors, mentee
):
    """The page said yes, but the mentor paused in the meantime."""
    client.force_login(mentee.user)
    client.get(detail_url(program, mentors["adeyemi"]))
    mentors["adeyemi"].accepting_new_mentees = False
    mentors["adeyemi"].save()
    response = send_request(client, program, mentors["adeyemi"], message="Hello")
    page = client.get(response["Location"]).content.decode()
    assert "is not taking new mentees just now" in page
    assert "Hello</textarea>" in page
    assert not Mentorship.objects.exists()


def test_the_mentor_accepts_from_their_requests_page(client, program, mentors, mentee):
    client.force_login(mentee.user)
    send_request(client, program, mentors["marsh"])
    send_request(client, program, mentors["cho"])
    mentorship = Mentorship.objects.get(mentor=mentors["marsh"].member)
    mail.outbox.clear()

    client.force_login(mentors["marsh"].member.user)
    listing = client.get(reverse("acnm_mentoring:requests")).content.decode()
    assert "Jordan Rivera" in listing and "answer by" in listing
    url = reverse("acnm_mentoring:request_detail", args=[mentorship.public_id])
    assert "I would value your advice." in client.get(url).content.decode()
    client.post(
        reverse("acnm_mentoring:request_answer", args=[mentorship.public_id, "accept"])
    )

    mentorship.refresh_from_db()
    assert mentorship.status == MentorshipStatus.ACCEPTED
    assert hasattr(mentorship, "agreement")
    other = Mentorship.objects.get(mentor=mentors["cho"].member)
    assert other.status == MentorshipStatus.WITHDRAWN
    [email] = mail.outbox
    assert email.to == [mentee.user.email]
    assert "Helen Marsh will be your mentor" in email.body
    assert "Next step" in client.get(url).content.decode()


def test_a_mentor_with_no_free_place_cannot_accept_and_is_told(
    client, program, mentors, mentee
):
    profile = mentors["marsh"]
    client.force_login(mentee.user)
    send_request(client, program, profile)
    mentorship = Mentorship.objects.get()
    for _ in range(2):
        factories.MentorshipFactory(
            program=program, mentor=profile.member, status=MentorshipStatus.ACTIVE
        )
    client.force_login(profile.member.user)
    response = client.post(
        reverse("acnm_mentoring:request_answer", args=[mentorship.public_id, "accept"]),
        follow=True,
    )
    assert "has no free place for a new mentee" in response.content.decode()
    mentorship.refresh_from_db()
    assert mentorship.status == MentorshipStatus.REQUESTED


def test_a_request_is_confidential_to_its_parties_and_staff(
    client, program, mentors, mentee, staff_user
):
    client.force_login(mentee.user)
    send_request(client, program, mentors["marsh"])
    mentorship = Mentorship.objects.get()
    url = reverse("acnm_mentoring:request_detail", args=[mentorship.public_id])
    accept = reverse(
        "acnm_mentoring:request_answer", args=[mentorship.public_id, "accept"]
    )

    client.logout()
    assert client.get(url).status_code == 302  # to sign in
    for outsider in (
        factories.MemberFactory().user,  # another mentee
        mentors["cho"].member.user,  # another mentor
        factories.MemberFactory(membership_status=MembershipStatus.LAPSED).user,
    ):
        client.force_login(outsider)
        assert client.get(url).status_code == 404
        assert client.post(accept).status_code == 404
        assert (
            "Jordan"
            not in client.get(reverse("acnm_mentoring:requests")).content.decode()
        )
    mentorship.refresh_from_db()
    assert mentorship.status == MentorshipStatus.REQUESTED

    for party in (mentee.user, mentors["marsh"].member.user, staff_user):
        client.force_login(party)
        assert client.get(url).status_code == 200


def test_staff_can_answer_for_a_mentor(client, program, mentors, mentee, staff_user):
    client.force_login(mentee.user)
    send_request(client, program, mentors["marsh"])
    mentorship = Mentorship.objects.get()
    client.force_login(staff_user)
    client.post(
        reverse(
            "acnm_mentoring:request_answer", args=[mentorship.public_id, "decline"]
        ),
        {"reason": "Helen is on sabbatical this year."},
    )
    mentorship.refresh_from_db()
    assert mentorship.status == MentorshipStatus.DECLINED
    assert ActivityRecord.objects.get(action="declined").actor == staff_user


def test_the_mentee_withdraws_a_request(client, program, mentors, mentee):
    client.force_login(mentee.user)
    send_request(client, program, mentors["marsh"])
    mentorship = Mentorship.objects.get()
    client.post(
        reverse(
            "acnm_mentoring:request_answer", args=[mentorship.public_id, "withdraw"]
        )
    )
    mentorship.refresh_from_db()
    assert mentorship.status == MentorshipStatus.WITHDRAWN


def test_a_site_whose_base_template_shows_messages_gets_them_once(
    client, program, mentors, mentee, settings
):
    settings.ACNM_MENTORING = {**settings.ACNM_MENTORING, "SHOW_MESSAGES": False}
    client.force_login(mentee.user)
    response = send_request(client, program, mentors["marsh"])
    page = client.get(response["Location"]).content.decode()
    # The test site's base template shows no messages: the plugin left it to it.
    assert "Your request has been sent" not in page


def test_the_list_shows_a_change_at_once(client, program, mentors, mentee, staff_user):
    """Lists are served from the cache, but never once what they show changed."""
    client.force_login(mentee.user)

    def marsh_card():
        html = client.get(directory(program)).content.decode()
        start = html.index(">Helen Marsh<", html.index("acnm-cards"))
        return html[start : html.index("</article>", start)]

    assert "2 places free of 2" in marsh_card()
    assert "2 places free of 2" in marsh_card()  # served again
    other = factories.ApplicationFactory(
        program=program,
        role=ApplicationRole.MENTEE,
        status=ApplicationStatus.ACCEPTED,
    ).member
    services.match_pair(staff_user, mentors["marsh"], other)
    assert "1 place free of 2" in marsh_card()
    services.update_mentor_profile(
        mentors["marsh"].member.user, mentors["marsh"], capacity=3
    )
    assert "2 places free of 3" in marsh_card()
