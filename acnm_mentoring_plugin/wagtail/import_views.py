"""The "Import members" and "Import mentors" screens of the Wagtail admin.

Wagtail has no import of its own and django-import-export's views are made
for Django's admin, so these screens follow the admin's three steps with
Wagtail's look: upload a file, read the preview (a dry run: each row new,
updated, unchanged or refused with its reasons), confirm. The rows go
through the roster resources and so through the import services; these
views only carry the file from the preview to the import and show what the
resource answers.

Between the two steps the file waits in django-import-export's temporary
storage (the shared cache unless the site chooses another), under a name
the confirm form carries signed for the user who uploaded it, so the
screens keep no state on one server and nobody confirms another's file.
"""

from django import forms
from django.core import signing
from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied
from django.shortcuts import redirect
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from import_export.formats.base_formats import CSV, XLSX
from import_export.results import RowResult
from import_export.tmp_storages import CacheStorage
from wagtail.admin import messages
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from acnm_mentoring_plugin.models import Program
from acnm_mentoring_plugin.permissions import is_programme_staff, staff_programmes
from acnm_mentoring_plugin.resources.roster import (
    MemberRosterResource,
    MentorRosterResource,
    line_number,
    row_problems,
    upload_storage_class,
)

#: The formats staff upload, by the file's extension.
FORMATS = {"csv": CSV, "xlsx": XLSX}
#: A CSV written by Excel starts with a byte order mark; this reads both.
CSV_ENCODING = "utf-8-sig"
#: Larger than any association's roster; a mistaken upload stops here.
MAX_UPLOAD_BYTES = 10 * 1024 * 1024
TOKEN_SALT = "acnm_mentoring.wagtail.roster_import"
#: How long a preview may be confirmed: as long as the cache keeps the file.
TOKEN_MAX_AGE = CacheStorage.CACHE_LIFETIME

STATUS_LABELS = {
    RowResult.IMPORT_TYPE_NEW: _("New"),
    RowResult.IMPORT_TYPE_UPDATE: _("Updated"),
    RowResult.IMPORT_TYPE_SKIP: _("Unchanged"),
    RowResult.IMPORT_TYPE_INVALID: _("Error"),
    RowResult.IMPORT_TYPE_ERROR: _("Error"),
}


