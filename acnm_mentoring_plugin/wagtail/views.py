"""The "Mentoring" section of the Wagtail admin.

Listings are ModelViewSets; reviewing an application is its edit view, whose
save calls the review services instead of saving the form.
"""

from django import forms
from django.db.models import Exists, OuterRef
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.paginator import WagtailPaginator
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.admin.ui.tables import BooleanColumn, Column
from wagtail.admin.views.generic.models import CreateView, EditView, IndexView
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet

from acnm_mentoring_plugin import services
from acnm_mentoring_plugin.directory import with_places
from acnm_mentoring_plugin.exceptions import MentoringError
from acnm_mentoring_plugin.forms import MentorProfileForm as MemberProfileForm
from acnm_mentoring_plugin.forms import ModelMultipleChoiceField, mentor_profile_changes
from acnm_mentoring_plugin.models import (
    AgreementTerms,
    Application,
    ApplicationRole,
    ApplicationStatus,
    CareerDirection,
    FieldOfInterest,
    Member,
    MentorProfile,
    Mentorship,
    MentorshipStatus,
    Program,
)
from acnm_mentoring_plugin.models.members import user_name_fields
from acnm_mentoring_plugin.permissions import staff_programmes
from acnm_mentoring_plugin.resources import (
    AgreementTermsResource,
    ApplicationResource,
    CareerDirectionResource,
    FieldOfInterestResource,
    MentorResource,
    MentorshipResource,
    ParticipantResource,
    ProgramResource,
    latest_applications,
)
from acnm_mentoring_plugin.suggestions import suggestions_by_programme

from .award_views import AwardCycleViewSet
from .exports import ResourceExportMixin
from .policies import (
    ProgrammeEditingView,
    ProgrammeScopedViewSetMixin,
    ProgrammeStaffPolicy,
    scope_to_reader,
)
from .viewsets import MentoringSnippetViewSet

DECISIONS = [
    ("", _("No decision yet: only save the notes")),
    ("review", _("Mark as under review")),
    ("accept", _("Accept the application")),
    ("decline", _("Decline the application")),
]


class ApplicationReviewForm(WagtailAdminModelForm):
    decision = forms.ChoiceField(
        choices=DECISIONS,
        required=False,
        widget=forms.RadioSelect,
        label=_("Decision"),
        help_text=_("The applicant is e-mailed when you accept or decline."),
    )

    class Meta:
        model = Application
        fields = ["staff_notes"]


def review(user, application, decision, notes):
    """Apply a staff review through the services; the one admin entry point."""
    if decision == "accept":
        return services.accept_application(user, application, notes=notes)
    if decision == "decline":
        return services.decline_application(user, application, notes=notes)
    services.update_staff_notes(user, application, notes)
    if decision == "review":
        services.start_review(user, application)
    return application


class ApplicationReviewView(EditView):
    success_message = _("Review of %(object)s saved.")

    def form_valid(self, form):
        self.form = form
        fresh = Application.objects.get(pk=self.object.pk)
        try:
            self.object = review(
                self.request.user,
                fresh,
                form.cleaned_data.get("decision"),
                form.cleaned_data.get("staff_notes", ""),
            )
        except MentoringError as error:
            form.add_error("decision", error.message)
            self.produced_error_message = self.get_error_message()
            return self.form_invalid(form)
        return self.save_action()


class ApplicationIndexView(ResourceExportMixin, IndexView):
    export_resource_class = ApplicationResource

    def get_base_queryset(self):
        return Application.objects.select_related("member__user", "program")


