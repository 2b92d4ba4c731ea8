"""``manage.py mentoring_export participants -o participants.csv``"""

import sys

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from acnm_mentoring_plugin.exports import FORMATS, announce, write_csv, write_xlsx
from acnm_mentoring_plugin.models import Program
from acnm_mentoring_plugin.resources import RESOURCES

#: The lookup from each resource's rows to their programme.
PROGRAMME_OF = {
    "participants": "program",
    "mentors": "program",
    "applications": "program",
    "mentorships": "program",
    "contacts": "mentorship__program",
    "nominations": "cycle__program",
    "programmes": "pk",
    "agreement_terms": "program",
    "outcomes": "program",
}


class Progress:
    """Rows written so far, on one line of a terminal; silent elsewhere."""

    def __init__(self, stream, total):
        self.stream = stream
        self.total = total
        self.shown = 0

    def __call__(self, rows):
        if rows - self.shown < 1000 and rows != self.total:
            return
        self.shown = rows
        width = 30
        done = int(width * rows / self.total) if self.total else width
        self.stream.write(
            f"\r[{'#' * done}{'.' * (width - done)}] {rows:,}/{self.total:,}"
        )
        self.stream.flush()

    def finish(self):
        self.stream.write("\n")


class Command(BaseCommand):
    help = (
        "Export a programme's records as CSV or XLSX: "
        + ", ".join(RESOURCES)
        + ". Streams rows, so memory stays flat however many there are. "
        "Run by the site operator, it exports every programme's records, "
        "whichever staff run them; --programme exports one."
    )

    def add_arguments(self, parser):
        parser.add_argument("resource", choices=sorted(RESOURCES))
        parser.add_argument(
            "-o",
            "--output",
            help="File to write; standard output when left out (CSV only).",
        )
        parser.add_argument(
            "--format", choices=FORMATS, help="Default: from -o, else csv."
        )
        parser.add_argument("--programme", help="Only this programme (its slug).")

    def handle(self, *args, resource, output, format, programme, **options):
        export_format = format or (
            "xlsx" if output and output.lower().endswith(".xlsx") else "csv"
        )
        if export_format == "xlsx" and not output:
            raise CommandError(_("An XLSX export needs a file: give -o FILE.xlsx."))
        exporter = RESOURCES[resource]()
        queryset = exporter.get_queryset()
        filters = {}
        if programme:
            program = Program.objects.filter(slug=programme).first()
            if program is None:
                known = ", ".join(Program.objects.values_list("slug", flat=True))
                raise CommandError(
                    _("No programme %(slug)s; the programmes are: %(known)s.")
                    % {"slug": programme, "known": known or "-"}
                )
            if resource not in PROGRAMME_OF:
                raise CommandError(
                    _("The %(list)s list is the same for every programme.")
                    % {"list": resource}
                )
            lookup = PROGRAMME_OF[resource]
            queryset = queryset.filter(
                **{lookup: program.pk if lookup == "pk" else program}
            )
            filters["programme"] = programme
        progress = None
        if output and sys.stderr.isatty():
            progress = Progress(sys.stderr, queryset.count())
        if export_format == "xlsx":
            with open(output, "wb") as stream:
                rows = write_xlsx(exporter, stream, queryset, progress)
        elif output:
            with open(output, "w", newline="", encoding="utf-8") as stream:
                rows = write_csv(exporter, stream, queryset, progress)
        else:
            try:
                rows = write_csv(exporter, sys.stdout, queryset, bom=False)
            except BrokenPipeError:  # the reader (``head``) has had enough
                sys.stderr.close()
                return
        if progress is not None:
            progress.finish()
        announce(None, exporter, export_format, filters, rows)
        if output:
            self.stderr.write(
                _("%(rows)s rows written to %(file)s.")
                % {"rows": f"{rows:,}", "file": output}
            )
