"""The Django admin for programme staff.

Confidential records are read-only here except for what staff decide:
review actions and the staff notes go through the services, so the admin
never changes a status behind their back. Rosters of members and mentors
are imported with django-import-export's screens, each row through the
import services; the lists are exported through the same resources, and
under the same permission, as everywhere else.
"""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseRedirect
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from import_export.admin import ExportMixin, ImportMixin
from import_export.formats.base_formats import CSV, XLSX
from import_export.forms import ConfirmImportForm, ExportForm, ImportForm

from . import services
from .exceptions import MentoringError
from .exports import announce, exported_programmes, programme_path, staff_rows
from .models import (
    ActivityRecord,
    AgreementTerms,
    Application,
    AwardCycle,
    CareerDirection,
    Feedback,
    FieldOfInterest,
    Member,
    MentorProfile,
    Mentorship,
    Nomination,
    Program,
    Vote,
)
from .models.members import user_name_fields
from .permissions import (
    Action,
    can,
    is_programme_staff,
    program_of,
    staff_only,
    staff_programmes,
)
from .resources import (
    ApplicationResource,
    MentorResource,
    MentorshipResource,
    NominationResource,
    ParticipantResource,
    latest_applications,
)
from .resources.roster import (
    MemberRosterResource,
    MentorRosterResource,
    upload_storage_class,
)
from .services.agreements import terms_problem

#: List filters that offer what the list holds: the reader's programmes only.
OWN_PROGRAMMES = ("program", admin.RelatedOnlyFieldListFilter)
OWN_CYCLES = ("cycle", admin.RelatedOnlyFieldListFilter)


class StaffOnlyAdmin(admin.ModelAdmin):
    """Visible to programme staff; nobody adds or deletes records here.

    Staff see the records of the programmes they run, and no other's: the
    list, its filters' results and each record's page alike.
    """

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        path = programme_path(self.model)
        return queryset if path is None else staff_only(queryset, request.user, path)

    def has_module_permission(self, request):
        return is_programme_staff(request.user)

    def has_view_permission(self, request, obj=None):
        return runs(request.user, obj)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "program":
            kwargs["queryset"] = staff_programmes(request.user)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def has_change_permission(self, request, obj=None):
        return False

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


def runs(user, obj=None):
    """Whether ``user`` runs the programme of ``obj`` (of any, without one)."""
    if obj is None:
        return is_programme_staff(user)
    return is_programme_staff(user, program_of(obj))


class ProgrammeExportMixin(ExportMixin):
    """Downloads of a list through the programme's resources, for staff who
    may export; each one is announced, so it joins the export audit log."""

    import_export_change_list_template = "admin/import_export/change_list_export.html"
    export_form_class = ExportForm  # the resources' columns are fixed
    export_formats = [CSV, XLSX]
    #: The ``MentoringResource`` classes staff choose from.
    export_resources = ()

    def get_export_resource_classes(self, request):
        return self.export_resources

    def has_export_permission(self, request):
        return can(request.user, Action.EXPORT)

    def export_rows(self, resource, queryset):
        """The resource's records for the list's ``queryset`` (filtered and
        searched): the same keys, so the resource adds its own columns.
        You can override this method for a resource of other records."""
        model = resource._meta.model
        return model.objects.filter(pk__in=queryset.order_by().values("pk"))

    def get_export_data(self, file_format, request, queryset, **kwargs):
        if not self.has_export_permission(request):
            raise PermissionDenied
        resource = self.choose_export_resource_class(
            kwargs.get("export_form"), request
        )()
        rows = staff_rows(request.user, self.export_rows(resource, queryset))
        dataset = resource.export(queryset=rows)
        data = file_format.export_data(dataset)
        filters = {
            key: values if len(values) > 1 else values[0]
            for key, values in request.GET.lists()
        }
        announce(
            request.user,
            resource,
            file_format.get_extension(),
            filters,
            len(dataset),
            exported_programmes(request.user, rows),
        )
        return data


