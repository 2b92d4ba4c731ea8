"""The outcomes report as a download: one row per mentee, the same rows the
report counts (``outcomes.mentee_rows``)."""

from django.db.models import CharField, Value
from django.db.models.functions import Cast, Coalesce
from django.utils.translation import gettext_lazy as _

from ..models import Application, FirstPosition
from ..models.members import user_name_fields
from ..outcomes import NOT_YET_MATCHED, mentees, with_outcomes
from .base import Column, MemberColumns


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
