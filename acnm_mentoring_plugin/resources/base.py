"""What every export shares: declared columns, rows fetched as plain values
in chunks, and cells made safe for spreadsheets.

A resource declares its columns once, as django-import-export fields whose
``attribute`` is a lookup or an annotation of ``annotate_rows()``. The
Wagtail admin, the Django admin, the ``mentoring_export`` command and the
tests all take their rows from ``iter_rows()``, so they export the same
columns the same way. It reads rows with ``values_list`` in chunks from a
server-side cursor: no model instance is built, related rows come from
subqueries and aggregates rather than a query per row, and memory stays
flat however many rows there are.
"""

import datetime

from django.db.models import Model
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from import_export import fields, resources

from ..db import person_email, person_name

#: A cell starting with one of these is read as a formula (or the start of
#: one) by spreadsheet programs: ``=``, ``+``, ``-``, ``@``, tab, carriage
#: return. See OWASP's "CSV Injection".
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(text):
    """``text`` as a spreadsheet shows it and never runs it.

    The one place where exported cells are made safe, for CSV and XLSX
    alike: a leading apostrophe makes Excel, LibreOffice and Google Sheets
    take the cell as text.
    """
    if text and text.startswith(FORMULA_STARTS):
        return "'" + text
    return text


#: How ``ListAgg`` joins the values of a list cell.
LIST_SEPARATOR = "; "


class Column(fields.Field):
    """A column of an export: ``choices`` turns stored values into labels;
    ``is_list`` marks a cell of ``"; "``-joined values, put in order."""

    def __init__(
        self, attribute, column_name, *, choices=None, is_list=False, **kwargs
    ):
        super().__init__(attribute=attribute, column_name=column_name, **kwargs)
        self.choices = dict(choices or ())
        self.is_list = is_list


def in_order(text):
    """A list cell's values sorted: the database joins them in the order it
    reads them, which changes between exports of the same data; sorted,
    two exports of unchanged records are identical."""
    if not text or LIST_SEPARATOR not in text:
        return text
    return LIST_SEPARATOR.join(sorted(text.split(LIST_SEPARATOR)))


YES, NO = _("yes"), _("no")


def cell(value, choices):
    """One value as text, the same for CSV and XLSX."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(YES if value else NO)
    if isinstance(value, datetime.datetime):
        return date_format(timezone.localtime(value), "Y-m-d H:i")
    if isinstance(value, datetime.date):
        return value.isoformat()
    if choices:
        value = choices.get(value, value)
    return neutralise(str(value))


class MentoringResource(resources.ModelResource):
    """A resource whose rows are read as values, never as model instances."""

    #: The resource's name in URLs, file names and the command.
    name = ""
    #: Rows read from the database at a time.
    chunk_size = 2000

    def annotate_rows(self, queryset):
        """Add the annotations the columns name; the default adds none."""
        return queryset

    def columns(self):
        return [field for field in self.get_export_fields() if field is not None]

    def headers(self):
        return [neutralise(str(field.column_name)) for field in self.columns()]

    def iter_rows(self, queryset=None):
        """Each row as a list of text cells, streamed in chunks."""
        columns = self.columns()
        if queryset is None:
            queryset = self.get_queryset()
        queryset = self.annotate_rows(queryset.order_by(*self.row_order()))
        values = queryset.values_list(*(column.attribute for column in columns))
        # Labels are lazy translations: made text once per export, not once
        # per cell (a third of an export's time otherwise).
        choices = [
            {value: str(label) for value, label in column.choices.items()}
            if getattr(column, "choices", None)
            else None
            for column in columns
        ]
        lists = [index for index, column in enumerate(columns) if column.is_list]
        for row in values.iterator(chunk_size=self.chunk_size):
            if lists:
                row = list(row)
                for index in lists:
                    row[index] = in_order(row[index])
            yield [
                cell(value, choice) for value, choice in zip(row, choices, strict=True)
            ]

    def row_order(self):
        """Stable: the same rows in the same order from one export to the next."""
        return ["pk"]

    def export(self, queryset=None, **kwargs):
        """django-import-export's entry point (the Django admin's export),
        taking the same rows as every other path."""
        import tablib

        dataset = tablib.Dataset(headers=self.headers())
        for row in self.iter_rows(queryset):
            dataset.append(row)
        return dataset

    @classmethod
    def model_label(cls):
        model = cls._meta.model
        return model._meta.verbose_name_plural if issubclass(model, Model) else ""


class MemberColumns(MentoringResource):
    """A resource whose rows are about a member of a programme: the columns
    that say who, first, the same in every such export."""

    MEMBER_FIELDS = ("full_name", "email", "membership_id", "programme")

    full_name = Column("full_name", _("Name"))
    email = Column("email", _("E-mail"))
    membership_id = Column("member__membership_id", _("Membership ID"))
    programme = Column("program__name", _("Programme"))

    def annotate_rows(self, queryset):
        return (
            super()
            .annotate_rows(queryset)
            .annotate(
                full_name=person_name("member__user__"),
                email=person_email("member__user__"),
            )
        )
