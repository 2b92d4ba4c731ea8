"""The "Mentoring" section of the Wagtail admin.

Listings are ModelViewSets; reviewing an application is its edit view, whose
save calls the review services instead of saving the form.
"""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.admin.views.generic.models import EditView
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.snippets.views.snippets import SnippetViewSet

from acnm_mentoring_plugin import services
from acnm_mentoring_plugin.exceptions import MentoringError
from acnm_mentoring_plugin.models import (
    Application,
    CareerDirection,
    FieldOfInterest,
    Program,
)
from acnm_mentoring_plugin.models.members import user_name_fields

from .policies import ProgrammeStaffPolicy

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


class ApplicationViewSet(ModelViewSet):
    model = Application
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

    def get_queryset(self, request):
        return Application.objects.select_related("member__user", "program").order_by(
            "-submitted_at"
        )


class MentoringSnippetViewSet(SnippetViewSet):
    """A snippet listed under "Mentoring", not under Wagtail's "Snippets" menu."""

    menu_item_is_registered = True


class ProgramViewSet(MentoringSnippetViewSet):
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
                FieldPanel("contact_reminder_days"),
            ],
            heading=_("Rules"),
        ),
    ]


class FieldOfInterestViewSet(MentoringSnippetViewSet):
    model = FieldOfInterest
    icon = "tag"
    menu_label = _("Fields of interest")
    menu_order = 300
    list_display = ["name", "sort_order"]
    url_prefix = "mentoring/fields"


class CareerDirectionViewSet(MentoringSnippetViewSet):
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
        ApplicationViewSet("acnm_mentoring_applications"),
        ProgramViewSet,
        FieldOfInterestViewSet,
        CareerDirectionViewSet,
    )
