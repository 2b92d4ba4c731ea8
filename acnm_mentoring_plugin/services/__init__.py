"""Every state change of the programme, one function each.

Views, blocks, plugins, admin actions, imports and commands call these and
never save a status themselves. Each function checks permission through
``permissions``, checks the step against ``states``, and writes an
``ActivityRecord`` in the same transaction.
"""

from .agreements import publish_agreement_terms, sign_agreement
from .applications import (
    accept_application,
    decline_application,
    start_review,
    submit_application,
    update_staff_notes,
    withdraw_application,
)
from .awards import (
    announce_winner,
    ballot_result,
    cast_vote,
    create_award_cycle,
    nominate,
    nomination_tallies,
    record_winner,
    set_shortlist,
    update_award_cycle,
    withdraw_nomination,
)
from .contacts import log_contact, remind_quiet_pairs
from .feedback import give_feedback, remind_feedback_due
from .members import refresh_member_from_claims
from .mentor_profiles import update_mentor_profile
from .mentorships import (
    accept_request,
    complete_due_mentorships,
    complete_mentorship,
    decline_request,
    end_mentorship_early,
    expire_overdue_requests,
    expire_request,
    match_pair,
    remind_mentors_of_requests,
    request_mentor,
    withdraw_request,
)
from .outcomes import record_outcome
from .roster import import_member, import_mentor

__all__ = [
    "accept_application",
    "accept_request",
    "announce_winner",
    "ballot_result",
    "cast_vote",
    "complete_due_mentorships",
    "complete_mentorship",
    "create_award_cycle",
    "decline_application",
    "decline_request",
    "end_mentorship_early",
    "give_feedback",
    "expire_overdue_requests",
    "expire_request",
    "import_member",
    "import_mentor",
    "log_contact",
    "match_pair",
    "nominate",
    "nomination_tallies",
    "publish_agreement_terms",
    "refresh_member_from_claims",
    "remind_feedback_due",
    "remind_mentors_of_requests",
    "record_outcome",
    "record_winner",
    "remind_quiet_pairs",
    "request_mentor",
    "set_shortlist",
    "sign_agreement",
    "start_review",
    "submit_application",
    "update_award_cycle",
    "update_mentor_profile",
    "update_staff_notes",
    "withdraw_application",
    "withdraw_nomination",
    "withdraw_request",
]
