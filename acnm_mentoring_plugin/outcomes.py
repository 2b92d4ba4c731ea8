"""Outcomes by cohort: what became of each year's mentees, for staff.

The programme is judged by its mentees passing the ABNM qualifying exam and
finding their place after training. A cohort is the year a mentee's first
partnership in the programme started; accepted mentees without one are
"not yet matched". The report (Wagtail admin), its export
(``resources.OutcomeResource``) and the tests read the same rows from
``mentee_rows``, so the figures and the download never disagree. The
figures cost the same two queries for ten mentees or ten thousand
(``tests/test_outcomes.py`` holds them to it).
"""

from dataclasses import dataclass, field

from django.db.models import Exists, OuterRef, Q, Subquery
from django.db.models.functions import ExtractYear
from django.utils.translation import gettext_lazy as _

from . import charts
from .models import (
    Application,
    ApplicationRole,
    ApplicationStatus,
    FirstPosition,
    Mentorship,
    MentorshipStatus,
    Outcome,
    Program,
)

#: The row label of mentees without a partnership yet.
NOT_YET_MATCHED = _("Not yet matched")


def mentees(program=None, programmes=None):
    """The programme's mentees, one row each: their latest accepted mentee
    application (a member accepted twice is one mentee). Without a
    ``program``, ``programmes`` (a queryset) narrows "every programme" to
    those the reader runs."""
    accepted = Application.objects.filter(
        role=ApplicationRole.MENTEE, status=ApplicationStatus.ACCEPTED
    )
    if program is not None:
        accepted = accepted.filter(program=program)
    elif programmes is not None:
        accepted = accepted.filter(program__in=programmes)
    return accepted.exclude(
        Exists(
            Application.objects.filter(
                member=OuterRef("member"),
                program=OuterRef("program"),
                role=ApplicationRole.MENTEE,
                status=ApplicationStatus.ACCEPTED,
                submitted_at__gt=OuterRef("submitted_at"),
            )
        )
    )


def with_outcomes(queryset):
    """Mentee rows (applications) with their cohort and outcomes, as
    annotations: subqueries, never a query per mentee."""
    first_start = (
        Mentorship.objects.filter(
            program=OuterRef("program"),
            mentee=OuterRef("member"),
            start_date__isnull=False,
        )
        .exclude(status__in=MentorshipStatus.request_only())
        .order_by("start_date")
        .values("start_date")[:1]
    )
    outcome = Outcome.objects.filter(
        program=OuterRef("program"), member=OuterRef("member")
    )

    def of_outcome(name):
        return Subquery(outcome.values(name)[:1])

    return queryset.annotate(
        cohort=ExtractYear(Subquery(first_start)),
        exam_year=of_outcome("abnm_exam_passed_year"),
        first_position=of_outcome("first_position"),
        publications=of_outcome("publications"),
        presentations=of_outcome("presentations"),
        outcome_recorded=Exists(outcome),
    )


def mentee_rows(program=None, programmes=None):
    return with_outcomes(mentees(program, programmes))


@dataclass
class Cohort:
    """One cohort's figures; ``year`` None is the mentees not yet matched."""

    year: int | None
    mentees: int = 0
    recorded: int = 0
    exam_passed: int = 0
    positions: dict = field(
        default_factory=lambda: dict.fromkeys(FirstPosition.values, 0)
    )
    publications: int = 0
    presentations: int = 0

    @property
    def label(self):
        return str(self.year) if self.year is not None else str(NOT_YET_MATCHED)

    @property
    def exam_share(self):
        """The share of the cohort's mentees who passed, in per cent."""
        return round(100 * self.exam_passed / self.mentees) if self.mentees else 0

    def _mean(self, total):
        # Over the mentees who recorded outcomes: an unrecorded count is
        # unknown, not zero.
        return round(total / self.recorded, 1) if self.recorded else None

    @property
    def publications_mean(self):
        return self._mean(self.publications)

    @property
    def presentations_mean(self):
        return self._mean(self.presentations)

    def position_counts(self):
        """``(label, count)`` for each kind of first position, in order."""
        return [
            (label, self.positions[value]) for value, label in FirstPosition.choices
        ]


def cohort_figures(program=None, programmes=None):
    """The cohorts of ``program`` (or every programme, or of
    ``programmes``), oldest first, the mentees not yet matched last. One
    query."""
    cohorts = {}
    rows = mentee_rows(program, programmes).values_list(
        "cohort",
        "outcome_recorded",
        "exam_year",
        "first_position",
        "publications",
        "presentations",
    )
    for year, recorded, exam_year, position, publications, presentations in rows:
        cohort = cohorts.setdefault(year, Cohort(year))
        cohort.mentees += 1
        if not recorded:
            continue
        cohort.recorded += 1
        cohort.exam_passed += exam_year is not None
        if position in cohort.positions:
            cohort.positions[position] += 1
        cohort.publications += publications or 0
        cohort.presentations += presentations or 0
    return sorted(
        cohorts.values(),
        key=lambda cohort: (cohort.year is None, cohort.year or 0),
    )


def exam_chart(cohorts):
    """Columns: the share of each cohort who passed the exam."""
    bars = [
        charts.Bar(label=cohort.label, value=cohort.exam_share) for cohort in cohorts
    ]
    return charts.bar_chart(
        chart_id="acnm-outcomes-exam",
        title=_("ABNM qualifying exam passed, per cent of the cohort's mentees"),
        description=charts.summary(bars, with_total=False),
        bars=bars,
        label_heading=_("Cohort"),
        value_heading=_("Passed (%)"),
    )


def positions_chart(cohorts):
    """Rows: each cohort's mentees by first position; a cohort where nobody
    recorded one yet would only add rows of zeros."""
    bars = [
        charts.Bar(label=f"{cohort.label} · {label}", value=count)
        for cohort in cohorts
        if any(cohort.positions.values())
        for label, count in cohort.position_counts()
    ]
    return charts.bar_chart(
        chart_id="acnm-outcomes-positions",
        title=_("First position after training, by cohort"),
        description=charts.summary(bars),
        bars=bars,
        label_heading=_("Cohort and position"),
        value_heading=_("Mentees"),
        horizontal=True,
    )


def outcome_programs(member):
    """The programmes in which ``member`` records outcomes as a mentee: an
    accepted mentee application, or a partnership as mentee. One query."""
    if member is None:
        return []
    had_mentor = Mentorship.objects.filter(
        program=OuterRef("pk"), mentee=member
    ).exclude(status__in=MentorshipStatus.request_only())
    accepted = Application.objects.filter(
        program=OuterRef("pk"),
        member=member,
        role=ApplicationRole.MENTEE,
        status=ApplicationStatus.ACCEPTED,
    )
    return list(
        Program.objects.filter(Q(Exists(had_mentor)) | Q(Exists(accepted))).order_by(
            "name"
        )
    )
