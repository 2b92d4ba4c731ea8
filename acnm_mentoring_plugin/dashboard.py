"""The programme's figures at a glance, for staff.

Computed here, once, so the Wagtail admin home, a django CMS page or a
report command show the same numbers, counted by the same rules as the
services that change them. Staff open the admin home many times a day: the
figures cost the same few queries with ten pairs or ten thousand (counts are
aggregated in the database, never by loading rows one by one), and
``tests/test_dashboard.py`` holds them to it.
"""

import datetime
from dataclasses import dataclass, field

from django.db.models import Count, Exists, F, OuterRef, Q, Sum
from django.db.models.functions import TruncMonth
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from . import charts
from .awards import current_cycle
from .directory import with_places
from .models import (
    Application,
    ApplicationRole,
    ApplicationStatus,
    FieldOfInterest,
    MentorProfile,
    Mentorship,
    MentorshipStatus,
    Nomination,
    NominationStatus,
    Program,
)
from .services.contacts import quiet_pairs

#: How far back the applications chart looks, this month included.
MONTHS = 12


@dataclass(frozen=True)
class StatusCount:
    """Applications in one status, as mentee and as mentor."""

    status: str
    label: str
    mentee: int
    mentor: int

    @property
    def total(self):
        return self.mentee + self.mentor


@dataclass
class Figures:
    """What staff see on the dashboard; ``program`` None is all programmes."""

    program: Program | None
    applications: list[StatusCount]
    active_pairs: int
    overdue_pairs: int
    mentors_with_places: int
    free_places: int
    #: The current award cycle of each programme that has one.
    award_cycles: list = field(default_factory=list)
    nominations: int = 0
    #: ``(first day of the month, applications)``, oldest first.
    applications_per_month: list[tuple[datetime.date, int]] = field(
        default_factory=list
    )
    #: ``(field of interest, active pairs)`` for every field, in its order.
    pairs_by_field: list[tuple[FieldOfInterest, int]] = field(default_factory=list)
    pairs_without_field: int = 0

    @property
    def open_applications(self):
        """Applications still awaiting a decision."""
        waiting = set(ApplicationStatus.open())
        return sum(row.total for row in self.applications if row.status in waiting)

    @property
    def award_cycle(self):
        """The one current cycle, when the figures are one programme's."""
        return self.award_cycles[0] if len(self.award_cycles) == 1 else None


def programme_figures(program=None, *, programmes=None, today=None):
    """The dashboard's figures for ``program``, or for every programme.

    ``programmes`` (a queryset of programmes), when given without a
    ``program``, narrows "every programme" to those: the ones the reader
    runs, since staff of one programme see nothing of another's.

    One query for each figure, whatever the number of records; for all
    programmes, one more per programme to find its current award cycle as
    ``current_cycle`` decides it. Overdue pairs are the contact reminder's
    own ``quiet_pairs``, counted as it yields them, so the dashboard and the
    reminder never disagree on who is overdue: one query, whose rows are the
    active pairs. ``today`` is the day overdue contact is judged on.
    """
    today = today or timezone.localdate()

    among = None
    if program is None and programmes is not None:
        among = list(programmes.values_list("pk", flat=True))

    def of_programme(queryset):
        if program is not None:
            return queryset.filter(program=program)
        return queryset if among is None else queryset.filter(program__in=among)

    overdue = quiet_pairs(today=today, program=program)
    if among is not None:
        overdue = (pair for pair in overdue if pair.program_id in among)
    figures = Figures(
        program=program,
        applications=_applications_by_status(of_programme(Application.objects)),
        **_pairs(of_programme(Mentorship.objects)),
        overdue_pairs=_count(overdue),
        **_free_places(of_programme(MentorProfile.objects)),
        applications_per_month=_applications_per_month(
            of_programme(Application.objects), today
        ),
        pairs_by_field=_pairs_by_field(program, among),
    )
    figures.award_cycles = _current_cycles(program, among)
    figures.nominations = (
        Nomination.objects.filter(
            cycle__in=figures.award_cycles, status=NominationStatus.SUBMITTED
        ).count()
        if figures.award_cycles
        else 0
    )
    return figures


def _count(iterable):
    return sum(1 for _item in iterable)


def _applications_by_status(applications):
    counts = {
        (row["role"], row["status"]): row["count"]
        for row in applications.order_by()
        .values("role", "status")
        .annotate(count=Count("pk"))
    }
    return [
        StatusCount(
            status=status.value,
            label=status.label,
            mentee=counts.get((ApplicationRole.MENTEE.value, status.value), 0),
            mentor=counts.get((ApplicationRole.MENTOR.value, status.value), 0),
        )
        for status in ApplicationStatus
    ]


def _pairs(mentorships):
    """Active pairs, and those whose mentor names no field in the programme
    (the field chart's remainder, so its bars can be checked against the
    total)."""
    active = Q(status=MentorshipStatus.ACTIVE)
    has_field = MentorProfile.specialties.through.objects.filter(
        mentorprofile__member=OuterRef("mentor"),
        mentorprofile__program=OuterRef("program"),
    )
    return mentorships.order_by().aggregate(
        active_pairs=Count("pk", filter=active),
        pairs_without_field=Count("pk", filter=active & ~Exists(has_field)),
    )


