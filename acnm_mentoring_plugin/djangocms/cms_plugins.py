"""The mentoring plugins of django CMS.

Each is a thin skin, like its Wagtail block: it maps its configuration onto
a core context builder and renders the core block template
(``acnm_mentoring/blocks/*.html``). Forms post to the core URLs with the
page's path as ``next`` and come back to the page.
"""

from cms.plugin_base import CMSPluginBase
from cms.plugin_pool import plugin_pool
from cms.toolbar.utils import get_toolbar_from_request
from django.utils.html import linebreaks
from django.utils.safestring import mark_safe

from acnm_mentoring_plugin import labels
from acnm_mentoring_plugin.awards import award_context
from acnm_mentoring_plugin.directory import excerpt_context
from acnm_mentoring_plugin.panels import application_panel_context
from acnm_mentoring_plugin.partnerships import agreements_context, my_mentoring_context

from . import models

BLOCKS = "acnm_mentoring/blocks/"


def is_editor_preview(context):
    """True when an editor edits or previews the page in django CMS.

    There the editor sees what a member sees, not their own state.
    """
    request = context.get("request")
    if request is None:
        return False
    toolbar = get_toolbar_from_request(request)
    return bool(toolbar.edit_mode_active or toolbar.preview_mode_active)


def paragraphs(text):
    """An editor's plain text as the HTML the core templates take: escaped,
    a blank line between paragraphs, a newline a line break."""
    text = (text or "").strip()
    return mark_safe(linebreaks(text, autoescape=True)) if text else ""


class MentoringPlugin(CMSPluginBase):
    """What every mentoring plugin shares. Its output depends on who looks,
    so django CMS never caches it (``cache = False``)."""

    module = labels.MODULE
    cache = False
    description = ""

    def get_fieldsets(self, request, obj=None):
        return [
            (
                None,
                {
                    "fields": self.get_fields(request, obj),
                    "description": self.description,
                },
            )
        ]

    def render(self, context, instance, placeholder):
        context = super().render(context, instance, placeholder)
        context["block_id"] = f"plugin-{instance.pk}"
        return context


@plugin_pool.register_plugin
class ApplicationFormPlugin(MentoringPlugin):
    model = models.ApplicationFormConfig
    name = labels.ApplicationForm.NAME
    description = labels.ApplicationForm.DESCRIPTION
    render_template = BLOCKS + "application_form.html"

    def render(self, context, instance, placeholder):
        context = super().render(context, instance, placeholder)
        request = context["request"]
        context["panel"] = application_panel_context(
            request,
            program=instance.program,
            role=instance.role,
            return_url=request.path,
            intro=paragraphs(instance.intro),
            success_message=paragraphs(instance.success_message),
            preview=is_editor_preview(context),
        )
        return context


@plugin_pool.register_plugin
class MentorDirectoryPlugin(MentoringPlugin):
    model = models.MentorDirectoryConfig
    name = labels.MentorDirectory.NAME
    description = labels.MentorDirectory.DESCRIPTION
    render_template = BLOCKS + "directory_excerpt.html"

    def render(self, context, instance, placeholder):
        context = super().render(context, instance, placeholder)
        context["heading"] = instance.heading
        context.update(
            excerpt_context(
                context["request"],
                instance.program,
                base_url=instance.directory_url or None,
                field=instance.field,
                direction=instance.direction,
                level=instance.level,
                accepting_only=instance.accepting_only,
                count=instance.count,
            )
        )
        return context


@plugin_pool.register_plugin
class AgreementPlugin(MentoringPlugin):
    model = models.AgreementConfig
    name = labels.Agreement.NAME
    description = labels.Agreement.DESCRIPTION
    render_template = BLOCKS + "agreements.html"

    def render(self, context, instance, placeholder):
        context = super().render(context, instance, placeholder)
        context["heading"] = instance.heading
        context["intro"] = paragraphs(instance.intro)
        context["agreements"] = (
            None
            if is_editor_preview(context)
            else agreements_context(context["request"])
        )
        return context


@plugin_pool.register_plugin
class MyMentoringPlugin(MentoringPlugin):
    model = models.MyMentoringConfig
    name = labels.MyMentoring.NAME
    description = labels.MyMentoring.DESCRIPTION
    render_template = BLOCKS + "my_mentoring.html"

    def render(self, context, instance, placeholder):
        context = super().render(context, instance, placeholder)
        context["heading"] = instance.heading
        context["mine"] = (
            None
            if is_editor_preview(context)
            else my_mentoring_context(context["request"])
        )
        return context


@plugin_pool.register_plugin
class AwardNominationPlugin(MentoringPlugin):
    model = models.AwardNominationConfig
    name = labels.AwardNomination.NAME
    description = labels.AwardNomination.DESCRIPTION
    render_template = BLOCKS + "award.html"

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        field = super().formfield_for_foreignkey(db_field, request, **kwargs)
        if db_field.name == "cycle":
            # Each programme has a cycle a year: say whose.
            field.queryset = field.queryset.select_related("program")
            field.label_from_instance = lambda cycle: f"{cycle.program} – {cycle}"
        return field

    def render(self, context, instance, placeholder):
        context = super().render(context, instance, placeholder)
        request = context["request"]
        context["heading"] = instance.heading
        context["award"] = award_context(
            request,
            program=instance.program,
            cycle=instance.cycle,
            return_url=request.path,
            intro=paragraphs(instance.intro),
            show_past=instance.show_past_recipients,
            preview=is_editor_preview(context),
        )
        return context


@plugin_pool.register_plugin
class ProgrammeSectionPlugin(MentoringPlugin):
    """A section's words are the same for everyone: django CMS may cache it."""

    model = models.SectionConfig
    name = labels.Section.NAME
    description = labels.Section.DESCRIPTION
    render_template = BLOCKS + "section.html"
    cache = True

    def render(self, context, instance, placeholder):
        context = super().render(context, instance, placeholder)
        context.update(
            {
                "heading": instance.heading,
                "text": paragraphs(instance.text),
                "points": instance.point_list,
            }
        )
        return context


@plugin_pool.register_plugin
class ProgrammeContactPlugin(MentoringPlugin):
    """Read from the programme on every view, so an address staff change
    shows at once."""

    model = models.ContactConfig
    name = labels.Contact.NAME
    description = labels.Contact.DESCRIPTION
    render_template = BLOCKS + "contact.html"

    def render(self, context, instance, placeholder):
        context = super().render(context, instance, placeholder)
        context.update(
            {
                "heading": instance.heading,
                "text": paragraphs(instance.text),
                "program": instance.program,
            }
        )
        return context


@plugin_pool.register_plugin
class CallToActionPlugin(MentoringPlugin):
    """The text is one paragraph of plain text, as in the Wagtail block."""

    model = models.CallToActionConfig
    name = labels.CallToAction.NAME
    description = labels.CallToAction.DESCRIPTION
    render_template = BLOCKS + "call_to_action.html"
    cache = True

    def render(self, context, instance, placeholder):
        context = super().render(context, instance, placeholder)
        context.update(
            {
                "heading": instance.heading,
                "text": instance.text,
                "url": instance.url,
                "button_label": instance.button_label,
            }
        )
        return context