class ApplicationViewSet(ProgrammeScopedViewSetMixin, ModelViewSet):
    model = Application
    index_view_class = ApplicationIndexView
    icon = "form"
    menu_label = _("Applications")
    menu_order = 100
    add_to_admin_menu = False
    url_prefix = "mentoring/applications"
    inspect_view_enabled = True
    copy_view_enabled = False
    list_display = ["member", "role", "program", "status", "submitted_at"]
    list_filter = ["status", "role", "program"]
    search_fields = [
        *user_name_fields("member__user__"),
        "member__institution",
        "training_programme",
        "goals",
    ]
    ordering = ["-submitted_at"]
    form_fields = ["staff_notes"]
    edit_view_class = ApplicationReviewView
    inspect_view_fields = [
        *Application.RECORD_FIELDS,
        *Application.ANSWER_FIELDS,
        "staff_notes",
    ]
    panels = [
        MultiFieldPanel(
            [
                FieldPanel(name, read_only=True)
                for name in ["member", "role", "program", "status"]
                + Application.ANSWER_FIELDS
            ],
            heading=_("Application"),
        ),
        MultiFieldPanel(
            [FieldPanel("decision"), FieldPanel("staff_notes")],
            heading=_("Review"),
        ),
    ]

    def get_form_class(self, for_update=False):
        return ApplicationReviewForm

    @property
    def permission_policy(self):
        return ProgrammeStaffPolicy(Application)


# Participants ---------------------------------------------------------------------


class ParticipantPaginator(WagtailPaginator):
    """Counts rows as participants, not as the applications they are made of."""

    verbose_name = _("participant")
    verbose_name_plural = _("participants")


class ParticipantIndexView(ResourceExportMixin, IndexView):
    export_resource_class = ParticipantResource
    page_title = _("Participants")
    paginator_class = ParticipantPaginator
    verbose_name = _("participant")
    verbose_name_plural = _("participants")

    def get_base_queryset(self):
        return latest_applications().select_related("member__user", "program")


class ParticipantViewSet(ProgrammeScopedViewSetMixin, ModelViewSet):
    """Who takes part, a row per member, programme and role: the list the
    association kept by hand, to read here and download."""

    model = Application
    index_view_class = ParticipantIndexView
    icon = "list-ul"
    menu_label = _("Participants")
    menu_order = 90
    add_to_admin_menu = False
    url_prefix = "mentoring/participants"
    inspect_view_enabled = False
    copy_view_enabled = False
    list_display = [
        Column("member", label=_("Name")),
        "role",
        "program",
        Column(
            "member_stage",
            label=_("Career stage"),
            accessor="member.get_career_stage_display",
        ),
        "status",
    ]
    list_filter = ["program", "role", "status"]
    search_fields = [*user_name_fields("member__user__"), "member__institution"]
    ordering = [*user_name_fields("member__user__")[:2]]
    # Nothing is edited here (no add or change permission); Wagtail still
    # wants to know a form's fields.
    form_fields = ["staff_notes"]

    @property
    def permission_policy(self):
        # To read and download; applications are reviewed in their own listing.
        return ProgrammeStaffPolicy(Application, actions=("view",))


# Mentors ------------------------------------------------------------------------


class MentorProfileForm(WagtailAdminModelForm):
    class Meta:
        model = MentorProfile
        fields = MemberProfileForm.Meta.fields
        widgets = {
            "specialties": forms.CheckboxSelectMultiple,
            "career_directions": forms.CheckboxSelectMultiple,
        }
        field_classes = {
            "specialties": ModelMultipleChoiceField,
            "career_directions": ModelMultipleChoiceField,
        }


class MentorProfileEditView(EditView):
    """Staff correct a mentor's profile through the same service as the mentor."""

    success_message = _("Profile of %(object)s saved.")

    def form_valid(self, form):
        self.form = form
        try:
            services.update_mentor_profile(
                self.request.user,
                MentorProfile.objects.get(pk=self.object.pk),
                **mentor_profile_changes(form),
            )
        except MentoringError as error:
            form.add_error(None, error.message)
            self.produced_error_message = self.get_error_message()
            return self.form_invalid(form)
        self.object = MentorProfile.objects.get(pk=self.object.pk)
        return self.save_action()


class MentorProfileIndexView(ResourceExportMixin, IndexView):
    export_resource_class = MentorResource

    def get_base_queryset(self):
        return with_places(
            MentorProfile.objects.select_related("member__user", "program")
        )


