"""The programme's aggregates, one module each."""

from .activity import ActivityRecord
from .applications import Application, ApplicationRole, ApplicationStatus
from .awards import (
    AwardCycle,
    AwardCycleStatus,
    AwardPhase,
    Nomination,
    NominationStatus,
    NomineeRule,
    ShortlistEntry,
    Vote,
)
from .feedback import (
    Feedback,
    FeedbackKind,
    FeedbackReminder,
    GoalsMet,
    Respondent,
)
from .members import CareerStage, Member, MembershipStatus
from .mentors import CareerLevel, MentorProfile
from .mentorships import (
    Agreement,
    ContactLog,
    ContactMethod,
    ContactReminder,
    Mentorship,
    MentorshipStatus,
)
from .outbox import MessageStatus, OutgoingMessage
from .outcomes import FirstPosition, Outcome
from .programs import (
    AgreementTerms,
    CareerDirection,
    DirectoryVisibility,
    FieldOfInterest,
    Program,
)

__all__ = [
    "ActivityRecord",
    "Agreement",
    "AgreementTerms",
    "Application",
    "ApplicationRole",
    "ApplicationStatus",
    "AwardCycle",
    "AwardCycleStatus",
    "AwardPhase",
    "CareerDirection",
    "CareerLevel",
    "CareerStage",
    "ContactLog",
    "ContactMethod",
    "ContactReminder",
    "DirectoryVisibility",
    "Feedback",
    "FeedbackKind",
    "FeedbackReminder",
    "FieldOfInterest",
    "FirstPosition",
    "GoalsMet",
    "Member",
    "MembershipStatus",
    "MentorProfile",
    "Mentorship",
    "MentorshipStatus",
    "MessageStatus",
    "Nomination",
    "NominationStatus",
    "NomineeRule",
    "Outcome",
    "OutgoingMessage",
    "Program",
    "Respondent",
    "ShortlistEntry",
    "Vote",
]
