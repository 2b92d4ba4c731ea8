"""The three ways of writing the participant list to a CSV file that the
benchmark compares, and what tells their files apart.

Each writes the same 12 columns of the same rows, in the same order, so the
files can be checked against each other row by row (``files.py``): the
benchmark does so on every run, and ``tests/test_export_benchmark.py`` on a
small programme, so it can never time three exports of different things.
"""

import io

from django.core.management import call_command
from django.db import connection

from acnm_mentoring_plugin.resources import ParticipantResource, latest_applications

from .plain import PlainParticipantResource


def export_with_plugin(path):
    """As staff run it: ``manage.py mentoring_export participants -o FILE``."""
    call_command(
        "mentoring_export", "participants", output=str(path), stderr=io.StringIO()
    )


def export_with_plain(path):
    """As import-export documents it: ``resource.export(queryset).csv``."""
    resource = PlainParticipantResource()
    dataset = resource.export(resource.get_queryset())
    with open(path, "w", newline="", encoding="utf-8") as output:
        output.write(dataset.csv)


def copy_queryset():
    """The plugin's own query for its rows, in its order: what COPY runs."""
    resource = ParticipantResource()
    queryset = resource.annotate_rows(
        latest_applications().order_by(*resource.row_order())
    )
    return queryset.values_list(*(column.attribute for column in resource.columns()))


def export_with_copy(path):
    """PostgreSQL formats the rows itself: stored codes, not labels."""
    if connection.vendor != "postgresql":
        raise RuntimeError(
            "COPY is PostgreSQL's; this database is " + connection.vendor
        )
    sql, params = copy_queryset().query.sql_with_params()
    statement = f"COPY ({sql}) TO STDOUT WITH (FORMAT csv, HEADER)"
    with (
        connection.cursor() as cursor,
        # The driver's own cursor: Django's wrapper has no ``copy()``.
        cursor.cursor.copy(statement, params) as copy,
        open(path, "wb") as output,
    ):
        for data in copy:
            output.write(data)


PATHS = {
    "plugin": export_with_plugin,
    "plain": export_with_plain,
    "copy": export_with_copy,
}
