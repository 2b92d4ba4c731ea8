"""Database upkeep the daily round does for the sites that need it."""

from django.apps import apps
from django.db import connection


def _plugin_tables():
    """The core app's tables and the search index's (Wagtail's or not)."""
    from modelsearch.conf import get_app_config

    models = [
        *apps.get_app_config("acnm_mentoring").get_models(),
        get_app_config().get_model("IndexEntry"),
    ]
    return sorted({model._meta.db_table for model in models})


def refresh_planner_statistics():
    """ANALYZE: give the query planner the sizes of the programme's tables.

    Without statistics a planner may count a mentor's places by reading
    every partnership, or match the full-text search once per index entry:
    seconds, or minutes, instead of milliseconds on a directory of
    thousands. Django never runs it; SQLite never runs it by itself, and
    PostgreSQL's autovacuum may not have yet after an import. Only the
    plugin's tables and the search index are analysed. Returns whether it
    ran.
    """
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        return True
    if connection.vendor == "postgresql":
        quote = connection.ops.quote_name
        tables = ", ".join(quote(table) for table in _plugin_tables())
        with connection.cursor() as cursor:
            cursor.execute(f"ANALYZE {tables}")
        return True
    return False
