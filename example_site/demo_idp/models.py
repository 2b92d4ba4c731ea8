from django.conf import settings
from django.db import models


class MembershipStatus(models.TextChoices):
    ACTIVE = "active", "Active"
    LAPSED = "lapsed", "Lapsed"


class CareerStage(models.TextChoices):
    RESIDENT = "resident", "Resident"
    FELLOW = "fellow", "Fellow"
    RESEARCHER = "researcher", "Researcher"
    JUNIOR_FACULTY = "junior_faculty", "Junior faculty"
    SENIOR_FACULTY = "senior_faculty", "Senior faculty"
    OTHER = "other", "Other"


class Identity(models.Model):
    """What the association's member database knows of one member.

    The fields are sent to the mentoring site as claims of the ``membership``
    scope; the user's names and e-mail as the standard ``profile`` and
    ``email`` claims.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="identity"
    )
    membership_id = models.CharField(max_length=32, unique=True)
    membership_status = models.CharField(
        max_length=16, choices=MembershipStatus.choices, default=MembershipStatus.ACTIVE
    )
    career_stage = models.CharField(
        max_length=32, choices=CareerStage.choices, default=CareerStage.OTHER
    )
    training_year = models.PositiveSmallIntegerField(null=True, blank=True)
    institution = models.CharField(max_length=200, blank=True)

    class Meta:
        verbose_name_plural = "identities"

    def __str__(self):
        return f"{self.membership_id} ({self.user.get_username()})"
