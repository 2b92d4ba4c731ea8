import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _


class AwardCycleStatus(models.TextChoices):
    PLANNED = "planned", _("Not open yet")
    OPEN = "open", _("Nominations open")
    CLOSED = "closed", _("Nominations closed")
    ANNOUNCED = "announced", _("Winner announced")


class AwardCycle(models.Model):
    """One year's "Best Mentor of the Year" award in a programme."""

    program = models.ForeignKey(
        "acnm_mentoring.Program",
        on_delete=models.CASCADE,
        related_name="award_cycles",
        verbose_name=_("programme"),
    )
    year = models.PositiveSmallIntegerField(_("year"))
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=AwardCycleStatus.choices,
        default=AwardCycleStatus.PLANNED,
    )
    nominations_open_at = models.DateTimeField(_("nominations open"))
    nominations_close_at = models.DateTimeField(_("nominations close"))
    annual_meeting_date = models.DateField(_("Annual Meeting"))
    winner = models.ForeignKey(
        "acnm_mentoring.Member",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="awards_won",
        verbose_name=_("winner"),
    )
    citation = models.TextField(_("citation"), blank=True)

    class Meta:
        verbose_name = _("award cycle")
        verbose_name_plural = _("award cycles")
        ordering = ["-year"]
        constraints = [
            models.UniqueConstraint(
                fields=["program", "year"], name="acnm_one_award_cycle_per_year"
            ),
            models.CheckConstraint(
                condition=models.Q(
                    nominations_close_at__gt=models.F("nominations_open_at")
                ),
                name="acnm_award_cycle_closes_after_it_opens",
            ),
        ]

    def __str__(self):
        return _("Best Mentor of the Year %(year)s") % {"year": self.year}


class NominationStatus(models.TextChoices):
    SUBMITTED = "submitted", _("Submitted")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class Nomination(models.Model):
    """A trainee's nomination of a mentor for the award; one per cycle each."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    cycle = models.ForeignKey(
        AwardCycle, on_delete=models.CASCADE, related_name="nominations"
    )
    nominator = models.ForeignKey(
        "acnm_mentoring.Member",
        on_delete=models.CASCADE,
        related_name="nominations_made",
        verbose_name=_("nominated by"),
    )
    nominee = models.ForeignKey(
        "acnm_mentoring.Member",
        on_delete=models.CASCADE,
        related_name="nominations_received",
        verbose_name=_("mentor nominated"),
    )
    statement = models.TextField(_("statement"))
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=NominationStatus.choices,
        default=NominationStatus.SUBMITTED,
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("nomination")
        verbose_name_plural = _("nominations")
        constraints = [
            models.UniqueConstraint(
                fields=["cycle", "nominator"], name="acnm_one_nomination_per_cycle"
            ),
            models.CheckConstraint(
                condition=~models.Q(nominator=models.F("nominee")),
                name="acnm_no_self_nomination",
            ),
        ]

    def __str__(self):
        return _("%(nominee)s, nominated by %(nominator)s") % {
            "nominee": self.nominee,
            "nominator": self.nominator,
        }
