"""The directory's pages that are measured, one list for the benchmark and
the query-count test, so the test guards what the benchmark reports."""

from django.urls import reverse

from acnm_mentoring_plugin.directory import listed_mentors

from .seed import COMMON_WORD

#: Narrow enough to leave a few hundred of 10,000 mentors, wide enough to
#: need several pages: the filters' joins and the places count all run.
FILTERS = {"field": "oncology", "direction": "academic", "accepting": "on"}


def directory_pages(program, mentor_pk, *, deep_page=200):
    """``(name, path, query)`` of each directory page measured.

    ``deep_page``: a page far down the unfiltered list, where the database
    skips many rows to reach the twelve shown.
    """
    directory = reverse("acnm_mentoring:directory", args=[program.slug])
    return [
        ("directory", directory, {}),
        ("filtered (field + direction + accepting)", directory, FILTERS),
        (f"searched (q={COMMON_WORD})", directory, {"q": COMMON_WORD}),
        ("searched + filtered", directory, {"q": COMMON_WORD, **FILTERS}),
        (f"page {deep_page}", directory, {"page": deep_page}),
        (
            "mentor page",
            reverse("acnm_mentoring:mentor_detail", args=[program.slug, mentor_pk]),
            {},
        ),
    ]


def mentor_to_visit(program):
    """A listed mentor with a free place, from the middle of the list.

    Their page shows the request form, the page's dearest case: every rule
    of the request is checked to decide whether to show it.
    """
    mentors = listed_mentors(program).filter(
        accepting_new_mentees=True, free_places__gt=0
    )
    return mentors.order_by("pk")[mentors.count() // 2]
