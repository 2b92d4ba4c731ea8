"""The "Best Mentor award" screens of the Wagtail admin.

A cycle is a snippet because editors place it on pages with a snippet
chooser. Staff set it up here and run it from its "Results and winner"
page. Every change goes through the award services, which check
permission, apply the rules and write the activity record (the cycle's
history), so these views only ask and show what the services answer.

The viewset is listed in ``views.MentoringViewSetGroup`` and builds on
``views.MentoringSnippetViewSet``: import it through ``views``.
"""

from django import forms
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.formats import date_format
from django.utils.functional import cached_property
from django.utils.text import capfirst
from django.utils.timezone import localtime
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django.views.generic import TemplateView
from wagtail.admin import messages
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, ObjectList
from wagtail.admin.ui.menus import MenuItem
from wagtail.admin.ui.tables import BulkActionsCheckboxColumn, Column
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.widgets.button import HeaderButton
from wagtail.snippets.views.snippets import CreateView, EditView, IndexView

from acnm_mentoring_plugin import services
from acnm_mentoring_plugin.exceptions import MentoringError
from acnm_mentoring_plugin.feedback import feedback_on_mentors
from acnm_mentoring_plugin.forms import ModelMultipleChoiceField
from acnm_mentoring_plugin.models import (
    AwardCycle,
    AwardCycleStatus,
    AwardPhase,
    CareerStage,
    Member,
    Nomination,
    NominationStatus,
)
from acnm_mentoring_plugin.models.awards import default_nominator_stages
from acnm_mentoring_plugin.permissions import is_programme_staff, staff_programmes
from acnm_mentoring_plugin.resources import NominationResource
from acnm_mentoring_plugin.services.awards import (
    RULE_FIELDS,
    nominated_mentors,
    shortlist_problem,
    shortlisted_mentors,
    turnout,
    when,
    winner_problem,
)

from .exports import ResourceExportMixin, listed_keys
from .policies import ProgrammeScopedViewSetMixin, ProgrammeStaffPolicy
from .viewsets import MentoringSnippetViewSet

#: Cycles are set up and changed, never deleted: their nominations, votes
#: and winner are the programme's record. (``wagtail_hooks`` registers the
#: same policy.)
AWARD_CYCLE_ACTIONS = ("view", "add", "change")


def listed_moment(moment):
    """As the listing's other date columns show a moment."""
    return date_format(localtime(moment), "DATETIME_FORMAT")


def voting_window(cycle):
    """Most cycles have no vote; the listing says so rather than leave a gap."""
    if not cycle.has_ballot:
        return _("No vote")
    return _("%(opens)s to %(closes)s") % {
        "opens": listed_moment(cycle.ballot_opens_at),
        "closes": listed_moment(cycle.ballot_closes_at),
    }


def show_on_form(form, error):
    """Staff see each date the model refuses next to its field, not in a
    list at the top of a long form."""
    if hasattr(error, "error_dict"):
        for name, field_messages in error.message_dict.items():
            form.add_error(name if name in form.fields else None, field_messages)
    else:
        form.add_error(None, error.messages)


# Setting up a cycle ---------------------------------------------------------------


