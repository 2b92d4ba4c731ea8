"""Feedback on progress: the mentor's feedback, the mentee's rating, the
end-of-term survey, who may read them, and the reminders."""

import datetime
import re

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from acnm_mentoring_plugin import services
from acnm_mentoring_plugin.exceptions import MentoringError, NotAllowed
from acnm_mentoring_plugin.feedback import (
    add_months,
    mentor_ratings,
    open_question,
)
from acnm_mentoring_plugin.models import (
    ActivityRecord,
    Feedback,
    FeedbackKind,
    FeedbackReminder,
    MentorshipStatus,
    Respondent,
)
from acnm_mentoring_plugin.partnerships import history_of
from acnm_mentoring_plugin.tasks import run_daily
from tests import factories

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
PROGRESS = "SECRET-PROGRESS: the abstract for SNMMI is strong"
RATING = "SECRET-RATING: my mentor never answers e-mails"
SURVEY = "SECRET-SURVEY: more meetings at the Annual Meeting"


def pair(program, start=None, status=MentorshipStatus.ACTIVE, **extra):
    """An active partnership whose first feedback period opens today."""
    start = start or add_months(TODAY, -program.feedback_interval_months)
    return factories.MentorshipFactory(
        program=program,
        status=status,
        start_date=start,
        planned_end_date=add_months(start, 36),
        **extra,
    )


def feedback_url(mentorship):
    return reverse("acnm_mentoring:feedback", args=[mentorship.public_id])


def signed_in(client, member):
    client.force_login(member.user)
    return client


def progress_form(**changes):
    return {"rating": "4", "comments": PROGRESS, **changes}


# When an answer is due --------------------------------------------------------


def test_the_first_feedback_opens_one_interval_after_the_start(program):
    start = datetime.date(2026, 1, 15)
    mentorship = pair(program, start=start)
    day_before = datetime.date(2026, 7, 14)
    assert open_question(mentorship, Respondent.MENTOR, day_before) is None
    due = open_question(mentorship, Respondent.MENTOR, datetime.date(2026, 7, 15))
    assert (due.kind, due.period) == (FeedbackKind.PERIODIC, 1)
    assert due.until == datetime.date(2027, 1, 15)
    second = open_question(mentorship, Respondent.MENTEE, datetime.date(2027, 1, 15))
    assert second.period == 2


def test_the_interval_is_the_programmes_and_month_ends_are_kept(program):
    program.feedback_interval_months = 3
    program.save()
    mentorship = pair(program, start=datetime.date(2026, 8, 31))
    assert open_question(mentorship, "mentor", datetime.date(2026, 11, 29)) is None
    due = open_question(mentorship, "mentor", datetime.date(2026, 11, 30))
    assert due.period == 1
    # 31 August + 6 months: the last day of February.
    assert due.until == datetime.date(2027, 2, 28)


def test_no_periodic_feedback_after_the_planned_end(program):
    mentorship = pair(program, start=datetime.date(2025, 1, 10))
    mentorship.planned_end_date = datetime.date(2026, 1, 10)
    mentorship.save()
    assert open_question(mentorship, "mentor", datetime.date(2025, 7, 10)).period == 1
    assert open_question(mentorship, "mentor", datetime.date(2026, 1, 10)) is None


def test_the_end_of_term_survey_opens_when_the_partnership_ends(program):
    mentorship = pair(program, status=MentorshipStatus.COMPLETED)
    mentorship.ended_at = timezone.now()
    mentorship.save()
    due = open_question(mentorship, Respondent.MENTEE)
    assert (due.kind, due.period) == (FeedbackKind.END_OF_TERM, 0)
    later = add_months(TODAY, program.feedback_interval_months)
    assert open_question(mentorship, Respondent.MENTEE, later) is None


# Giving it ----------------------------------------------------------------------


def test_the_mentor_gives_feedback_and_the_mentee_reads_it(
    client, program, django_capture_on_commit_callbacks
):
    mentorship = pair(program)
    signed_in(client, mentorship.mentor)
    page = client.get(feedback_url(mentorship))
    assert "How is your mentee progressing academically?" in page.text
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(feedback_url(mentorship), progress_form(), follow=True)
    assert "your feedback is saved, and your mentee can read it" in response.text
    assert "There is no feedback to give" not in response.text
    saved = Feedback.objects.get()
    assert (saved.respondent, saved.period, saved.rating) == ("mentor", 1, 4)
    assert saved.given_by == mentorship.mentor.user

    (email,) = mail.outbox
    assert email.to == [mentorship.mentee.email]
    assert email.subject == "Your mentor has given feedback on your progress"
    assert email.alternatives[0][1] == "text/html"
    assert PROGRESS not in email.body  # the page holds it, not the inbox

    client.force_login(mentorship.mentee.user)
    mentee_page = client.get(feedback_url(mentorship))
    assert PROGRESS in mentee_page.text
    assert "4 out of 5" in mentee_page.text


