"""Rosters staff import: members, and the mentors of a programme.

A roster's columns are declared once, as for every export, and read back on
import under the same headers, so a roster exported, corrected in a
spreadsheet and imported again changes only what was corrected. Each row
goes through the import services (``services.roster``), which check
permission, validate and record: nothing here saves a model. A dry run is
django-import-export's transaction rolled back: the services reindex the
directory only once a transaction commits, the database search index that
a save updates at once is in the same transaction, and no e-mail is sent,
so a preview leaves nothing behind.

Headers are matched without regard to case, in the site's language or in
English; columns the import does not read (a "Name", the places of a mentor)
are left alone. An empty cell leaves the value as it is.
"""

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db.models import F, Q, Value
from django.utils import translation
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _
from import_export.results import RowResult
from import_export.tmp_storages import CacheStorage

from ..db import person_email, person_name
from ..exceptions import MentoringError, NotAllowed
from ..models import (
    CareerLevel,
    CareerStage,
    Member,
    MembershipStatus,
    MentorProfile,
    Program,
)
from ..models.members import user_name_fields
from ..permissions import Action, check
from ..services.roster import Outcome, RowRefused, import_member, import_mentor
from .base import FORMULA_STARTS, Column, MentoringResource
from .columns import names_of

#: What an import did to a row, as django-import-export names it.
IMPORT_TYPES = {
    Outcome.CREATED: RowResult.IMPORT_TYPE_NEW,
    Outcome.UPDATED: RowResult.IMPORT_TYPE_UPDATE,
    Outcome.UNCHANGED: RowResult.IMPORT_TYPE_SKIP,
}
#: Other headers people give the e-mail column.
EMAIL_HEADERS = ("email", "e-mail address", "email address")


def upload_storage_class():
    """Where an uploaded roster waits between its preview and its import.

    The site's ``IMPORT_EXPORT_TMP_STORAGE_CLASS`` when it sets one; else
    the cache, which every application server shares (a temporary folder is
    one server's) and which forgets files nobody confirmed.
    """
    from django.conf import settings
    from django.utils.module_loading import import_string

    chosen = getattr(settings, "IMPORT_EXPORT_TMP_STORAGE_CLASS", None)
    if chosen is None:
        return CacheStorage
    return import_string(chosen) if isinstance(chosen, str) else chosen


class RosterColumn(Column):
    """A column read on import as the service's argument ``import_as``;
    ``many`` columns hold a ``;``-separated list, as exports write it.
    ``help_text`` tells staff what to put in it, on the import screen."""

    def __init__(
        self, attribute, column_name, *, import_as, many=False, help_text="", **kwargs
    ):
        super().__init__(attribute, column_name, **kwargs)
        self.import_as = import_as
        self.many = many
        self.help_text = help_text


def choice_list(choices):
    return lazy_join(", ", [label for _value, label in choices])


def _join(separator, items):
    return separator.join(str(item) for item in items)


lazy_join = lazy(_join, str)


class ImportRefused(MentoringError):
    """The file as a whole cannot be imported (a column is missing)."""


def cell_value(value):
    """A cell as the services read it: None when empty, text without the
    apostrophe an export put before a formula character (and without NUL
    characters, which no database column takes), numbers and yes/no
    switches of a workbook as they are."""
    if value is None:
        return None
    if isinstance(value, bool | int | float):
        return value
    text = str(value).replace("\x00", "").strip()
    if len(text) > 1 and text[0] == "'" and text[1:].startswith(FORMULA_STARTS):
        text = text[1:]
    return text or None


def header_key(text):
    """A header as it is matched: the byte order mark Excel (and the
    exports) put before the first one, spaces and case do not count."""
    return " ".join(str(text or "").replace("\ufeff", "").split()).casefold()


