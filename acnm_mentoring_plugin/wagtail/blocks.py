"""StreamField blocks for any page of a host site.

``MENTORING_BLOCKS`` is the public list of ``(name, block)`` pairs a host
page adds to its StreamField to offer every mentoring block::

    body = StreamField([*my_blocks, *MENTORING_BLOCKS])

``PROGRAM_CONTENT_BLOCKS`` are the content blocks of a programme page.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.snippets.blocks import SnippetChooserBlock

from acnm_mentoring_plugin import labels
from acnm_mentoring_plugin.awards import award_context
from acnm_mentoring_plugin.directory import excerpt_context
from acnm_mentoring_plugin.models import (
    ApplicationRole,
    AwardCycle,
    CareerDirection,
    CareerLevel,
    FieldOfInterest,
    Program,
)
from acnm_mentoring_plugin.panels import application_panel_context
from acnm_mentoring_plugin.partnerships import agreements_context, my_mentoring_context

PREVIEW_TEMPLATE = "acnm_mentoring_wagtail/blocks/preview.html"


def is_editor_preview(context):
    """True in the page editor's preview and in the block picker's preview.

    There the editor should see what a member sees, not their own state.
    """
    request = (context or {}).get("request")
    return bool(getattr(request, "is_preview", False)) or "block_def" in (context or {})


class ProgramChooserBlock(SnippetChooserBlock):
    def __init__(self, **kwargs):
        kwargs.setdefault("label", labels.PROGRAMME)
        super().__init__(Program, **kwargs)


def _first_program():
    return Program.objects.order_by("pk").first()


class ProgrammeBlock(blocks.StructBlock):
    """A block about one programme; its preview shows the site's first."""

    def get_preview_value(self):
        value = super().get_preview_value()
        if value.get("program") is None:
            value["program"] = _first_program()
        return value


class ApplicationFormBlock(ProgrammeBlock):
    """The mentoring application, for mentees or mentors, on any page."""

    program = ProgramChooserBlock()
    role = blocks.ChoiceBlock(
        choices=ApplicationRole.choices,
        default=ApplicationRole.MENTEE,
        label=labels.ApplicationForm.ROLE,
    )
    intro = blocks.RichTextBlock(
        required=False,
        features=["bold", "italic", "link", "ul", "ol"],
        label=labels.INTRODUCTION,
        help_text=labels.ApplicationForm.INTRO_HELP,
    )
    success_message = blocks.RichTextBlock(
        required=False,
        features=["bold", "italic", "link"],
        label=labels.ApplicationForm.SUCCESS_MESSAGE,
        help_text=labels.ApplicationForm.SUCCESS_MESSAGE_HELP,
    )

    class Meta:
        icon = "form"
        label = labels.ApplicationForm.NAME
        template = "acnm_mentoring_wagtail/blocks/application_form.html"
        preview_template = PREVIEW_TEMPLATE
        description = labels.ApplicationForm.DESCRIPTION
        preview_value = {"role": ApplicationRole.MENTEE}

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        request = (parent_context or {}).get("request")
        program = value.get("program")
        if request is None or program is None:
            context["panel"] = None
            return context
        context["panel"] = application_panel_context(
            request,
            program=program,
            role=value.get("role") or ApplicationRole.MENTEE,
            return_url=request.path,
            intro=value.get("intro") or "",
            success_message=value.get("success_message") or "",
            preview=is_editor_preview(parent_context),
        )
        return context


