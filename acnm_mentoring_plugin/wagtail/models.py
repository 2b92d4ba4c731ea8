"""Page behaviour as abstract mixins.

Wagtail 8 lets a site swap its base page model, and a reusable app cannot
know which one it is. So the behaviour lives here, in mixins; the concrete
page types in ``acnm_mentoring_plugin.wagtail.pages`` are thin. A site with
its own base page model skips that app and writes, for example::

    class MentoringProgramPage(MentoringProgramPageMixin, BasePage):
        template = MentoringProgramPageMixin.mentoring_template
        content_panels = [
            *BasePage.content_panels,
            *MentoringProgramPageMixin.mentoring_panels,
        ]
"""

from django.db import models
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models.audit_log import BaseLogEntry, BaseLogEntryManager

from acnm_mentoring_plugin import drafts
from acnm_mentoring_plugin.awards import award_context
from acnm_mentoring_plugin.conf import mentoring_settings
from acnm_mentoring_plugin.directory import directory_context, mentor_context

from .blocks import MENTORING_BLOCKS, PROGRAM_CONTENT_BLOCKS


class MentoringPageMixin:
    """Renders inside the base template the host configured for mentoring."""

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["base_template"] = mentoring_settings.BASE_TEMPLATE
        return context


class MentoringProgramPageMixin(MentoringPageMixin, models.Model):
    """A programme's page: what it offers, how it works, and how to apply.

    The body offers content blocks fit for the programme (sections with
    lists, the contact with postal address and fax, a call to action) and
    every mentoring block. A subclass may redefine ``body`` to offer other
    blocks.
    """

    program = models.ForeignKey(
        "acnm_mentoring.Program",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("programme"),
    )
    intro = RichTextField(
        _("introduction"),
        blank=True,
        features=["bold", "italic", "link"],
    )
    body = StreamField(
        [*PROGRAM_CONTENT_BLOCKS, *MENTORING_BLOCKS],
        blank=True,
        verbose_name=_("body"),
    )

    mentoring_panels = [
        FieldPanel("program"),
        FieldPanel("intro"),
        FieldPanel("body"),
    ]

    #: Wagtail's page metaclass gives every concrete page a template name of
    #: its own, so a concrete page sets ``template = mentoring_template``.
    mentoring_template = "acnm_mentoring_wagtail/program_page.html"

    class Meta:
        abstract = True


class MentorDirectoryPageMixin(RoutablePageMixin, MentoringPageMixin, models.Model):
    """The mentor directory as a page of the site: the list, and a page per
    mentor below it (``<page>/<id>/``).

    Everything shown comes from ``acnm_mentoring_plugin.directory``, the
    same as the plugin's own directory pages; requests post to the plugin's
    URL and come back here.
    """

    program = models.ForeignKey(
        "acnm_mentoring.Program",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("programme"),
    )
    intro = RichTextField(
        _("introduction"),
        blank=True,
        features=["bold", "italic", "link", "ul"],
        help_text=_("Shown above the list: how to choose a mentor, whom to ask."),
    )

    mentoring_panels = [FieldPanel("program"), FieldPanel("intro")]

    directory_template = "acnm_mentoring_wagtail/directory_page.html"
    mentor_template = "acnm_mentoring_wagtail/directory_mentor_page.html"

    class Meta:
        abstract = True

    @path("")
    def directory(self, request):
        context = self.get_context(request)
        context["directory"] = directory_context(
            request, self.program, self.get_url(request)
        )
        return TemplateResponse(request, self.directory_template, context)

    @path("<int:pk>/")
    def mentor(self, request, pk):
        draft, refusal = drafts.take(request, "request", pk)
        context = self.get_context(request)
        context["detail"] = mentor_context(
            request,
            self.program,
            pk,
            self.get_url(request),
            draft=draft,
            refusal=refusal,
        )
        return TemplateResponse(request, self.mentor_template, context)


class AwardPageMixin(MentoringPageMixin, models.Model):
    """The Best Mentor of the Year as a page: the current cycle, whatever its
    state, and the past recipients, from ``acnm_mentoring_plugin.awards``."""

    program = models.ForeignKey(
        "acnm_mentoring.Program",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("programme"),
    )
    intro = RichTextField(
        _("introduction"),
        blank=True,
        features=["bold", "italic", "link", "ul"],
        help_text=_("Shown above the award: what it honours, who chooses."),
    )

    mentoring_panels = [FieldPanel("program"), FieldPanel("intro")]
    award_template = "acnm_mentoring_wagtail/award_page.html"

    class Meta:
        abstract = True

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["award"] = award_context(
            request,
            program=self.program,
            return_url=self.get_url(request),
            preview=bool(getattr(request, "is_preview", False)),
        )
        return context


# The export audit ------------------------------------------------------------------


class ExportLogEntryManager(BaseLogEntryManager):
    def viewable_by_user(self, user):
        """Downloads of the programmes ``user`` runs; superusers, all (the
        command line's too). Wagtail's own rule, a permission on the content
        type, would show every programme's downloads and what was searched
        for in them to the staff of any programme."""
        from acnm_mentoring_plugin.permissions import staff_programmes

        if user.is_superuser:
            return self.all()
        return self.filter(program__in=staff_programmes(user))


class ExportLogEntry(BaseLogEntry):
    """One download of a programme's records, in Wagtail's Site history.

    An export that spans several programmes is logged once for each, so
    each programme's staff read the entry for theirs.
    """

    program = models.ForeignKey(
        "acnm_mentoring.Program",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("programme"),
    )

    objects = ExportLogEntryManager()

    class Meta(BaseLogEntry.Meta):
        ordering = ["-timestamp", "-id"]
        verbose_name = _("export log entry")
        verbose_name_plural = _("export log entries")

    @property
    def object_id(self):
        return str(self.program_id or "")
