"""Writing a resource's rows as CSV or XLSX, and telling who exported what.

Every export path (the Wagtail admin, the Django admin, the
``mentoring_export`` command) writes through here: the cells come from
``MentoringResource.iter_rows()`` already made safe, and each finished
export sends ``exported``, which the Wagtail integration writes to Wagtail's
audit log. The core imports no CMS, so it announces rather than logs.
"""

import csv
import io

import django.dispatch
from django.db.models import QuerySet
from django.http import FileResponse, StreamingHttpResponse
from django.utils import timezone

from .permissions import Action, check, staff_only, staff_programmes

FORMATS = ("csv", "xlsx")
CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
#: Excel opens a UTF-8 CSV as such only when it starts with this mark.
BOM = "\ufeff"

#: Sent when an export has been written in full. ``user`` (None from the
#: command line), ``resource`` (its name), ``model`` (the model exported),
#: ``format``, ``filters`` (what chose the rows, as shown to staff),
#: ``rows`` (how many).
exported = django.dispatch.Signal()


class _Echo:
    """A file that hands back what is written, for ``csv.writer``."""

    def write(self, value):
        return value


def csv_chunks(resource, queryset=None, on_done=None, bom=True):
    """The CSV text, a line at a time: headers, then each row.

    ``on_done(rows)`` is called once the last row is written; ``bom`` starts
    the text with the mark Excel needs (not for a pipe to another program).
    """
    writer = csv.writer(_Echo())
    yield (BOM if bom else "") + writer.writerow(resource.headers())
    rows = 0
    for row in resource.iter_rows(queryset):
        rows += 1
        yield writer.writerow(row)
    if on_done is not None:
        on_done(rows)


def write_csv(resource, output, queryset=None, progress=None, bom=True):
    """Write the CSV to a text file; returns the number of rows."""
    rows = 0
    for rows, line in enumerate(csv_chunks(resource, queryset, bom=bom)):
        output.write(line)
        if progress is not None and rows:
            progress(rows)
    return rows


def write_xlsx(resource, output, queryset=None, progress=None):
    """Write an XLSX workbook to a binary file; returns the number of rows.

    openpyxl's write-only mode keeps rows on disk, not in memory. Every cell
    is text, and formulas were neutralised with the rows.
    """
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=str(resource.model_label())[:31] or "Export")
    sheet.append(resource.headers())
    rows = 0
    for rows, row in enumerate(resource.iter_rows(queryset), start=1):
        sheet.append(row)
        if progress is not None:
            progress(rows)
    workbook.save(output)
    return rows


def programme_path(model):
    """The lookup from a record of ``model`` to its programme, or None for
    records of no programme (fields of interest, career directions)."""
    from .models import Program

    if model is Program:
        return "pk"
    names = {field.name for field in model._meta.get_fields()}
    for name, path in (
        ("program", "program"),
        ("mentorship", "mentorship__program"),
        ("cycle", "cycle__program"),
    ):
        if name in names:
            return path
    return None


def staff_rows(user, queryset):
    """``queryset`` without the rows of programmes ``user`` does not run:
    whatever screen asks, an export never carries another programme's
    records."""
    path = programme_path(queryset.model)
    return queryset if path is None else staff_only(queryset, user, path)


def filename(resource, export_format):
    stamp = timezone.localtime().strftime("%Y-%m-%d-%H%M")
    return f"acnm-{resource.name}-{stamp}.{export_format}"


def exported_programmes(user, queryset):
    """The ids of the programmes whose records an export carries.

    Its audit entry is read by those programmes' staff only. Records of no
    programme (members, fields of interest) count for every programme the
    exporter runs, as their staff may read them all.
    """
    path = programme_path(queryset.model) if isinstance(queryset, QuerySet) else None
    if path is None:
        return list(staff_programmes(user).values_list("pk", flat=True))
    return list(queryset.order_by().values_list(path, flat=True).distinct())


def announce(user, resource, export_format, filters, rows, programmes=()):
    """Tell the audit log of a finished export; ``programmes``: the ids of
    the programmes its rows belong to (none: the site operator's, from the
    command line)."""
    exported.send(
        sender=type(resource),
        user=user,
        resource=resource.name,
        model=resource._meta.model,
        format=export_format,
        filters=filters,
        rows=rows,
        programmes=list(programmes),
    )


def export_response(user, resource, queryset, export_format, filters=None):
    """An HTTP download of ``queryset``'s rows, for a user allowed to export.

    CSV streams as it is read, so the first bytes leave at once and memory
    stays flat; the export is announced once the last row is out. XLSX is
    built in a temporary file first (a workbook is a zip, written at the
    end).
    """
    check(user, Action.EXPORT)
    queryset = staff_rows(
        user, resource.get_queryset() if queryset is None else queryset
    )
    filters = filters or {}
    name = filename(resource, export_format)
    programmes = exported_programmes(user, queryset)
    if export_format == "csv":
        response = StreamingHttpResponse(
            csv_chunks(
                resource,
                queryset,
                on_done=lambda rows: announce(
                    user, resource, "csv", filters, rows, programmes
                ),
            ),
            content_type=CONTENT_TYPES["csv"],
        )
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response
    if export_format == "xlsx":
        import tempfile

        output = tempfile.TemporaryFile()  # noqa: SIM115 - FileResponse closes it
        rows = write_xlsx(resource, output, queryset)
        output.seek(0)
        announce(user, resource, "xlsx", filters, rows, programmes)
        return FileResponse(
            output,
            as_attachment=True,
            filename=name,
            content_type=CONTENT_TYPES["xlsx"],
        )
    raise ValueError(f"Unknown export format: {export_format}")


def to_text(resource, queryset=None):
    """The CSV as one string: for tests and small exports."""
    buffer = io.StringIO()
    write_csv(resource, buffer, queryset)
    return buffer.getvalue()
