"""Feedback on progress: when an answer is due, what is asked, who sees it.

The rules live here so the partnership page, the feedback form, the daily
reminders, the mentor's own figures and the staff's award page agree on
them: what is due is a function of the partnership and the date, never a
stored flag that could drift.
"""

import calendar
import datetime
from dataclasses import dataclass, replace

from django.db.models import Avg, Count
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .conf import mentoring_settings
from .models import (
    Feedback,
    FeedbackKind,
    MentorshipStatus,
    Respondent,
)

M = MentorshipStatus


@dataclass(frozen=True)
class Question:
    """What one party is asked, in words, for one kind of feedback."""

    title: str
    rating: str
    low: str
    high: str
    comments: str
    comments_help: str
    comments_required: bool = False
    end_of_term: bool = False


#: What the mentee is told of who reads their answers.
_MENTEE_PRIVACY = _(
    "Only programme staff read this. Your mentor sees ratings only as an "
    "average over several mentees, never yours on its own."
)
_END_OF_TERM = Question(
    title=_("End-of-term survey"),
    rating=_("Overall, how valuable was the partnership?"),
    low=_("Not valuable"),
    high=_("Extremely valuable"),
    comments=_("What should the programme keep or change?"),
    comments_help=_("Only programme staff read this."),
    end_of_term=True,
)

QUESTIONS = {
    (FeedbackKind.PERIODIC, Respondent.MENTOR): Question(
        title=_("Feedback on your mentee's progress"),
        rating=_("How is your mentee progressing academically?"),
        low=_("Serious concerns"),
        high=_("Excellent progress"),
        comments=_("Your feedback on their progress"),
        comments_help=_(
            "Research, clinical training, exam preparation, presentations: what "
            "went well and what to work on next. Your mentee can read this."
        ),
        comments_required=True,
    ),
    (FeedbackKind.PERIODIC, Respondent.MENTEE): Question(
        title=_("Rate your partnership"),
        rating=_("How valuable is the partnership to you?"),
        low=_("Not valuable"),
        high=_("Extremely valuable"),
        comments=_("Anything to add"),
        comments_help=_MENTEE_PRIVACY,
    ),
    (FeedbackKind.END_OF_TERM, Respondent.MENTOR): _END_OF_TERM,
    (FeedbackKind.END_OF_TERM, Respondent.MENTEE): replace(
        _END_OF_TERM, comments_help=_MENTEE_PRIVACY
    ),
}


def add_months(date, months):
    """``date`` moved by whole months; the 31st becomes the month's last day."""
    month_index = date.month - 1 + months
    year, month = date.year + month_index // 12, month_index % 12 + 1
    day = min(date.day, calendar.monthrange(year, month)[1])
    return datetime.date(year, month, day)


@dataclass(frozen=True)
class Due:
    """An answer a party owes: which, since when, and until when."""

    kind: str
    respondent: str
    period: int
    since: datetime.date
    until: datetime.date

    @property
    def question(self):
        return QUESTIONS[(self.kind, self.respondent)]


def _periodic_window(mentorship, today):
    """(period, since, until) of the interval ``today`` falls in, or None.

    Period n opens n intervals after the start and stays open until the next
    one opens: an answer missed is not asked again later. A period that
    would open after the planned end is left to the end-of-term survey.
    """
    start = mentorship.start_date
    if start is None:
        return None
    months = mentorship.program.feedback_interval_months
    elapsed = (today.year - start.year) * 12 + today.month - start.month
    period = elapsed // months
    if period >= 1 and add_months(start, period * months) > today:
        period -= 1
    if period < 1:
        return None
    since = add_months(start, period * months)
    until = add_months(start, (period + 1) * months)
    planned_end = mentorship.planned_end_date
    if planned_end and since >= planned_end:
        return None
    return period, since, until


def _end_of_term_window(mentorship):
    """(since, until) for the end-of-term survey of an ended partnership.

    Open for one feedback interval after the end, long enough to answer and
    short enough that partnerships ended long ago are not surveyed.
    """
    if mentorship.status not in (M.COMPLETED, M.ENDED_EARLY):
        return None
    if mentorship.ended_at is None or mentorship.start_date is None:
        return None  # never started: there is no term to look back on
    since = timezone.localdate(mentorship.ended_at)
    until = add_months(since, mentorship.program.feedback_interval_months)
    return since, until


def open_question(mentorship, respondent, today=None):
    """The answer ``respondent`` ("mentor"/"mentee") may give now, or None."""
    today = today or timezone.localdate()
    if mentorship.status == M.ACTIVE:
        window = _periodic_window(mentorship, today)
        if window is None:
            return None
        period, since, until = window
        return Due(FeedbackKind.PERIODIC, respondent, period, since, until)
    window = _end_of_term_window(mentorship)
    if window is None or not (window[0] <= today < window[1]):
        return None
    return Due(FeedbackKind.END_OF_TERM, respondent, 0, *window)


def answered(mentorship, due):
    if due is None:
        return False
    if hasattr(mentorship, "_answered"):
        return (due.kind, due.respondent, due.period) in mentorship._answered
    return Feedback.objects.filter(
        mentorship=mentorship,
        kind=due.kind,
        respondent=due.respondent,
        period=due.period,
    ).exists()


def due_now(mentorship, respondent, today=None):
    """The answer ``respondent`` owes now and has not given, or None."""
    due = open_question(mentorship, respondent, today)
    if due is None or answered(mentorship, due):
        return None
    return due


