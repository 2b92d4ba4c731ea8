"""Wagtail permission policies that defer to the core's rules.

The admin asks these; they ask ``acnm_mentoring_plugin.permissions``. So
"programme staff" means the same thing in the admin and on the site.
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.utils.functional import cached_property
from wagtail.permission_policies.base import BasePermissionPolicy

from acnm_mentoring_plugin.permissions import (
    STAFF_PERMISSION,
    is_programme_staff,
    program_of,
    staff_only,
    staff_programmes,
)


class ProgrammeStaffPolicy(BasePermissionPolicy):
    """Programme staff may do ``actions``; nobody may do anything else.

    Confidential records are never added or deleted through the admin: they
    change through the services, which keep their history.
    """

    def __init__(self, model, actions=("view", "change"), programme_path="program"):
        super().__init__(model)
        self.actions = frozenset(actions)
        self.programme_path = programme_path

    def user_has_permission(self, user, action):
        return action in self.actions and is_programme_staff(user)

    def user_has_permission_for_instance(self, user, action, instance):
        # Staff of one programme see and change nothing of another's.
        return action in self.actions and is_programme_staff(user, program_of(instance))

    def instances_user_has_permission_for(self, user, action):
        if action not in self.actions or not is_programme_staff(user):
            return self.model.objects.none()
        return staff_only(self.model.objects.all(), user, self.programme_path)

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


class ProgrammeScopedView:
    """Mixed into every view of a programme's records (see
    ``ProgrammeScopedViewSetMixin``): a listing shows the reader's
    programmes only, and a record of another programme is refused."""

    programme_path = "program"

    def get_base_queryset(self):
        queryset = super().get_base_queryset()
        if queryset.model is not self.model:
            # A record's history lists its log entries: the record itself
            # has been checked by ``get_object``.
            return queryset
        return scope_to_reader(queryset, self.request.user, self.programme_path)

    @cached_property
    def filters(self):
        filterset = super().filters
        if filterset is not None and "program" in filterset.form.fields:
            # The programme filter offers the reader's programmes only.
            runs = staff_programmes(self.request.user)
            filterset.form.fields["program"].queryset = runs
            filterset.filters["program"].queryset = runs
        return filterset

    def get_object(self, *args, **kwargs):
        record = super().get_object(*args, **kwargs)
        if record is not None and not self.may_open(record):
            raise PermissionDenied
        return record

    def may_open(self, record):
        return is_programme_staff(self.request.user, program_of(record))


class ProgrammeEditingView(ProgrammeScopedView):
    """The programmes' own settings (staff groups among them): a user who
    runs programmes edits only those, so nobody joins another programme's
    staff; editors who run none (with the model's own permissions) and
    superusers see every programme, as before."""

    programme_path = "pk"

    def runs_some(self):
        user = self.request.user
        return not user.is_superuser and is_programme_staff(user)

    def get_base_queryset(self):
        queryset = super(ProgrammeScopedView, self).get_base_queryset()
        if self.runs_some():
            return scope_to_reader(queryset, self.request.user, "pk")
        return queryset

    def may_open(self, record):
        return not self.runs_some() or is_programme_staff(self.request.user, record)


def scope_to_reader(queryset, user, programme_path="program"):
    """``queryset`` narrowed to the programmes ``user`` runs."""
    return staff_only(queryset, user, programme_path)


class ProgrammeScopedViewSetMixin:
    """For a viewset of a programme's records: each of its views is given
    ``ProgrammeScopedView``, so no listing, download or record page of it
    shows staff another programme's records."""

    programme_path = "program"
    scoped_view_class = ProgrammeScopedView

    def construct_view(self, view_class, **kwargs):
        if not issubclass(view_class, ProgrammeScopedView):
            view_class = type(
                view_class.__name__,
                (self.scoped_view_class, view_class),
                {
                    "programme_path": self.programme_path,
                    "__module__": view_class.__module__,
                },
            )
        return super().construct_view(view_class, **kwargs)
