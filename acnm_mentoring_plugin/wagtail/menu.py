"""The "Mentoring" menu's screens that are not viewsets (imports, reports).

The menu is a viewset group; these screens join its submenu as the main menu
is built for each request (Wagtail's ``construct_main_menu`` hook), for
programme staff only. A site that left the group out gets them in a menu of
their own.
"""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.menu import Menu, SubmenuMenuItem

from acnm_mentoring_plugin.permissions import is_programme_staff

from .views import MentoringViewSetGroup

#: After the group's own items (the last is ordered 310).
MENU_ORDER = 400
#: The menu of their own, when the "Mentoring" group is not there.
OWN_MENU_NAME = "acnm-mentoring-more"


def is_mentoring_menu(item):
    group = MentoringViewSetGroup
    return isinstance(item, SubmenuMenuItem) and (
        item.name in (group.menu_name, OWN_MENU_NAME)
        or str(item.label) == str(group.menu_label)
    )


def add_to_mentoring_menu(request, menu_items, extra_items):
    """Append ``extra_items`` to the "Mentoring" submenu of this request."""
    if not is_programme_staff(request.user):
        return
    for index, item in enumerate(menu_items):
        if is_mentoring_menu(item):
            menu_items[index] = SubmenuMenuItem(
                item.label,
                Menu(items=[*item.menu.registered_menu_items, *extra_items]),
                name=item.name,
                icon_name=item.icon_name,
                classname=item.classname,
                attrs=item.attrs,
                order=item.order,
            )
            return
    menu_items.append(
        SubmenuMenuItem(
            _("Mentoring imports and reports"),
            Menu(items=list(extra_items)),
            name=OWN_MENU_NAME,
            icon_name="upload",
            order=MentoringViewSetGroup.menu_order + 1,
        )
    )