class MentorProfileViewSet(ProgrammeScopedViewSetMixin, ModelViewSet):
    model = MentorProfile
    index_view_class = MentorProfileIndexView
    icon = "user"
    menu_label = _("Mentors")
    menu_order = 110
    add_to_admin_menu = False
    url_prefix = "mentoring/mentors"
    copy_view_enabled = False
    inspect_view_enabled = True
    list_display = [
        "member",
        "program",
        "career_level",
        Column("places", label=_("Places taken"), accessor="places"),
        BooleanColumn("accepting_new_mentees", label=_("Accepting new mentees")),
        BooleanColumn("listed_in_directory", label=_("Listed")),
    ]
    list_filter = ["program", "career_level", "accepting_new_mentees"]
    search_fields = [*user_name_fields("member__user__"), "member__institution"]
    # Profiles are indexed for the directory's search, not by these fields:
    # staff search them through the database.
    search_backend_name = None
    edit_view_class = MentorProfileEditView
    form_fields = MentorProfileForm.Meta.fields

    def get_form_class(self, for_update=False):
        return MentorProfileForm

    @property
    def permission_policy(self):
        # Mentors join through an accepted application, never from here.
        return ProgrammeStaffPolicy(MentorProfile)


# Pairs ---------------------------------------------------------------------------


class MemberPageColumn(Column):
    """A link to the record's page on the site, where staff act as members do."""

    cell_template_name = "acnm_mentoring_wagtail/tables/page_link_cell.html"


class MatchForm(WagtailAdminModelForm):
    """Staff pair a mentee with a mentor: the programme's own way, by hand."""

    mentor = forms.ModelChoiceField(
        queryset=MentorProfile.objects.select_related("member__user", "program"),
        label=_("Mentor"),
        help_text=_(
            "Staff may match a mentor who is not taking new mentees, but never "
            "beyond their capacity: raise it on the mentor's profile first."
        ),
    )
    mentee = forms.ModelChoiceField(
        queryset=Member.objects.select_related("user"), label=_("Mentee")
    )

    field_order = ["mentor", "mentee", "request_message"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Mentors of the programmes the coordinator runs, only.
        mentors = self.fields["mentor"]
        mentors.queryset = scope_to_reader(mentors.queryset, self.for_user)

    class Meta:
        model = Mentorship
        fields = ["request_message"]
        labels = {"request_message": _("Note for the pair (optional)")}
        widgets = {"request_message": forms.Textarea(attrs={"rows": 3})}


class SuggestionsForm(forms.Form):
    """Which mentee to suggest mentors for: a plain GET form above "Match a
    pair", so it works without JavaScript and leaves the match form alone."""

    mentee = forms.ModelChoiceField(
        queryset=Member.objects.none(),
        label=_("Suggest mentors for"),
        help_text=_("Mentees with an accepted application and no mentor yet."),
    )

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["mentee"].queryset = looking_for_a_mentor(user)


def looking_for_a_mentor(user=None):
    """Members with an accepted mentee application and no mentor in that
    programme: those suggestions are for; with ``user``, in the programmes
    they run only."""
    has_mentor = Mentorship.objects.filter(
        program=OuterRef("program"),
        mentee=OuterRef("member"),
        status__in=MentorshipStatus.holding_a_place(),
    )
    looking = Application.objects.filter(
        role=ApplicationRole.MENTEE, status=ApplicationStatus.ACCEPTED
    ).exclude(Exists(has_mentor))
    if user is not None:
        looking = scope_to_reader(looking, user)
    return (
        Member.objects.filter(pk__in=looking.values("member"))
        .select_related("user")
        .order_by(*user_name_fields("user__"), "pk")
    )


class PairsIndexView(ResourceExportMixin, IndexView):
    add_item_label = _("Match a pair")
    export_resource_class = MentorshipResource

    def get_base_queryset(self):
        return Mentorship.objects.select_related(
            "mentee__user", "mentor__user", "program"
        )


class MatchView(CreateView):
    """Match a pair; with ``?mentee=<pk>``, the mentors suggested for that
    mentee and why are listed above the form (nothing is preselected: the
    coordinator still chooses)."""

    page_title = _("Match a pair")
    template_name = "acnm_mentoring_wagtail/pairs/match.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        chooser = SuggestionsForm(
            self.request.GET if "mentee" in self.request.GET else None,
            user=self.request.user,
        )
        context["suggestions_form"] = chooser
        if chooser.is_bound and chooser.is_valid():
            context["suggestions_for"] = mentee = chooser.cleaned_data["mentee"]
            runs = set(staff_programmes(self.request.user).values_list("pk", flat=True))
            context["suggested_mentors"] = [
                (program, suggestions)
                for program, suggestions in suggestions_by_programme(mentee)
                if program.pk in runs
            ]
        return context

    def get_page_subtitle(self):
        return _("Choose a mentor and a mentee")

    success_message = _("%(object)s: matched. Both are asked to sign the agreement.")

    def save_instance(self):
        data = self.form.cleaned_data
        return services.match_pair(
            self.request.user,
            data["mentor"],
            data["mentee"],
            data.get("request_message", ""),
        )

    def form_valid(self, form):
        self.form = form
        try:
            self.object = self.save_instance()
        except MentoringError as error:
            form.add_error(None, error.message)
            self.produced_error_message = error.message
            return self.form_invalid(form)
        return self.save_action()


