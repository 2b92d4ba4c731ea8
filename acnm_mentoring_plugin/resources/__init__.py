"""django-import-export resources: the one definition of every export's
columns, used by the Wagtail admin, the Django admin, the
``mentoring_export`` command and the tests."""

from .base import MentoringResource, neutralise
from .lists import (
    AgreementTermsResource,
    CareerDirectionResource,
    FieldOfInterestResource,
    ProgramResource,
)
from .outcomes import OutcomeResource
from .people import MentorResource, ParticipantResource, latest_applications
from .records import (
    ApplicationResource,
    ContactActivityResource,
    MentorshipResource,
    NominationResource,
)
from .roster import MemberRosterResource, MentorRosterResource

#: Every export by its name (``manage.py mentoring_export <name>``).
RESOURCES = {
    resource.name: resource
    for resource in (
        ParticipantResource,
        MentorResource,
        ApplicationResource,
        MentorshipResource,
        ContactActivityResource,
        NominationResource,
        ProgramResource,
        AgreementTermsResource,
        FieldOfInterestResource,
        CareerDirectionResource,
        OutcomeResource,
    )
}

__all__ = [
    "RESOURCES",
    "AgreementTermsResource",
    "CareerDirectionResource",
    "FieldOfInterestResource",
    "ProgramResource",
    "ApplicationResource",
    "ContactActivityResource",
    "MentorResource",
    "MemberRosterResource",
    "MentorRosterResource",
    "MentoringResource",
    "MentorshipResource",
    "NominationResource",
    "OutcomeResource",
    "ParticipantResource",
    "latest_applications",
    "neutralise",
]
