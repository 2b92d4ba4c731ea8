"""Members and mentors brought in from a roster, one row at a time.

Members normally arrive by signing in through the association's identity
provider, and mentors through an accepted application. A programme starting
online has both on paper already: staff import them from a spreadsheet. Each
row is matched by its membership ID, so importing the same file twice
changes nothing the second time and records nothing either. A member
imported here is joined to their sign-in the first time they sign in, by
the same membership ID (``members.member_to_link``).

The values are read as people type them in a spreadsheet (a career stage as
"Senior faculty" or "senior_faculty", fields of interest by name or slug),
and every problem of a row is reported at once, per field, in words staff
can act on. A row that is refused changes nothing.
"""

from dataclasses import dataclass
from enum import StrEnum

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from ..conf import mentoring_settings
from ..exceptions import MentoringError
from ..models import (
    CareerDirection,
    CareerLevel,
    CareerStage,
    FieldOfInterest,
    Member,
    MembershipStatus,
    MentorProfile,
    Program,
)
from ..permissions import Action, check
from ..search import reindex, reindex_member
from .mentor_profiles import update_mentor_profile
from .records import record

#: The most a text value of a member may hold, as the model allows.
LIMITS = {"membership_id": 64, "institution": 200, "location": 200}
NAME_FIELDS = ("first_name", "last_name")
#: Years of training a member can be in, as the sign-in's claims allow.
TRAINING_YEARS = range(1, 21)
YES_WORDS = {"yes", "y", "true", "1", "x", "on"}
NO_WORDS = {"no", "n", "false", "0", "off"}


class Outcome(StrEnum):
    CREATED = "created"
    UPDATED = "updated"
    UNCHANGED = "unchanged"


@dataclass(frozen=True)
class Imported:
    """What importing one row did: the preview and the summary count these."""

    obj: object
    outcome: Outcome
    #: The fields that changed (all those given, for a new record).
    fields: tuple = ()


class RowRefused(MentoringError):
    """A row the programme's rules refuse, with what is wrong per field.

    ``errors`` maps a field name (``None`` for the row as a whole) to its
    messages, so an import can show each next to its column.
    """

    def __init__(self, errors):
        self.errors = {field: list(messages) for field, messages in errors.items()}
        super().__init__(
            " ".join(str(m) for messages in self.errors.values() for m in messages)
        )


class _Problems:
    """Collects a row's problems so that staff see them all at once."""

    def __init__(self):
        self.errors = {}

    def add(self, field, message):
        self.errors.setdefault(field, []).append(message)

    def raise_any(self):
        if self.errors:
            raise RowRefused(self.errors)


# Reading values as typed ---------------------------------------------------------


def _given(value):
    """None and blank text mean "not given": an import never clears a value."""
    if value is None:
        return False
    return not (isinstance(value, str) and not value.strip())


def _text(value):
    if isinstance(value, float) and value.is_integer():
        value = int(value)  # a spreadsheet's 12345.0 is the number 12345
    return str(value).strip()


def _words(value):
    return " ".join(_text(value).replace("_", " ").replace("-", " ").split()).casefold()


def _choice(value, choices, field, problems, noun):
    """A choice given by its value, its label, or the membership system's
    word for it (``CLAIM_VALUES``), in any case."""
    if isinstance(value, choices):
        return value
    words = _words(value)
    table = {_words(key): val for key, val in choices.choices}
    table.update({_words(label): val for val, label in choices.choices})
    extra = mentoring_settings.CLAIM_VALUES.get(field, {})
    table.update({_words(key): val for key, val in extra.items() if val in choices})
    if words in table:
        return choices(table[words])
    problems.add(
        field,
        _("“%(value)s” is not a %(noun)s; use one of: %(choices)s.")
        % {
            "value": _text(value),
            "noun": noun,
            "choices": ", ".join(str(label) for label in choices.labels),
        },
    )
    return None


def _number(value, field, problems, allowed, message):
    number = None
    if not isinstance(value, bool):
        try:
            exact = float(_text(value))
        except ValueError:
            exact = None
        if exact is not None and exact.is_integer():
            number = int(exact)
    if number is None or number not in allowed:
        problems.add(field, message % {"value": _text(value)})
        return None
    return number