class MentorDirectoryBlock(ProgrammeBlock):
    """A few mentors chosen by a preset ("oncology mentors"), on any page,
    with a link to the whole directory, filtered the same way."""

    heading = blocks.CharBlock(
        default=labels.MentorDirectory.DEFAULT_HEADING, label=labels.HEADING
    )
    program = ProgramChooserBlock()
    field = SnippetChooserBlock(
        FieldOfInterest, required=False, label=labels.MentorDirectory.FIELD
    )
    direction = SnippetChooserBlock(
        CareerDirection, required=False, label=labels.MentorDirectory.DIRECTION
    )
    level = blocks.ChoiceBlock(
        choices=CareerLevel.choices,
        required=False,
        label=labels.MentorDirectory.LEVEL,
    )
    accepting_only = blocks.BooleanBlock(
        required=False, default=True, label=labels.MentorDirectory.ACCEPTING_ONLY
    )
    count = blocks.IntegerBlock(
        default=3, min_value=1, max_value=12, label=labels.MentorDirectory.COUNT
    )
    directory_page = blocks.PageChooserBlock(
        required=False,
        label=labels.MentorDirectory.DIRECTORY_PAGE,
        help_text=labels.MentorDirectory.DIRECTORY_PAGE_HELP,
    )

    class Meta:
        icon = "group"
        label = labels.MentorDirectory.NAME
        template = "acnm_mentoring_wagtail/blocks/mentor_directory.html"
        preview_template = PREVIEW_TEMPLATE
        description = labels.MentorDirectory.DESCRIPTION
        preview_value = {"heading": _("Oncology mentors"), "count": 3}

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        request = (parent_context or {}).get("request")
        program = value.get("program")
        context["directory"] = None
        if request is None or program is None:
            return context
        page = value.get("directory_page")
        context.update(
            excerpt_context(
                request,
                program,
                base_url=page.specific.get_url(request) if page else None,
                field=value.get("field"),
                direction=value.get("direction"),
                level=value.get("level"),
                accepting_only=bool(value.get("accepting_only")),
                count=value.get("count") or 3,
            )
        )
        return context


class MyMentoringBlock(blocks.StructBlock):
    """A member's own mentoring on any page: what they applied for, their
    mentor or mentees, and the next step of each."""

    heading = blocks.CharBlock(
        default=labels.MyMentoring.DEFAULT_HEADING, label=labels.HEADING
    )

    class Meta:
        icon = "user"
        label = labels.MyMentoring.NAME
        template = "acnm_mentoring_wagtail/blocks/my_mentoring.html"
        preview_template = PREVIEW_TEMPLATE
        description = labels.MyMentoring.DESCRIPTION
        preview_value = {"heading": _("My mentoring")}

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        request = (parent_context or {}).get("request")
        context["mine"] = (
            my_mentoring_context(request)
            if request is not None and not is_editor_preview(parent_context)
            else None
        )
        return context


class MentorshipAgreementBlock(blocks.StructBlock):
    """The Mentor/Mentee Agreement waiting for the member's signature, with
    the form to sign it, or its signed state."""

    heading = blocks.CharBlock(
        default=labels.Agreement.DEFAULT_HEADING, label=labels.HEADING
    )
    intro = blocks.RichTextBlock(
        required=False,
        features=["bold", "italic", "link"],
        label=labels.INTRODUCTION,
    )

    class Meta:
        icon = "doc-full"
        label = labels.Agreement.NAME
        template = "acnm_mentoring_wagtail/blocks/agreement.html"
        preview_template = PREVIEW_TEMPLATE
        description = labels.Agreement.DESCRIPTION
        preview_value = {"heading": _("Your Mentor/Mentee Agreement")}

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        request = (parent_context or {}).get("request")
        context["agreements"] = (
            agreements_context(request)
            if request is not None and not is_editor_preview(parent_context)
            else None
        )
        return context


class AwardNominationBlock(ProgrammeBlock):
    """The Best Mentor of the Year on any page: the cycle's state for
    everyone, the nomination form or the ballot for those who choose, the
    winner once announced, and past recipients."""

    heading = blocks.CharBlock(
        required=False,
        label=labels.HEADING,
        help_text=labels.AwardNomination.HEADING_HELP,
    )
    program = ProgramChooserBlock()
    cycle = SnippetChooserBlock(
        AwardCycle,
        required=False,
        label=labels.AwardNomination.CYCLE,
        help_text=labels.AwardNomination.CYCLE_HELP,
    )
    intro = blocks.RichTextBlock(
        required=False,
        features=["bold", "italic", "link"],
        label=labels.INTRODUCTION,
    )
    show_past_recipients = blocks.BooleanBlock(
        required=False,
        default=True,
        label=labels.AwardNomination.SHOW_PAST_RECIPIENTS,
    )

    class Meta:
        icon = "pick"
        label = labels.AwardNomination.NAME
        template = "acnm_mentoring_wagtail/blocks/award.html"
        preview_template = PREVIEW_TEMPLATE
        description = labels.AwardNomination.DESCRIPTION
        preview_value = {"show_past_recipients": True}

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        request = (parent_context or {}).get("request")
        program = value.get("program")
        context["award"] = None
        if request is None or program is None:
            return context
        context["award"] = award_context(
            request,
            program=program,
            cycle=value.get("cycle"),
            return_url=request.path,
            intro=value.get("intro") or "",
            show_past=bool(value.get("show_past_recipients")),
            preview=is_editor_preview(parent_context),
        )
        return context


