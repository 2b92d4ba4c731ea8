"""Database upkeep the daily round does for the sites that need it."""

from django.db import connection


def refresh_planner_statistics():
    """On SQLite, ANALYZE: give the query planner the tables' sizes.

    Django never runs it, and without statistics SQLite may count a
    mentor's places by reading every partnership, or run a full-text match
    once per index entry: seconds instead of milliseconds on a directory of
    thousands. PostgreSQL's autovacuum keeps its own statistics.
    Returns whether it ran.
    """
    if connection.vendor != "sqlite":
        return False
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return True