def _switch(value, field, problems):
    if isinstance(value, bool):
        return value
    words = _words(value)
    if words in YES_WORDS or words == str(_("yes")).casefold():
        return True
    if words in NO_WORDS or words == str(_("no")).casefold():
        return False
    problems.add(
        field, _("“%(value)s” is neither yes nor no.") % {"value": _text(value)}
    )
    return None


def _bounded(value, field, problems, limit):
    text = _text(value)
    if len(text) > limit:
        problems.add(
            field,
            _("At most %(limit)d characters, not %(length)d.")
            % {"limit": limit, "length": len(text)},
        )
    return text


def _named(model, given, field, problems, noun):
    """Rows of a short list (fields of interest, career directions) by name
    or slug, in any case; a name not on the list is reported with the list."""
    if isinstance(given, str):
        given = [given]
    known = {}
    for obj in model.objects.all():
        known.setdefault(obj.name.casefold(), obj)
        known.setdefault(obj.slug.casefold(), obj)
    chosen, missing = [], []
    for item in given:
        if isinstance(item, model):
            chosen.append(item)
            continue
        name = _text(item)
        if not name:
            continue
        if name.casefold() in known:
            chosen.append(known[name.casefold()])
        else:
            missing.append(name)
    names = ", ".join(obj.name for obj in model.objects.all())
    for name in missing:
        if "," in name:
            message = _(
                "“%(name)s” is not one of the %(noun)s (%(known)s). Separate "
                "several with “;”."
            )
        else:
            message = _("“%(name)s” is not one of the %(noun)s (%(known)s).")
        problems.add(field, message % {"name": name, "noun": noun, "known": names})
    return list(dict.fromkeys(chosen))


# Members -------------------------------------------------------------------------


def _email_problem(email, user):
    """Why ``email`` may not be given to ``user`` (None: a new account): an
    address belongs to one account, or allauth could not tell who signs in."""
    User = get_user_model()
    field = User.get_email_field_name()
    others = User._default_manager.filter(**{f"{field}__iexact": email})
    if user is not None:
        others = others.exclude(pk=user.pk)
    other = others.first()
    if other is None:
        from django.apps import apps

        if apps.is_installed("allauth.account"):
            from allauth.account.models import EmailAddress

            held = EmailAddress.objects.filter(email__iexact=email)
            if user is not None:
                held = held.exclude(user=user)
            other = held.select_related("user").first()
            other = other.user if other is not None else None
    if other is None:
        return None
    number = (
        Member.objects.filter(user=other)
        .exclude(membership_id="")
        .values_list("membership_id", flat=True)
        .first()
    )
    if number:
        return _(
            "%(email)s is the e-mail address of another member "
            "(membership ID %(number)s)."
        ) % {"email": email, "number": number}
    return _(
        "%(email)s is the e-mail address of another account on this site. "
        "The coordinator joins accounts by hand."
    ) % {"email": email}


def _new_username(User, membership_id, email):
    field = User.USERNAME_FIELD
    if field == User.get_email_field_name():
        return email
    limit = User._meta.get_field(field).max_length or 150
    base = slugify(f"member-{membership_id}")[: limit - 6] or "member"
    candidate, n = base, 1
    manager = User._default_manager
    while manager.filter(**{f"{field}__iexact": candidate}).exists():
        n += 1
        candidate = f"{base}-{n}"
    return candidate