class RosterResource(MentoringResource):
    """A roster: exported as every list is, imported row by row through a
    service. Subclasses name their key columns and call their service in
    ``import_values``."""

    #: The columns (field names) a file must have.
    required = ("membership_id",)
    #: The columns (field names) that say which record a row is.
    key = ("membership_id",)

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self._seen = {}

    def import_values(self, user, values):
        """Import one row's ``values`` (service arguments); returns what the
        service did (``services.roster.Imported``)."""
        raise NotImplementedError

    # Columns ---------------------------------------------------------------------

    def import_columns(self):
        """The columns the import reads, in the order ``Meta.fields`` gives."""
        order = self._meta.fields or tuple(self.fields)
        return [
            self.fields[name]
            for name in order
            if isinstance(self.fields.get(name), RosterColumn)
            and not self.fields[name].readonly
        ]

    def get_user_visible_fields(self):
        """The columns the import reads, for import-export's import page."""
        return self.import_columns()

    def get_import_fields(self):
        return self.import_columns()

    def import_headers(self):
        return [str(column.column_name) for column in self.import_columns()]

    def get_diff_headers(self):
        return self.import_headers()

    def column_label(self, name):
        """The header of the column a service argument comes from."""
        for column in self.import_columns():
            if column.import_as == name:
                return str(column.column_name)
        return None

    def normalise_headers(self, dataset):
        """Give the file's headers the columns' own spelling, so that
        "membership id" or a header in English is read as its column."""
        known = {}
        for column in self.import_columns():
            label = column.column_name
            with translation.override(None):
                names = {header_key(label)}
            names.add(header_key(label))
            if column.import_as == "email":
                names.update(EMAIL_HEADERS)
            for name in names:
                known.setdefault(name, str(label))
        if dataset.headers:
            dataset.headers = [
                known.get(header_key(header), header) for header in dataset.headers
            ]

    def missing_columns(self, headers):
        present = set(headers or ())
        return [
            str(self.fields[name].column_name)
            for name in self.required
            if str(self.fields[name].column_name) not in present
        ]

    # Importing -------------------------------------------------------------------

    def import_data(self, dataset, dry_run=False, raise_errors=False, **kwargs):
        """Refuse at once a user who may not import or a file without its key
        column; then django-import-export's run, in one transaction."""
        check(kwargs.get("user"), Action.MANAGE_PROGRAM)
        self.normalise_headers(dataset)
        missing = self.missing_columns(dataset.headers)
        if missing:
            result = self.get_result_class()()
            result.diff_headers = self.get_diff_headers()
            result.total_rows = len(dataset)
            result.append_base_error(
                self.get_error_result_class()(
                    ImportRefused(
                        _(
                            "The file has no “%(columns)s” column. The first row "
                            "of the file names the columns."
                        )
                        % {"columns": "”, “".join(missing)}
                    )
                )
            )
            return result
        self._seen = {}
        return super().import_data(
            dataset, dry_run=dry_run, raise_errors=raise_errors, **kwargs
        )

    def read_row(self, row):
        """The service's arguments from a row; None for an empty line."""
        values = {}
        for column in self.import_columns():
            header = str(column.column_name)
            if header not in row:
                continue
            value = cell_value(row[header])
            if value is None:
                continue
            if column.many:
                value = [item.strip() for item in str(value).split(";") if item.strip()]
            values[column.import_as] = value
        if not any(cell_value(cell) is not None for cell in row.values()):
            return None
        return values

    def row_key(self, values):
        return tuple(str(values.get(name, "")).strip().casefold() for name in self.key)

    def import_row(self, row, instance_loader, **kwargs):
        """One row through the service: new, updated, unchanged (import-
        export's "skip"), or invalid with the service's reasons per column."""
        row_result = self.get_row_result_class()()
        row_result.number = kwargs.get("row_number")
        row_result.row_values = row
        row_result.changed = []
        row_result.diff = [
            "" if row.get(header) is None else row.get(header)
            for header in self.get_diff_headers()
        ]
        try:
            values = self.read_row(row)
            if values is None:
                return row_result  # an empty line: neither counted nor shown
            self.refuse_empty_required(values)
            self.refuse_repeated_key(values, row_result.number)
            imported = self.import_values(kwargs.get("user"), values)
        except RowRefused as refused:
            row_result.import_type = RowResult.IMPORT_TYPE_INVALID
            row_result.validation_error = ValidationError(self.by_column(refused))
        except NotAllowed:
            raise
        except MentoringError as refused:
            row_result.import_type = RowResult.IMPORT_TYPE_INVALID
            row_result.validation_error = ValidationError(
                {NON_FIELD_ERRORS: [refused.message]}
            )
        except Exception as error:  # reported; the whole import is rolled back
            row_result.import_type = RowResult.IMPORT_TYPE_ERROR
            row_result.errors.append(
                self.get_error_result_class()(
                    error, row=row, number=kwargs.get("row_number")
                )
            )
        else:
            row_result.import_type = IMPORT_TYPES[imported.outcome]
            row_result.changed = [
                self.column_label(field) or field for field in imported.fields
            ]
            row_result.add_instance_info(imported.obj)
            if kwargs.get("retain_instance_in_row_result") or self._meta.store_instance:
                row_result.instance = imported.obj
        return row_result

    def refuse_empty_required(self, values):
        """A row with a required cell left empty is refused on its own; the
        other rows are still imported."""
        empty = [name for name in self.required if name not in values]
        if empty:
            raise RowRefused(
                {name: [_("This cell is empty; every row needs it.")] for name in empty}
            )

    def refuse_repeated_key(self, values, number):
        """A second row for the same record is most likely a slip; the
        first row counts."""
        key = self.row_key(values)
        first = self._seen.setdefault(key, number)
        if first != number and any(key):
            raise RowRefused(
                {
                    self.key[0]: [
                        _(
                            "The same member is on row %(row)d already; keep one "
                            "row each."
                        )
                        % {"row": line_number(first)}
                    ]
                }
            )

    def by_column(self, refused):
        errors = {}
        for field, messages in refused.errors.items():
            label = self.column_label(field) if field else None
            errors.setdefault(label or NON_FIELD_ERRORS, []).extend(
                str(message) for message in messages
            )
        return errors


