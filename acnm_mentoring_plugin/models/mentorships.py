import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _


class MentorshipStatus(models.TextChoices):
    REQUESTED = "requested", _("Requested")
    DECLINED = "declined", _("Declined by the mentor")
    WITHDRAWN = "withdrawn", _("Withdrawn by the mentee")
    EXPIRED = "expired", _("Request expired")
    ACCEPTED = "accepted", _("Accepted, agreement to sign")
    ACTIVE = "active", _("Active")
    COMPLETED = "completed", _("Completed")
    ENDED_EARLY = "ended_early", _("Ended early")

    @classmethod
    def holding_a_place(cls):
        """Statuses that take one of the mentor's places."""
        return [cls.ACCEPTED, cls.ACTIVE]

    @classmethod
    def live(cls):
        return [cls.REQUESTED, cls.ACCEPTED, cls.ACTIVE]

    @classmethod
    def request_only(cls):
        """Statuses of a request that never became a partnership."""
        return [cls.REQUESTED, cls.DECLINED, cls.WITHDRAWN, cls.EXPIRED]


class Mentorship(models.Model):
    """A mentor and a mentee in a programme, from request to the end.

    ``mentor`` points at the member (not the profile) so that "nobody
    mentors themself" can be a database constraint.
    """

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    program = models.ForeignKey(
        "acnm_mentoring.Program",
        on_delete=models.CASCADE,
        related_name="mentorships",
        verbose_name=_("programme"),
    )
    mentor = models.ForeignKey(
        "acnm_mentoring.Member",
        on_delete=models.CASCADE,
        related_name="mentorships_as_mentor",
        verbose_name=_("mentor"),
    )
    mentee = models.ForeignKey(
        "acnm_mentoring.Member",
        on_delete=models.CASCADE,
        related_name="mentorships_as_mentee",
        verbose_name=_("mentee"),
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=MentorshipStatus.choices,
        default=MentorshipStatus.REQUESTED,
    )
    matched_by_staff = models.BooleanField(_("matched by staff"), default=False)
    request_message = models.TextField(_("message to the mentor"), blank=True)
    requested_at = models.DateTimeField(_("requested"), auto_now_add=True)
    expires_at = models.DateTimeField(
        _("request expires"), null=True, blank=True, db_index=True
    )
    reminder_sent_at = models.DateTimeField(_("mentor reminded"), null=True, blank=True)
    responded_at = models.DateTimeField(_("answered"), null=True, blank=True)
    start_date = models.DateField(_("start"), null=True, blank=True)
    planned_end_date = models.DateField(_("planned end"), null=True, blank=True)
    ended_at = models.DateTimeField(_("ended"), null=True, blank=True)
    end_reason = models.TextField(_("reason for ending"), blank=True)

    class Meta:
        verbose_name = _("mentorship")
        verbose_name_plural = _("mentorships")
        ordering = ["-requested_at"]
        indexes = [
            # A mentor's places taken, counted on every directory card, and a
            # mentee's open requests and mentor.
            models.Index(
                fields=["mentor", "program", "status"], name="acnm_pair_by_mentor"
            ),
            models.Index(
                fields=["mentee", "program", "status"], name="acnm_pair_by_mentee"
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(mentor=models.F("mentee")),
                name="acnm_nobody_mentors_themself",
            ),
            models.UniqueConstraint(
                fields=["program", "mentor", "mentee"],
                condition=models.Q(status__in=["requested", "accepted", "active"]),
                name="acnm_one_live_mentorship_per_pair",
            ),
        ]

    def __str__(self):
        return _("%(mentor)s mentoring %(mentee)s") % {
            "mentor": self.mentor,
            "mentee": self.mentee,
        }

    def get_absolute_url(self):
        """The request's page while it is one, then the partnership's."""
        from django.urls import reverse

        if self.status in MentorshipStatus.request_only():
            return reverse("acnm_mentoring:request_detail", args=[self.public_id])
        return reverse("acnm_mentoring:partnership", args=[self.public_id])