@transaction.atomic
def import_member(
    user,
    *,
    membership_id,
    email=None,
    first_name=None,
    last_name=None,
    membership_status=None,
    career_stage=None,
    training_year=None,
    institution=None,
    location=None,
    interests=None,
):
    """Create or update the member with ``membership_id`` (and their account).

    A value left out, None or blank, is left as it is (or its default, for a
    new member): a roster with fewer columns never clears anything. A new
    member needs an e-mail address; their account gets no password, as
    members sign in through the association. ``interests``: names, slugs or
    ``FieldOfInterest`` objects; the member's fields become exactly these.
    Raises ``RowRefused`` with every problem of the row.
    """
    check(user, Action.MANAGE_PROGRAM)
    problems = _Problems()
    number = _text(membership_id) if _given(membership_id) else ""
    if not number:
        problems.add("membership_id", _("A membership ID is needed."))
    _bounded(number, "membership_id", problems, LIMITS["membership_id"])

    member_values = {}
    if _given(membership_status):
        member_values["membership_status"] = _choice(
            membership_status,
            MembershipStatus,
            "membership_status",
            problems,
            _("membership status"),
        )
    if _given(career_stage):
        member_values["career_stage"] = _choice(
            career_stage, CareerStage, "career_stage", problems, _("career stage")
        )
    if _given(training_year):
        member_values["training_year"] = _number(
            training_year,
            "training_year",
            problems,
            TRAINING_YEARS,
            _("“%(value)s” is not a year of training (1 to 20)."),
        )
    for field, value in (("institution", institution), ("location", location)):
        if _given(value):
            member_values[field] = _bounded(value, field, problems, LIMITS[field])
    chosen_interests = None
    if interests is not None:
        chosen_interests = _named(
            FieldOfInterest, interests, "interests", problems, _("fields of interest")
        )

    User = get_user_model()
    user_values = {}
    for field, value in (("first_name", first_name), ("last_name", last_name)):
        if _given(value) and hasattr(User, field):
            limit = User._meta.get_field(field).max_length or 150
            user_values[field] = _bounded(value, field, problems, limit)
    email_field = User.get_email_field_name()
    if _given(email):
        email = _text(email)
        try:
            validate_email(email)
        except ValidationError:
            problems.add(
                "email", _("“%(email)s” is not an e-mail address.") % {"email": email}
            )
        else:
            user_values[email_field] = email
    problems.raise_any()

    member = (
        Member.objects.select_for_update()
        .select_related("user")
        .filter(membership_id=number)
        .first()
    )
    if member is None:
        return _create_member(
            user, number, user_values, member_values, chosen_interests
        )
    return _update_member(user, member, user_values, member_values, chosen_interests)


def _create_member(actor, number, user_values, member_values, interests):
    User = get_user_model()
    email_field = User.get_email_field_name()
    email = user_values.get(email_field)
    if not email:
        raise RowRefused({"email": [_("A new member needs an e-mail address.")]})
    problem = _email_problem(email, None)
    if problem:
        raise RowRefused({"email": [problem]})
    try:
        with transaction.atomic():
            account = User(**{User.USERNAME_FIELD: _new_username(User, number, email)})
            for field, value in user_values.items():
                setattr(account, field, value)
            account.set_unusable_password()
            account.save()
            member = Member.objects.create(
                user=account, membership_id=number, **member_values
            )
    except IntegrityError as error:
        if Member.objects.filter(membership_id=number).exists():
            raise RowRefused(
                {
                    "membership_id": [
                        _(
                            "Membership ID %(number)s was linked to another "
                            "account meanwhile; import the row again."
                        )
                        % {"number": number}
                    ]
                }
            ) from error
        raise
    if interests:
        member.interests.set(interests)
    fields = sorted(
        [*user_values, *member_values, *(["interests"] if interests else [])]
    )
    record(
        member,
        "member_imported",
        actor,
        to_state=member.membership_status,
        fields=fields,
    )
    return Imported(member, Outcome.CREATED, tuple(fields))


def _update_member(actor, member, user_values, member_values, interests):
    account = member.user
    names = {
        field: value
        for field, value in user_values.items()
        if getattr(account, field) != value
    }
    email_field = get_user_model().get_email_field_name()
    if names and (account.is_staff or account.is_superuser):
        # A programme coordinator may not take over an administrator's
        # account by giving it their own e-mail address.
        raise RowRefused(
            {
                field: [
                    _(
                        "This member's account has staff rights: change its "
                        "name and e-mail address in the user administration."
                    )
                ]
                for field in names
            }
        )
    if email_field in names:
        problem = _email_problem(names[email_field], account)
        if problem:
            raise RowRefused({"email": [problem]})
    changed = [
        field
        for field, value in member_values.items()
        if getattr(member, field) != value
    ]
    interests_changed = interests is not None and set(
        member.interests.values_list("pk", flat=True)
    ) != {field.pk for field in interests}
    if not (names or changed or interests_changed):
        return Imported(member, Outcome.UNCHANGED)

    before = member.membership_status
    if names:
        for field, value in names.items():
            setattr(account, field, value)
        account.save(update_fields=list(names))
    for field in changed:
        setattr(member, field, member_values[field])
    member.save(update_fields=[*changed, "updated_at"])
    if interests_changed:
        member.interests.set(interests)
    if set(names) - {email_field} or {"institution", "location"} & set(changed):
        # Names, institution and location are searched in the directory.
        reindex_member(member)
    fields = sorted(
        [
            *("email" if f == email_field else f for f in names),
            *changed,
            *(["interests"] if interests_changed else []),
        ]
    )
    record(
        member,
        "member_updated_by_import",
        actor,
        from_state=before,
        to_state=member.membership_status,
        fields=fields,
    )
    return Imported(member, Outcome.UPDATED, tuple(fields))


