"""Subqueries that put related rows into one cell: a record's fields of
interest, a mentor's mentees. One query for the whole export, not one per
row."""

from django.db.models import OuterRef, Subquery, TextField

from ..db import ListAgg


def names_of(through, owner, target, name="name"):
    """The names of ``owner``'s ``target`` rows of an M2M ``through`` model,
    ``"; "``-joined (e.g. an application's fields of interest)."""
    return Subquery(
        through.objects.filter(**{owner: OuterRef("pk")})
        .order_by()
        .values(owner)
        .annotate(names=ListAgg(f"{target}__{name}"))
        .values("names"),
        output_field=TextField(),
    )


def joined(queryset, group_by, expression):
    """``expression`` over ``queryset``'s rows of one group, ``"; "``-joined."""
    return Subquery(
        queryset.order_by()
        .values(group_by)
        .annotate(joined=ListAgg(expression))
        .values("joined"),
        output_field=TextField(),
    )