class Agreement(models.Model):
    """The Mentor/Mentee Agreement of one mentorship.

    Keeps the exact terms text each party signed, so a later edit of the
    programme's terms never changes what was agreed.
    """

    class Cadence(models.TextChoices):
        MONTHLY = "monthly", _("Monthly")
        FORTNIGHTLY = "fortnightly", _("Every two weeks")
        WEEKLY = "weekly", _("Weekly")
        OTHER = "other", _("At other agreed intervals")

    mentorship = models.OneToOneField(
        Mentorship, on_delete=models.CASCADE, related_name="agreement"
    )
    terms = models.ForeignKey(
        "acnm_mentoring.AgreementTerms",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="agreements",
    )
    terms_text = models.TextField(_("terms signed"))
    goals = models.TextField(_("agreed goals"), blank=True)
    contact_cadence = models.CharField(
        _("contact cadence"),
        max_length=20,
        choices=Cadence.choices,
        default=Cadence.MONTHLY,
    )
    planned_term_years = models.PositiveSmallIntegerField(
        _("planned term (years)"), default=1
    )
    mentee_signature = models.CharField(
        _("mentee signature"), max_length=200, blank=True
    )
    mentee_signed_at = models.DateTimeField(null=True, blank=True)
    mentor_signature = models.CharField(
        _("mentor signature"), max_length=200, blank=True
    )
    mentor_signed_at = models.DateTimeField(null=True, blank=True)
    completed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("Mentor/Mentee Agreement")
        verbose_name_plural = _("Mentor/Mentee Agreements")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(planned_term_years__gte=1)
                & models.Q(planned_term_years__lte=3),
                name="acnm_agreement_term_one_to_three_years",
            )
        ]

    def __str__(self):
        return _("Agreement: %(mentorship)s") % {"mentorship": self.mentorship}

    @property
    def is_complete(self):
        return bool(self.mentee_signed_at and self.mentor_signed_at)

    @property
    def signatures(self):
        """(who, typed name, when) for the mentor, then the mentee."""
        return [
            (_("Mentor"), self.mentor_signature, self.mentor_signed_at),
            (_("Mentee"), self.mentee_signature, self.mentee_signed_at),
        ]


class ContactMethod(models.TextChoices):
    EMAIL = "email", _("E-mail")
    PHONE = "phone", _("Telephone")
    VIDEO = "video", _("Video call")
    IN_PERSON = "in_person", _("In person")


class ContactLog(models.Model):
    """One contact between the pair; notes are private to the two of them."""

    mentorship = models.ForeignKey(
        Mentorship, on_delete=models.CASCADE, related_name="contacts"
    )
    date = models.DateField(_("date"))
    method = models.CharField(_("how"), max_length=20, choices=ContactMethod.choices)
    notes = models.TextField(_("notes"), blank=True)
    logged_by = models.ForeignKey(
        "acnm_mentoring.Member", on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("contact")
        verbose_name_plural = _("contact log")
        ordering = ["-date", "-created_at"]

    def __str__(self):
        return f"{self.date}: {self.get_method_display()}"


class ContactReminder(models.Model):
    """A reminder sent because a pair logged no contact for too long.

    One per pair and quiet period (``since``: the last contact, or the
    start): the database refuses a second, so a reminder job run twice, or
    on two servers at once, never sends it twice.
    """

    mentorship = models.ForeignKey(
        Mentorship, on_delete=models.CASCADE, related_name="contact_reminders"
    )
    since = models.DateField(_("no contact since"))
    sent_at = models.DateTimeField(_("sent"), auto_now_add=True)

    class Meta:
        verbose_name = _("contact reminder")
        verbose_name_plural = _("contact reminders")
        ordering = ["-sent_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["mentorship", "since"],
                name="acnm_one_reminder_per_quiet_period",
            )
        ]

    def __str__(self):
        return f"{self.mentorship}: {self.since}"