# Mentors -------------------------------------------------------------------------


@transaction.atomic
def import_mentor(
    user,
    program,
    *,
    membership_id,
    capacity=None,
    career_level=None,
    specialties=None,
    career_directions=None,
    accepting_new_mentees=None,
    listed_in_directory=None,
):
    """Make the member with ``membership_id`` a mentor of ``program``, or
    update their mentor profile there.

    As an accepted mentor application does, a new profile takes the
    programme's default capacity, a career level from the member's career
    stage, and the member's own fields and directions, unless the row says
    otherwise; it is indexed for the directory search. An existing profile
    changes through ``update_mentor_profile``, as when staff edit it.
    Values left out (None or blank) are left as they are.
    """
    check(
        user, Action.MANAGE_PROGRAM, program if isinstance(program, Program) else None
    )
    problems = _Problems()
    number = _text(membership_id) if _given(membership_id) else ""
    member = None
    if not number:
        problems.add("membership_id", _("A membership ID is needed."))
    else:
        member = Member.objects.filter(membership_id=number).first()
        if member is None:
            problems.add(
                "membership_id",
                _(
                    "No member has membership ID %(number)s; import them as "
                    "a member first."
                )
                % {"number": number},
            )
    stages = mentoring_settings.MENTOR_CAREER_STAGES
    if member is not None and stages and member.career_stage not in stages:
        problems.add(
            None,
            _(
                "%(name)s is recorded as %(stage)s; mentors are %(stages)s. "
                "Correct their career stage first."
            )
            % {
                "name": member.display_name,
                "stage": member.get_career_stage_display().lower(),
                "stages": ", ".join(
                    str(CareerStage(stage).label).lower() for stage in stages
                ),
            },
        )
    if not isinstance(program, Program):
        problems.add("program", _("Say which programme the mentor joins."))

    values = {}
    if _given(capacity):
        values["capacity"] = _number(
            capacity,
            "capacity",
            problems,
            range(1, 1000),
            _("“%(value)s” is not a number of mentees (at least 1)."),
        )
    if _given(career_level):
        values["career_level"] = _choice(
            career_level, CareerLevel, "career_level", problems, _("career level")
        )
    for field, value in (
        ("accepting_new_mentees", accepting_new_mentees),
        ("listed_in_directory", listed_in_directory),
    ):
        if _given(value):
            values[field] = _switch(value, field, problems)
    lists = {}
    if specialties is not None:
        lists["specialties"] = _named(
            FieldOfInterest, specialties, "specialties", problems, _("fields")
        )
    if career_directions is not None:
        lists["career_directions"] = _named(
            CareerDirection,
            career_directions,
            "career_directions",
            problems,
            _("career directions"),
        )
    problems.raise_any()

    profile = (
        MentorProfile.objects.select_for_update()
        .filter(member=member, program=program)
        .first()
    )
    if profile is not None:
        changed = update_mentor_profile(user, profile, **lists, **values)
        outcome = Outcome.UPDATED if changed else Outcome.UNCHANGED
        return Imported(profile, outcome, tuple(sorted(changed)))
    return _create_mentor(user, member, program, values, lists)


def _create_mentor(actor, member, program, values, lists):
    defaults = {
        "capacity": program.default_mentor_capacity,
        "career_level": (
            CareerLevel.JUNIOR
            if member.career_stage == CareerStage.JUNIOR_FACULTY
            else CareerLevel.SENIOR
        ),
        **values,
    }
    try:
        with transaction.atomic():
            profile = MentorProfile.objects.create(
                member=member, program=program, **defaults
            )
    except IntegrityError as error:
        raise RowRefused(
            {
                None: [
                    _(
                        "%(name)s became a mentor of this programme meanwhile; "
                        "import the row again."
                    )
                    % {"name": member.display_name}
                ]
            }
        ) from error
    profile.specialties.set(lists.get("specialties", member.interests.all()))
    profile.career_directions.set(
        lists.get("career_directions", member.career_directions.all())
    )
    fields = sorted([*values, *lists])
    record(profile, "mentor_imported", actor, fields=fields)
    reindex([profile])
    return Imported(profile, Outcome.CREATED, tuple(fields))