class MentorshipViewSet(ProgrammeScopedViewSetMixin, ModelViewSet):
    """Requests and partnerships; staff match pairs here and answer requests
    on the member pages (the request page shows them Accept and Decline)."""

    model = Mentorship
    icon = "link"
    menu_label = _("Requests and pairs")
    menu_order = 120
    add_to_admin_menu = False
    url_prefix = "mentoring/pairs"
    copy_view_enabled = False
    inspect_view_enabled = True
    list_display = [
        "mentee",
        "mentor",
        "program",
        "status",
        BooleanColumn("matched_by_staff", label=_("Matched by staff")),
        "requested_at",
        MemberPageColumn("page", label=_("On the site"), accessor="get_absolute_url"),
    ]
    list_filter = ["status", "program", "matched_by_staff"]
    search_fields = [
        *user_name_fields("mentee__user__"),
        *user_name_fields("mentor__user__"),
    ]
    ordering = ["-requested_at"]
    add_view_class = MatchView
    index_view_class = PairsIndexView
    form_fields = ["request_message"]
    inspect_view_fields = [
        "mentee",
        "mentor",
        "program",
        "status",
        "matched_by_staff",
        "request_message",
        "requested_at",
        "expires_at",
        "responded_at",
        "start_date",
        "planned_end_date",
        "ended_at",
        "end_reason",
    ]

    def get_form_class(self, for_update=False):
        return MatchForm

    @property
    def permission_policy(self):
        # "add" is matching a pair (through the service); nothing is edited
        # or deleted here.
        return ProgrammeStaffPolicy(Mentorship, actions=("view", "add"))


# Agreement terms -----------------------------------------------------------------