def line_number(row_number):
    """The line a spreadsheet shows a data row on: the header is line 1."""
    return (row_number or 0) + 1


def row_problems(result):
    """Every problem of an import, one sentence each, as staff read them:
    "Row 4: Career stage: “intern” is not a career stage; use one of: …"."""
    lines = [str(error.error) for error in result.base_errors]
    for row in result.rows:
        number = line_number(getattr(row, "number", None))
        if row.validation_error is not None:
            for column, messages in row.validation_error.message_dict.items():
                for message in messages:
                    if column == NON_FIELD_ERRORS:
                        text = _("Row %(row)d: %(message)s")
                    else:
                        text = _("Row %(row)d: %(column)s: %(message)s")
                    lines.append(
                        str(text)
                        % {"row": number, "column": column, "message": message}
                    )
        for error in row.errors:
            lines.append(
                str(_("Row %(row)d could not be imported: %(error)s"))
                % {"row": number, "error": error.error}
            )
    return lines


# Members -------------------------------------------------------------------------


class MemberRosterResource(RosterResource):
    """The association's members, a row each, keyed by membership ID."""

    name = "members"

    membership_id = RosterColumn(
        "membership_id",
        _("Membership ID"),
        import_as="membership_id",
        help_text=_(
            "Required. The member's number in the association's membership "
            "system: rows are matched to members by it, and members to their "
            "sign-in."
        ),
    )
    email = RosterColumn(
        "email_address",
        _("E-mail"),
        import_as="email",
        help_text=_(
            "Required for a new member. No other account on the site may have it."
        ),
    )
    first_name = RosterColumn("first_name", _("First name"), import_as="first_name")
    last_name = RosterColumn("last_name", _("Last name"), import_as="last_name")
    membership_status = RosterColumn(
        "membership_status",
        _("Membership status"),
        import_as="membership_status",
        choices=MembershipStatus.choices,
        help_text=choice_list(MembershipStatus.choices),
    )
    career_stage = RosterColumn(
        "career_stage",
        _("Career stage"),
        import_as="career_stage",
        choices=CareerStage.choices,
        help_text=choice_list(CareerStage.choices),
    )
    training_year = RosterColumn(
        "training_year",
        _("Training year"),
        import_as="training_year",
        help_text=_("A number from 1 to 20, for residents and fellows."),
    )
    institution = RosterColumn("institution", _("Institution"), import_as="institution")
    location = RosterColumn("location", _("Location"), import_as="location")
    interests = RosterColumn(
        "interest_names",
        _("Fields of interest"),
        import_as="interests",
        many=True,
        help_text=_(
            "Names or slugs of the fields of interest, separated by “;”. The "
            "member's fields become exactly these."
        ),
    )

    class Meta:
        model = Member
        name = _("Members")
        use_transactions = True
        fields = (
            "membership_id",
            "email",
            "first_name",
            "last_name",
            "membership_status",
            "career_stage",
            "training_year",
            "institution",
            "location",
            "interests",
        )

    def row_order(self):
        return [*user_name_fields("user__")[:2], "pk"]

    def annotate_rows(self, queryset):
        from django.contrib.auth import get_user_model

        User = get_user_model()
        names = {
            field: F(f"user__{field}") if hasattr(User, field) else Value("")
            for field in ("first_name", "last_name")
        }
        return queryset.annotate(
            email_address=person_email("user__"),
            interest_names=names_of(
                Member.interests.through, "member", "fieldofinterest"
            ),
            **names,
        )

    def import_values(self, user, values):
        return import_member(user, **values)


