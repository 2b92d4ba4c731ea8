"""Where the outcomes report and import plug into the Wagtail admin: their
URLs, and their place in the "Mentoring" menu (after the roster imports),
for programme staff only.

Like the imports, the report is not a viewset: ``menu.add_to_mentoring_menu``
puts it in the "Mentoring" submenu. ``wagtail_hooks`` imports this module.
"""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from .menu import MENU_ORDER, add_to_mentoring_menu
from .outcomes_views import (
    IMPORT_URL_NAME,
    URL_NAME,
    OutcomeImportView,
    OutcomesReportView,
)


@hooks.register("register_admin_urls")
def register_outcomes_url():
    return [
        path("mentoring/outcomes/", OutcomesReportView.as_view(), name=URL_NAME),
        path(
            "mentoring/import/outcomes/",
            OutcomeImportView.as_view(),
            name=IMPORT_URL_NAME,
        ),
    ]


def outcomes_menu_items():
    return [
        MenuItem(
            _("Outcomes by cohort"),
            reverse(URL_NAME),
            name="acnm-mentoring-outcomes",
            icon_name="table",
            order=MENU_ORDER + 100,
        ),
        MenuItem(
            _("Import outcomes"),
            reverse(IMPORT_URL_NAME),
            name="acnm-mentoring-import-outcomes",
            icon_name="upload",
            order=MENU_ORDER + 110,
        ),
    ]


@hooks.register("construct_main_menu")
def add_outcomes_to_mentoring_menu(request, menu_items):
    add_to_mentoring_menu(request, menu_items, outcomes_menu_items())
