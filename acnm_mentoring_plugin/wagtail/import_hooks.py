"""Where the roster imports plug into the Wagtail admin: their URLs, and
their place at the end of the "Mentoring" menu.

The imports are not viewsets: ``menu.add_to_mentoring_menu`` puts them in
the "Mentoring" submenu. ``wagtail_hooks`` imports this module.
"""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from .import_views import MemberImportView, MentorImportView
from .menu import MENU_ORDER, add_to_mentoring_menu


@hooks.register("register_admin_urls")
def register_import_urls():
    return [
        path(
            "mentoring/import/members/",
            MemberImportView.as_view(),
            name="acnm_mentoring_import_members",
        ),
        path(
            "mentoring/import/mentors/",
            MentorImportView.as_view(),
            name="acnm_mentoring_import_mentors",
        ),
    ]


def import_menu_items():
    return [
        MenuItem(
            _("Import members"),
            reverse("acnm_mentoring_import_members"),
            name="acnm-mentoring-import-members",
            icon_name="upload",
            order=MENU_ORDER,
        ),
        MenuItem(
            _("Import mentors"),
            reverse("acnm_mentoring_import_mentors"),
            name="acnm-mentoring-import-mentors",
            icon_name="upload",
            order=MENU_ORDER + 10,
        ),
    ]


@hooks.register("construct_main_menu")
def add_imports_to_mentoring_menu(request, menu_items):
    add_to_mentoring_menu(request, menu_items, import_menu_items())