class AwardCycleForm(WagtailAdminModelForm):
    """The cycle's dates and rules. Who chooses is stored as a list of career
    stages; staff tick them, as they would on paper."""

    nominator_stages = forms.MultipleChoiceField(
        choices=CareerStage.choices,
        widget=forms.CheckboxSelectMultiple,
        initial=default_nominator_stages,
        label=capfirst(AwardCycle._meta.get_field("nominator_stages").verbose_name),
        help_text=AwardCycle._meta.get_field("nominator_stages").help_text,
        error_messages={"required": _("Choose at least one career stage.")},
    )

    class Meta:
        model = AwardCycle
        fields = [
            "program",
            "year",
            "nominations_open_at",
            "nominations_close_at",
            "ballot_opens_at",
            "ballot_closes_at",
            "annual_meeting_date",
            *RULE_FIELDS,
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.for_user is not None:
            # A cycle is set up in a programme the coordinator runs.
            self.fields["program"].queryset = staff_programmes(self.for_user)
        cycle = self.instance
        if cycle.pk is None:
            return
        # Nominations already made belong to this programme.
        self.fields["program"].disabled = True
        if cycle.phase() != AwardPhase.NOT_OPEN:
            # The services refuse these changes once nominations open; say so
            # before staff type them rather than after.
            for name in RULE_FIELDS:
                self.fields[name].disabled = True
                self.fields[name].help_text = _(
                    "Fixed since nominations opened, so that every nominator "
                    "is treated alike."
                )

    def clean_nominator_stages(self):
        chosen = set(self.cleaned_data["nominator_stages"])
        return [stage for stage in CareerStage.values if stage in chosen]


class SavedThroughServicesMixin:
    """Create and edit save through the award services.

    A refusal, or a rule only the model knows, stays on the form with
    everything staff typed.
    """

    def save_instance(self):
        raise NotImplementedError

    def form_valid(self, form):
        self.form = form
        try:
            self.object = self.save_instance()
        except ValidationError as error:
            show_on_form(form, error)
            self.produced_error_message = self.get_error_message()
        except MentoringError as error:
            form.add_error(None, error.message)
            self.produced_error_message = error.message
        else:
            response = self.save_action()
            return self.run_after_hook() or response
        return self.form_invalid(form)


class ResultsLinkMixin:
    """Staff reach a cycle's "Results and winner" wherever they find the cycle."""

    results_url_name = None

    def get_results_url(self, cycle):
        return reverse(self.results_url_name, args=[cycle.pk])


class AwardCycleCreateView(SavedThroughServicesMixin, CreateView):
    success_message = _("%(object)s: set up.")

    def save_instance(self):
        return services.create_award_cycle(self.request.user, self.form.instance)


class AwardCycleEditView(ResultsLinkMixin, SavedThroughServicesMixin, EditView):
    success_message = _("%(object)s: changes saved.")

    def save_instance(self):
        return services.update_award_cycle(
            self.request.user, self.form.instance, self.form.changed_data
        )

    @cached_property
    def header_buttons(self):
        return [
            HeaderButton(
                _("Results and winner"),
                url=self.get_results_url(self.object),
                icon_name="success",
            )
        ]


class ResultsColumn(Column):
    cell_template_name = "acnm_mentoring_wagtail/award/results_link_cell.html"


class AwardCycleIndexView(ResultsLinkMixin, ResourceExportMixin, IndexView):
    add_item_label = _("Set up a cycle")
    #: Downloads are the nominations of the cycles listed.
    export_resource_class = NominationResource

    def export_queryset(self, queryset):
        return Nomination.objects.filter(cycle__in=listed_keys(queryset))

    @cached_property
    def columns(self):
        # Without the bulk actions' checkboxes: their one action is deleting.
        return [
            *(
                column
                for column in super().columns
                if not isinstance(column, BulkActionsCheckboxColumn)
            ),
            ResultsColumn("results", label=_("Results"), accessor=self.get_results_url),
        ]

    def get_list_more_buttons(self, instance):
        return [
            MenuItem(
                _("Results and winner"),
                url=self.get_results_url(instance),
                icon_name="success",
                priority=5,
            ),
            *super().get_list_more_buttons(instance),
        ]


# Results and winner ----------------------------------------------------------------


def mentor_label(mentor):
    """A mentor as a choice, with their nominations when counted, so staff
    draw up the ballot without going back to the tally."""
    count = getattr(mentor, "nominations", None)
    if count is None:
        return mentor.display_name
    return ngettext(
        "%(name)s (%(count)d nomination)",
        "%(name)s (%(count)d nominations)",
        count,
    ) % {"name": mentor.display_name, "count": count}


class ShortlistForm(forms.Form):
    # Not required: the service says what to do with an empty ballot.
    nominees = ModelMultipleChoiceField(
        queryset=Member.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label=_("Mentors on the ballot"),
        help_text=_(
            "Drawn up after nominations close and before the first vote. "
            "Eligible members vote for one of these mentors."
        ),
    )

    def __init__(self, *args, cycle, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["nominees"]
        field.queryset = nominated_mentors(cycle)
        field.label_from_instance = mentor_label


class WinnerForm(forms.Form):
    winner = forms.ModelChoiceField(
        queryset=Member.objects.none(),
        widget=forms.RadioSelect,
        empty_label=None,
        label=_("Best Mentor of the Year"),
    )
    citation = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 5}),
        label=_("Citation"),
        help_text=_(
            "Read at the Annual Meeting, and shown on the award page once "
            "the winner is announced."
        ),
        error_messages={
            "required": _("Please write the citation read at the meeting.")
        },
    )

    def __init__(self, *args, cycle, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["winner"]
        if cycle.has_ballot and cycle.shortlist.exists():
            field.queryset = shortlisted_mentors(cycle)
            field.help_text = _("The winner is one of the shortlisted mentors.")
        else:
            field.queryset = nominated_mentors(cycle)
            field.help_text = _("The winner is one of the nominated mentors.")
        field.label_from_instance = mentor_label


class AnnounceForm(forms.Form):
    """No fields: it carries the announcement's refusal, if any."""


class AwardResultsView(ResultsLinkMixin, WagtailAdminTemplateMixin, TemplateView):
    """Where staff read the nominations, draw up the ballot, and record and
    announce the winner. Before voting closes it shows how many have voted,
    never for whom."""

    model = AwardCycle
    template_name = "acnm_mentoring_wagtail/award/results.html"
    page_title = _("Results and winner")
    header_icon = "success"
    index_url_name = None
    edit_url_name = None

    def dispatch(self, request, *args, **kwargs):
        if not is_programme_staff(request.user):
            raise PermissionDenied
        self.cycle = get_object_or_404(
            AwardCycle.objects.select_related("program", "winner__user"),
            pk=kwargs["pk"],
        )
        # Another programme's nominations and tallies are not the reader's.
        if not is_programme_staff(request.user, self.cycle.program):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_page_subtitle(self):
        return str(self.cycle)

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {
                "url": reverse(self.index_url_name),
                "label": capfirst(AwardCycle._meta.verbose_name_plural),
            },
            {
                "url": reverse(self.edit_url_name, args=[self.cycle.pk]),
                "label": str(self.cycle),
            },
            {"url": "", "label": self.page_title},
        ]

    @cached_property
    def header_buttons(self):
        return [
            HeaderButton(
                _("Edit dates and rules"),
                url=reverse(self.edit_url_name, args=[self.cycle.pk]),
                icon_name="edit",
            )
        ]

    @property
    def announced(self):
        return self.cycle.status == AwardCycleStatus.ANNOUNCED

    # The forms are offered when they can be used; a form sent anyway (an
    # old tab) is still built, so that the service says why not.

    def shortlist_form(self, data=None):
        cycle = self.cycle
        if data is None and shortlist_problem(cycle):
            return None
        chosen = cycle.shortlist.values_list("nominee", flat=True)
        return ShortlistForm(data, cycle=cycle, initial={"nominees": list(chosen)})

    def winner_form(self, data=None):
        cycle = self.cycle
        if data is None and winner_problem(cycle):
            return None
        initial = {"winner": cycle.winner_id, "citation": cycle.citation}
        return WinnerForm(data, cycle=cycle, initial=initial)

    def announce_form(self, data=None):
        if data is None and self.cycle.status != AwardCycleStatus.WINNER_CHOSEN:
            return None
        return AnnounceForm(data)

    def get_context_data(self, **kwargs):
        user, cycle = self.request.user, self.cycle
        tallies = services.nomination_tallies(user, cycle)
        context = {
            "cycle": cycle,
            "phase": cycle.get_phase_display(),
            "nominations_open": when(cycle.nominations_open_at),
            "nominations_close": when(cycle.nominations_close_at),
            "members_part_ends": when(cycle.last_close),
            "tallies": tallies,
            "nominations": Nomination.objects.filter(
                cycle=cycle, status=NominationStatus.SUBMITTED
            )
            .select_related("nominee__user", "nominator__user")
            .order_by(
                "nominee__user__last_name", "nominee__user__first_name", "created_at"
            ),
            "mentees_feedback": feedback_on_mentors(cycle.program, tallies),
            "shortlist_form": self.shortlist_form(),
            "winner_form": self.winner_form(),
            "announce_form": self.announce_form(),
        }
        if cycle.has_ballot:
            context["voting_opens"] = when(cycle.ballot_opens_at)
            context["voting_closes"] = when(cycle.ballot_closes_at)
            context["shortlist"] = list(shortlisted_mentors(cycle))
            context["turnout"] = turnout(user, cycle)
            try:
                context["ballot_result"] = services.ballot_result(user, cycle)
            except MentoringError as not_yet:
                context["ballot_note"] = not_yet.message
        if cycle.announced_at:
            context["announced"] = when(cycle.announced_at)
        context.update(kwargs)
        return super().get_context_data(**context)

    def post(self, request, *args, **kwargs):
        steps = {
            "shortlist": self.set_shortlist,
            "winner": self.record_winner,
            "announce": self.announce_winner,
        }
        step = steps.get(request.POST.get("step"))
        if step is None:
            return redirect(self.get_results_url(self.cycle))
        return step()

    def act(self, name, form, action, failure):
        """Every step ends the same way: a success message after a redirect,
        or the refusal on its form (and at the top, where staff look) with
        what they typed."""
        if form.is_valid():
            try:
                success = action(form.cleaned_data)
            except MentoringError as error:
                form.add_error(None, error.message)
            else:
                messages.success(self.request, success)
                return redirect(self.get_results_url(self.cycle))
        messages.validation_error(self.request, failure, form)
        return self.render_to_response(self.get_context_data(**{f"{name}_form": form}))

    def set_shortlist(self):
        def action(data):
            services.set_shortlist(self.request.user, self.cycle, data["nominees"])
            return _("The ballot is drawn up: %(names)s.") % {
                "names": ", ".join(m.display_name for m in data["nominees"])
            }

        return self.act(
            "shortlist",
            self.shortlist_form(self.request.POST),
            action,
            _("The shortlist could not be saved."),
        )

    def record_winner(self):
        def action(data):
            services.record_winner(
                self.request.user, self.cycle, data["winner"], data["citation"]
            )
            return _(
                "%(name)s is recorded as the winner. Nobody else sees it until "
                "you announce the winner."
            ) % {"name": data["winner"].display_name}

        return self.act(
            "winner",
            self.winner_form(self.request.POST),
            action,
            _("The winner could not be recorded."),
        )

    def announce_winner(self):
        def action(data):
            services.announce_winner(self.request.user, self.cycle)
            return _(
                "%(name)s is announced as the %(award)s. The award page shows "
                "the citation from now on, and the winner is e-mailed."
            ) % {"name": self.cycle.winner.display_name, "award": self.cycle}

        return self.act(
            "announce",
            self.announce_form(self.request.POST),
            action,
            _("The winner could not be announced."),
        )