class SectionBlock(blocks.StructBlock):
    """A titled section with a list: goals, objectives, responsibilities..."""

    heading = blocks.CharBlock(label=labels.HEADING)
    text = blocks.RichTextBlock(
        required=False, features=["bold", "italic", "link"], label=labels.TEXT
    )
    points = blocks.ListBlock(
        blocks.TextBlock(label=labels.Section.POINT),
        label=labels.Section.POINTS,
        min_num=0,
    )

    class Meta:
        icon = "list-ul"
        label = labels.Section.NAME
        template = "acnm_mentoring_wagtail/blocks/section.html"
        preview_template = PREVIEW_TEMPLATE
        description = labels.Section.DESCRIPTION
        preview_value = {
            "heading": _("Mentoring goals"),
            "points": [
                _("Increase the potential for academic success."),
                _("Widen collaboration and networking."),
            ],
        }


class ContactBlock(ProgrammeBlock):
    """Where to write: the programme's coordinator, postal address and fax.

    Read from the programme, so the address is kept in one place.
    """

    heading = blocks.CharBlock(
        default=labels.Contact.DEFAULT_HEADING, label=labels.HEADING
    )
    program = ProgramChooserBlock()
    text = blocks.RichTextBlock(
        required=False, features=["bold", "italic", "link"], label=labels.TEXT
    )

    class Meta:
        icon = "mail"
        label = labels.Contact.NAME
        template = "acnm_mentoring_wagtail/blocks/contact.html"
        preview_template = PREVIEW_TEMPLATE
        description = labels.Contact.DESCRIPTION
        preview_value = {"heading": _("Contact the programme")}


class CallToActionBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=labels.HEADING)
    text = blocks.TextBlock(required=False, label=labels.TEXT)
    page = blocks.PageChooserBlock(required=False, label=_("Page"))
    url = blocks.URLBlock(
        required=False, label=_("Or an address"), help_text=_("Used if no page.")
    )
    button_label = blocks.CharBlock(label=labels.CallToAction.BUTTON_LABEL)

    def clean(self, value):
        value = super().clean(value)
        if not value.get("page") and not value.get("url"):
            raise blocks.StructBlockValidationError(
                block_errors={
                    "page": ValidationError(
                        _("Choose a page or enter an address for the button.")
                    )
                }
            )
        return value

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        page = value.get("page")
        request = (parent_context or {}).get("request")
        context["url"] = page.specific.get_url(request) if page else value.get("url")
        return context

    class Meta:
        icon = "pick"
        label = labels.CallToAction.NAME
        template = "acnm_mentoring_wagtail/blocks/call_to_action.html"
        preview_template = PREVIEW_TEMPLATE
        description = labels.CallToAction.DESCRIPTION
        preview_value = {
            "heading": _("Ready to find a mentor?"),
            "text": _("Apply in a few minutes."),
            "url": "https://example.org/",
            "button_label": _("Apply now"),
        }


MENTORING_BLOCKS = [
    ("application_form", ApplicationFormBlock()),
    ("mentor_directory", MentorDirectoryBlock()),
    ("agreement", MentorshipAgreementBlock()),
    ("my_mentoring", MyMentoringBlock()),
    ("award_nomination", AwardNominationBlock()),
]

PROGRAM_CONTENT_BLOCKS = [
    (
        "paragraph",
        blocks.RichTextBlock(
            features=["h2", "h3", "bold", "italic", "link", "ul", "ol"],
            label=_("Paragraph"),
            icon="pilcrow",
        ),
    ),
    ("section", SectionBlock()),
    ("contact", ContactBlock()),
    ("call_to_action", CallToActionBlock()),
]
