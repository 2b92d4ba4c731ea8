from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils.translation import gettext_lazy as _


class MembershipStatus(models.TextChoices):
    ACTIVE = "active", _("Active")
    LAPSED = "lapsed", _("Lapsed")
    UNKNOWN = "unknown", _("Unknown")


class CareerStage(models.TextChoices):
    RESIDENT = "resident", _("Resident")
    FELLOW = "fellow", _("Fellow")
    RESEARCHER = "researcher", _("Researcher")
    JUNIOR_FACULTY = "junior_faculty", _("Junior faculty")
    SENIOR_FACULTY = "senior_faculty", _("Senior faculty")
    OTHER = "other", _("Other")

    @classmethod
    def trainees(cls):
        return {cls.RESIDENT, cls.FELLOW, cls.RESEARCHER}

    @classmethod
    def plural(cls, stage):
        """ "residents", for sentences such as "chosen by residents and fellows"."""
        return {
            cls.RESIDENT: _("residents"),
            cls.FELLOW: _("fellows"),
            cls.RESEARCHER: _("researchers"),
            cls.JUNIOR_FACULTY: _("junior faculty"),
            cls.SENIOR_FACULTY: _("senior faculty"),
            cls.OTHER: _("other members"),
        }[stage]


class Member(models.Model):
    """An association member's mentoring profile.

    Filled from the identity provider's claims at every sign-in, so the
    association's membership system stays the one source of who is a member.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="mentoring_member",
        verbose_name=_("user"),
    )
    membership_id = models.CharField(
        _("membership id"), max_length=64, blank=True, db_index=True
    )
    membership_status = models.CharField(
        _("membership status"),
        max_length=20,
        choices=MembershipStatus.choices,
        default=MembershipStatus.UNKNOWN,
    )
    career_stage = models.CharField(
        _("career stage"),
        max_length=20,
        choices=CareerStage.choices,
        default=CareerStage.OTHER,
    )
    training_year = models.PositiveSmallIntegerField(
        _("training year"), null=True, blank=True
    )
    institution = models.CharField(_("institution"), max_length=200, blank=True)
    location = models.CharField(_("location"), max_length=200, blank=True)
    interests = models.ManyToManyField(
        "acnm_mentoring.FieldOfInterest",
        blank=True,
        related_name="members",
        verbose_name=_("fields of interest"),
    )
    career_directions = models.ManyToManyField(
        "acnm_mentoring.CareerDirection",
        blank=True,
        related_name="members",
        verbose_name=_("career directions"),
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("member")
        verbose_name_plural = _("members")
        constraints = [
            models.UniqueConstraint(
                fields=["membership_id"],
                condition=~models.Q(membership_id=""),
                name="acnm_member_unique_membership_id",
            )
        ]

    def __str__(self):
        return self.display_name

    @property
    def display_name(self):
        full = self.user.get_full_name() if hasattr(self.user, "get_full_name") else ""
        return full or self.user.get_username()

    @property
    def email(self):
        field = self.user.get_email_field_name()
        return getattr(self.user, field, "")

    @property
    def is_trainee(self):
        return self.career_stage in CareerStage.trainees()

    @property
    def is_in_good_standing(self):
        return self.membership_status == MembershipStatus.ACTIVE


def user_name_fields(prefix=""):
    """The user model's name fields, for ordering and searching members.

    Sites may have a custom user model without ``first_name``/``last_name``;
    then the username field stands in.
    """
    User = get_user_model()
    names = []
    for name in ("last_name", "first_name", "email"):
        try:
            User._meta.get_field(name)
        except FieldDoesNotExist:
            continue
        names.append(name)
    if not {"last_name", "first_name"} & set(names):
        names.insert(0, User.USERNAME_FIELD)
    return [prefix + name for name in names]
