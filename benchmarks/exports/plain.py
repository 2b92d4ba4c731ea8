"""The participant list as django-import-export's documentation writes a
resource: what the plugin's export is measured against.

Related columns are ``member__user__email``-style attributes, and what is
not an attribute is a ``dehydrate_<field>()`` method on the model instance
("Data manipulation on export" in import-export's advanced usage). The rows
are the same as the plugin's (``latest_applications()``, in the same order,
so the two files compare line by line), with the same headers.

Tuned as far as a careful reader of Django's and import-export's documentation
would, no further:

- ``select_related("member__user", "program")``, so the member, their user
  and the programme come with each application;
- a row's partnership is looked up once and kept on the row's instance for
  the four columns that read it (status, counterpart, start, planned end);
- fields of interest are ``application.interests.all()``, a query per row.
  ``prefetch_related("interests")`` would make it one query per chunk, but
  import-export then pages the queryset with ``Paginator`` (100 rows a page
  by default, each page an ``OFFSET`` query that sorts every row again)
  instead of streaming it, so it is left out.

Cells are not neutralised, as import-export's default settings leave them.
"""

from django.utils.translation import gettext_lazy as _
from import_export import fields, resources

from acnm_mentoring_plugin.models import (
    Application,
    ApplicationRole,
    ApplicationStatus,
    Mentorship,
    MentorshipStatus,
)
from acnm_mentoring_plugin.resources import latest_applications


class PlainParticipantResource(resources.ModelResource):
    full_name = fields.Field(column_name=_("Name"))
    email = fields.Field(attribute="member__user__email", column_name=_("E-mail"))
    membership_id = fields.Field(
        attribute="member__membership_id", column_name=_("Membership ID")
    )
    programme = fields.Field(attribute="program__name", column_name=_("Programme"))
    role = fields.Field(column_name=_("Role"))
    career_stage = fields.Field(column_name=_("Career stage"))
    institution = fields.Field(
        attribute="member__institution", column_name=_("Institution")
    )
    fields_of_interest = fields.Field(column_name=_("Fields of interest"))
    participation = fields.Field(column_name=_("Status"))
    counterpart = fields.Field(column_name=_("Mentor or mentees"))
    start = fields.Field(column_name=_("Start"))
    planned_end = fields.Field(column_name=_("Planned end"))

    class Meta:
        model = Application
        fields = (
            "full_name",
            "email",
            "membership_id",
            "programme",
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
        return (
            latest_applications()
            .select_related("member__user", "program")
            .order_by(
                "program__name",
                "role",
                "member__user__last_name",
                "member__user__first_name",
                "pk",
            )
        )

    def partnership(self, application):
        """The mentee's live partnership, if any: read once per row."""
        if not hasattr(application, "_partnership"):
            application._partnership = None
            if application.role == ApplicationRole.MENTEE:
                application._partnership = (
                    Mentorship.objects.filter(
                        program_id=application.program_id,
                        mentee_id=application.member_id,
                        status__in=MentorshipStatus.live(),
                    )
                    .select_related("mentor__user")
                    .order_by("-requested_at")
                    .first()
                )
        return application._partnership

    def dehydrate_full_name(self, application):
        return application.member.display_name

    def dehydrate_role(self, application):
        return application.get_role_display()

    def dehydrate_career_stage(self, application):
        return application.member.get_career_stage_display()

    def dehydrate_fields_of_interest(self, application):
        return "; ".join(field.name for field in application.interests.all())

    def dehydrate_participation(self, application):
        partnership = self.partnership(application)
        if partnership is not None:
            return partnership.get_status_display()
        return ApplicationStatus(application.status).label

    def dehydrate_counterpart(self, application):
        if application.role == ApplicationRole.MENTEE:
            partnership = self.partnership(application)
            return partnership.mentor.display_name if partnership else ""
        mentees = Mentorship.objects.filter(
            program_id=application.program_id,
            mentor_id=application.member_id,
            status__in=MentorshipStatus.holding_a_place(),
        ).select_related("mentee__user")
        return "; ".join(pair.mentee.display_name for pair in mentees)

    def dehydrate_start(self, application):
        partnership = self.partnership(application)
        return partnership.start_date if partnership else None

    def dehydrate_planned_end(self, application):
        partnership = self.partnership(application)
        return partnership.planned_end_date if partnership else None
