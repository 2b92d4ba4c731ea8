"""What became of a mentee: the figures the programme exists to raise.

The programme's first goal is more strong trainees who pass the ABNM
qualifying exam, and its objective is to guide them to academic, private
practice or industry careers. One record per mentee and programme holds
what the mentee (or staff, or an import) says came of it, so the staff
report can show it by cohort.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

#: The years an exam pass can be recorded for: the ABNM exam predates no
#: mentee of an online programme by more than a career; a year far in the
#: future is a typing mistake.
EXAM_YEAR_MIN = 1970
EXAM_YEAR_MAX = 2100


class FirstPosition(models.TextChoices):
    """Where a mentee went after training: the career directions the
    programme prepares for, and more training."""

    ACADEMIC_CENTRE = "academic_centre", _("Academic centre")
    PRIVATE_PRACTICE = "private_practice", _("Private practice")
    INDUSTRY = "industry", _("Industry")
    FURTHER_TRAINING = "further_training", _("Further training")


class Outcome(models.Model):
    """A mentee's outcomes in one programme.

    Confidential like the rest of a mentee's records: the mentee and
    programme staff only. Changed through ``services.record_outcome``.
    """

    member = models.ForeignKey(
        "acnm_mentoring.Member",
        on_delete=models.CASCADE,
        related_name="outcomes",
        verbose_name=_("mentee"),
    )
    program = models.ForeignKey(
        "acnm_mentoring.Program",
        on_delete=models.CASCADE,
        related_name="outcomes",
        verbose_name=_("programme"),
    )
    abnm_exam_passed_year = models.PositiveSmallIntegerField(
        _("ABNM qualifying exam passed in"),
        null=True,
        blank=True,
        validators=[
            MinValueValidator(EXAM_YEAR_MIN),
            MaxValueValidator(EXAM_YEAR_MAX),
        ],
        help_text=_("The year you passed it; leave empty if you have not yet."),
    )
    first_position = models.CharField(
        _("first position after training"),
        max_length=20,
        choices=FirstPosition.choices,
        blank=True,
    )
    publications = models.PositiveIntegerField(_("publications"), default=0)
    presentations = models.PositiveIntegerField(_("presentations"), default=0)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("outcome")
        verbose_name_plural = _("outcomes")
        constraints = [
            models.UniqueConstraint(
                fields=["member", "program"],
                name="acnm_one_outcome_per_mentee_and_programme",
            ),
        ]

    def __str__(self):
        return _("Outcomes of %(member)s") % {"member": self.member}
