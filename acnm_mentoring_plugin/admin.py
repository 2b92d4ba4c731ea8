"""The Django admin for programme staff.

Confidential records are read-only here except for what staff decide:
review actions and the staff notes go through the services, so the admin
never changes a status behind their back.
"""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.http import HttpResponseRedirect
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from . import services
from .exceptions import MentoringError
from .models import (
    ActivityRecord,
    AgreementTerms,
    Application,
    AwardCycle,
    CareerDirection,
    FieldOfInterest,
    Member,
    MentorProfile,
    Mentorship,
    Nomination,
    Program,
    Vote,
)
from .models.members import user_name_fields
from .permissions import is_programme_staff
from .services.agreements import terms_problem


class StaffOnlyAdmin(admin.ModelAdmin):
    """Visible to programme staff; nobody adds or deletes records here."""

    def has_module_permission(self, request):
        return is_programme_staff(request.user)

    def has_view_permission(self, request, obj=None):
        return is_programme_staff(request.user)

    def has_change_permission(self, request, obj=None):
        return False

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


def decision_action(service, description, singular, plural):
    """An admin action that decides each selected application through ``service``.

    Applications the rules refuse are reported one by one; the others are
    decided.
    """

    @admin.action(description=description)
    def action(modeladmin, request, queryset):
        count = 0
        for application in queryset:
            try:
                service(request.user, application)
            except MentoringError as error:
                modeladmin.message_user(
                    request, f"{application}: {error.message}", messages.ERROR
                )
            else:
                count += 1
        if count:
            modeladmin.message_user(
                request, ngettext(singular, plural, count) % {"n": count}
            )

    action.__name__ = service.__name__.replace("_application", "_applications")
    return action


accept_applications = decision_action(
    services.accept_application,
    _("Accept the selected applications"),
    "%(n)d application accepted.",
    "%(n)d applications accepted.",
)
decline_applications = decision_action(
    services.decline_application,
    _("Decline the selected applications"),
    "%(n)d application declined.",
    "%(n)d applications declined.",
)


@admin.register(Application)
class ApplicationAdmin(StaffOnlyAdmin):
    list_display = ["member", "role", "program", "status", "submitted_at"]
    list_filter = ["status", "role", "program"]
    search_fields = [*user_name_fields("member__user__"), "training_programme"]
    list_select_related = ["member__user", "program"]
    actions = [accept_applications, decline_applications]
    fields = [*Application.RECORD_FIELDS, *Application.ANSWER_FIELDS, "staff_notes"]
    readonly_fields = [f for f in fields if f != "staff_notes"]

    def has_change_permission(self, request, obj=None):
        # Staff may edit the notes; the save goes through the service.
        return is_programme_staff(request.user)

    def save_model(self, request, obj, form, change):
        fresh = Application.objects.get(pk=obj.pk)
        services.update_staff_notes(
            request.user, fresh, form.cleaned_data["staff_notes"]
        )

    def save_related(self, request, form, formsets, change):
        """The many-to-many answers are the applicant's; staff do not edit them."""


@admin.register(Program)
class ProgramAdmin(admin.ModelAdmin):
    list_display = ["name", "coordinator_name", "is_open"]
    prepopulated_fields = {"slug": ["name"]}


class AgreementTermsForm(forms.ModelForm):
    class Meta:
        model = AgreementTerms
        fields = ["program", "text"]

    def clean(self):
        data = super().clean()
        if self.instance.pk is None and data.get("program"):
            problem = terms_problem(data["program"], data.get("text", ""))
            if problem:
                self.add_error("text", problem)
        return data


@admin.register(AgreementTerms)
class AgreementTermsAdmin(admin.ModelAdmin):
    """New versions only, through the service: signed text never changes."""

    list_display = ["program", "version", "created_at"]
    fields = ["program", "text"]
    form = AgreementTermsForm

    def get_readonly_fields(self, request, obj=None):
        return ["program", "version", "text"] if obj else []

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        if change:
            return
        published = services.publish_agreement_terms(
            request.user, obj.program, obj.text
        )
        obj.pk, obj.version = published.pk, published.version


@admin.register(FieldOfInterest, CareerDirection)
class ListAdmin(admin.ModelAdmin):
    list_display = ["name", "sort_order"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Member)
class MemberAdmin(StaffOnlyAdmin):
    list_display = ["__str__", "membership_id", "membership_status", "career_stage"]
    list_filter = ["membership_status", "career_stage"]
    search_fields = [*user_name_fields("user__"), "membership_id"]


@admin.register(MentorProfile)
class MentorProfileAdmin(StaffOnlyAdmin):
    list_display = ["member", "program", "career_level", "capacity"]
    list_filter = ["program", "career_level", "accepting_new_mentees"]


@admin.register(Mentorship)
class MentorshipAdmin(StaffOnlyAdmin):
    list_display = ["mentor", "mentee", "program", "status", "start_date"]
    list_filter = ["status", "program"]


@admin.register(AwardCycle)
class AwardCycleAdmin(StaffOnlyAdmin):
    """Cycles are set up and changed through the award services, as in
    Wagtail; what staff decide (shortlist, winner) has its own page there."""

    list_display = ["program", "year", "status"]
    list_filter = ["program"]
    readonly_fields = ["status", "winner", "citation", "announced_at"]

    def has_add_permission(self, request):
        return is_programme_staff(request.user)

    def has_change_permission(self, request, obj=None):
        return is_programme_staff(request.user)

    def save_model(self, request, obj, form, change):
        try:
            if change:
                services.update_award_cycle(request.user, obj, form.changed_data)
            else:
                services.create_award_cycle(request.user, obj)
        except MentoringError as error:
            request.acnm_award_refusal = error.message
        except ValidationError as error:  # another tab saved the same year first
            request.acnm_award_refusal = " ".join(error.messages)

    def _refused(self, request):
        """The services' refusal, reported instead of Django's "saved"."""
        refusal = getattr(request, "acnm_award_refusal", None)
        if refusal:
            self.message_user(request, refusal, messages.ERROR)
            return HttpResponseRedirect(request.path)
        return None

    def response_add(self, request, obj, post_url_continue=None):
        return self._refused(request) or super().response_add(
            request, obj, post_url_continue
        )

    def response_change(self, request, obj):
        return self._refused(request) or super().response_change(request, obj)

    def log_addition(self, request, obj, message):
        if not getattr(request, "acnm_award_refusal", None):
            return super().log_addition(request, obj, message)

    def log_change(self, request, obj, message):
        if not getattr(request, "acnm_award_refusal", None):
            return super().log_change(request, obj, message)


@admin.register(Nomination)
class NominationAdmin(StaffOnlyAdmin):
    """Read-only: nominations change only through the member pages."""

    list_display = ["nominee", "nominator", "cycle", "status", "created_at"]
    list_filter = ["cycle", "status"]


@admin.register(Vote)
class VoteAdmin(StaffOnlyAdmin):
    """Who voted and when, never for whom: the ballot is secret, and the
    count per mentor is the ballot's result once voting closes."""

    list_display = ["voter", "cycle", "cast_at"]
    list_filter = ["cycle"]
    fields = ["voter", "cycle", "cast_at"]


@admin.register(ActivityRecord)
class ActivityRecordAdmin(StaffOnlyAdmin):
    list_display = ["at", "action", "content_type", "from_state", "to_state", "actor"]
    list_filter = ["action", "content_type"]
