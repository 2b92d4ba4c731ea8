"""Where the outcomes report and import plug into the Wagtail admin: their
URLs, and their place in the "Mentoring" menu (after the roster imports),
for programme staff only.

Like the imports, the report is not a viewset, so it joins the menu's
submenu as the main menu is built for each request. ``wagtail_hooks``
imports this module after ``import_hooks``.
"""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import Menu, MenuItem, SubmenuMenuItem

from acnm_mentoring_plugin.permissions import is_programme_staff

from .import_hooks import MENU_ORDER, is_mentoring_menu
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
    """The report joins the "Mentoring" submenu for this request only; a
    site that left that menu out finds it in the menu of the imports."""
    if not is_programme_staff(request.user):
        return
    for index, item in enumerate(menu_items):
        if is_mentoring_menu(item) or item.name == "acnm-mentoring-imports":
            menu_items[index] = SubmenuMenuItem(
                item.label,
                Menu(items=[*item.menu.registered_menu_items, *outcomes_menu_items()]),
                name=item.name,
                icon_name=item.icon_name,
                classname=item.classname,
                attrs=item.attrs,
                order=item.order,
            )
            return
