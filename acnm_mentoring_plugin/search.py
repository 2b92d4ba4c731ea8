"""The directory's full-text search, through django-modelsearch.

django-modelsearch is the search library under Wagtail's search (Wagtail
re-exports it as ``wagtail.search``), and works without Wagtail too, so the
directory searches the same way on a Wagtail site, a django CMS site and a
plain Django one. Its database backend uses SQLite's FTS5 and PostgreSQL's
full-text search; ``WAGTAILSEARCH_BACKENDS`` (or ``MODELSEARCH_BACKENDS``)
selects another.
"""

from functools import partial

from django.db import transaction
from modelsearch.backends import get_search_backend
from modelsearch.tasks import insert_or_update_object_task

from .models import MentorProfile


def reindex(profiles):
    """Index ``profiles`` again once the transaction commits.

    Saving a profile indexes it by itself (modelsearch's signal), but its
    fields and its member's name and institution change apart from it.
    """
    for pk in {profile.pk for profile in profiles}:
        transaction.on_commit(
            partial(
                insert_or_update_object_task.enqueue,
                MentorProfile._meta.app_label,
                MentorProfile._meta.model_name,
                str(pk),
            )
        )


def reindex_member(member):
    reindex(MentorProfile.objects.filter(member=member).only("pk"))


def matching(queryset, terms):
    """``queryset`` narrowed to the profiles matching ``terms``, still a queryset.

    The search runs on all profiles and the result joins ``queryset`` as a
    subquery, so filters, ordering and pagination stay the caller's and the
    page costs the same number of queries with or without a search.
    """
    # The database backend quotes each word without escaping the quotes in
    # it, and SQLite refuses the whole search; a search needs none of them.
    terms = terms.replace('"', " ")
    if not terms.split():
        return queryset
    results = get_search_backend().search(
        terms, MentorProfile.objects.all(), order_by_relevance=False
    )
    if hasattr(results, "get_queryset"):  # the database backends
        return queryset.filter(pk__in=results.get_queryset().values("pk"))
    return queryset.filter(pk__in=[profile.pk for profile in results])