def _free_places(profiles):
    """Mentors who take new mentees and have a place for one, and how many
    places they have between them: whom staff can match today."""
    totals = (
        with_places(profiles.filter(accepting_new_mentees=True))
        .filter(free_places__gt=0)
        .order_by()
        .aggregate(mentors=Count("pk"), places=Sum("free_places"))
    )
    return {
        "mentors_with_places": totals["mentors"],
        "free_places": totals["places"] or 0,
    }


def month_starts(today, months=MONTHS):
    """The first days of the last ``months`` months, oldest first."""
    year, month = today.year, today.month
    starts = []
    for _step in range(months):
        starts.append(datetime.date(year, month, 1))
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return starts[::-1]


def _applications_per_month(applications, today):
    """Applications submitted each month, in the site's time zone; a month
    without any is there with 0, so the chart shows the gap."""
    starts = month_starts(today)
    since = timezone.make_aware(
        datetime.datetime.combine(starts[0], datetime.time.min),
        timezone.get_current_timezone(),
    )
    counts = {}
    for row in (
        applications.filter(submitted_at__gte=since)
        .order_by()
        .annotate(month=TruncMonth("submitted_at"))
        .values("month")
        .annotate(count=Count("pk"))
    ):
        month = _as_date(row["month"])
        counts[month] = counts.get(month, 0) + row["count"]
    return [(start, counts.get(start, 0)) for start in starts]


def _as_date(month):
    """``TruncMonth`` gives an aware datetime (in the current time zone)
    where time zones are on; the chart's months are dates."""
    if isinstance(month, datetime.datetime):
        if timezone.is_aware(month):
            month = timezone.localtime(month)
        return month.date()
    return month


def _pairs_by_field(program, among=None):
    """Active pairs by the fields of their mentor.

    A pair counts once under each field its mentor's profile in the pair's
    programme names: a mentor in oncology and PET puts each of their pairs
    in both bars, so the bars add up to more than the active pairs when
    mentors name several fields. Pairs whose mentor names none are
    ``pairs_without_field``. The mentor's fields, not the mentee's, because
    they are what a pair is matched on and what the directory lists.
    """
    pair = "mentor_profiles__member__mentorships_as_mentor"
    counted = Q(
        **{
            f"{pair}__status": MentorshipStatus.ACTIVE,
            f"{pair}__program": F("mentor_profiles__program"),
        }
    )
    if program is not None:
        counted &= Q(mentor_profiles__program=program)
    elif among is not None:
        counted &= Q(mentor_profiles__program__in=among)
    fields = FieldOfInterest.objects.annotate(
        pairs=Count(pair, filter=counted, distinct=True)
    ).order_by("sort_order", "name")
    return [
        (field_of_interest, field_of_interest.pairs) for field_of_interest in fields
    ]


def _current_cycles(program, among=None):
    if program is not None:
        programmes = [program]
    elif among is not None:
        programmes = Program.objects.filter(pk__in=among)
    else:
        programmes = Program.objects.all()
    return [
        cycle
        for cycle in (current_cycle(programme) for programme in programmes)
        if cycle is not None
    ]


# Charts -------------------------------------------------------------------------


def applications_chart(figures, *, chart_id="acnm-applications-per-month"):
    """Applications per month as an accessible bar chart with its table."""
    months = figures.applications_per_month
    bars = [
        charts.Bar(
            label=date_format(start, "M"),
            # The year under each January, and under the first month unless
            # a January follows at once (a December needs no "2025" beside
            # its neighbour's "2026").
            sublabel=(
                str(start.year)
                if start.month == 1 or (index == 0 and start.month != 12)
                else ""
            ),
            long_label=date_format(start, "YEAR_MONTH_FORMAT"),
            value=count,
        )
        for index, (start, count) in enumerate(months)
    ]
    first, last = bars[0].long_label, bars[-1].long_label
    description = _(
        "Applications received each month, as mentee or mentor, from "
        "%(first)s to %(last)s. %(summary)s"
    ) % {"first": first, "last": last, "summary": charts.summary(bars)}
    return charts.bar_chart(
        chart_id=chart_id,
        title=_("Applications per month"),
        description=description,
        bars=bars,
        label_heading=_("Month"),
        value_heading=_("Applications"),
    )


def fields_chart(figures, *, chart_id="acnm-active-pairs-by-field"):
    """Active pairs by the mentor's fields, as an accessible bar chart."""
    bars = [
        charts.Bar(label=str(field_of_interest), value=count)
        for field_of_interest, count in figures.pairs_by_field
    ]
    if figures.pairs_without_field:
        bars.append(
            charts.Bar(
                label=str(_("No field given")), value=figures.pairs_without_field
            )
        )
    description = " ".join(
        [
            str(
                ngettext(
                    "%(count)d active pair, counted under each field of its "
                    "mentor: a mentor with several fields counts in each.",
                    "%(count)d active pairs, each counted under each field of "
                    "its mentor: a mentor with several fields counts in each.",
                    figures.active_pairs,
                )
                % {"count": figures.active_pairs}
            ),
            str(charts.summary(bars)),
        ]
    )
    return charts.bar_chart(
        chart_id=chart_id,
        title=_("Active pairs by field"),
        description=description,
        bars=bars,
        label_heading=_("Field of interest"),
        value_heading=_("Active pairs"),
        horizontal=True,
    )
