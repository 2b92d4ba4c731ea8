import datetime
import uuid

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from .members import CareerStage


class AwardCycleStatus(models.TextChoices):
    """What staff have done; where the cycle stands in time is its ``phase``."""

    SCHEDULED = "scheduled", _("Scheduled")
    WINNER_CHOSEN = "winner_chosen", _("Winner chosen, not announced")
    ANNOUNCED = "announced", _("Winner announced")


class AwardPhase(models.TextChoices):
    """Where a cycle stands at a moment, as everyone sees it."""

    NOT_OPEN = "not_open", _("Nominations not open yet")
    NOMINATING = "nominating", _("Nominations open")
    CLOSED = "closed", _("Nominations closed")
    VOTING = "voting", _("Voting open")
    ANNOUNCED = "announced", _("Winner announced")


class NomineeRule(models.TextChoices):
    OWN_MENTORS = "own_mentors", _("The nominator's own mentor(s)")
    PROGRAMME_MENTORS = "programme_mentors", _("Any approved mentor of the programme")


def default_nominator_stages():
    return [CareerStage.RESIDENT.value, CareerStage.FELLOW.value]


def start_of_day(date):
    """Midnight at the start of ``date`` in the site's time zone."""
    return timezone.make_aware(
        datetime.datetime.combine(date, datetime.time.min),
        timezone.get_default_timezone(),
    )


class AwardCycle(models.Model):
    """One year's "Best Mentor of the Year" award in a programme.

    Nominations (and the optional ballot) open and close by the clock; staff
    set the dates once and never have to be at their desk at midnight. What
    staff decide (the winner, the announcement) is the ``status``.
    """

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
        default=AwardCycleStatus.SCHEDULED,
        editable=False,
    )
    nominations_open_at = models.DateTimeField(_("nominations open"))
    nominations_close_at = models.DateTimeField(_("nominations close"))
    ballot_opens_at = models.DateTimeField(
        _("voting opens"),
        null=True,
        blank=True,
        help_text=_(
            "Optional. With a ballot, staff shortlist the nominees after "
            "nominations close, and eligible residents and fellows vote once."
        ),
    )
    ballot_closes_at = models.DateTimeField(_("voting closes"), null=True, blank=True)
    annual_meeting_date = models.DateField(
        _("Annual Meeting"),
        help_text=_("Nominations and voting close before this day begins."),
    )
    nominator_stages = models.JSONField(
        _("who may nominate and vote"),
        default=default_nominator_stages,
        help_text=_("Career stages of the members who choose the Best Mentor."),
    )
    nominators_need_mentorship = models.BooleanField(
        _("only mentees of the programme"),
        default=True,
        help_text=_(
            "Only members with an active or completed mentorship in the "
            "programme may nominate and vote."
        ),
    )
    nominee_rule = models.CharField(
        _("who may be nominated"),
        max_length=20,
        choices=NomineeRule.choices,
        default=NomineeRule.OWN_MENTORS,
    )
    statement_min_length = models.PositiveSmallIntegerField(
        _("shortest statement (characters)"), default=50
    )
    statement_max_length = models.PositiveSmallIntegerField(
        _("longest statement (characters)"), default=2000
    )
    winner = models.ForeignKey(
        "acnm_mentoring.Member",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="awards_won",
        verbose_name=_("winner"),
    )
    citation = models.TextField(_("citation"), blank=True)
    announced_at = models.DateTimeField(_("announced"), null=True, blank=True)
    #: When the daily round told the members who may nominate that
    #: nominations are open: once per cycle.
    nominators_invited_at = models.DateTimeField(
        _("nominators invited"), null=True, blank=True, editable=False
    )

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
            models.CheckConstraint(
                condition=(
                    models.Q(
                        ballot_opens_at__isnull=True, ballot_closes_at__isnull=True
                    )
                    | models.Q(
                        ballot_opens_at__gte=models.F("nominations_close_at"),
                        ballot_closes_at__gt=models.F("ballot_opens_at"),
                    )
                ),
                name="acnm_award_ballot_after_nominations",
            ),
            models.CheckConstraint(
                condition=models.Q(
                    statement_max_length__gte=models.F("statement_min_length")
                ),
                name="acnm_award_statement_limits",
            ),
        ]

    def __str__(self):
        return _("Best Mentor of the Year %(year)s") % {"year": self.year}

    @property
    def has_ballot(self):
        return self.ballot_opens_at is not None

    @property
    def meeting_starts_at(self):
        return start_of_day(self.annual_meeting_date)

    @property
    def last_close(self):
        """When the members' part ends: the ballot's close, or nominations'."""
        return self.ballot_closes_at or self.nominations_close_at

    def phase(self, now=None):
        now = now or timezone.now()
        if self.status == AwardCycleStatus.ANNOUNCED:
            return AwardPhase.ANNOUNCED
        if now < self.nominations_open_at:
            return AwardPhase.NOT_OPEN
        if now < self.nominations_close_at:
            return AwardPhase.NOMINATING
        if self.has_ballot and self.ballot_opens_at <= now < self.ballot_closes_at:
            return AwardPhase.VOTING
        return AwardPhase.CLOSED

    def get_phase_display(self):
        return AwardPhase(self.phase()).label

    def members_part_over(self, now=None):
        return (now or timezone.now()) >= self.last_close

    def clean(self):
        errors = {}
        opens, closes = self.nominations_open_at, self.nominations_close_at
        if opens and closes and closes <= opens:
            errors["nominations_close_at"] = _(
                "Nominations must close after they open."
            )
        meeting = self.annual_meeting_date and self.meeting_starts_at
        if meeting and closes and closes > meeting:
            errors["nominations_close_at"] = _(
                "Nominations must close before the Annual Meeting (%(date)s) begins."
            ) % {"date": date_format(self.annual_meeting_date, "DATE_FORMAT")}
        if bool(self.ballot_opens_at) != bool(self.ballot_closes_at):
            field = "ballot_closes_at" if self.ballot_opens_at else "ballot_opens_at"
            errors[field] = _("Give both the opening and the closing of the vote.")
        elif self.has_ballot:
            if closes and self.ballot_opens_at < closes:
                errors["ballot_opens_at"] = _(
                    "Voting opens once nominations have closed."
                )
            if self.ballot_closes_at <= self.ballot_opens_at:
                errors["ballot_closes_at"] = _("Voting must close after it opens.")
            elif meeting and self.ballot_closes_at > meeting:
                errors["ballot_closes_at"] = _(
                    "Voting must close before the Annual Meeting (%(date)s) begins."
                ) % {"date": date_format(self.annual_meeting_date, "DATE_FORMAT")}
        stages = self.nominator_stages or []
        if not stages:
            errors["nominator_stages"] = _("Choose at least one career stage.")
        elif set(stages) - set(CareerStage.values):
            errors["nominator_stages"] = _("Unknown career stage.")
        if (
            self.statement_min_length is not None
            and self.statement_max_length is not None
            and self.statement_max_length < self.statement_min_length
        ):
            errors["statement_max_length"] = _(
                "The longest statement cannot be shorter than the shortest."
            )
        if errors:
            raise ValidationError(errors)

    def chosen_by(self):
        """ "residents and fellows": who chooses, in words."""
        labels = [
            str(CareerStage.plural(stage))
            for stage in CareerStage.values
            if stage in self.nominator_stages
        ]
        if len(labels) <= 1:
            return "".join(labels)
        return _("%(first)s and %(last)s") % {
            "first": ", ".join(labels[:-1]),
            "last": labels[-1],
        }


