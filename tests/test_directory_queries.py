"""What a directory page costs in queries does not grow with the programme.

A query per mentor, or per page of results, passes every functional test with
three mentors and fails a programme of thousands. Counting the queries of the
same pages at 100 and at 2,000 mentors catches it in seconds; how long the
queries take at 10,000 is the benchmark's to measure (``python -m
benchmarks.directory``, docs/performance.md), on the very pages listed by
``benchmarks.directory.pages``.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from acnm_mentoring_plugin import directory_cache
from acnm_mentoring_plugin.models import (
    ApplicationRole,
    ApplicationStatus,
    Member,
    MembershipStatus,
    MentorProfile,
)
from acnm_mentoring_plugin.upkeep import refresh_planner_statistics
from benchmarks.directory.pages import directory_pages, mentor_to_visit
from benchmarks.directory.seed import index_mentors, seed_mentors
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def member_client(client, program):
    """Signed in as a mentee who may ask a mentor: the mentor page then checks
    every rule of a request, its dearest case."""
    application = factories.ApplicationFactory(
        program=program,
        role=ApplicationRole.MENTEE,
        status=ApplicationStatus.ACCEPTED,
    )
    client.force_login(application.member.user)
    return client


def add_mentors(program, count, start=0):
    """Bulk-loaded, then analysed as the daily round does after an import."""
    index_mentors(seed_mentors(program, count, start=start))
    refresh_planner_statistics()


def queries_of(client, pages):
    """Queries per page: rendered afresh after a change, and served again
    with nothing changed.

    Afresh is measured with the cards' and the form's caches filled, as on a
    site that has served pages before. Each list page must show mentors: an
    empty one skips queries and would compare unlike with like.
    """
    costs = {}
    for name, path, query in pages:
        client.get(path, query)
        directory_cache.changed()
        with CaptureQueriesContext(connection) as afresh:
            response = client.get(path, query)
        assert response.status_code == 200, name
        if "directory" in response.context:
            assert response.context["directory"]["mentors"], f"{name}: no mentor"
        with CaptureQueriesContext(connection) as again:
            response = client.get(path, query)
        assert response.status_code == 200, name
        costs[name] = {"afresh": len(afresh), "again": len(again)}
    return costs


def test_the_directory_costs_the_same_number_of_queries_with_100_or_2000_mentors(
    member_client, program
):
    add_mentors(program, 100)
    pages = directory_pages(program, mentor_to_visit(program).pk, deep_page=5)
    with_100 = queries_of(member_client, pages)

    add_mentors(program, 1900, start=100)
    assert MentorProfile.objects.count() == 2000
    with_2000 = queries_of(member_client, pages)

    assert with_2000 == with_100
    # Served again, the list costs no query of its own. What is left is the
    # visitor's: the programme, the session, the user, their member record
    # and, as they are a mentee looking for a mentor, whether they still are
    # (their suggestions are kept too). A member in good standing needs no
    # look at staff permissions to read the list.
    assert with_100["directory"]["again"] < with_100["directory"]["afresh"]
    assert with_100["directory"]["again"] <= 5


def test_a_page_of_twelve_mentors_costs_the_same_queries_as_a_page_of_one(
    member_client, program
):
    add_mentors(program, 13)
    MentorProfile.objects.update(listed_in_directory=True)
    Member.objects.update(membership_status=MembershipStatus.ACTIVE)
    _, directory, _ = directory_pages(program, 0)[0]
    pages = [("page 1", directory, {}), ("page 2", directory, {"page": 2})]
    shown = []
    for _, path, query in pages:
        directory_cache.changed()
        response = member_client.get(path, query)
        shown.append(len(response.context["directory"]["mentors"]))
    assert shown == [12, 1]

    costs = queries_of(member_client, pages)

    assert costs["page 1"] == costs["page 2"]
