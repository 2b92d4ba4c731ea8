"""Suggested mentors: who a mentee might ask first, and why.

A mentee with an accepted application and no mentor yet is shown a few
mentors with a free place, ranked by what they have in common: the fields of
interest they share, the career directions the mentor advises on that the
mentee is heading for, the mentor's career level, and (when the programme
wants it) a mentor from another institution. Each suggestion says why in
words ("shares oncology and PET; advises on private practice"), so a member
or a coordinator can judge it instead of trusting a black box.

The score is a weighted sum whose weights live in the ``SUGGESTION_WEIGHTS``
setting; ties go by name, then by the profile's id, so the same data always
gives the same list.

It is scored in SQL, not in Python: the shared fields and directions are
counted by correlated subqueries over the many-to-many tables, the score is
an annotation, and the database sorts and slices the top few. A programme of
10,000 mentors then costs the same handful of queries as one of five, and no
mentor row leaves the database unless it is shown.
"""

from dataclasses import dataclass, field

from django.core.exceptions import ImproperlyConfigured
from django.db.models import (
    Case,
    Count,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.utils.text import get_text_list
from django.utils.translation import get_language, gettext_lazy, pgettext
from django.utils.translation import gettext as _

from . import directory_cache
from .conf import DEFAULTS, mentoring_settings
from .directory import ORDER, with_places
from .models import (
    Application,
    ApplicationRole,
    ApplicationStatus,
    CareerDirection,
    CareerLevel,
    FieldOfInterest,
    MembershipStatus,
    MentorProfile,
    Mentorship,
    MentorshipStatus,
)


@dataclass
class Suggestion:
    """One suggested mentor: the profile, its score and the reasons for it."""

    mentor: MentorProfile
    score: int
    reasons: list = field(default_factory=list)

    @property
    def sentence(self):
        """The reasons in one line: "shares oncology and PET; advises on …"."""
        return pgettext("between the reasons of a suggestion", "; ").join(self.reasons)


def weights():
    """``SUGGESTION_WEIGHTS`` over its defaults: a host may set only the
    weights it changes. An unknown key is a typo that would silently do
    nothing, so it is refused."""
    default = DEFAULTS["SUGGESTION_WEIGHTS"]
    given = mentoring_settings.SUGGESTION_WEIGHTS or {}
    unknown = set(given) - set(default)
    if unknown:
        raise ImproperlyConfigured(
            "Unknown key(s) in ACNM_MENTORING['SUGGESTION_WEIGHTS']: {}. "
            "Known keys: {}.".format(", ".join(sorted(unknown)), ", ".join(default))
        )
    return {**default, **given}


def accepted_application(mentee, program):
    """The mentee's accepted application in ``program`` while they have no
    mentor there yet (nobody holds a place for them); else None.

    Suggestions are for exactly these members: one query answers it.
    """
    has_mentor = Mentorship.objects.filter(
        program=program,
        mentee=mentee,
        status__in=MentorshipStatus.holding_a_place(),
    )
    return (
        Application.objects.filter(
            program=program,
            member=mentee,
            role=ApplicationRole.MENTEE,
            status=ApplicationStatus.ACCEPTED,
        )
        .exclude(Exists(has_mentor))
        .order_by("-decided_at", "-pk")
        .first()
    )


def _shared(relation, owner_field, target_field, ids):
    """How many of ``ids`` the profile has through ``relation``'s table."""
    if not ids:
        return Value(0)
    through = relation.through
    counted = (
        through.objects.filter(
            **{owner_field: OuterRef("pk"), f"{target_field}__in": ids}
        )
        .order_by()
        .values(owner_field)
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(counted, output_field=IntegerField()), Value(0))


def suggested_mentors(mentee, program, limit=None, application=None):
    """Mentors ``mentee`` might ask in ``program``, best first, as
    ``Suggestion``s; an empty list when they are not a mentee looking for a
    mentor there.

    Only mentors who are listed, in good standing, accepting and with a free
    place; never the mentee themself nor a mentor they have asked already or
    are paired with. A mentor with nothing in common scores 0 and is left
    out: a suggestion without a reason explains nothing.

    ``limit``: how many (``SUGGESTIONS_SHOWN`` when None). ``application``:
    the accepted application, when the caller looked it up already.
    Constant in queries: the application, the mentee's fields and
    directions, the ranked mentors, and the shared fields and directions
    of those shown.
    """
    if limit is None:
        limit = mentoring_settings.SUGGESTIONS_SHOWN
    if application is None:
        application = accepted_application(mentee, program)
    if application is None or limit <= 0:
        return []
    weight = weights()
    field_ids = set(
        FieldOfInterest.objects.filter(
            Q(applications=application) | Q(members=mentee)
        ).values_list("pk", flat=True)
    )
    direction_ids = set(
        CareerDirection.objects.filter(
            Q(applications=application) | Q(members=mentee)
        ).values_list("pk", flat=True)
    )
    asked = Mentorship.objects.filter(
        program=program,
        mentee=mentee,
        mentor=OuterRef("member"),
        status__in=MentorshipStatus.live(),
    )
    level = weight["preferred_career_level"]
    institution = (mentee.institution or "").strip()
    elsewhere = (
        (~Q(member__institution="") & ~Q(member__institution__iexact=institution))
        if institution and weight["prefer_other_institution"]
        else Q(pk__in=[])
    )
    mentors = (
        with_places(
            MentorProfile.objects.filter(
                program=program,
                listed_in_directory=True,
                accepting_new_mentees=True,
                member__membership_status=MembershipStatus.ACTIVE,
            ).exclude(member=mentee)
        )
        .filter(free_places__gt=0)
        .exclude(Exists(asked))
        .annotate(
            shared_fields=_shared(
                MentorProfile.specialties,
                "mentorprofile",
                "fieldofinterest",
                field_ids,
            ),
            shared_directions=_shared(
                MentorProfile.career_directions,
                "mentorprofile",
                "careerdirection",
                direction_ids,
            ),
            level_points=Case(
                When(career_level=level, then=Value(weight["career_level"])),
                default=Value(0),
                output_field=IntegerField(),
            ),
            institution_points=Case(
                When(elsewhere, then=Value(weight["other_institution"])),
                default=Value(0),
                output_field=IntegerField(),
            ),
        )
        .annotate(
            score=F("shared_fields") * weight["shared_field"]
            + F("shared_directions") * weight["shared_direction"]
            + F("level_points")
            + F("institution_points")
        )
        .filter(score__gt=0)
        .select_related("member__user")
        .prefetch_related(
            Prefetch(
                "specialties",
                queryset=FieldOfInterest.objects.filter(pk__in=field_ids),
                to_attr="fields_shared",
            ),
            Prefetch(
                "career_directions",
                queryset=CareerDirection.objects.filter(pk__in=direction_ids),
                to_attr="directions_shared",
            ),
        )
        .order_by("-score", *ORDER)
    )[:limit]
    return [
        Suggestion(mentor, mentor.score, reasons_for(mentor, weight))
        for mentor in mentors
    ]


#: A mentor's career level as a reason, in words that fit the sentence.
LEVEL_REASONS = {
    CareerLevel.JUNIOR: gettext_lazy("junior faculty"),
    CareerLevel.SENIOR: gettext_lazy("senior faculty"),
}


def reasons_for(mentor, weight):
    """The reasons that scored, in the order of the score's terms."""
    reasons = []
    if mentor.shared_fields and weight["shared_field"]:
        names = [str(item) for item in mentor.fields_shared]
        reasons.append(
            _("shares %(fields)s") % {"fields": get_text_list(names, _("and"))}
        )
    if mentor.shared_directions and weight["shared_direction"]:
        names = [str(item) for item in mentor.directions_shared]
        reasons.append(
            _("advises on %(directions)s")
            % {"directions": get_text_list(names, _("and"))}
        )
    if mentor.level_points:
        reasons.append(str(LEVEL_REASONS[mentor.career_level]))
    if mentor.institution_points:
        reasons.append(_("from another institution"))
    return reasons


def suggestions_by_programme(mentee):
    """``[(program, suggestions)]`` for each programme in which ``mentee``
    has an accepted application and no mentor yet: for "My mentoring" and
    for staff matching a pair by hand, who see every programme at once.

    A member applies to few programmes; the queries grow with those, never
    with the mentors.
    """
    if mentee is None:
        return []
    applications = (
        Application.objects.filter(
            member=mentee,
            role=ApplicationRole.MENTEE,
            status=ApplicationStatus.ACCEPTED,
        )
        .exclude(
            Exists(
                Mentorship.objects.filter(
                    program=OuterRef("program"),
                    mentee=mentee,
                    status__in=MentorshipStatus.holding_a_place(),
                )
            )
        )
        .select_related("program")
        .order_by("program__name", "-decided_at", "-pk")
    )
    seen, found = set(), []
    for application in applications:
        if application.program_id in seen:
            continue
        seen.add(application.program_id)
        found.append(
            (
                application.program,
                suggested_mentors(mentee, application.program, application=application),
            )
        )
    return found


def cached_suggestions(mentee, program):
    """``suggested_mentors`` for the directory list, kept under the
    directory's version (``directory_cache``): members browse the list far
    more often than mentors or pairings change, and any change of a mentor,
    a pairing or a member makes a new version. A change of the mentee's own
    fields alone shows within ``directory_cache.TIMEOUT``.

    Whether the mentee is looking for a mentor at all is asked every time
    (one query), so an application accepted a moment ago shows at once.
    """
    if mentee is None:
        return []
    application = accepted_application(mentee, program)
    if application is None:
        return []
    key = "acnm-suggestions:{}:{}:{}:{}:{}".format(
        directory_cache.version(),
        program.pk,
        mentee.pk,
        application.pk,
        get_language() or "",
    )
    cache = directory_cache.fragment_cache()
    found = cache.get(key)
    if found is None:
        found = suggested_mentors(mentee, program, application=application)
        cache.set(key, found, directory_cache.TIMEOUT)
    return found