# The viewset ---------------------------------------------------------------------


class AwardCycleViewSet(ProgrammeScopedViewSetMixin, MentoringSnippetViewSet):
    """Each year's cycle, with its "Results and winner" page.

    Wagtail's history view is left out: the activity record, written by the
    services, is the cycle's history.
    """

    model = AwardCycle
    icon = "calendar-check"
    menu_label = _("Best Mentor award")
    menu_order = 150
    url_prefix = "mentoring/award-cycles"
    copy_view_enabled = False
    # Wagtail's own listing, without the snippets' bulk actions footer.
    index_template_name = "wagtailadmin/generic/index.html"
    index_view_class = AwardCycleIndexView
    add_view_class = AwardCycleCreateView
    edit_view_class = AwardCycleEditView
    results_view_class = AwardResultsView
    list_display = [
        "year",
        "program",
        Column("phase", label=_("Phase"), accessor="get_phase_display"),
        "nominations_open_at",
        "nominations_close_at",
        Column("ballot", label=_("Voting"), accessor=voting_window),
        "status",
    ]
    list_filter = ["program"]
    edit_handler = ObjectList(
        [
            FieldRowPanel([FieldPanel("program"), FieldPanel("year")]),
            MultiFieldPanel(
                [
                    FieldRowPanel(
                        [
                            FieldPanel("nominations_open_at"),
                            FieldPanel("nominations_close_at"),
                        ]
                    ),
                    FieldRowPanel(
                        [
                            FieldPanel("ballot_opens_at"),
                            FieldPanel("ballot_closes_at"),
                        ]
                    ),
                    FieldPanel("annual_meeting_date"),
                ],
                heading=_("Dates"),
            ),
            MultiFieldPanel(
                [
                    FieldPanel("nominator_stages"),
                    FieldPanel("nominators_need_mentorship"),
                    FieldPanel("nominee_rule", widget=forms.RadioSelect),
                ],
                heading=_("Who chooses"),
            ),
            MultiFieldPanel(
                [
                    FieldRowPanel(
                        [
                            FieldPanel("statement_min_length"),
                            FieldPanel("statement_max_length"),
                        ]
                    )
                ],
                heading=_("Statement length"),
            ),
        ],
        base_form_class=AwardCycleForm,
    )

    @property
    def permission_policy(self):
        return ProgrammeStaffPolicy(AwardCycle, actions=AWARD_CYCLE_ACTIONS)

    def get_queryset(self, request):
        return AwardCycle.objects.select_related("program")

    def get_common_view_kwargs(self, **kwargs):
        return super().get_common_view_kwargs(
            **{
                "history_url_name": None,
                "results_url_name": self.get_url_name("results"),
                **kwargs,
            }
        )

    @property
    def results_view(self):
        return self.construct_view(self.results_view_class)

    def get_urlpatterns(self):
        return [
            *(
                pattern
                for pattern in super().get_urlpatterns()
                if pattern.name not in {"history", "history_results"}
            ),
            path("results-and-winner/<int:pk>/", self.results_view, name="results"),
        ]
