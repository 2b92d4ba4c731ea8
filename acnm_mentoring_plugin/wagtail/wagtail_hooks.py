"""Where the mentoring plugin plugs into the Wagtail admin."""

from wagtail import hooks
from wagtail.permissions import register_permission_policy

from acnm_mentoring_plugin.models import (
    AgreementTerms,
    Application,
    AwardCycle,
    MentorProfile,
    Mentorship,
)

from .dashboard import add_dashboard_panel
from .policies import ProgrammeStaffPolicy
from .views import MentoringViewSetGroup

register_permission_policy(Application, ProgrammeStaffPolicy(Application))
register_permission_policy(MentorProfile, ProgrammeStaffPolicy(MentorProfile))
# Terms are published as new versions, never edited.
register_permission_policy(
    AgreementTerms, ProgrammeStaffPolicy(AgreementTerms, actions=("view", "add"))
)
# "add" is matching a pair, through the service.
register_permission_policy(
    Mentorship, ProgrammeStaffPolicy(Mentorship, actions=("view", "add"))
)

# Award cycles are set up and changed through the services, never deleted.
register_permission_policy(
    AwardCycle, ProgrammeStaffPolicy(AwardCycle, actions=("view", "add", "change"))
)


@hooks.register("register_admin_viewset")
def register_mentoring_viewsets():
    return MentoringViewSetGroup()


# The programme's figures on the admin home, for programme staff.
hooks.register("construct_homepage_panels", add_dashboard_panel)
from . import import_hooks  # noqa: E402, F401 - the roster imports' URLs and menu

from . import outcomes_hooks  # noqa: E402, F401  # isort: skip - outcomes report

from . import outbox  # noqa: E402, F401  # isort: skip - undelivered e-mails