class TermsForm(WagtailAdminModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "program" in self.fields and self.for_user is not None:
            self.fields["program"].queryset = staff_programmes(self.for_user)

    class Meta:
        model = AgreementTerms
        fields = ["program", "text"]
        labels = {"text": _("Terms of the Mentor/Mentee Agreement")}
        help_texts = {
            "text": _(
                "A new version for pairs accepted from now on. Agreements "
                "already signed keep the text their parties signed."
            )
        }
        widgets = {"text": forms.Textarea(attrs={"rows": 14})}


class TermsIndexView(ResourceExportMixin, IndexView):
    add_item_label = _("Publish new terms")
    export_resource_class = AgreementTermsResource

    def get_base_queryset(self):
        return AgreementTerms.objects.select_related("program")


class PublishTermsView(CreateView):
    page_title = _("Publish new terms")
    success_message = _("%(object)s published.")

    def get_page_subtitle(self):
        return _("Mentor/Mentee Agreement")

    def get_initial(self):
        initial = super().get_initial()
        program = staff_programmes(self.request.user).order_by("pk").first()
        if program is not None:
            initial["program"] = program
            initial["text"] = (
                program.current_terms.text if program.current_terms else ""
            )
        return initial

    def form_valid(self, form):
        self.form = form
        try:
            self.object = services.publish_agreement_terms(
                self.request.user,
                form.cleaned_data["program"],
                form.cleaned_data["text"],
            )
        except MentoringError as error:
            form.add_error("text", error.message)
            self.produced_error_message = error.message
            return self.form_invalid(form)
        return self.save_action()


class AgreementTermsViewSet(ProgrammeScopedViewSetMixin, ModelViewSet):
    model = AgreementTerms
    icon = "doc-full"
    menu_label = _("Agreement terms")
    menu_order = 205
    add_to_admin_menu = False
    url_prefix = "mentoring/agreement-terms"
    copy_view_enabled = False
    inspect_view_enabled = True
    inspect_view_fields = ["program", "version", "created_at", "text"]
    list_display = ["__str__", "program", "version", "created_at"]
    list_filter = ["program"]
    index_view_class = TermsIndexView
    add_view_class = PublishTermsView
    form_fields = ["program", "text"]

    def get_form_class(self, for_update=False):
        return TermsForm


class ProgramViewSet(ProgrammeScopedViewSetMixin, MentoringSnippetViewSet):
    export_resource_class = ProgramResource
    programme_path = "pk"
    scoped_view_class = ProgrammeEditingView
    model = Program
    icon = "group"
    menu_label = _("Programmes")
    menu_order = 200
    list_display = ["name", "coordinator_name", "is_open"]
    search_fields = ["name", "coordinator_name"]
    url_prefix = "mentoring/programmes"
    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("is_open"),
        MultiFieldPanel(
            [
                FieldPanel("coordinator_name"),
                FieldPanel("coordinator_email"),
                FieldPanel("postal_address"),
                FieldPanel("fax"),
            ],
            heading=_("Contact"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("directory_visibility"),
                FieldPanel("default_mentor_capacity"),
                FieldPanel("request_expiry_days"),
                FieldPanel("request_reminder_days"),
                FieldPanel("max_open_requests"),
                FieldPanel("contact_reminder_days"),
                FieldPanel("feedback_interval_months"),
            ],
            heading=_("Rules"),
        ),
        FieldPanel("staff_groups", widget=forms.CheckboxSelectMultiple),
    ]


class FieldOfInterestViewSet(MentoringSnippetViewSet):
    export_resource_class = FieldOfInterestResource
    model = FieldOfInterest
    icon = "tag"
    menu_label = _("Fields of interest")
    menu_order = 300
    list_display = ["name", "sort_order"]
    url_prefix = "mentoring/fields"


class CareerDirectionViewSet(MentoringSnippetViewSet):
    export_resource_class = CareerDirectionResource
    model = CareerDirection
    icon = "site"
    menu_label = _("Career directions")
    menu_order = 310
    list_display = ["name", "sort_order"]
    url_prefix = "mentoring/career-directions"


class MentoringViewSetGroup(ViewSetGroup):
    menu_label = _("Mentoring")
    menu_icon = "group"
    menu_order = 250
    items = (
        ParticipantViewSet("acnm_mentoring_participants"),
        ApplicationViewSet("acnm_mentoring_applications"),
        MentorProfileViewSet("acnm_mentoring_mentors"),
        MentorshipViewSet("acnm_mentoring_pairs"),
        AgreementTermsViewSet("acnm_mentoring_terms"),
        AwardCycleViewSet,
        ProgramViewSet,
        FieldOfInterestViewSet,
        CareerDirectionViewSet,
    )
