from django.db import models
from django.utils.translation import gettext_lazy as _
from modelsearch import index


class CareerLevel(models.TextChoices):
    JUNIOR = "junior", _("Junior faculty")
    SENIOR = "senior", _("Senior faculty")


class MentorProfile(index.Indexed, models.Model):
    """A faculty member approved as mentor in one programme.

    Indexed with django-modelsearch, the search library under Wagtail's
    search (and usable without Wagtail), so the directory searches names,
    biography, institution, location, fields and career directions with the
    database's own full-text search on SQLite and PostgreSQL.
    """

    member = models.ForeignKey(
        "acnm_mentoring.Member",
        on_delete=models.CASCADE,
        related_name="mentor_profiles",
        verbose_name=_("member"),
    )
    program = models.ForeignKey(
        "acnm_mentoring.Program",
        on_delete=models.CASCADE,
        related_name="mentor_profiles",
        verbose_name=_("programme"),
    )
    bio = models.TextField(_("biography"), blank=True)
    photo = models.ImageField(
        _("photo"), upload_to="acnm_mentoring/mentors/", blank=True
    )
    specialties = models.ManyToManyField(
        "acnm_mentoring.FieldOfInterest",
        blank=True,
        related_name="mentor_profiles",
        verbose_name=_("specialties"),
    )
    career_level = models.CharField(
        _("career level"),
        max_length=10,
        choices=CareerLevel.choices,
        default=CareerLevel.SENIOR,
    )
    career_directions = models.ManyToManyField(
        "acnm_mentoring.CareerDirection",
        blank=True,
        related_name="mentor_profiles",
        verbose_name=_("career directions advised on"),
    )
    capacity = models.PositiveSmallIntegerField(
        _("capacity"),
        help_text=_("How many mentees at once."),
    )
    accepting_new_mentees = models.BooleanField(
        _("accepting new mentees"), default=True
    )
    listed_in_directory = models.BooleanField(
        _("listed in the directory"), default=True
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    search_fields = [
        index.SearchField("bio"),
        index.RelatedFields(
            "member",
            [
                index.SearchField("institution"),
                index.SearchField("location"),
                index.RelatedFields(
                    "user",
                    [index.SearchField("first_name"), index.SearchField("last_name")],
                ),
            ],
        ),
        index.RelatedFields("specialties", [index.SearchField("name")]),
        index.RelatedFields("career_directions", [index.SearchField("name")]),
        index.FilterField("program_id"),
    ]

    class Meta:
        verbose_name = _("mentor profile")
        verbose_name_plural = _("mentor profiles")
        constraints = [
            models.UniqueConstraint(
                fields=["member", "program"], name="acnm_mentor_one_profile_per_program"
            )
        ]

    def __str__(self):
        return str(self.member)

    @property
    def places(self):
        """ "2 of 3": places taken of the capacity, where they were counted."""
        taken = getattr(self, "places_taken", None)
        if taken is None:
            return str(self.capacity)
        return _("%(taken)d of %(capacity)d") % {
            "taken": taken,
            "capacity": self.capacity,
        }
