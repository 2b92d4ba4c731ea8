"""The "Outcomes by cohort" report of the Wagtail admin, for programme staff.

The figures, charts and export rows are the core's
(``acnm_mentoring_plugin.outcomes`` and ``resources.OutcomeResource``);
this view chooses the programme, lays them out as Wagtail's own screens
are, and offers the same figures as CSV and XLSX to staff who may export.
Outcomes gathered elsewhere come in through the roster import's screens.
"""

from urllib.parse import urlencode

from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from acnm_mentoring_plugin import outcomes
from acnm_mentoring_plugin.exports import FORMATS, export_response
from acnm_mentoring_plugin.models import FirstPosition, Program
from acnm_mentoring_plugin.permissions import (
    Action,
    can,
    is_programme_staff,
    staff_programmes,
)
from acnm_mentoring_plugin.resources import OutcomeResource
from acnm_mentoring_plugin.resources.outcomes import OutcomeRosterResource

from .import_views import MentorUploadForm, RosterImportView

URL_NAME = "acnm_mentoring_outcomes"
IMPORT_URL_NAME = "acnm_mentoring_import_outcomes"
#: The query parameter choosing a programme (its slug); none: all of them.
PROGRAMME_PARAMETER = "programme"


class OutcomesReportView(WagtailAdminTemplateMixin, TemplateView):
    """Outcomes by cohort: a table, two charts and the downloads. You can
    override ``get_resource()`` to export with a resource of your own."""

    template_name = "acnm_mentoring_wagtail/outcomes/report.html"
    page_title = _("Outcomes by cohort")
    header_icon = "table"

    def dispatch(self, request, *args, **kwargs):
        if not is_programme_staff(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.get_page_title()}]

    def get_resource(self):
        return OutcomeResource()

    def chosen_program(self, programs):
        slug = self.request.GET.get(PROGRAMME_PARAMETER)
        return next((program for program in programs if program.slug == slug), None)

    def get(self, request, *args, **kwargs):
        # The programmes the reader runs: nothing of another's is counted.
        programs = list(staff_programmes(request.user).order_by("name"))
        program = self.chosen_program(programs)
        export_format = request.GET.get("export")
        if export_format in FORMATS:
            if not can(request.user, Action.EXPORT):
                raise PermissionDenied
            resource = self.get_resource()
            queryset = resource.get_queryset().filter(
                program__in=Program.objects.filter(pk__in=[p.pk for p in programs])
            )
            filters = {}
            if program is not None:
                queryset = queryset.filter(program=program)
                filters[PROGRAMME_PARAMETER] = program.slug
            return export_response(
                request.user, resource, queryset, export_format, filters
            )
        return self.render_to_response(
            self.get_context_data(programs=programs, program=program)
        )

    def url_for(self, program=None, **more):
        query = {PROGRAMME_PARAMETER: program.slug} if program is not None else {}
        query.update(more)
        url = reverse(URL_NAME)
        return f"{url}?{urlencode(query)}" if query else url

    def get_context_data(self, *, programs, program, **kwargs):
        context = super().get_context_data(**kwargs)
        cohorts = outcomes.cohort_figures(
            program, Program.objects.filter(pk__in=[choice.pk for choice in programs])
        )
        context.update(
            programs=[
                (choice, self.url_for(choice), choice == program) for choice in programs
            ],
            all_url=self.url_for(),
            program=program,
            cohorts=cohorts,
            position_labels=[label for _value, label in FirstPosition.choices],
            exam_chart=outcomes.exam_chart(cohorts) if cohorts else "",
            positions_chart=outcomes.positions_chart(cohorts) if cohorts else "",
            downloads=[
                (_("Download CSV"), self.url_for(program, export="csv")),
                (_("Download XLSX"), self.url_for(program, export="xlsx")),
            ]
            if can(self.request.user, Action.EXPORT)
            else [],
        )
        return context


class OutcomeImportView(RosterImportView):
    """Outcomes gathered elsewhere, imported through the roster screens:
    upload, preview row by row, confirm."""

    resource_class = OutcomeRosterResource
    form_class = MentorUploadForm
    page_title = _("Import outcomes")
    listing_label = _("See the outcomes by cohort")
    intro = _(
        "Record mentees' outcomes gathered elsewhere (a survey, a list of "
        "those who passed the ABNM qualifying exam): each row is matched to a "
        "mentee by membership ID and recorded as if the mentee had saved it. "
        "An empty cell leaves that outcome as it is."
    )

    def get_resource(self, program=None):
        return OutcomeRosterResource(program=program)

    def listing_url(self):
        return reverse(URL_NAME)
