"""The programme's settings and lists: programmes, agreement terms, fields of
interest and career directions, downloadable like everything else."""

from django.utils.translation import gettext_lazy as _

from ..models import (
    AgreementTerms,
    CareerDirection,
    DirectoryVisibility,
    FieldOfInterest,
    Program,
)
from .base import Column, MentoringResource


class ProgramResource(MentoringResource):
    name = "programmes"

    programme = Column("name", _("Programme"))
    slug = Column("slug", _("Slug"))
    is_open = Column("is_open", _("Accepting applications"))
    coordinator = Column("coordinator_name", _("Coordinator"))
    coordinator_email = Column("coordinator_email", _("Coordinator's e-mail"))
    postal_address = Column("postal_address", _("Postal address"))
    fax = Column("fax", _("Fax"))
    directory = Column(
        "directory_visibility",
        _("Mentor directory"),
        choices=DirectoryVisibility.choices,
    )
    capacity = Column("default_mentor_capacity", _("Default mentor capacity"))
    expiry = Column("request_expiry_days", _("Days a request waits"))
    reminder = Column("request_reminder_days", _("Reminder after (days)"))
    open_requests = Column("max_open_requests", _("Open requests per mentee"))
    contact_days = Column("contact_reminder_days", _("Contact reminder (days)"))
    feedback_months = Column(
        "feedback_interval_months", _("Feedback interval (months)")
    )

    class Meta:
        model = Program
        fields = (
            "programme",
            "slug",
            "is_open",
            "coordinator",
            "coordinator_email",
            "postal_address",
            "fax",
            "directory",
            "capacity",
            "expiry",
            "reminder",
            "open_requests",
            "contact_days",
            "feedback_months",
        )

    def row_order(self):
        return ["name", "pk"]


class AgreementTermsResource(MentoringResource):
    name = "agreement_terms"

    programme = Column("program__name", _("Programme"))
    version = Column("version", _("Version"))
    published = Column("created_at", _("Published"))
    text = Column("text", _("Terms"))

    class Meta:
        model = AgreementTerms
        fields = ("programme", "version", "published", "text")

    def row_order(self):
        return ["program__name", "-version"]


class FieldOfInterestResource(MentoringResource):
    name = "fields"

    field_name = Column("name", _("Field of interest"))
    slug = Column("slug", _("Slug"))
    sort_order = Column("sort_order", _("Sort order"))

    class Meta:
        model = FieldOfInterest
        fields = ("field_name", "slug", "sort_order")

    def row_order(self):
        return ["sort_order", "name"]


class CareerDirectionResource(MentoringResource):
    name = "career_directions"

    direction = Column("name", _("Career direction"))
    slug = Column("slug", _("Slug"))
    sort_order = Column("sort_order", _("Sort order"))

    class Meta:
        model = CareerDirection
        fields = ("direction", "slug", "sort_order")

    def row_order(self):
        return ["sort_order", "name"]
