"""The programme's records: applications, partnerships with their agreement,
contact activity and award nominations."""

from django.db.models import Case, CharField, Max, OuterRef, Q, Subquery, Value, When
from django.utils.translation import gettext_lazy as _

from ..db import person_email, person_name
from ..models import (
    Application,
    ApplicationRole,
    ApplicationStatus,
    CareerStage,
    ContactLog,
    ContactMethod,
    Mentorship,
    MentorshipStatus,
    Nomination,
    NominationStatus,
)
from ..models.members import user_name_fields
from .base import Column, MemberColumns, MentoringResource
from .columns import names_of


class ApplicationResource(MemberColumns):
    name = "applications"

    role = Column("role", _("Role"), choices=ApplicationRole.choices)
    status = Column("status", _("Status"), choices=ApplicationStatus.choices)
    submitted = Column("submitted_at", _("Submitted"))
    decided = Column("decided_at", _("Decided"))
    career_stage = Column(
        "member__career_stage", _("Career stage"), choices=CareerStage.choices
    )
    training_programme = Column("training_programme", _("Training programme"))
    training_year = Column("training_year", _("Training year"))
    expected_completion = Column("expected_completion", _("Expected completion"))
    goals = Column("goals", _("Goals"))
    interests = Column("interest_names", _("Fields of interest"), is_list=True)
    directions = Column("direction_names", _("Career directions"), is_list=True)
    preferred_mentor = Column("preferred_mentor_name", _("Preferred mentor"))

    class Meta:
        model = Application
        fields = (
            *MemberColumns.MEMBER_FIELDS,
            "role",
            "status",
            "submitted",
            "decided",
            "career_stage",
            "training_programme",
            "training_year",
            "expected_completion",
            "goals",
            "interests",
            "directions",
            "preferred_mentor",
        )

    def row_order(self):
        return ["-submitted_at", "pk"]

    def annotate_rows(self, queryset):
        return (
            super()
            .annotate_rows(queryset)
            .annotate(
                interest_names=names_of(
                    Application.interests.through, "application", "fieldofinterest"
                ),
                direction_names=names_of(
                    Application.career_directions.through,
                    "application",
                    "careerdirection",
                ),
                preferred_mentor_name=person_name("preferred_mentor__member__user__"),
            )
        )


AGREEMENT_STATES = {
    "none": _("Not started"),
    "mentee": _("Waiting for the mentee's signature"),
    "mentor": _("Waiting for the mentor's signature"),
    "both": _("Waiting for both signatures"),
    "signed": _("Signed by both"),
}


class MentorshipResource(MentoringResource):
    """Requests and partnerships, with where their agreement stands."""

    name = "mentorships"

    programme = Column("program__name", _("Programme"))
    mentee = Column("mentee_name", _("Mentee"))
    mentee_email = Column("mentee_email", _("Mentee's e-mail"))
    mentor = Column("mentor_name", _("Mentor"))
    mentor_email = Column("mentor_email", _("Mentor's e-mail"))
    status = Column("status", _("Status"), choices=MentorshipStatus.choices)
    matched_by_staff = Column("matched_by_staff", _("Matched by staff"))
    requested = Column("requested_at", _("Requested"))
    start = Column("start_date", _("Start"))
    planned_end = Column("planned_end_date", _("Planned end"))
    ended = Column("ended_at", _("Ended"))
    agreement = Column("agreement_state", _("Agreement"), choices=AGREEMENT_STATES)
    last_contact = Column("last_contact", _("Last contact"))

    class Meta:
        model = Mentorship
        fields = (
            "programme",
            "mentee",
            "mentee_email",
            "mentor",
            "mentor_email",
            "status",
            "matched_by_staff",
            "requested",
            "start",
            "planned_end",
            "ended",
            "agreement",
            "last_contact",
        )

    def row_order(self):
        return ["-requested_at", "pk"]

    def annotate_rows(self, queryset):
        mentee_signed = Q(agreement__mentee_signed_at__isnull=False)
        mentor_signed = Q(agreement__mentor_signed_at__isnull=False)
        return queryset.annotate(
            mentee_name=person_name("mentee__user__"),
            mentee_email=person_email("mentee__user__"),
            mentor_name=person_name("mentor__user__"),
            mentor_email=person_email("mentor__user__"),
            agreement_state=Case(
                When(agreement__isnull=True, then=Value("none")),
                When(mentee_signed & mentor_signed, then=Value("signed")),
                When(mentee_signed, then=Value("mentor")),
                When(mentor_signed, then=Value("mentee")),
                default=Value("both"),
                output_field=CharField(),
            ),
            last_contact=Subquery(
                ContactLog.objects.filter(mentorship=OuterRef("pk"))
                .order_by()
                .values("mentorship")
                .annotate(last=Max("date"))
                .values("last")
            ),
        )


class ContactActivityResource(MentoringResource):
    """When pairs were in touch and how; never what was said (the notes are
    the pair's alone)."""

    name = "contacts"

    programme = Column("mentorship__program__name", _("Programme"))
    mentee = Column("mentee_name", _("Mentee"))
    mentor = Column("mentor_name", _("Mentor"))
    date = Column("date", _("Date"))
    method = Column("method", _("How"), choices=ContactMethod.choices)
    logged_by = Column("logged_by_name", _("Logged by"))

    class Meta:
        model = ContactLog
        fields = (
            "programme",
            "mentee",
            "mentor",
            "date",
            "method",
            "logged_by",
        )

    def row_order(self):
        return ["-date", "pk"]

    def annotate_rows(self, queryset):
        return queryset.annotate(
            mentee_name=person_name("mentorship__mentee__user__"),
            mentor_name=person_name("mentorship__mentor__user__"),
            logged_by_name=person_name("logged_by__user__"),
        )


class NominationResource(MentoringResource):
    """Best Mentor of the Year nominations, to read and to tally."""

    name = "nominations"

    programme = Column("cycle__program__name", _("Programme"))
    year = Column("cycle__year", _("Award year"))
    nominee = Column("nominee_name", _("Mentor nominated"))
    nominator = Column("nominator_name", _("Nominated by"))
    nominator_email = Column("nominator_email", _("Nominator's e-mail"))
    status = Column("status", _("Status"), choices=NominationStatus.choices)
    statement = Column("statement", _("Statement"))
    created = Column("created_at", _("Nominated"))
    updated = Column("updated_at", _("Last changed"))

    class Meta:
        model = Nomination
        fields = (
            "programme",
            "year",
            "nominee",
            "nominator",
            "nominator_email",
            "status",
            "statement",
            "created",
            "updated",
        )

    def row_order(self):
        return ["-cycle__year", *user_name_fields("nominee__user__")[:2], "pk"]

    def annotate_rows(self, queryset):
        return queryset.annotate(
            nominee_name=person_name("nominee__user__"),
            nominator_name=person_name("nominator__user__"),
            nominator_email=person_email("nominator__user__"),
        )