class NominationStatus(models.TextChoices):
    SUBMITTED = "submitted", _("Submitted")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class Nomination(models.Model):
    """A trainee's nomination of a mentor for the award; one per cycle each."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    cycle = models.ForeignKey(
        AwardCycle,
        on_delete=models.CASCADE,
        related_name="nominations",
        verbose_name=_("award cycle"),
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
    created_at = models.DateTimeField(_("nominated"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)

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


class ShortlistEntry(models.Model):
    """A nominee staff put on the ballot."""

    cycle = models.ForeignKey(
        AwardCycle,
        on_delete=models.CASCADE,
        related_name="shortlist",
        verbose_name=_("award cycle"),
    )
    nominee = models.ForeignKey(
        "acnm_mentoring.Member",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("mentor"),
    )

    class Meta:
        verbose_name = _("shortlisted mentor")
        verbose_name_plural = _("shortlist")
        constraints = [
            models.UniqueConstraint(
                fields=["cycle", "nominee"], name="acnm_shortlisted_once"
            ),
        ]

    def __str__(self):
        return str(self.nominee)


class Vote(models.Model):
    """One eligible member's vote on the ballot; cast once, never changed."""

    cycle = models.ForeignKey(
        AwardCycle,
        on_delete=models.CASCADE,
        related_name="votes",
        verbose_name=_("award cycle"),
    )
    voter = models.ForeignKey(
        "acnm_mentoring.Member",
        on_delete=models.CASCADE,
        related_name="award_votes",
        verbose_name=_("voter"),
    )
    nominee = models.ForeignKey(
        "acnm_mentoring.Member",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("mentor voted for"),
    )
    cast_at = models.DateTimeField(_("cast"), auto_now_add=True)

    class Meta:
        verbose_name = _("vote")
        verbose_name_plural = _("votes")
        constraints = [
            models.UniqueConstraint(
                fields=["cycle", "voter"], name="acnm_one_vote_per_cycle"
            ),
            models.CheckConstraint(
                condition=~models.Q(voter=models.F("nominee")),
                name="acnm_no_vote_for_oneself",
            ),
        ]

    def __str__(self):
        return _("Vote of %(voter)s") % {"voter": self.voter}