class RosterImportForm(ImportForm):
    program = forms.ModelChoiceField(
        queryset=Program.objects.all(),
        required=False,
        label=_("Programme"),
        help_text=_(
            "For rows without a “Programme” column. Not needed when the site "
            "runs one programme."
        ),
    )


class RosterConfirmImportForm(ConfirmImportForm):
    program = forms.ModelChoiceField(
        queryset=Program.objects.all(), required=False, widget=forms.HiddenInput
    )


class RosterImportMixin(ImportMixin):
    """Import of a roster: a dry run shows each row new, updated, unchanged
    ("skipped") or refused with its reasons; confirming imports it, each
    row through the import services. Programme staff only."""

    import_formats = [CSV, XLSX]
    #: The roster resource classes staff import with.
    import_resources = ()

    def get_import_resource_classes(self, request):
        return self.import_resources

    def has_import_permission(self, request):
        return can(request.user, Action.MANAGE_PROGRAM)

    def get_tmp_storage_class(self):
        return upload_storage_class()


class MentorRosterImportMixin(RosterImportMixin):
    """The mentor roster asks which programme rows without one are for."""

    import_form_class = RosterImportForm
    confirm_form_class = RosterConfirmImportForm

    def get_confirm_form_initial(self, request, import_form):
        initial = super().get_confirm_form_initial(request, import_form)
        if import_form is not None:
            program = import_form.cleaned_data.get("program")
            initial["program"] = program.pk if program else None
        return initial

    def get_import_resource_kwargs(self, request, **kwargs):
        form = kwargs.get("form")
        data = getattr(form, "cleaned_data", None) or {}
        return {"program": data.get("program")}


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
class ApplicationAdmin(ProgrammeExportMixin, StaffOnlyAdmin):
    list_display = ["member", "role", "program", "status", "submitted_at"]
    list_filter = ["status", "role", OWN_PROGRAMMES]
    search_fields = [*user_name_fields("member__user__"), "training_programme"]
    list_select_related = ["member__user", "program"]
    actions = [accept_applications, decline_applications]
    fields = [*Application.RECORD_FIELDS, *Application.ANSWER_FIELDS, "staff_notes"]
    readonly_fields = [f for f in fields if f != "staff_notes"]
    export_resources = [ApplicationResource, ParticipantResource]

    def export_rows(self, resource, queryset):
        rows = super().export_rows(resource, queryset)
        if isinstance(resource, ParticipantResource):
            # A member declined once who applied again is one participant.
            return latest_applications(rows)
        return rows

    def has_change_permission(self, request, obj=None):
        # Staff may edit the notes; the save goes through the service.
        return runs(request.user, obj)

    def save_model(self, request, obj, form, change):
        fresh = Application.objects.get(pk=obj.pk)
        services.update_staff_notes(
            request.user, fresh, form.cleaned_data["staff_notes"]
        )

    def save_related(self, request, form, formsets, change):
        """The many-to-many answers are the applicant's; staff do not edit them."""


@admin.register(Program)
class ProgramAdmin(admin.ModelAdmin):
    """A user who runs programmes edits only those (staff groups among
    them), so nobody joins another programme's staff; superusers and
    editors who run none see every programme."""

    list_display = ["name", "coordinator_name", "is_open"]
    prepopulated_fields = {"slug": ["name"]}
    filter_horizontal = ["staff_groups"]

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        user = request.user
        if not user.is_superuser and is_programme_staff(user):
            return queryset.filter(pk__in=staff_programmes(user))
        return queryset


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

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if request.user.is_superuser or not is_programme_staff(request.user):
            return queryset
        return queryset.filter(program__in=staff_programmes(request.user))

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "program" and is_programme_staff(request.user):
            kwargs["queryset"] = staff_programmes(request.user)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

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


IMPORT_EXPORT_LIST = "admin/import_export/change_list_import_export.html"


