"""Downloads from the Mentoring listings, and their place in Wagtail's
audit log.

Each listing's "Download CSV" and "Download XLSX" export exactly the rows it
shows (its filters and search, every page of them) through the listing's
resource, the one definition of the columns. Only users who may export see
the buttons; every finished export, from here, the Django admin or the
command line, is written to Wagtail's audit log with who, what, the filters
and the number of rows.
"""

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.log_actions import LogFormatter

from acnm_mentoring_plugin.exports import export_response, exported
from acnm_mentoring_plugin.models import Program
from acnm_mentoring_plugin.permissions import Action, can

EXPORT_ACTION = "acnm_mentoring.export"
#: Query parameters that are not filters: the page, the export itself.
NOT_FILTERS = {"export", "p"}


class ResourceExportMixin:
    """For a listing (``IndexView``) whose downloads go through a resource."""

    #: The ``MentoringResource`` class of this listing's rows.
    export_resource_class = None
    #: Wagtail shows its download buttons when this is set; the columns are
    #: the resource's.
    list_export = ["pk"]

    def export_queryset(self, queryset):
        """The resource's rows for the listing's ``queryset`` (filtered and
        searched, maybe annotated for its columns, maybe search results):
        the same records, by key, so the resource adds its own columns."""
        model = self.export_resource_class._meta.model
        return model.objects.filter(pk__in=listed_keys(queryset))

    @cached_property
    def show_export_buttons(self):
        return can(self.request.user, Action.EXPORT)

    def as_spreadsheet(self, queryset, spreadsheet_format):
        if not self.show_export_buttons:
            raise PermissionDenied
        filters = {
            key: values if len(values) > 1 else values[0]
            for key, values in self.request.GET.lists()
            if key not in NOT_FILTERS
        }
        return export_response(
            self.request.user,
            self.export_resource_class(),
            self.export_queryset(queryset),
            spreadsheet_format,
            filters,
        )


def listed_keys(queryset):
    """The keys of what a listing shows: a subquery, or a list for search
    results that are not a queryset."""
    if isinstance(queryset, QuerySet):
        return queryset.order_by().values("pk")
    return [record.pk for record in queryset]


def log_export(
    sender, *, user, resource, model, format, filters, rows, programmes=(), **kwargs
):
    """Write a finished export to Wagtail's audit log ("Site history"),
    once for each programme whose records it carries (``ExportLogEntry``),
    so the staff of one programme never read another's downloads."""
    from .models import ExportLogEntry

    names = dict(Program.objects.filter(pk__in=programmes).values_list("pk", "name"))
    what = str(model._meta.verbose_name_plural)
    for program_id in list(names) or [None]:
        ExportLogEntry.objects.create(
            content_type=ContentType.objects.get_for_model(model),
            program_id=program_id,
            label=f"{what} · {names[program_id]}" if program_id else what,
            action=EXPORT_ACTION,
            timestamp=timezone.now(),
            user=user if user is not None and user.is_authenticated else None,
            data={
                "resource": resource,
                "format": format,
                "filters": filters,
                "rows": rows,
                "from": "admin" if user is not None else "command line",
            },
        )


def connect():
    exported.connect(log_export, dispatch_uid="acnm-mentoring-wagtail-export-log")


@hooks.register("register_log_actions")
def register_export_action(actions):
    from .models import ExportLogEntry

    # Site history then lists this log's entries too, by its own rule.
    actions.register_model(ExportLogEntry, ExportLogEntry)

    @actions.register_action(EXPORT_ACTION)
    class ExportFormatter(LogFormatter):
        label = _("Export")

        def format_message(self, log_entry):
            data = log_entry.data
            filters = ", ".join(
                f"{key}={value}"
                for key, value in sorted(data.get("filters", {}).items())
            )
            message = _("Exported %(rows)s rows (%(format)s, %(what)s)") % {
                "rows": data.get("rows"),
                "format": str(data.get("format", "")).upper(),
                "what": data.get("resource"),
            }
            if filters:
                message += " " + _("filtered by %(filters)s") % {"filters": filters}
            return message
