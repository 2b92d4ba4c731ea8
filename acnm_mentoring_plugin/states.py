"""The state machines of the programme's records, in one place.

Each maps a state to the states it may move to. The services consult
``allowed_targets``; nothing else decides whether a step is possible.
"""

from django.utils.translation import gettext_lazy as _

from .models import (
    Application,
    ApplicationStatus,
    AwardCycle,
    AwardCycleStatus,
    Mentorship,
    MentorshipStatus,
    Nomination,
    NominationStatus,
)

A, M, C, N = ApplicationStatus, MentorshipStatus, AwardCycleStatus, NominationStatus

FLOWS = {
    Application: {
        A.SUBMITTED: {A.UNDER_REVIEW, A.ACCEPTED, A.DECLINED, A.WITHDRAWN},
        A.UNDER_REVIEW: {A.ACCEPTED, A.DECLINED, A.WITHDRAWN},
        A.ACCEPTED: set(),
        A.DECLINED: set(),
        A.WITHDRAWN: set(),
    },
    Mentorship: {
        M.REQUESTED: {M.ACCEPTED, M.DECLINED, M.WITHDRAWN, M.EXPIRED},
        M.ACCEPTED: {M.ACTIVE, M.ENDED_EARLY},
        M.ACTIVE: {M.COMPLETED, M.ENDED_EARLY},
        M.DECLINED: set(),
        M.WITHDRAWN: set(),
        M.EXPIRED: set(),
        M.COMPLETED: set(),
        M.ENDED_EARLY: set(),
    },
    AwardCycle: {
        # When nominations and voting open and close is the clock's business
        # (``AwardCycle.phase``); these are staff's decisions.
        C.SCHEDULED: {C.WINNER_CHOSEN},
        C.WINNER_CHOSEN: {C.ANNOUNCED},
        C.ANNOUNCED: set(),
    },
    Nomination: {
        N.SUBMITTED: {N.WITHDRAWN},
        N.WITHDRAWN: {N.SUBMITTED},
    },
}


def allowed_targets(model, state):
    return FLOWS[model].get(state, set())


def can_move(obj, to_state):
    return to_state in allowed_targets(type(obj), obj.status)


def refusal(obj, to_state):
    """The message shown when ``obj`` cannot move to ``to_state``."""
    return _("This %(record)s is %(state)s; it cannot become %(target)s.") % {
        "record": obj._meta.verbose_name,
        "state": obj.get_status_display().lower(),
        "target": dict(obj._meta.get_field("status").choices)[to_state].lower(),
    }