def test_a_refused_answer_keeps_what_was_typed_and_saves_nothing(client, program):
    mentorship = pair(program)
    signed_in(client, mentorship.mentor)
    response = client.post(feedback_url(mentorship), {"rating": "4", "comments": "   "})
    assert response.status_code == 200
    assert "Write a few words on your mentee" in response.text
    assert re.search(r'<input[^>]*value="4"[^>]*checked', response.text)
    response = client.post(feedback_url(mentorship), progress_form(rating="7"))
    assert "Select a valid choice" in response.text
    assert PROGRESS in response.text
    assert not Feedback.objects.exists()


def test_a_period_is_answered_once(client, program):
    mentorship = pair(program)
    signed_in(client, mentorship.mentor)
    client.post(feedback_url(mentorship), progress_form())
    again = client.post(feedback_url(mentorship), progress_form(), follow=True)
    assert "You have given this feedback. Thank you." in again.text
    assert Feedback.objects.count() == 1
    with pytest.raises(MentoringError, match="already given"):
        services.give_feedback(
            mentorship.mentor.user, mentorship, rating=5, comments="Again"
        )


def test_nothing_to_answer_between_periods(client, program):
    mentorship = pair(program, start=TODAY - datetime.timedelta(days=20))
    signed_in(client, mentorship.mentee)
    page = client.get(feedback_url(mentorship))
    opens = add_months(mentorship.start_date, 6)
    assert "There is no feedback to give on this partnership" in page.text
    assert "The next feedback opens on" in page.text
    assert f"{opens:%B} {opens.day}, {opens.year}" in page.text
    response = client.post(feedback_url(mentorship), {"rating": "5"}, follow=True)
    assert "There is no feedback to give" in response.text
    assert not Feedback.objects.exists()


def test_the_end_of_term_survey_asks_about_goals_and_the_programme(client, program):
    mentorship = pair(program, status=MentorshipStatus.ENDED_EARLY)
    mentorship.ended_at = timezone.now()
    mentorship.save()
    signed_in(client, mentorship.mentee)
    missing = client.post(feedback_url(mentorship), {"rating": "3"})
    assert "Say whether the goals of your agreement were met." in missing.text
    assert "Say whether you would recommend the programme." in missing.text
    client.post(
        feedback_url(mentorship),
        {"rating": "3", "goals_met": "partly", "would_recommend": "yes"},
    )
    survey = Feedback.objects.get()
    assert (survey.kind, survey.goals_met, survey.would_recommend) == (
        "end_of_term",
        "partly",
        True,
    )


def test_giving_feedback_is_recorded_but_not_in_the_pairs_history(program):
    mentorship = pair(program)
    feedback = services.give_feedback(
        mentorship.mentee.user, mentorship, rating=2, comments=RATING
    )
    entry = ActivityRecord.objects.get(action="feedback_given")
    assert entry.actor == mentorship.mentee.user
    assert entry.object_id == str(feedback.pk)
    assert entry.detail == {"kind": "periodic", "period": 1}
    assert not [e for e in history_of(mentorship) if e.action == "feedback_given"]


# Who reads it -------------------------------------------------------------------


def test_the_mentees_rating_never_reaches_the_mentor(client, program):
    mentorship = pair(program)
    services.give_feedback(
        mentorship.mentee.user, mentorship, rating=2, comments=RATING
    )
    signed_in(client, mentorship.mentor)
    for url in (
        feedback_url(mentorship),
        reverse("acnm_mentoring:partnership", args=[mentorship.public_id]),
        reverse("acnm_mentoring:my_mentoring"),
    ):
        page = client.get(url)
        assert page.status_code == 200
        assert RATING not in page.text
        assert "2 out of 5" not in page.text


