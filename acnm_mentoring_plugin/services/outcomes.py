"""Recording a mentee's outcomes: the exam, the first position, the work.

The mentee records their own from their page, staff anyone's from the
admin or an import; all go through ``record_outcome``, so the rules, the
checks and the history are the same whoever types it.
"""

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..exceptions import MentoringError
from ..models import FirstPosition, Outcome
from ..models.outcomes import EXAM_YEAR_MIN
from ..permissions import Action, check
from .records import record

#: What an outcome holds, besides who recorded it and when.
OUTCOME_FIELDS = (
    "abnm_exam_passed_year",
    "first_position",
    "publications",
    "presentations",
)
#: More than anyone publishes or presents in a career: a typing mistake.
MAX_COUNT = 10_000


def outcome_problems(values, *, today=None):
    """``{field: why}`` for each value that cannot be recorded.

    One place for the rules, so the member's form, staff's import and the
    service refuse the same values with the same words.
    """
    today = today or timezone.localdate()
    problems = {}
    year = values.get("abnm_exam_passed_year")
    if year is not None and not (
        isinstance(year, int) and EXAM_YEAR_MIN <= year <= today.year
    ):
        problems["abnm_exam_passed_year"] = _(
            "Give the year you passed the exam, from %(first)s to %(last)s."
        ) % {"first": EXAM_YEAR_MIN, "last": today.year}
    position = values.get("first_position")
    if position not in (None, "") and position not in FirstPosition.values:
        problems["first_position"] = _(
            "Choose academic centre, private practice, industry or further training."
        )
    for field in ("publications", "presentations"):
        count = values.get(field)
        if count is not None and not (
            isinstance(count, int) and 0 <= count <= MAX_COUNT
        ):
            problems[field] = _("Give a whole number from 0 to %(most)s.") % {
                "most": MAX_COUNT
            }
    return problems


def _locked_outcome(member, program):
    return (
        Outcome.objects.select_for_update()
        .filter(member=member, program=program)
        .first()
    )


@transaction.atomic
def record_outcome(user, member, program, **values):
    """Record ``member``'s outcomes in ``program``; returns the fields changed.

    Only the values given change (an import leaves the others alone). For
    the exam year ``None`` is an answer ("not passed yet") and clears it; for
    the position and the counts it means "not given" and leaves them.
    Nothing changed, nothing is saved or recorded: recording the same again
    is harmless, and a member who saves an empty form creates nothing.
    """
    check(user, Action.RECORD_OUTCOME, (member, program))
    unknown = set(values) - set(OUTCOME_FIELDS)
    if unknown:
        raise TypeError(f"Not an outcome: {', '.join(sorted(unknown))}")
    values = {
        field: value
        for field, value in values.items()
        if value is not None or field == "abnm_exam_passed_year"
    }
    problems = outcome_problems(values)
    if problems:
        raise MentoringError(" ".join(str(problem) for problem in problems.values()))
    outcome = _locked_outcome(member, program) or Outcome(
        member=member, program=program
    )
    changed = [
        field for field, value in values.items() if getattr(outcome, field) != value
    ]
    if not changed:
        return []
    for field in changed:
        setattr(outcome, field, values[field])
    outcome.recorded_by = user if user is not None and user.is_authenticated else None
    if outcome.pk is None:
        try:
            with transaction.atomic():
                outcome.save()
        except IntegrityError:
            # Recorded at the same moment elsewhere: change that one instead.
            existing = _locked_outcome(member, program)
            for field in changed:
                setattr(existing, field, values[field])
            existing.recorded_by = outcome.recorded_by
            existing.save()
            outcome = existing
    else:
        outcome.save()
    record(outcome, "outcome_recorded", user, fields=sorted(changed))
    return changed
