"""Wagtail permission policies that defer to the core's rules.

The admin asks these; they ask ``acnm_mentoring_plugin.permissions``. So
"programme staff" means the same thing in the admin and on the site.
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.db.models import Q
from wagtail.permission_policies.base import BasePermissionPolicy

from acnm_mentoring_plugin.permissions import STAFF_PERMISSION, is_programme_staff


class ProgrammeStaffPolicy(BasePermissionPolicy):
    """Programme staff may do ``actions``; nobody may do anything else.

    Confidential records are never added or deleted through the admin: they
    change through the services, which keep their history.
    """

    def __init__(self, model, actions=("view", "change")):
        super().__init__(model)
        self.actions = frozenset(actions)

    def user_has_permission(self, user, action):
        return action in self.actions and is_programme_staff(user)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)

    def users_with_any_permission(self, actions):
        User = get_user_model()
        if not self.actions.intersection(actions):
            return User.objects.none()
        app_label, codename = STAFF_PERMISSION.split(".")
        permission = Permission.objects.filter(
            content_type__app_label=app_label, codename=codename
        )
        return User.objects.filter(
            Q(is_superuser=True)
            | Q(user_permissions__in=permission)
            | Q(groups__permissions__in=permission),
            is_active=True,
        ).distinct()
