from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _


class DirectoryVisibility(models.TextChoices):
    MEMBERS = "members", _("Signed-in members only")
    PUBLIC = "public", _("Everyone (without contact details)")


class Program(models.Model):
    """One mentoring programme; an association may run several."""

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    is_open = models.BooleanField(
        _("accepting applications"),
        default=True,
        help_text=_("When off, application forms say the programme is closed."),
    )
    coordinator_name = models.CharField(_("coordinator name"), max_length=200)
    coordinator_email = models.EmailField(
        _("coordinator e-mail"),
        help_text=_("Receives a notice of every new application."),
    )
    postal_address = models.TextField(
        _("postal address"),
        blank=True,
        help_text=_("Still shown for members who prefer paper forms."),
    )
    fax = models.CharField(_("fax"), max_length=50, blank=True)
    directory_visibility = models.CharField(
        _("mentor directory visible to"),
        max_length=20,
        choices=DirectoryVisibility.choices,
        default=DirectoryVisibility.MEMBERS,
    )
    default_mentor_capacity = models.PositiveSmallIntegerField(
        _("default mentor capacity"),
        default=3,
        help_text=_("How many mentees a new mentor takes unless they say otherwise."),
    )
    request_expiry_days = models.PositiveSmallIntegerField(
        _("mentor requests expire after (days)"),
        default=14,
        validators=[MinValueValidator(1)],
        help_text=_(
            "A request the mentor has not answered within this many days "
            "expires, and the mentee may ask someone else."
        ),
    )
    request_reminder_days = models.PositiveSmallIntegerField(
        _("remind mentors (days before expiry)"),
        default=3,
        help_text=_(
            "The mentor is reminded of an unanswered request this many days "
            "before it expires. 0: no reminder."
        ),
    )
    max_open_requests = models.PositiveSmallIntegerField(
        _("open requests per mentee"),
        default=3,
        validators=[MinValueValidator(1)],
        help_text=_("How many mentors a mentee may ask at the same time."),
    )
    contact_reminder_days = models.PositiveSmallIntegerField(
        _("contact reminder interval (days)"),
        default=31,
        help_text=_(
            "The programme recommends monthly contact; a pair that has logged no "
            "contact for this many days is reminded."
        ),
    )
    staff_groups = models.ManyToManyField(
        "auth.Group",
        blank=True,
        related_name="mentoring_programmes",
        verbose_name=_("Staff groups"),
        help_text=_(
            "Members of these groups run this programme: they review, match, "
            "run the award and export. Leave empty to let everyone with the "
            "'Can review, match, export and run the award of programmes' "
            "permission run it."
        ),
    )
    feedback_interval_months = models.PositiveSmallIntegerField(
        _("feedback interval (months)"),
        default=6,
        validators=[MinValueValidator(1), MaxValueValidator(24)],
        help_text=_(
            "How often mentors give feedback on their mentee's progress and "
            "mentees rate the partnership."
        ),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("mentoring programme")
        verbose_name_plural = _("mentoring programmes")
        ordering = ["name"]
        permissions = [
            (
                "manage_program",
                _("Can review, match, export and run the award of programmes"),
            ),
            (
                "export_data",
                _("Can export participant lists and the programme's records"),
            ),
        ]

    def __str__(self):
        return self.name

    @property
    def current_terms(self):
        return self.agreement_terms.order_by("-version").first()


class AgreementTerms(models.Model):
    """A version of the Mentor/Mentee Agreement text.

    Versions are never edited once signed against: each agreement keeps the
    exact text its parties signed, and new pairs sign the newest version.
    """

    program = models.ForeignKey(
        Program, on_delete=models.CASCADE, related_name="agreement_terms"
    )
    version = models.PositiveIntegerField(_("version"))
    text = models.TextField(_("terms"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("agreement terms")
        verbose_name_plural = _("agreement terms")
        ordering = ["program", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["program", "version"], name="acnm_terms_unique_version"
            )
        ]

    def __str__(self):
        return _("%(program)s terms, version %(version)s") % {
            "program": self.program,
            "version": self.version,
        }


class FieldOfInterest(models.Model):
    """A field of nuclear medicine (cardiology, oncology, PET, ...)."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    sort_order = models.PositiveSmallIntegerField(_("sort order"), default=0)

    class Meta:
        verbose_name = _("field of interest")
        verbose_name_plural = _("fields of interest")
        ordering = ["sort_order", "name"]

    def __str__(self):
        return self.name


class CareerDirection(models.Model):
    """Where a trainee is heading: academic centre, private practice, industry."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    sort_order = models.PositiveSmallIntegerField(_("sort order"), default=0)

    class Meta:
        verbose_name = _("career direction")
        verbose_name_plural = _("career directions")
        ordering = ["sort_order", "name"]

    def __str__(self):
        return self.name
