"""The export benchmark times three exports of the same thing.

``python -m benchmarks.exports`` compares the plugin's participant export
with a plain django-import-export resource and with PostgreSQL's COPY
(docs/performance.md). A plain resource that skipped a column, lost the
superseded applications' filter or listed another set of rows would make
any speed-up meaningless, so the three are run here on a small programme
seeded as the benchmark seeds it, and their files compared.
"""

import pytest
from django.db import connection

from benchmarks.exports.files import differences, read_csv
from benchmarks.exports.paths import (
    export_with_copy,
    export_with_plain,
    export_with_plugin,
)
from benchmarks.exports.seed import seed_participants

pytestmark = pytest.mark.django_db

PARTICIPANTS = 50


@pytest.fixture
def seeded(program):
    return seed_participants(program, PARTICIPANTS)


@pytest.fixture
def plugin_file(seeded, tmp_path):
    path = tmp_path / "plugin.csv"
    export_with_plugin(path)
    return path


@pytest.fixture
def plain_file(seeded, tmp_path):
    path = tmp_path / "plain.csv"
    export_with_plain(path)
    return path


def test_the_seeded_programme_has_what_the_export_branches_on(seeded):
    assert seeded["participants"] == PARTICIPANTS
    assert seeded["mentors"] and seeded["mentees"] > 3 * seeded["mentors"]
    assert seeded["active"] > seeded["mentees"] / 3
    # Members declined once who applied again: one participant each.
    assert seeded["applications"] > seeded["participants"]


def test_the_plugin_and_the_plain_resource_list_the_same_participants(
    plugin_file, plain_file
):
    plugin_header, plugin_rows = read_csv(plugin_file)
    plain_header, plain_rows = read_csv(plain_file)

    assert plain_header == plugin_header
    assert len(plugin_header) == 12
    assert len(plugin_rows) == len(plain_rows) == PARTICIPANTS
    for column in ("Name", "E-mail", "Role"):
        index = plugin_header.index(column)
        assert [row[index] for row in plain_rows] == [
            row[index] for row in plugin_rows
        ], column


def test_the_plain_resource_writes_the_plugins_cells(plugin_file, plain_file):
    same_header, found = differences(plugin_file, plain_file)

    assert same_header
    assert found == {}


@pytest.mark.skipif(connection.vendor != "postgresql", reason="COPY is PostgreSQL's")
def test_copy_lists_the_same_participants_with_stored_codes(plugin_file, tmp_path):
    path = tmp_path / "copy.csv"
    export_with_copy(path)

    plugin_header, plugin_rows = read_csv(plugin_file)
    copy_header, copy_rows = read_csv(path)
    assert len(copy_header) == 12
    assert len(copy_rows) == len(plugin_rows) == PARTICIPANTS
    # Same rows in the same order; codes where the plugin writes labels.
    for column in ("Name", "E-mail"):
        index = plugin_header.index(column)
        assert [row[index] for row in copy_rows] == [
            row[index] for row in plugin_rows
        ], column
    role = plugin_header.index("Role")
    assert {row[role] for row in copy_rows} == {"mentee", "mentor"}
