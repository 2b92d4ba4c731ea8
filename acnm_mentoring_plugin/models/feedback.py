"""Feedback on progress: what each party says of a partnership, and when.

At each interval of the programme (every six months unless it says
otherwise) the mentor gives feedback on the mentee's academic progress and
the mentee rates the partnership; when the partnership ends both answer a
short end-of-term survey. One row per answer, so a period answered cannot be
answered twice and a reminder knows what is still missing.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _


class FeedbackKind(models.TextChoices):
    #: At each interval of the programme, while the partnership is active.
    PERIODIC = "periodic", _("Periodic feedback")
    #: Once, when the partnership has ended.
    END_OF_TERM = "end_of_term", _("End-of-term survey")


class Respondent(models.TextChoices):
    MENTOR = "mentor", _("Mentor")
    MENTEE = "mentee", _("Mentee")


class GoalsMet(models.TextChoices):
    MET = "met", _("Yes, all of them")
    PARTLY = "partly", _("Some of them")
    NOT_MET = "not_met", _("No")


#: A rating is 1 to 5; what each end of the scale means depends on the
#: question (``feedback.QUESTIONS``).
RATING_MIN, RATING_MAX = 1, 5


class Feedback(models.Model):
    """One party's answer for one period of a partnership, or its end.

    ``period`` counts the programme's intervals from the start (1, 2, ...);
    the end-of-term survey has period 0. Confidential: the pair and
    programme staff only, and a mentee's rating never reaches the mentor
    except folded into figures (``feedback.mentor_ratings``). Changed
    through ``services.give_feedback`` only.
    """

    mentorship = models.ForeignKey(
        "acnm_mentoring.Mentorship",
        on_delete=models.CASCADE,
        related_name="feedback",
        verbose_name=_("partnership"),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=FeedbackKind.choices)
    respondent = models.CharField(
        _("given by"), max_length=10, choices=Respondent.choices
    )
    period = models.PositiveSmallIntegerField(_("period"))
    rating = models.PositiveSmallIntegerField(
        _("rating"),
        validators=[MinValueValidator(RATING_MIN), MaxValueValidator(RATING_MAX)],
    )
    comments = models.TextField(_("comments"), blank=True)
    goals_met = models.CharField(
        _("goals of the agreement met"),
        max_length=10,
        choices=GoalsMet.choices,
        blank=True,
    )
    would_recommend = models.BooleanField(
        _("would recommend the programme"), null=True, blank=True
    )
    given_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    given_at = models.DateTimeField(_("given"), auto_now_add=True)

    class Meta:
        verbose_name = _("feedback")
        verbose_name_plural = _("feedback")
        ordering = ["mentorship", "kind", "period", "respondent"]
        constraints = [
            models.UniqueConstraint(
                fields=["mentorship", "kind", "respondent", "period"],
                name="acnm_one_answer_per_party_and_period",
            ),
            models.CheckConstraint(
                condition=models.Q(rating__gte=RATING_MIN)
                & models.Q(rating__lte=RATING_MAX),
                name="acnm_feedback_rating_range",
            ),
            models.CheckConstraint(
                condition=(
                    models.Q(kind="periodic", period__gte=1)
                    | models.Q(kind="end_of_term", period=0)
                ),
                name="acnm_feedback_period_fits_kind",
            ),
        ]

    def __str__(self):
        if self.kind == FeedbackKind.END_OF_TERM:
            return _("End-of-term survey by the %(respondent)s") % {
                "respondent": self.get_respondent_display().lower()
            }
        return _("Feedback by the %(respondent)s, period %(period)s") % {
            "respondent": self.get_respondent_display().lower(),
            "period": self.period,
        }


class FeedbackReminder(models.Model):
    """A reminder sent because an answer was due and not given.

    One per party and period, like ``ContactReminder``: the database refuses
    a second, so the daily round run twice, or on two servers, sends it once.
    """

    mentorship = models.ForeignKey(
        "acnm_mentoring.Mentorship",
        on_delete=models.CASCADE,
        related_name="feedback_reminders",
    )
    kind = models.CharField(_("kind"), max_length=20, choices=FeedbackKind.choices)
    respondent = models.CharField(
        _("reminded"), max_length=10, choices=Respondent.choices
    )
    period = models.PositiveSmallIntegerField(_("period"))
    sent_at = models.DateTimeField(_("sent"), auto_now_add=True)

    class Meta:
        verbose_name = _("feedback reminder")
        verbose_name_plural = _("feedback reminders")
        ordering = ["-sent_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["mentorship", "kind", "respondent", "period"],
                name="acnm_one_feedback_reminder_per_period",
            )
        ]

    def __str__(self):
        return f"{self.mentorship}: {self.kind} {self.respondent} {self.period}"