# Mentors -------------------------------------------------------------------------


class MentorRosterResource(RosterResource):
    """The mentors of a programme, keyed by membership ID: the columns of the
    mentors' export, so that list can come back corrected.

    ``program``: the programme of rows without a "Programme" cell (when
    the site runs one programme, that one).
    """

    name = "mentor-roster"
    key = ("membership_id", "program")

    full_name = Column("full_name", _("Name"), readonly=True)
    membership_id = RosterColumn(
        "member__membership_id",
        _("Membership ID"),
        import_as="membership_id",
        help_text=_(
            "Required. The membership ID of a member already on the site "
            "(import the members first)."
        ),
    )
    programme = RosterColumn(
        "program__name",
        _("Programme"),
        import_as="program",
        help_text=_(
            "The programme's name or slug; rows without one are for the "
            "programme chosen below."
        ),
    )
    career_level = RosterColumn(
        "career_level",
        _("Career level"),
        import_as="career_level",
        choices=CareerLevel.choices,
        help_text=choice_list(CareerLevel.choices),
    )
    specialties = RosterColumn(
        "specialty_names",
        _("Fields"),
        import_as="specialties",
        many=True,
        help_text=_(
            "Fields of interest the mentor covers, by name or slug, separated "
            "by “;”. A new mentor gets the member's own fields without it."
        ),
    )
    directions = RosterColumn(
        "direction_names",
        _("Career directions advised on"),
        import_as="career_directions",
        many=True,
        help_text=_("Career directions by name or slug, separated by “;”."),
    )
    capacity = RosterColumn(
        "capacity",
        _("Capacity"),
        import_as="capacity",
        help_text=_(
            "How many mentees at once; a new mentor gets the programme's "
            "default capacity without it."
        ),
    )
    accepting = RosterColumn(
        "accepting_new_mentees",
        _("Accepting new mentees"),
        import_as="accepting_new_mentees",
        help_text=_("yes or no; a new mentor is accepting without it."),
    )
    listed = RosterColumn(
        "listed_in_directory",
        _("Listed in the directory"),
        import_as="listed_in_directory",
        help_text=_("yes or no; a new mentor is listed without it."),
    )

    class Meta:
        model = MentorProfile
        name = _("Mentors of a programme")
        use_transactions = True
        fields = (
            "full_name",
            "membership_id",
            "programme",
            "career_level",
            "specialties",
            "directions",
            "capacity",
            "accepting",
            "listed",
        )

    def __init__(self, program=None, **kwargs):
        super().__init__(**kwargs)
        self.program = program

    def row_order(self):
        return ["program__name", *user_name_fields("member__user__")[:2], "pk"]

    def annotate_rows(self, queryset):
        through = MentorProfile.specialties.through
        directions = MentorProfile.career_directions.through
        return queryset.annotate(
            full_name=person_name("member__user__"),
            specialty_names=names_of(through, "mentorprofile", "fieldofinterest"),
            direction_names=names_of(directions, "mentorprofile", "careerdirection"),
        )

    def row_key(self, values):
        number = str(values.get("membership_id", "")).strip().casefold()
        program = self.program_of(values)
        return (number, program.pk if program is not None else "")

    def program_of(self, values):
        """The programme a row is for, or None when it cannot tell."""
        named = values.get("program")
        if named:
            return Program.objects.filter(
                Q(name__iexact=named) | Q(slug__iexact=named)
            ).first()
        if self.program is not None:
            return self.program
        programmes = list(Program.objects.all()[:2])
        return programmes[0] if len(programmes) == 1 else None

    def import_values(self, user, values):
        named = values.pop("program", None)
        program = self.program_of({"program": named})
        if named and program is None:
            raise RowRefused(
                {
                    "program": [
                        _("“%(name)s” is not a programme of this site (%(known)s).")
                        % {
                            "name": named,
                            "known": ", ".join(
                                Program.objects.values_list("name", flat=True)
                            ),
                        }
                    ]
                }
            )
        if named and self.program is not None and program != self.program:
            raise RowRefused(
                {
                    "program": [
                        _(
                            "This row is for %(row)s, but you are importing "
                            "mentors of %(chosen)s."
                        )
                        % {"row": program, "chosen": self.program}
                    ]
                }
            )
        if program is None:
            raise RowRefused(
                {
                    None: [
                        _(
                            "Say which programme: choose one when uploading, or "
                            "give each row a “Programme”."
                        )
                    ]
                }
            )
        return import_mentor(user, program, **values)
