"""Where the roster imports plug into the Wagtail admin: their URLs, and
their place at the end of the "Mentoring" menu.

The "Mentoring" menu is a viewset group of its own module; the imports are
not viewsets, so they join its submenu as the main menu is built for each
request (Wagtail's ``construct_main_menu`` hook), for programme staff only.
``wagtail_hooks`` imports this module.
"""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import Menu, MenuItem, SubmenuMenuItem

from acnm_mentoring_plugin.permissions import is_programme_staff

from .import_views import MemberImportView, MentorImportView
from .views import MentoringViewSetGroup

#: After the group's own items (the last is ordered 310).
MENU_ORDER = 400


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


def is_mentoring_menu(item):
    group = MentoringViewSetGroup
    return isinstance(item, SubmenuMenuItem) and (
        item.name == group.menu_name or str(item.label) == str(group.menu_label)
    )


@hooks.register("construct_main_menu")
def add_imports_to_mentoring_menu(request, menu_items):
    """The imports join the "Mentoring" submenu for this request only; a
    site that left that menu out gets them in a menu of their own."""
    if not is_programme_staff(request.user):
        return
    for index, item in enumerate(menu_items):
        if is_mentoring_menu(item):
            menu_items[index] = SubmenuMenuItem(
                item.label,
                Menu(items=[*item.menu.registered_menu_items, *import_menu_items()]),
                name=item.name,
                icon_name=item.icon_name,
                classname=item.classname,
                attrs=item.attrs,
                order=item.order,
            )
            return
    menu_items.append(
        SubmenuMenuItem(
            _("Mentoring imports"),
            Menu(items=import_menu_items()),
            name="acnm-mentoring-imports",
            icon_name="upload",
            order=MentoringViewSetGroup.menu_order + 1,
        )
    )