def next_periodic_date(mentorship, today=None):
    """When the next periodic feedback opens, for "what happens next"."""
    if mentorship.status != M.ACTIVE or mentorship.start_date is None:
        return None
    today = today or timezone.localdate()
    months = mentorship.program.feedback_interval_months
    period = 1
    while add_months(mentorship.start_date, period * months) <= today:
        period += 1
    opens = add_months(mentorship.start_date, period * months)
    planned_end = mentorship.planned_end_date
    if planned_end and opens >= planned_end:
        return None
    return opens


# The mentor's own figures -------------------------------------------------------


def mentees_ratings(mentor):
    """The ratings ``mentor``'s mentees gave, over all their partnerships."""
    return Feedback.objects.filter(
        mentorship__mentor=mentor, respondent=Respondent.MENTEE
    )


def rating_summary(queryset):
    figures = queryset.aggregate(
        responses=Count("pk"),
        respondents=Count("mentorship__mentee", distinct=True),
        average=Avg("rating"),
    )
    if figures["average"] is not None:
        figures["average"] = round(figures["average"], 1)
    return figures


def mentor_ratings(mentor):
    """What a mentor may see of their mentees' ratings, or None.

    Only figures, and only once enough different mentees have answered
    (``FEEDBACK_MIN_RESPONDENTS``, 3 unless the site says otherwise): three
    answers from one mentee would still say who gave them.
    """
    figures = rating_summary(mentees_ratings(mentor))
    if figures["respondents"] < mentoring_settings.FEEDBACK_MIN_RESPONDENTS:
        return None
    return figures


def mentor_ratings_context(mentor):
    """For the mentor's own pages: the figures, or how many more are needed."""
    figures = mentor_ratings(mentor)
    if figures is not None:
        return {"figures": figures, "scale": (1, 5)}
    return {
        "figures": None,
        "needed": mentoring_settings.FEEDBACK_MIN_RESPONDENTS,
    }


# Pages -------------------------------------------------------------------------


def _side(mentorship, member):
    if member is None:
        return None
    if mentorship.mentee_id == member.pk:
        return Respondent.MENTEE
    if mentorship.mentor_id == member.pk:
        return Respondent.MENTOR
    return None


def thanks_for(due):
    if due.kind == FeedbackKind.END_OF_TERM:
        return _("Thank you for answering the end-of-term survey.")
    if due.respondent == Respondent.MENTOR:
        return _("Thank you: your feedback is saved, and your mentee can read it.")
    return _(
        "Thank you: your rating is saved. Only programme staff see it; your "
        "mentor sees ratings only as an average over several mentees."
    )


def feedback_page_context(request, mentorship, form=None, today=None):
    """What the feedback page shows this reader of this partnership.

    The form only to the party who owes an answer now; the answers given
    only as ``permissions.visible_feedback`` allows.
    """
    from .forms import FeedbackForm
    from .permissions import (
        Action,
        is_programme_staff,
        member_for,
        reason_denied,
        visible_feedback,
    )

    user = request.user
    side = _side(mentorship, member_for(user))
    due = open_question(mentorship, side, today) if side else None
    given_already = answered(mentorship, due)
    refusal = (
        reason_denied(user, Action.GIVE_FEEDBACK, mentorship)
        if due and not given_already
        else None
    )
    may_answer = due is not None and not given_already and refusal is None
    if may_answer and form is None:
        form = FeedbackForm(question=due.question, auto_id="acnm-feedback-%s")
    if side is None:
        closed = _("Only the mentor and the mentee give feedback on a partnership.")
    elif given_already:
        closed = _("You have given this feedback. Thank you.")
    else:
        closed = refusal or _(
            "There is no feedback to give on this partnership at the moment."
        )
    given = list(
        visible_feedback(user)
        .filter(mentorship=mentorship)
        .select_related("given_by")
        .order_by("-given_at", "-pk")
    )
    for answer in given:
        answer.question = QUESTIONS[(answer.kind, answer.respondent)]
    return {
        "mentorship": mentorship,
        "side": side,
        "viewer_is_staff": is_programme_staff(user, mentorship.program),
        "due": due if may_answer else None,
        "form": form if may_answer else None,
        "closed": closed,
        "thanks": thanks_for(due) if due else "",
        "next_opens": next_periodic_date(mentorship, today),
        "interval": mentorship.program.feedback_interval_months,
        "given": given,
        "ratings": mentor_ratings_context(mentorship.mentor)
        if side == Respondent.MENTOR
        else None,
    }


# For staff choosing the Best Mentor of the Year -----------------------------------


def feedback_on_mentors(program, mentors):
    """What each mentor's mentees said in ``program``, for staff only.

    Figures per mentor, below any threshold (staff may read every answer),
    and the mentees' comments with who wrote them: two queries whatever
    the number of mentors.
    """
    mentors = list(mentors)
    ratings = Feedback.objects.filter(
        mentorship__program=program,
        mentorship__mentor__in=mentors,
        respondent=Respondent.MENTEE,
    )
    figures = {
        row["mentorship__mentor"]: row
        for row in ratings.values("mentorship__mentor").annotate(
            responses=Count("pk"),
            respondents=Count("mentorship__mentee", distinct=True),
            average=Avg("rating"),
        )
    }
    comments = {}
    for answer in (
        ratings.exclude(comments="")
        .select_related("mentorship__mentee__user")
        .order_by("-given_at")
    ):
        comments.setdefault(answer.mentorship.mentor_id, []).append(answer)
    summary = []
    for mentor in mentors:
        row = figures.get(mentor.pk)
        summary.append(
            {
                "mentor": mentor,
                "responses": row["responses"] if row else 0,
                "respondents": row["respondents"] if row else 0,
                "average": round(row["average"], 1) if row else None,
                "comments": comments.get(mentor.pk, []),
            }
        )
    return summary
