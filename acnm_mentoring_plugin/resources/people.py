"""Who takes part: participants (mentees and mentors, a row each per
programme) and mentors with their places."""

from django.db.models import (
    Case,
    CharField,
    Exists,
    F,
    OuterRef,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce, Concat
from django.utils.translation import gettext_lazy as _

from ..db import person_name
from ..directory import with_places
from ..models import (
    Application,
    ApplicationRole,
    ApplicationStatus,
    CareerLevel,
    CareerStage,
    MentorProfile,
    Mentorship,
    MentorshipStatus,
)
from ..models.members import user_name_fields
from .base import Column, MemberColumns
from .columns import joined, names_of


def latest_applications(queryset=None):
    """One application per member, programme and role: the latest. A member
    declined once who applied again is one participant, not two."""
    queryset = Application.objects.all() if queryset is None else queryset
    return queryset.exclude(
        Exists(
            Application.objects.filter(
                member=OuterRef("member"),
                program=OuterRef("program"),
                role=OuterRef("role"),
                submitted_at__gt=OuterRef("submitted_at"),
            )
        )
    )


#: Where a participant stands: their partnership's status once they have
#: one, else their application's (marked, as both have an "accepted").
PARTICIPATION = {
    **{f"application:{value}": label for value, label in ApplicationStatus.choices},
    **dict(MentorshipStatus.choices),
}


class ParticipantResource(MemberColumns):
    """One row per member in a programme (and role): the participant list
    the association used to keep by hand."""

    name = "participants"

    role = Column("role", _("Role"), choices=ApplicationRole.choices)
    career_stage = Column(
        "member__career_stage", _("Career stage"), choices=CareerStage.choices
    )
    institution = Column("member__institution", _("Institution"))
    fields_of_interest = Column(
        "fields_of_interest", _("Fields of interest"), is_list=True
    )
    participation = Column("participation", _("Status"), choices=PARTICIPATION)
    counterpart = Column("counterpart", _("Mentor or mentees"), is_list=True)
    start = Column("start", _("Start"))
    planned_end = Column("planned_end", _("Planned end"))

    class Meta:
        model = Application
        fields = (
            *MemberColumns.MEMBER_FIELDS,
            "role",
            "career_stage",
            "institution",
            "fields_of_interest",
            "participation",
            "counterpart",
            "start",
            "planned_end",
        )

    def get_queryset(self):
        return latest_applications()

    def row_order(self):
        return ["program__name", "role", *user_name_fields("member__user__")[:2], "pk"]

    def annotate_rows(self, queryset):
        partnership = Mentorship.objects.filter(
            program=OuterRef("program"),
            mentee=OuterRef("member"),
            status__in=MentorshipStatus.live(),
        ).order_by("-requested_at")
        mentees = Mentorship.objects.filter(
            program=OuterRef("program"),
            mentor=OuterRef("member"),
            status__in=MentorshipStatus.holding_a_place(),
        )
        mentee = ApplicationRole.MENTEE
        applied = Concat(Value("application:"), F("status"))
        return (
            super()
            .annotate_rows(queryset)
            .annotate(
                fields_of_interest=names_of(
                    Application.interests.through, "application", "fieldofinterest"
                ),
                participation=Case(
                    When(
                        role=mentee,
                        then=Coalesce(
                            Subquery(partnership.values("status")[:1]), applied
                        ),
                    ),
                    default=applied,
                    output_field=CharField(),
                ),
                counterpart=Case(
                    When(
                        role=mentee,
                        then=Subquery(
                            partnership.annotate(
                                name=person_name("mentor__user__")
                            ).values("name")[:1]
                        ),
                    ),
                    default=joined(mentees, "mentor", person_name("mentee__user__")),
                    output_field=CharField(),
                ),
                start=Subquery(partnership.values("start_date")[:1]),
                planned_end=Subquery(partnership.values("planned_end_date")[:1]),
            )
        )


class MentorResource(MemberColumns):
    """Mentors with their places: who can take a mentee now."""

    name = "mentors"

    career_level = Column(
        "career_level", _("Career level"), choices=CareerLevel.choices
    )
    institution = Column("member__institution", _("Institution"))
    location = Column("member__location", _("Location"))
    specialties = Column("specialty_names", _("Fields"), is_list=True)
    directions = Column(
        "direction_names", _("Career directions advised on"), is_list=True
    )
    capacity = Column("capacity", _("Capacity"))
    places_taken = Column("places_taken", _("Mentees now"))
    free_places = Column("free_places", _("Free places"))
    accepting = Column("accepting_new_mentees", _("Accepting new mentees"))
    listed = Column("listed_in_directory", _("Listed in the directory"))

    class Meta:
        model = MentorProfile
        fields = (
            *MemberColumns.MEMBER_FIELDS,
            "career_level",
            "institution",
            "location",
            "specialties",
            "directions",
            "capacity",
            "places_taken",
            "free_places",
            "accepting",
            "listed",
        )

    def row_order(self):
        return ["program__name", *user_name_fields("member__user__")[:2], "pk"]

    def annotate_rows(self, queryset):
        through = MentorProfile.specialties.through
        directions = MentorProfile.career_directions.through
        return with_places(super().annotate_rows(queryset)).annotate(
            specialty_names=names_of(through, "mentorprofile", "fieldofinterest"),
            direction_names=names_of(directions, "mentorprofile", "careerdirection"),
        )
