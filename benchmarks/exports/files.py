"""Reading the exported files back, without Django: the process that starts
the exports stays small (see ``child.py``), so it compares the files it is
given as plain CSV."""

import csv

#: Columns whose cell is a ``"; "``-joined list, in the database's order.
LISTS = {"Fields of interest", "Mentor or mentees"}


def csv_rows(path):
    """An exported file's rows, header first, read as they are needed, so
    comparing two files of 100,000 rows takes no memory to speak of."""
    with open(path, newline="", encoding="utf-8-sig") as stream:  # BOM or not
        yield from csv.reader(stream)


def read_csv(path):
    """Header and rows of a small exported file."""
    rows = list(csv_rows(path))
    return rows[0], rows[1:]


def count_rows(path):
    return sum(1 for _ in csv_rows(path)) - 1


def differences(reference, other):
    """How many rows differ in each column between two exports of the same
    rows (by position), with the first difference of each as an example.

    ``"; "``-joined lists are compared as sets: their order within a cell
    is the database's, in both exports alike.
    """
    rows, other_rows = csv_rows(reference), csv_rows(other)
    header, other_header = next(rows), next(other_rows)
    found = {}
    for row, other_row in zip(rows, other_rows, strict=True):
        for name, mine, theirs in zip(header, row, other_row, strict=True):
            if name in LISTS:
                mine, theirs = set(mine.split("; ")), set(theirs.split("; "))
            if mine != theirs:
                count, example = found.get(name, (0, (mine, theirs)))
                found[name] = (count + 1, example)
    return header == other_header, found
