"""The programme's figures on the Wagtail admin home, for programme staff.

The figures and charts are the core's (``acnm_mentoring_plugin.dashboard``);
this panel lays them out the way Wagtail's own home panels are, and links
each figure to the admin listing it summarises, filtered to match.
"""

from urllib.parse import urlencode

from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.components import Component

from acnm_mentoring_plugin import dashboard
from acnm_mentoring_plugin.models import (
    ApplicationRole,
    AwardCycle,
    MentorshipStatus,
    Program,
)
from acnm_mentoring_plugin.permissions import is_programme_staff, staff_programmes

#: The admin home's query parameter choosing a programme (its slug).
PROGRAMME_PARAMETER = "mentoring_programme"


def listing_url(name, **filters):
    """An admin listing, filtered as its ``list_filter`` reads the query."""
    url = reverse(name)
    filters = {key: value for key, value in filters.items() if value is not None}
    return f"{url}?{urlencode(filters)}" if filters else url


class ProgrammeDashboardPanel(Component):
    """Applications, pairs, free places and the award, with two charts.

    Placed first on the home page (Wagtail's own panels start at 110): the
    staff who see it come to the admin for the programme. With several
    programmes it shows them all together, and links choose one.
    """

    name = "acnm_mentoring_dashboard"
    template_name = "acnm_mentoring_wagtail/dashboard/panel.html"
    order = 50

    class Media:
        css = {"all": ["acnm_mentoring_wagtail/dashboard.css"]}

    def __init__(self, request):
        self.request = request

    @cached_property
    def programmes(self):
        """The programmes the reader runs: nothing of another's is counted."""
        return list(staff_programmes(self.request.user).order_by("name", "pk"))

    @cached_property
    def program(self):
        """The programme chosen, the only one, or None for all of them."""
        if len(self.programmes) == 1:
            return self.programmes[0]
        chosen = self.request.GET.get(PROGRAMME_PARAMETER)
        return next((p for p in self.programmes if p.slug == chosen), None)

    def is_shown(self):
        return is_programme_staff(self.request.user)

    def render_html(self, parent_context=None):
        if not self.is_shown():
            return ""
        return super().render_html(parent_context)

    def get_context_data(self, parent_context=None):
        context = {"request": self.request, "programmes": self.programmes}
        if not self.programmes:
            return context
        program = self.program
        figures = dashboard.programme_figures(
            program,
            programmes=Program.objects.filter(pk__in=[p.pk for p in self.programmes]),
        )
        program_pk = program.pk if program else None
        context.update(
            program=program,
            figures=figures,
            heading=(
                _("Mentoring: %(programme)s") % {"programme": program}
                if program
                else _("Mentoring: all programmes")
            ),
            choices=self.choices(),
            applications=self.application_rows(figures, program_pk),
            links=self.links(figures, program_pk),
            applications_chart=dashboard.applications_chart(figures),
            fields_chart=dashboard.fields_chart(figures),
        )
        return context

    def choices(self):
        """Links to each programme's figures, when there are several."""
        if len(self.programmes) < 2:
            return []
        home = reverse("wagtailadmin_home")
        anchor = "#acnm-dashboard-section"
        return [
            {
                "label": _("All programmes"),
                "url": home + anchor,
                "current": self.program is None,
            },
            *(
                {
                    "label": str(programme),
                    "url": f"{home}?{urlencode({PROGRAMME_PARAMETER: programme.slug})}"
                    + anchor,
                    "current": self.program == programme,
                }
                for programme in self.programmes
            ),
        ]

    def application_rows(self, figures, program_pk):
        index = "acnm_mentoring_applications:index"
        return [
            {
                "label": row.label,
                "cells": [
                    (
                        count,
                        listing_url(
                            index, status=row.status, role=role, program=program_pk
                        ),
                    )
                    for count, role in (
                        (row.mentee, ApplicationRole.MENTEE.value),
                        (row.mentor, ApplicationRole.MENTOR.value),
                        (row.total, None),
                    )
                ],
            }
            for row in figures.applications
        ]

    def links(self, figures, program_pk):
        cycle = figures.award_cycle
        cycles = AwardCycle.snippet_viewset
        return {
            "active_pairs": listing_url(
                "acnm_mentoring_pairs:index",
                status=MentorshipStatus.ACTIVE.value,
                program=program_pk,
            ),
            "mentors": listing_url(
                "acnm_mentoring_mentors:index",
                accepting_new_mentees="true",
                program=program_pk,
            ),
            "award": (
                reverse(cycles.get_url_name("results"), args=[cycle.pk])
                if cycle
                else listing_url(cycles.get_url_name("list"), program=program_pk)
            ),
        }


def add_dashboard_panel(request, panels):
    """The ``construct_homepage_panels`` hook: the panel, for staff only."""
    if is_programme_staff(request.user):
        panels.append(ProgrammeDashboardPanel(request))
