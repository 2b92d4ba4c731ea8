"""The outcomes report as a download: one row per mentee, the same rows the
report counts (``outcomes.mentee_rows``); and outcomes imported from a
roster, row by row through ``record_outcome``."""

from django.db.models import CharField, Value
from django.db.models.functions import Cast, Coalesce
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from ..db import person_name
from ..models import Application, FirstPosition, Member, Outcome, Program
from ..models.members import user_name_fields
from ..outcomes import NOT_YET_MATCHED, mentees, with_outcomes
from ..services.outcomes import outcome_problems, record_outcome
from ..services.roster import Imported, RowRefused
from ..services.roster import Outcome as RosterOutcome
from .base import Column, MemberColumns
from .roster import (
    MentorRosterResource,
    RosterColumn,
    RosterResource,
    choice_list,
    header_key,
)


class OutcomeResource(MemberColumns):
    """Each mentee's cohort and outcomes: the figures behind the report, for
    staff who want to count them another way."""

    name = "outcomes"

    cohort = Column("cohort_label", _("Cohort"))
    exam_year = Column("exam_year", _("ABNM exam passed in"))
    first_position = Column(
        "first_position", _("First position"), choices=FirstPosition.choices
    )
    publications = Column("publications", _("Publications"))
    presentations = Column("presentations", _("Presentations"))

    class Meta:
        model = Application
        fields = (
            *MemberColumns.MEMBER_FIELDS,
            "cohort",
            "exam_year",
            "first_position",
            "publications",
            "presentations",
        )

    @classmethod
    def model_label(cls):
        return _("outcomes")

    def get_queryset(self):
        return mentees()

    def row_order(self):
        return ["program__name", *user_name_fields("member__user__")[:2], "pk"]

    def annotate_rows(self, queryset):
        rows = with_outcomes(super().annotate_rows(queryset))
        return rows.annotate(
            cohort_label=Coalesce(
                Cast("cohort", CharField()),
                Value(str(NOT_YET_MATCHED)),
                output_field=CharField(),
            )
        )


# Importing outcomes ---------------------------------------------------------------


def _whole_number(value):
    """A cell as a whole number, or None when it is not one ("3", 3, 3.0)."""
    if isinstance(value, bool):
        return None
    if isinstance(value, float):
        return int(value) if value.is_integer() else None
    if isinstance(value, int):
        return value
    text = str(value).strip()
    return int(text) if text.lstrip("-").isdigit() else None


def _position(value):
    """A first position by its stored value or its label, in any case."""
    wanted = header_key(value)
    for stored, label in FirstPosition.choices:
        if wanted in {header_key(stored), header_key(label)}:
            return stored
    with translation.override(None):
        for stored, label in FirstPosition.choices:
            if wanted == header_key(label):
                return stored
    return None


class OutcomeRosterResource(RosterResource):
    """Outcomes staff gathered elsewhere (a survey, the ABNM's list), a row
    per mentee and programme, keyed by membership ID: each row goes through
    ``record_outcome``, as the mentee's own page does. An empty cell leaves
    that outcome as it is.

    ``program``: the programme of rows without a "Programme" cell.
    """

    name = "outcome-roster"
    key = ("membership_id", "program")

    full_name = Column("full_name", _("Name"), readonly=True)
    membership_id = RosterColumn(
        "member__membership_id",
        _("Membership ID"),
        import_as="membership_id",
        help_text=_("Required. The membership ID of a mentee already on the site."),
    )
    programme = RosterColumn(
        "program__name",
        _("Programme"),
        import_as="program",
        help_text=_(
            "The programme's name or slug; rows without one are for the "
            "programme chosen below."
        ),
    )
    exam_year = RosterColumn(
        "abnm_exam_passed_year",
        _("ABNM exam passed in"),
        import_as="abnm_exam_passed_year",
        help_text=_("The year the mentee passed the ABNM qualifying exam."),
    )
    first_position = RosterColumn(
        "first_position",
        _("First position"),
        import_as="first_position",
        choices=FirstPosition.choices,
        help_text=choice_list(FirstPosition.choices),
    )
    publications = RosterColumn(
        "publications",
        _("Publications"),
        import_as="publications",
        help_text=_("A whole number, 0 or more."),
    )
    presentations = RosterColumn(
        "presentations",
        _("Presentations"),
        import_as="presentations",
        help_text=_("A whole number, 0 or more."),
    )

    class Meta:
        model = Outcome
        name = _("Outcomes")
        use_transactions = True
        fields = (
            "full_name",
            "membership_id",
            "programme",
            "exam_year",
            "first_position",
            "publications",
            "presentations",
        )

    def __init__(self, program=None, **kwargs):
        super().__init__(**kwargs)
        self.program = program

    # The programme of a row is found as for the mentors' roster.
    program_of = MentorRosterResource.program_of
    row_key = MentorRosterResource.row_key

    def row_order(self):
        return ["program__name", *user_name_fields("member__user__")[:2], "pk"]

    def annotate_rows(self, queryset):
        return queryset.annotate(full_name=person_name("member__user__"))

    def read_outcomes(self, values):
        """The service's values from a row's cells, or the reasons per column."""
        outcomes, problems = {}, {}
        for field in ("abnm_exam_passed_year", "publications", "presentations"):
            if field in values:
                number = _whole_number(values[field])
                if number is None:
                    problems[field] = [
                        _("“%(value)s” is not a whole number.")
                        % {"value": values[field]}
                    ]
                else:
                    outcomes[field] = number
        if "first_position" in values:
            position = _position(values["first_position"])
            if position is None:
                problems["first_position"] = [
                    _("“%(value)s” is not a first position; use one of: %(known)s.")
                    % {
                        "value": values["first_position"],
                        "known": choice_list(FirstPosition.choices),
                    }
                ]
            else:
                outcomes["first_position"] = position
        for field, problem in outcome_problems(outcomes).items():
            problems.setdefault(field, [problem])
        if problems:
            raise RowRefused(problems)
        return outcomes

    def import_values(self, user, values):
        named = values.pop("program", None)
        program = self.program_of({"program": named})
        if program is None or (
            named and self.program is not None and program != self.program
        ):
            raise RowRefused(
                {
                    "program": [
                        _(
                            "Say which programme: choose one when uploading, or "
                            "give each row a “Programme” of this site (%(known)s)."
                        )
                        % {
                            "known": ", ".join(
                                Program.objects.values_list("name", flat=True)
                            )
                        }
                    ]
                }
            )
        number = str(values.pop("membership_id", "")).strip()
        member = Member.objects.filter(membership_id=number).first() if number else None
        if member is None:
            raise RowRefused(
                {
                    "membership_id": [
                        _("No member of the site has the membership ID “%(id)s”.")
                        % {"id": number}
                    ]
                }
            )
        outcomes = self.read_outcomes(values)
        existed = Outcome.objects.filter(member=member, program=program).exists()
        changed = record_outcome(user, member, program, **outcomes)
        obj = Outcome.objects.filter(member=member, program=program).first()
        if not changed:
            kind = RosterOutcome.UNCHANGED
        else:
            kind = RosterOutcome.UPDATED if existed else RosterOutcome.CREATED
        return Imported(obj=obj, outcome=kind, fields=tuple(changed))
