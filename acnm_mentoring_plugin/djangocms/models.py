"""What each mentoring plugin holds: the values its Wagtail block holds.

The labels and help texts are the blocks' own (``acnm_mentoring_plugin.labels``).
Text an editor types (introductions, messages, section text) is plain text:
the plugins escape it and make paragraphs of it.
"""

from cms.models import CMSPlugin
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, URLValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from acnm_mentoring_plugin import labels
from acnm_mentoring_plugin.models import ApplicationRole, CareerLevel

ADDRESS_HELP = _(
    "A path on this site, such as /mentoring/, or a full address starting "
    "with https://."
)


def validate_address(value):
    """A path on this site or an http(s) address: never ``javascript:``."""
    if value.startswith("/") and not value.startswith("//"):
        return
    URLValidator(
        schemes=["http", "https"],
        message=_(
            "Enter a path on this site or a full address starting with https://."
        ),
    )(value)


def program_field():
    return models.ForeignKey(
        "acnm_mentoring.Program",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=labels.PROGRAMME,
    )


def heading_field(default=None, **kwargs):
    if default is not None:
        kwargs["default"] = default
    return models.CharField(labels.HEADING, max_length=255, **kwargs)


def text_field(verbose_name=labels.TEXT, **kwargs):
    return models.TextField(verbose_name, blank=True, **kwargs)


class MentoringPluginModel(CMSPlugin):
    """Base of the plugins' configurations. A site that needs more on a
    plugin subclasses its configuration and its plugin class."""

    class Meta:
        abstract = True

    def __str__(self):
        heading = getattr(self, "heading", "")
        if heading:
            return heading
        if getattr(self, "program_id", None):
            return str(self.program)
        return super().__str__()


class ApplicationFormConfig(MentoringPluginModel):
    program = program_field()
    role = models.CharField(
        labels.ApplicationForm.ROLE,
        max_length=20,
        choices=ApplicationRole.choices,
        default=ApplicationRole.MENTEE,
    )
    intro = text_field(labels.INTRODUCTION, help_text=labels.ApplicationForm.INTRO_HELP)
    success_message = text_field(
        labels.ApplicationForm.SUCCESS_MESSAGE,
        help_text=labels.ApplicationForm.SUCCESS_MESSAGE_HELP,
    )

    class Meta:
        verbose_name = labels.ApplicationForm.NAME

    def __str__(self):
        return f"{self.program} – {self.get_role_display()}"


class MentorDirectoryConfig(MentoringPluginModel):
    heading = heading_field(labels.MentorDirectory.DEFAULT_HEADING)
    program = program_field()
    field = models.ForeignKey(
        "acnm_mentoring.FieldOfInterest",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=labels.MentorDirectory.FIELD,
    )
    direction = models.ForeignKey(
        "acnm_mentoring.CareerDirection",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=labels.MentorDirectory.DIRECTION,
    )
    level = models.CharField(
        labels.MentorDirectory.LEVEL,
        max_length=20,
        choices=CareerLevel.choices,
        blank=True,
    )
    accepting_only = models.BooleanField(
        labels.MentorDirectory.ACCEPTING_ONLY, default=True
    )
    count = models.PositiveSmallIntegerField(
        labels.MentorDirectory.COUNT,
        default=3,
        validators=[MinValueValidator(1), MaxValueValidator(12)],
    )
    directory_url = models.CharField(
        labels.MentorDirectory.DIRECTORY_PAGE,
        max_length=500,
        blank=True,
        validators=[validate_address],
        help_text=labels.MentorDirectory.DIRECTORY_PAGE_HELP,
    )

    class Meta:
        verbose_name = labels.MentorDirectory.NAME


class AgreementConfig(MentoringPluginModel):
    heading = heading_field(labels.Agreement.DEFAULT_HEADING)
    intro = text_field(labels.INTRODUCTION)

    class Meta:
        verbose_name = labels.Agreement.NAME


class MyMentoringConfig(MentoringPluginModel):
    heading = heading_field(labels.MyMentoring.DEFAULT_HEADING)

    class Meta:
        verbose_name = labels.MyMentoring.NAME


class AwardNominationConfig(MentoringPluginModel):
    heading = heading_field(blank=True, help_text=labels.AwardNomination.HEADING_HELP)
    program = program_field()
    cycle = models.ForeignKey(
        "acnm_mentoring.AwardCycle",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=labels.AwardNomination.CYCLE,
        help_text=labels.AwardNomination.CYCLE_HELP,
    )
    intro = text_field(labels.INTRODUCTION)
    show_past_recipients = models.BooleanField(
        labels.AwardNomination.SHOW_PAST_RECIPIENTS, default=True
    )

    class Meta:
        verbose_name = labels.AwardNomination.NAME

    def clean(self):
        super().clean()
        if (
            self.cycle_id
            and self.program_id
            and self.cycle.program_id != self.program_id
        ):
            raise ValidationError(
                {"cycle": _("Choose a cycle of this programme, or none.")}
            )


class SectionConfig(MentoringPluginModel):
    heading = heading_field()
    text = text_field()
    points = text_field(labels.Section.POINTS, help_text=_("One point per line."))

    class Meta:
        verbose_name = labels.Section.NAME

    @property
    def point_list(self):
        return [line.strip() for line in self.points.splitlines() if line.strip()]


class ContactConfig(MentoringPluginModel):
    heading = heading_field(labels.Contact.DEFAULT_HEADING)
    program = program_field()
    text = text_field()

    class Meta:
        verbose_name = labels.Contact.NAME


class CallToActionConfig(MentoringPluginModel):
    heading = heading_field()
    text = text_field()
    url = models.CharField(
        _("Address"),
        max_length=500,
        validators=[validate_address],
        help_text=ADDRESS_HELP,
    )
    button_label = models.CharField(labels.CallToAction.BUTTON_LABEL, max_length=100)

    class Meta:
        verbose_name = labels.CallToAction.NAME
