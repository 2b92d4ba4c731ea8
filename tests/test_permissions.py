"""Who may do what: the rules in permissions.py, as members meet them."""

import pytest

from acnm_mentoring_plugin import services
from acnm_mentoring_plugin.exceptions import CapacityReached, NotAllowed
from acnm_mentoring_plugin.models import (
    ApplicationStatus,
    MembershipStatus,
    MentorshipStatus,
)
from acnm_mentoring_plugin.permissions import (
    visible_applications,
    visible_mentorships,
    visible_nominations,
)
from tests import factories

pytestmark = pytest.mark.django_db


def test_only_staff_review_applications(program, resident):
    application = factories.ApplicationFactory(program=program)
    with pytest.raises(NotAllowed, match="Only programme staff"):
        services.accept_application(resident.user, application)
    application.refresh_from_db()
    assert application.status == ApplicationStatus.SUBMITTED


def test_a_member_cannot_withdraw_someone_elses_application(program, resident):
    application = factories.ApplicationFactory(program=program)
    with pytest.raises(NotAllowed):
        services.withdraw_application(resident.user, application)


def test_a_mentee_needs_an_accepted_application_to_request_a_mentor(program, resident):
    profile = factories.MentorProfileFactory(program=program)
    with pytest.raises(NotAllowed, match="once your mentee application is accepted"):
        services.request_mentor(resident.user, profile, "Hello")
    factories.ApplicationFactory(
        member=resident, program=program, status=ApplicationStatus.ACCEPTED
    )
    mentorship = services.request_mentor(resident.user, profile, "Hello")
    assert mentorship.status == MentorshipStatus.REQUESTED


def test_a_lapsed_member_can_neither_apply_request_sign_nor_nominate(program, resident):
    resident.membership_status = MembershipStatus.LAPSED
    resident.save()
    with pytest.raises(NotAllowed, match="membership is not active"):
        services.submit_application(resident.user, program, "mentee", goals="x")
    profile = factories.MentorProfileFactory(program=program)
    with pytest.raises(NotAllowed, match="membership is not active"):
        services.request_mentor(resident.user, profile)
    agreement = factories.AgreementFactory(mentorship__mentee=resident)
    with pytest.raises(NotAllowed, match="membership is not active"):
        services.sign_agreement(resident.user, agreement, resident.display_name)
    with pytest.raises(NotAllowed, match="membership is not active"):
        services.nominate(
            resident.user, factories.AwardCycleFactory(), profile.member, "Great"
        )


def test_only_the_mentor_asked_answers_a_request(program):
    mentorship = factories.MentorshipFactory(program=program)
    stranger = factories.FacultyFactory()
    for user in (mentorship.mentee.user, stranger.user):
        with pytest.raises(NotAllowed):
            services.accept_request(user, mentorship)


def test_a_full_mentor_takes_no_more_mentees(program):
    profile = factories.MentorProfileFactory(program=program, capacity=1)
    factories.MentorshipFactory(
        program=program, mentor=profile.member, status=MentorshipStatus.ACTIVE
    )
    waiting = factories.MentorshipFactory(program=program, mentor=profile.member)
    with pytest.raises(CapacityReached, match="no free place"):
        services.accept_request(profile.member.user, waiting)
    waiting.refresh_from_db()
    assert waiting.status == MentorshipStatus.REQUESTED


def test_signing_needs_the_signers_own_full_name(program):
    agreement = factories.AgreementFactory()
    mentee = agreement.mentorship.mentee
    with pytest.raises(Exception, match="type your full name"):
        services.sign_agreement(mentee.user, agreement, "Someone Else")
    agreement.refresh_from_db()
    assert agreement.mentee_signed_at is None


def test_confidential_records_are_visible_to_their_parties_and_staff_only(
    program, staff_user
):
    application = factories.ApplicationFactory(program=program)
    mentorship = factories.MentorshipFactory(program=program)
    nomination = factories.NominationFactory()
    outsider = factories.MemberFactory().user
    assert list(visible_applications(outsider)) == []
    assert list(visible_mentorships(outsider)) == []
    assert list(visible_nominations(outsider)) == []
    assert list(visible_applications(application.member.user)) == [application]
    assert list(visible_mentorships(mentorship.mentor.user)) == [mentorship]
    assert list(visible_mentorships(mentorship.mentee.user)) == [mentorship]
    assert list(visible_nominations(nomination.nominator.user)) == [nomination]
    assert list(visible_nominations(nomination.nominee.user)) == []
    assert application in visible_applications(staff_user)
    assert mentorship in visible_mentorships(staff_user)
    assert nomination in visible_nominations(staff_user)


def test_a_lapsed_member_may_still_withdraw_their_application(program, resident):
    application = factories.ApplicationFactory(member=resident, program=program)
    resident.membership_status = MembershipStatus.LAPSED
    resident.save()
    services.withdraw_application(resident.user, application)
    application.refresh_from_db()
    assert application.status == ApplicationStatus.WITHDRAWN
