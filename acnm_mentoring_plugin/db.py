"""Database expressions the exports and listings share, on SQLite and
PostgreSQL alike."""

from django.contrib.auth import get_user_model
from django.core.exceptions import FieldDoesNotExist
from django.db.models import Aggregate, CharField, F, TextField, Value
from django.db.models.functions import Cast, Concat, Trim


class ListAgg(Aggregate):
    """The values of a group in one string, ``"; "``-separated.

    Django's ``StringAgg`` covers every database only from Django 6.0; this
    is the same for 5.2: ``STRING_AGG`` on PostgreSQL, ``GROUP_CONCAT`` on
    SQLite. The order within a group is the database's (the exports sort
    each cell's values).
    """

    function = "GROUP_CONCAT"
    template = "%(function)s(%(distinct)s%(expressions)s, '; ')"
    allow_distinct = True
    output_field = TextField()

    def as_postgresql(self, compiler, connection, **extra):
        return self.as_sql(
            compiler,
            connection,
            function="STRING_AGG",
            template="%(function)s(%(distinct)s(%(expressions)s)::text, '; ')",
            **extra,
        )


def _has_field(model, name):
    try:
        model._meta.get_field(name)
    except FieldDoesNotExist:
        return False
    return True


def person_name(prefix=""):
    """A member's name as the site shows it (``Member.display_name``), in SQL.

    ``prefix`` leads to the user, e.g. ``"member__user__"``. A custom user
    model without first and last names gives its username.
    """
    User = get_user_model()
    if _has_field(User, "first_name") and _has_field(User, "last_name"):
        return Trim(
            Concat(
                F(f"{prefix}first_name"),
                Value(" "),
                F(f"{prefix}last_name"),
                output_field=CharField(),
            )
        )
    return Cast(F(f"{prefix}{User.USERNAME_FIELD}"), CharField())


def person_email(prefix=""):
    User = get_user_model()
    return F(f"{prefix}{User.get_email_field_name()}")
