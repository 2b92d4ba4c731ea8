"""The invariants the database itself guards, whatever code writes to it."""

import pytest
from django.db import IntegrityError, transaction

from acnm_mentoring_plugin.models import AgreementTerms, ApplicationStatus
from tests import factories

pytestmark = pytest.mark.django_db


def refused(make):
    with pytest.raises(IntegrityError), transaction.atomic():
        make()


def test_one_open_application_per_member_role_and_programme(program, resident):
    factories.ApplicationFactory(member=resident, program=program)
    refused(lambda: factories.ApplicationFactory(member=resident, program=program))
    # A closed one does not block; another role does not either.
    factories.ApplicationFactory(member=resident, program=program, role="mentor")
    Application = factories.ApplicationFactory._meta.model
    Application.objects.filter(member=resident, role="mentee").update(
        status=ApplicationStatus.DECLINED
    )
    factories.ApplicationFactory(member=resident, program=program)


def test_nobody_mentors_themself(program, faculty):
    refused(
        lambda: factories.MentorshipFactory(
            program=program, mentor=faculty, mentee=faculty
        )
    )


def test_one_live_mentorship_per_pair(program, resident, faculty):
    factories.MentorProfileFactory(member=faculty, program=program)
    factories.MentorshipFactory(program=program, mentor=faculty, mentee=resident)
    refused(
        lambda: factories.MentorshipFactory(
            program=program, mentor=faculty, mentee=resident
        )
    )


def test_one_nomination_per_nominator_per_cycle(resident):
    first = factories.NominationFactory(nominator=resident)
    refused(lambda: factories.NominationFactory(nominator=resident, cycle=first.cycle))


def test_no_self_nomination(faculty):
    refused(lambda: factories.NominationFactory(nominator=faculty, nominee=faculty))


@pytest.mark.parametrize("years", [0, 4])
def test_the_planned_term_is_one_to_three_years(years):
    refused(lambda: factories.AgreementFactory(planned_term_years=years))


def test_one_award_cycle_per_programme_and_year(program):
    factories.AwardCycleFactory(program=program, year=2027)
    refused(lambda: factories.AwardCycleFactory(program=program, year=2027))


def test_agreement_terms_versions_are_unique(program):
    refused(lambda: AgreementTerms.objects.create(program=program, version=1, text="x"))