def test_outsiders_get_nothing_and_staff_read_everything(client, program, staff_user):
    mentorship = pair(program)
    services.give_feedback(
        mentorship.mentor.user, mentorship, rating=4, comments=PROGRESS
    )
    services.give_feedback(
        mentorship.mentee.user, mentorship, rating=2, comments=RATING
    )
    outsiders = [
        factories.MemberFactory(),  # another mentee
        factories.MentorProfileFactory(program=program).member,  # another mentor
    ]
    for outsider in outsiders:
        signed_in(client, outsider)
        assert client.get(feedback_url(mentorship)).status_code == 404
        response = client.post(feedback_url(mentorship), progress_form())
        assert response.status_code == 404
    client.logout()
    assert client.get(feedback_url(mentorship)).status_code == 302

    other_programme = factories.ProgramFactory(slug="other", name="Other Programme")
    group = Group.objects.create(name="Other programme staff")
    other_programme.staff_groups.add(group)
    acnm_staff = Group.objects.create(name="ACNM staff")
    program.staff_groups.add(acnm_staff)
    staff_user.groups.add(acnm_staff)
    other_staff = factories.StaffFactory()
    other_staff.groups.add(group)
    client.force_login(other_staff)
    assert client.get(feedback_url(mentorship)).status_code == 404

    client.force_login(staff_user)
    staff_page = client.get(feedback_url(mentorship))
    assert PROGRESS in staff_page.text and RATING in staff_page.text
    assert "Only the mentor and the mentee give feedback" in staff_page.text
    with pytest.raises(NotAllowed):
        services.give_feedback(staff_user, mentorship, rating=5, comments="x")
    assert Feedback.objects.count() == 2


def test_a_mentor_sees_figures_only_from_three_different_mentees(client, program):
    mentor = factories.MentorProfileFactory(program=program, capacity=5).member
    first, second = (pair(program, mentor=mentor) for _ in range(2))
    services.give_feedback(first.mentee.user, first, rating=5, comments=RATING)
    services.give_feedback(second.mentee.user, second, rating=3)
    # More answers from the same two mentees tell who gave which: no figures.
    for mentorship in (first, second):
        Feedback.objects.create(
            mentorship=mentorship,
            kind=FeedbackKind.PERIODIC,
            respondent=Respondent.MENTEE,
            period=2,
            rating=4,
        )
    assert mentor_ratings(mentor) is None
    signed_in(client, mentor)
    page = client.get(reverse("acnm_mentoring:my_mentoring"))
    assert "Your mentees' ratings" in page.text
    assert "once 3 different mentees have rated" in page.text
    assert "Average rating" not in page.text

    third = pair(program, mentor=mentor)
    services.give_feedback(third.mentee.user, third, rating=1)
    figures = mentor_ratings(mentor)
    assert figures["responses"] == 5 and figures["respondents"] == 3
    assert figures["average"] == pytest.approx(3.4)
    page = client.get(reverse("acnm_mentoring:my_mentoring"))
    assert "Average rating 3.4 out of 5, from 5 answers." in page.text
    feedback_page = client.get(feedback_url(third))
    assert "Average rating 3.4 out of 5" in feedback_page.text
    for mentorship in (first, second, third):
        assert (
            mentorship.mentee.display_name
            not in (page.text.split("Your mentees' ratings", 1)[1])
        )
    assert RATING not in page.text and RATING not in feedback_page.text


# Reminders ------------------------------------------------------------------------


def test_each_party_is_reminded_once_per_period(
    program, django_capture_on_commit_callbacks
):
    mentorship = pair(program)
    with django_capture_on_commit_callbacks(execute=True):
        counts = run_daily.call()
    assert counts["feedback_reminded"] == 2
    subjects = {email.to[0]: email.subject for email in mail.outbox}
    assert subjects[mentorship.mentor.email] == (
        "Time for feedback on your mentee's progress"
    )
    assert subjects[mentorship.mentee.email] == (
        "How is your mentoring partnership going?"
    )
    for email in mail.outbox:
        assert email.alternatives[0][1] == "text/html"
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert run_daily.call()["feedback_reminded"] == 0
    assert FeedbackReminder.objects.count() == 2
    assert not [e for e in mail.outbox if "feedback" in e.subject.lower()]