class RosterUploadForm(forms.Form):
    import_file = forms.FileField(
        label=_("Roster file"),
        help_text=_(
            "A CSV file or an Excel workbook (.xlsx) whose first row names the columns."
        ),
    )

    def clean_import_file(self):
        upload = self.cleaned_data["import_file"]
        extension = upload.name.rsplit(".", 1)[-1].lower() if "." in upload.name else ""
        if extension not in FORMATS:
            raise forms.ValidationError(
                _("Please upload a .csv or an .xlsx file."), code="format"
            )
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(
                _("The file is larger than %(size)d MB; split it in parts.")
                % {"size": MAX_UPLOAD_BYTES // (1024 * 1024)},
                code="size",
            )
        upload.format_name = extension
        return upload


class MentorUploadForm(RosterUploadForm):
    program = forms.ModelChoiceField(
        queryset=Program.objects.all(),
        required=False,
        label=_("Programme"),
        empty_label=_("As each row's “Programme” column says"),
        help_text=_(
            "The programme of rows without a “Programme”. Not needed when the "
            "site runs one programme."
        ),
    )


def input_format(name):
    """django-import-export's reader for a format name ("csv", "xlsx")."""
    return FORMATS[name](encoding=CSV_ENCODING) if name == "csv" else FORMATS[name]()


def storage_for(reader, name=None):
    """The temporary storage of an uploaded file, as import-export's admin
    opens it: text formats are read back as text, workbooks as bytes."""
    return upload_storage_class()(
        name=name,
        encoding=None if reader.is_binary() else CSV_ENCODING,
        read_mode=reader.get_read_mode(),
    )


class RosterImportView(WagtailAdminTemplateMixin, TemplateView):
    """Upload, preview and import one kind of roster. You can override
    ``get_resource()`` to import with a resource of your own."""

    resource_class = None
    form_class = RosterUploadForm
    template_name = "acnm_mentoring_wagtail/import/upload.html"
    preview_template_name = "acnm_mentoring_wagtail/import/preview.html"
    done_template_name = "acnm_mentoring_wagtail/import/done.html"
    header_icon = "upload"
    #: The listing to look at once imported (a URL name), if any.
    listing_url_name = None
    listing_label = ""
    intro = ""

    def dispatch(self, request, *args, **kwargs):
        if not is_programme_staff(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.get_page_title()}]

    def get_resource(self, program=None):
        return self.resource_class()

    def make_form(self, *args):
        form = self.form_class(*args)
        if "program" in form.fields:
            # Rows go into a programme the reader runs; the services refuse
            # a row naming another.
            form.fields["program"].queryset = staff_programmes(self.request.user)
        return form

    def get_context_data(self, **kwargs):
        resource = self.get_resource()
        context = {
            "intro": self.intro,
            "columns_help": [
                (column.column_name, column.help_text)
                for column in resource.import_columns()
            ],
            "upload_url": self.request.path,
            "listing_url": self.listing_url(),
            "listing_label": self.listing_label,
            **kwargs,
        }
        return super().get_context_data(**context)

    def listing_url(self):
        if not self.listing_url_name:
            return None
        try:
            return reverse(self.listing_url_name)
        except NoReverseMatch:
            return None

    def get(self, request, *args, **kwargs):
        return self.render_to_response(self.get_context_data(form=self.make_form()))

    def post(self, request, *args, **kwargs):
        if "token" in request.POST:
            return self.confirm(request.POST["token"])
        return self.upload()

    # Step 1: upload and preview --------------------------------------------------

    def upload(self):
        form = self.make_form(self.request.POST, self.request.FILES)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        upload = form.cleaned_data["import_file"]
        program = form.cleaned_data.get("program")
        reader = input_format(upload.format_name)
        storage = storage_for(reader)
        storage.save(b"".join(upload.chunks()))
        dataset = self.read(storage, reader, form)
        result = None
        if dataset is not None:
            result = self.get_resource(program).import_data(
                dataset, dry_run=True, user=self.request.user, file_name=upload.name
            )
            for error in result.base_errors:
                form.add_error("import_file", str(error.error))
        if form.errors:
            storage.remove()
            return self.render_to_response(self.get_context_data(form=form))
        token = signing.dumps(
            {
                "name": storage.name,
                "format": upload.format_name,
                "file": upload.name,
                "program": program.pk if program else None,
                "user": self.request.user.pk,
            },
            salt=TOKEN_SALT,
        )
        return self.response(
            self.preview_template_name,
            result,
            dataset,
            token=token,
            file_name=upload.name,
            program=program,
        )

    def read(self, storage, reader, form):
        """The file as a dataset, or None with the reason on the form."""
        try:
            dataset = reader.create_dataset(storage.read())
        except Exception:  # any reader's failure: the file is not what it says
            form.add_error(
                "import_file",
                _(
                    "The file could not be read as %(format)s. Save it from "
                    "the spreadsheet as CSV (UTF-8) or as an Excel workbook."
                )
                % {"format": form.cleaned_data["import_file"].format_name.upper()},
            )
            return None
        if not dataset.headers or not len(dataset):
            form.add_error(
                "import_file",
                _("The file has no rows below the row naming the columns."),
            )
            return None
        return dataset

    # Step 2: confirm -------------------------------------------------------------

    def confirm(self, token):
        try:
            upload = signing.loads(token, salt=TOKEN_SALT, max_age=TOKEN_MAX_AGE)
        except signing.BadSignature:
            return self.upload_again()
        if upload.get("user") != self.request.user.pk or upload["format"] not in (
            FORMATS
        ):
            raise PermissionDenied
        reader = input_format(upload["format"])
        storage = storage_for(reader, upload["name"])
        try:
            data = storage.read()
        except OSError:
            data = None
        if data is None:
            return self.upload_again()
        program = Program.objects.filter(pk=upload["program"]).first()
        dataset = reader.create_dataset(data)
        result = self.get_resource(program).import_data(
            dataset, dry_run=False, user=self.request.user, file_name=upload["file"]
        )
        storage.remove()
        counts = self.counts(result)
        if result.has_errors():
            # The whole import was undone: no row counted above was saved.
            messages.error(
                self.request,
                _("%(file)s was not imported: it failed unexpectedly, nothing changed.")
                % {"file": upload["file"]},
            )
        else:
            messages.success(
                self.request,
                _(
                    "%(file)s imported: %(new)d new, %(updated)d updated, "
                    "%(unchanged)d unchanged, %(errors)d left out."
                )
                % {"file": upload["file"], **counts},
            )
        return self.response(
            self.done_template_name,
            result,
            dataset,
            file_name=upload["file"],
            program=program,
        )

    def upload_again(self):
        messages.error(
            self.request,
            _(
                "The uploaded file is no longer waiting to be imported. Please "
                "upload it again."
            ),
        )
        return redirect(self.request.path)

    # What the resource answered --------------------------------------------------

    def counts(self, result):
        totals = result.totals
        return {
            "new": totals[RowResult.IMPORT_TYPE_NEW],
            "updated": totals[RowResult.IMPORT_TYPE_UPDATE],
            "unchanged": totals[RowResult.IMPORT_TYPE_SKIP],
            "errors": totals[RowResult.IMPORT_TYPE_INVALID]
            + totals[RowResult.IMPORT_TYPE_ERROR],
        }

    def rows(self, result, columns):
        rows = []
        for row in result.rows:
            if row.import_type is None:
                continue  # an empty line of the file
            problems = []
            if row.validation_error is not None:
                for column, found in row.validation_error.message_dict.items():
                    for message in found:
                        problems.append(
                            message
                            if column == NON_FIELD_ERRORS
                            else f"{column}: {message}"
                        )
            problems.extend(str(error.error) for error in row.errors)
            rows.append(
                {
                    "line": line_number(row.number),
                    "status": row.import_type,
                    "label": STATUS_LABELS[row.import_type],
                    "cells": [row.row_values.get(column) for column in columns],
                    "changed": row.changed,
                    "problems": problems,
                }
            )
        return rows

    def response(self, template, result, dataset, **context):
        resource = self.get_resource()
        headers = [str(header) for header in dataset.headers or ()]
        read = set(resource.import_headers())
        columns = [header for header in headers if header in read]
        counts = self.counts(result)
        self.template_name = template
        return self.render_to_response(
            self.get_context_data(
                result=result,
                counts=counts,
                columns=columns,
                ignored=[h for h in headers if h and h not in columns],
                rows=self.rows(result, columns),
                problems=row_problems(result),
                # An unexpected failure rolls the whole import back.
                failed=result.has_errors(),
                to_import=counts["new"] + counts["updated"],
                **context,
            )
        )


class MemberImportView(RosterImportView):
    resource_class = MemberRosterResource
    page_title = _("Import members")
    intro = _(
        "Members normally join the site when they first sign in. To bring in a "
        "roster kept elsewhere, upload it here: each row is matched to a member "
        "by the membership ID, created when new, and updated when it differs. "
        "Imported members sign in through the association as usual."
    )


class MentorImportView(RosterImportView):
    resource_class = MentorRosterResource
    form_class = MentorUploadForm
    page_title = _("Import mentors")
    listing_url_name = "acnm_mentoring_mentors:index"
    listing_label = _("See the mentors")
    intro = _(
        "Make members already on the site mentors of a programme, or update "
        "their mentor profiles, from a roster. The mentors' export has the same "
        "columns: export, correct, and import it again."
    )

    def get_resource(self, program=None):
        return MentorRosterResource(program=program)
