import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _


class ApplicationRole(models.TextChoices):
    MENTEE = "mentee", _("Mentee")
    MENTOR = "mentor", _("Mentor")


class ApplicationStatus(models.TextChoices):
    SUBMITTED = "submitted", _("Submitted")
    UNDER_REVIEW = "under_review", _("Under review")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")
    WITHDRAWN = "withdrawn", _("Withdrawn")

    @classmethod
    def open(cls):
        """Statuses in which an application still awaits a decision."""
        return [cls.SUBMITTED, cls.UNDER_REVIEW]


class Application(models.Model):
    """A member's application to a programme, as mentee or as mentor.

    Confidential: seen by the applicant and programme staff only. Pages
    address it by ``public_id`` so sequential ids give nothing away.
    """

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    program = models.ForeignKey(
        "acnm_mentoring.Program",
        on_delete=models.CASCADE,
        related_name="applications",
        verbose_name=_("programme"),
    )
    member = models.ForeignKey(
        "acnm_mentoring.Member",
        on_delete=models.CASCADE,
        related_name="applications",
        verbose_name=_("applicant"),
    )
    role = models.CharField(_("role"), max_length=10, choices=ApplicationRole.choices)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=ApplicationStatus.choices,
        default=ApplicationStatus.SUBMITTED,
    )
    training_programme = models.CharField(
        _("training programme"),
        max_length=200,
        blank=True,
        help_text=_("Your residency or fellowship programme and institution."),
    )
    training_year = models.PositiveSmallIntegerField(
        _("training year"), null=True, blank=True
    )
    expected_completion = models.DateField(
        _("expected completion of training"), null=True, blank=True
    )
    goals = models.TextField(_("goals"))
    interests = models.ManyToManyField(
        "acnm_mentoring.FieldOfInterest",
        blank=True,
        related_name="applications",
        verbose_name=_("fields of interest"),
    )
    career_directions = models.ManyToManyField(
        "acnm_mentoring.CareerDirection",
        blank=True,
        related_name="applications",
        verbose_name=_("career directions"),
    )
    preferred_mentor = models.ForeignKey(
        "acnm_mentoring.MentorProfile",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("preferred mentor"),
    )
    staff_notes = models.TextField(
        _("staff notes"),
        blank=True,
        help_text=_("Seen by programme staff only, never by the applicant."),
    )
    submitted_at = models.DateTimeField(_("submitted"), auto_now_add=True)
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)

    #: What the applicant answered, in the order the form asks it.
    ANSWER_FIELDS = [
        "training_programme",
        "training_year",
        "expected_completion",
        "goals",
        "interests",
        "career_directions",
        "preferred_mentor",
    ]
    #: Who applied to what, and where it stands.
    RECORD_FIELDS = [
        "member",
        "role",
        "program",
        "status",
        "submitted_at",
        "decided_at",
    ]

    class Meta:
        verbose_name = _("application")
        verbose_name_plural = _("applications")
        ordering = ["-submitted_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["member", "program", "role"],
                condition=models.Q(status__in=["submitted", "under_review"]),
                name="acnm_one_open_application_per_member_role_program",
            )
        ]

    def __str__(self):
        return _("%(member)s as %(role)s in %(program)s") % {
            "member": self.member,
            "role": self.get_role_display().lower(),
            "program": self.program,
        }

    @property
    def is_open(self):
        return self.status in ApplicationStatus.open()