def test_an_answer_given_is_not_reminded(program, django_capture_on_commit_callbacks):
    mentorship = pair(program)
    services.give_feedback(
        mentorship.mentor.user, mentorship, rating=4, comments=PROGRESS
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert services.remind_feedback_due() == 1
    assert [email.to for email in mail.outbox if "partnership" in email.subject] == [
        [mentorship.mentee.email]
    ]


def test_the_end_of_term_survey_is_reminded_after_completion(
    program, django_capture_on_commit_callbacks
):
    mentorship = pair(program, start=TODAY - datetime.timedelta(days=40))
    services.complete_mentorship(factories.StaffFactory(), mentorship)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert services.remind_feedback_due() == 2
    survey = [e for e in mail.outbox if "end-of-term survey" in e.subject]
    assert sorted(e.to[0] for e in survey) == sorted(
        [mentorship.mentor.email, mentorship.mentee.email]
    )


def test_the_next_step_on_my_mentoring_names_the_feedback(client, program):
    mentorship = pair(program)
    factories.ContactLogFactory(mentorship=mentorship)
    signed_in(client, mentorship.mentor)
    page = client.get(reverse("acnm_mentoring:my_mentoring"))
    assert "Feedback on your mentee&#x27;s progress: open until" in page.text
    partnership = client.get(
        reverse("acnm_mentoring:partnership", args=[mentorship.public_id])
    )
    assert "Give feedback" in partnership.text
    assert feedback_url(mentorship) in partnership.text


def test_the_programmes_interval_is_validated(program):
    from django.core.exceptions import ValidationError

    program.feedback_interval_months = 0
    with pytest.raises(ValidationError):
        program.full_clean()


# Staff choosing the Best Mentor of the Year -----------------------------------------


def test_staff_read_the_mentees_feedback_on_the_award_results_page(
    client, program, staff_user
):
    mentor = factories.MentorProfileFactory(
        program=program,
        member__user__first_name="Helen",
        member__user__last_name="Marsh",
    ).member
    mentorship = pair(program, mentor=mentor)
    services.give_feedback(
        mentorship.mentee.user, mentorship, rating=5, comments=RATING
    )
    services.give_feedback(
        mentorship.mentor.user, mentorship, rating=4, comments=PROGRESS
    )
    cycle = factories.AwardCycleFactory(
        program=program,
        year=TODAY.year + 1,
        nominations_open_at=timezone.now() - datetime.timedelta(days=1),
        nominations_close_at=timezone.now() + datetime.timedelta(days=10),
        annual_meeting_date=TODAY + datetime.timedelta(days=60),
    )
    factories.NominationFactory(
        cycle=cycle, nominator=mentorship.mentee, nominee=mentor, statement="S" * 60
    )
    client.force_login(staff_user)
    page = client.get(
        reverse("wagtailsnippets_acnm_mentoring_awardcycle:results", args=[cycle.pk])
    )
    text = " ".join(page.text.split())
    assert "What their mentees said" in text
    assert '<th scope="row">Helen Marsh</th> <td>5.0 out of 5</td> <td>1</td>' in text
    assert RATING in text
    assert f"{mentorship.mentee.display_name}, Periodic feedback, rated 5" in text
    # The mentor's feedback on their mentee is not about the mentor.
    assert PROGRESS not in text


def test_the_django_admin_shows_feedback_read_only_to_its_programmes_staff(
    client, program, staff_user
):
    mentorship = pair(program)
    answer = services.give_feedback(
        mentorship.mentee.user, mentorship, rating=2, comments=RATING
    )
    superuser = factories.UserFactory(is_superuser=True, is_staff=True)
    client.force_login(superuser)
    change = reverse("admin:acnm_mentoring_feedback_change", args=[answer.pk])
    page = client.get(change)
    assert RATING in page.text
    assert 'name="_save"' not in page.text  # nobody edits an answer here
    client.post(change, {"rating": "5", "comments": "changed"})
    answer.refresh_from_db()
    assert (answer.rating, answer.comments) == (2, RATING)
    assert client.get(reverse("admin:acnm_mentoring_feedback_add")).status_code == 403
    pair_page = client.get(
        reverse("admin:acnm_mentoring_mentorship_change", args=[mentorship.pk])
    )
    assert 'name="_save"' not in pair_page.text

    other = factories.ProgramFactory(slug="other", name="Other Programme")
    group = Group.objects.create(name="Other programme staff")
    other.staff_groups.add(group)
    program.staff_groups.add(Group.objects.create(name="ACNM staff"))
    staff_user.is_staff = True
    staff_user.save()
    staff_user.groups.add(group)
    client.force_login(staff_user)
    listing = client.get(reverse("admin:acnm_mentoring_feedback_changelist"))
    assert RATING not in listing.text
    assert client.get(change).status_code in (302, 403)