@admin.register(Member)
class MemberAdmin(RosterImportMixin, ProgrammeExportMixin, StaffOnlyAdmin):
    """Members are imported as a roster (and exported as one, to be
    corrected and imported again); they are never edited here."""

    list_display = ["__str__", "membership_id", "membership_status", "career_stage"]
    list_filter = ["membership_status", "career_stage"]
    search_fields = [*user_name_fields("user__"), "membership_id"]
    import_export_change_list_template = IMPORT_EXPORT_LIST
    import_resources = [MemberRosterResource]
    export_resources = [MemberRosterResource]


@admin.register(MentorProfile)
class MentorProfileAdmin(MentorRosterImportMixin, ProgrammeExportMixin, StaffOnlyAdmin):
    """The mentors' export comes back as a roster import: the same columns."""

    list_display = ["member", "program", "career_level", "capacity"]
    list_filter = [OWN_PROGRAMMES, "career_level", "accepting_new_mentees"]
    import_export_change_list_template = IMPORT_EXPORT_LIST
    import_resources = [MentorRosterResource]
    export_resources = [MentorResource]


@admin.register(Mentorship)
class MentorshipAdmin(ProgrammeExportMixin, StaffOnlyAdmin):
    list_display = ["mentor", "mentee", "program", "status", "start_date"]
    list_filter = ["status", OWN_PROGRAMMES]
    export_resources = [MentorshipResource]


@admin.register(AwardCycle)
class AwardCycleAdmin(StaffOnlyAdmin):
    """Cycles are set up and changed through the award services, as in
    Wagtail; what staff decide (shortlist, winner) has its own page there."""

    list_display = ["program", "year", "status"]
    list_filter = [OWN_PROGRAMMES]
    readonly_fields = ["status", "winner", "citation", "announced_at"]

    def has_add_permission(self, request):
        return is_programme_staff(request.user)

    def has_change_permission(self, request, obj=None):
        return runs(request.user, obj)

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
class NominationAdmin(ProgrammeExportMixin, StaffOnlyAdmin):
    """Read-only: nominations change only through the member pages."""

    list_display = ["nominee", "nominator", "cycle", "status", "created_at"]
    list_filter = [OWN_CYCLES, "status"]
    export_resources = [NominationResource]


@admin.register(Vote)
class VoteAdmin(StaffOnlyAdmin):
    """Who voted and when, never for whom: the ballot is secret, and the
    count per mentor is the ballot's result once voting closes."""

    list_display = ["voter", "cycle", "cast_at"]
    list_filter = [OWN_CYCLES]
    fields = ["voter", "cycle", "cast_at"]


@admin.register(Feedback)
class FeedbackAdmin(StaffOnlyAdmin):
    """Read-only: each party gives their own feedback on the member pages."""

    list_display = ["mentorship", "kind", "respondent", "period", "rating", "given_at"]
    list_filter = ["kind", "respondent"]
    list_select_related = ["mentorship__mentee__user", "mentorship__mentor__user"]


@admin.register(ActivityRecord)
class ActivityRecordAdmin(StaffOnlyAdmin):
    list_display = ["at", "action", "content_type", "from_state", "to_state", "actor"]
    list_filter = ["action", "content_type"]

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if request.user.is_superuser:
            return queryset
        return queryset.exclude(of_other_programmes(request.user))

    def has_view_permission(self, request, obj=None):
        if obj is not None and obj.subject is not None:
            return runs(request.user, obj.subject)
        return is_programme_staff(request.user)


def of_other_programmes(user):
    """The history of records of programmes ``user`` does not run."""
    from django.contrib.contenttypes.models import ContentType
    from django.db.models import CharField, Q
    from django.db.models.functions import Cast

    from .models import Agreement, ContactLog, Outcome

    others = Program.objects.exclude(pk__in=staff_programmes(user))
    condition = Q(pk__in=[])
    for model in (
        Application,
        Mentorship,
        Agreement,
        ContactLog,
        MentorProfile,
        AwardCycle,
        Nomination,
        Outcome,
        Program,
    ):
        path = programme_path(model)
        keys = (
            model.objects.filter(**{f"{path}__in": others})
            .annotate(key=Cast("pk", CharField()))
            .values("key")
        )
        condition |= Q(
            content_type=ContentType.objects.get_for_model(model), object_id__in=keys
        )
    return condition
