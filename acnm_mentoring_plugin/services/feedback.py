"""Giving feedback on progress, and reminding those who owe it.

Both go through here: the form, the daily round and any import share the
rules (``feedback_problems``) and the record of who answered when.
"""

import datetime

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .. import notifications
from ..exceptions import MentoringError
from ..feedback import due_now, open_question
from ..models import (
    Feedback,
    FeedbackKind,
    FeedbackReminder,
    GoalsMet,
    Mentorship,
    MentorshipStatus,
    Respondent,
)
from ..models.feedback import RATING_MAX, RATING_MIN
from ..permissions import Action, check, member_for
from .records import record
from .reminders import remind_once

#: Longer than anyone writes in a feedback form: a paste gone wrong.
MAX_COMMENTS = 5000


def feedback_problems(values, question):
    """``{field: why}`` for each answer that cannot be recorded.

    One place for the rules, so the form and the service refuse the same
    answers with the same words.
    """
    problems = {}
    rating = values.get("rating")
    if not (isinstance(rating, int) and RATING_MIN <= rating <= RATING_MAX):
        problems["rating"] = _("Choose a rating from %(low)s to %(high)s.") % {
            "low": RATING_MIN,
            "high": RATING_MAX,
        }
    comments = values.get("comments") or ""
    if question.comments_required and not comments.strip():
        problems["comments"] = _(
            "Write a few words on your mentee's progress: it is what they will read."
        )
    elif len(comments) > MAX_COMMENTS:
        problems["comments"] = _(
            "Keep it under %(most)s characters (this is %(count)s)."
        ) % {"most": MAX_COMMENTS, "count": len(comments)}
    if question.end_of_term:
        if values.get("goals_met") not in GoalsMet.values:
            problems["goals_met"] = _(
                "Say whether the goals of your agreement were met."
            )
        if values.get("would_recommend") not in (True, False):
            problems["would_recommend"] = _(
                "Say whether you would recommend the programme."
            )
    return problems


@transaction.atomic
def give_feedback(user, mentorship, *, today=None, **values):
    """Record the answer the signed-in party owes now; returns the Feedback.

    What is asked is decided by the date and the partnership
    (``feedback.open_question``), not by the form, so a form left open past
    its period is refused with words rather than filed under the wrong one.
    """
    check(user, Action.GIVE_FEEDBACK, mentorship)
    member = member_for(user)
    respondent = (
        Respondent.MENTEE if mentorship.mentee_id == member.pk else Respondent.MENTOR
    )
    due = open_question(mentorship, respondent, today)
    if due is None:
        raise MentoringError(
            _("There is no feedback to give on this partnership at the moment.")
        )
    problems = feedback_problems(values, due.question)
    if problems:
        raise MentoringError(" ".join(str(problem) for problem in problems.values()))
    feedback = Feedback(
        mentorship=mentorship,
        kind=due.kind,
        respondent=respondent,
        period=due.period,
        rating=values["rating"],
        comments=(values.get("comments") or "").strip(),
        goals_met=(values.get("goals_met") or "") if due.question.end_of_term else "",
        would_recommend=(
            values.get("would_recommend") if due.question.end_of_term else None
        ),
        given_by=user,
    )
    try:
        with transaction.atomic():
            feedback.save()
    except IntegrityError:
        raise MentoringError(
            _("You have already given this feedback. Thank you.")
        ) from None
    # Recorded on the answer itself, not in the pair's shared history: when
    # a mentee rated is theirs and the staff's to know.
    record(feedback, "feedback_given", user, kind=due.kind, period=due.period)
    if due.kind == FeedbackKind.PERIODIC and respondent == Respondent.MENTOR:
        notifications.progress_feedback_given(feedback)
    return feedback


def _pairs_to_ask(today):
    """Active pairs, and pairs ended recently enough for the survey."""
    recent = Q(
        status__in=[MentorshipStatus.COMPLETED, MentorshipStatus.ENDED_EARLY],
        ended_at__isnull=False,
        # The longest interval a programme may set; the window decides.
        ended_at__gte=timezone.now() - datetime.timedelta(days=24 * 31),
    )
    return (
        Mentorship.objects.filter(Q(status=MentorshipStatus.ACTIVE) | recent)
        .select_related("program", "mentee__user", "mentor__user")
        .prefetch_related("feedback")
        .order_by("program", "pk")
    )


def remind_feedback_due(today=None):
    """Remind each party once per period of the answer they owe.

    The same promise as the contact reminders (``remind_once``): the
    reminder row is created first under a unique constraint, so a second
    run finds it and sends nothing.
    """
    today = today or timezone.localdate()
    reminded = 0
    for pair in _pairs_to_ask(today):
        pair._answered = {(f.kind, f.respondent, f.period) for f in pair.feedback.all()}
        for respondent in Respondent.values:
            due = due_now(pair, respondent, today)
            if due is None:
                continue
            sent = remind_once(
                FeedbackReminder,
                lambda reminder: notifications.feedback_due(reminder),
                mentorship=pair,
                kind=due.kind,
                respondent=respondent,
                period=due.period,
            )
            reminded += sent is not None
    return reminded
