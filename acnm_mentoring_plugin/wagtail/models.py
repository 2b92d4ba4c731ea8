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
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField, StreamField

from acnm_mentoring_plugin.conf import mentoring_settings

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
