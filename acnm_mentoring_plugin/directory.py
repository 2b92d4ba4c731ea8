"""The mentor directory: who is listed, how the list is filtered and paged.

The plugin's own pages, the Wagtail directory page and block, and the django
CMS plugin all build their context here, so a filter, the order or what a
visitor may see changes in one place.
"""

from urllib.parse import urlencode, urlsplit

from django.core.paginator import Paginator
from django.db.models import Count, F, IntegerField, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce
from django.http import Http404
from django.urls import reverse
from django.utils.translation import get_language

from . import directory_cache
from .access import safe_next, sign_in_context
from .forms import DirectoryFilterForm, MentorRequestForm
from .models import (
    DirectoryVisibility,
    MembershipStatus,
    MentorProfile,
    Mentorship,
    MentorshipStatus,
)
from .permissions import (
    Action,
    is_programme_staff,
    member_for,
    reason_denied,
)
from .search import matching
from .services.mentorships import places_taken
from .services.mentorships import request_refusal as refusal_to_request

PAGE_SIZE = 12
#: Stable across pages: names, then the profile's id for namesakes.
ORDER = ("member__user__last_name", "member__user__first_name", "pk")


def with_places(profiles):
    """``profiles`` with ``places_taken`` and ``free_places``, in the same query."""
    taken = (
        Mentorship.objects.filter(
            program=OuterRef("program"),
            mentor=OuterRef("member"),
            status__in=MentorshipStatus.holding_a_place(),
        )
        .order_by()
        .values("mentor")
        .annotate(count=Count("pk"))
        .values("count")
    )
    return profiles.annotate(
        places_taken=Coalesce(Subquery(taken, output_field=IntegerField()), Value(0)),
        free_places=F("capacity") - F("places_taken"),
    )


def listed_mentors(program):
    """Mentors a member may find: listed and in good standing, by name.

    A page costs the same number of queries however many mentors there are.
    """
    return (
        with_places(
            MentorProfile.objects.filter(
                program=program,
                listed_in_directory=True,
                member__membership_status=MembershipStatus.ACTIVE,
            )
        )
        .select_related("member__user")
        .prefetch_related("specialties", "career_directions")
        .order_by(*ORDER)
    )


def filter_mentors(queryset, filters):
    """Apply the directory's filters (``DirectoryFilterForm.filters()``)."""
    if "field" in filters:
        queryset = queryset.filter(specialties=filters["field"])
    if "direction" in filters:
        queryset = queryset.filter(career_directions=filters["direction"])
    if "level" in filters:
        queryset = queryset.filter(career_level=filters["level"])
    if "place" in filters:
        place = filters["place"]
        queryset = queryset.filter(
            Q(member__institution__icontains=place)
            | Q(member__location__icontains=place)
        )
    if filters.get("accepting"):
        queryset = queryset.filter(accepting_new_mentees=True, free_places__gt=0)
    if filters.get("q"):
        queryset = matching(queryset, filters["q"])
    return queryset


def access_of(request, program):
    """What this visitor may see of the directory.

    ``allowed``: the list at all; ``members_view``: institution and place
    too (members and staff; a public directory shows strangers less);
    ``reason`` and ``sign_in`` when the list is not theirs to see.
    """
    user = request.user
    reason = reason_denied(user, Action.VIEW_DIRECTORY, program)
    public = program.directory_visibility == DirectoryVisibility.PUBLIC
    members_view = (
        (member := member_for(user)) is not None and member.is_in_good_standing
    ) or is_programme_staff(user, program)
    return {
        "allowed": reason is None,
        "members_view": members_view,
        "public": public,
        "reason": reason,
        "sign_in": (
            sign_in_context(request, request.get_full_path())
            if not user.is_authenticated
            else None
        ),
    }


def directory_context(request, program, base_url, *, preset=None, limit=None):
    """Context of ``acnm_mentoring/includes/directory.html``.

    ``base_url``: where the list lives (mentor pages are ``<base_url><id>/``).
    ``preset``: filters fixed by an editor (a block's "oncology mentors");
    the visitor's filters apply on top. ``limit``: a short excerpt with no
    filter form nor pages.
    """
    access = access_of(request, program)
    context = {"program": program, "base_url": base_url, "access": access}
    if not access["allowed"]:
        return context
    if limit is None:
        # The visitor's own, so never inside the cached list below; on the
        # unfiltered list only: once filtering, the member is choosing.
        filtering = any(key != "page" for key in request.GET)
        context["suggestions"] = [] if filtering else suggestions_for(request, program)
        # Rendered before for the same query and the same kind of visitor,
        # and nothing shown has changed since: no query at all.
        context["variant"] = variant = _variant(request, program, base_url, access)
        rendered = directory_cache.fragment_cache().get(
            directory_cache.fragment_key(variant)
        )
        if rendered is not None:
            context["rendered"] = rendered
            return context
    if limit is not None:
        preset = preset or {}
        context["mentors"] = directory_cache.excerpt(
            program,
            preset,
            limit,
            lambda: list(filter_mentors(listed_mentors(program), preset)[:limit]),
        )
        return context
    form = DirectoryFilterForm(request.GET)
    filters = {**(preset or {}), **form.filters()}
    mentors = filter_mentors(listed_mentors(program), filters)
    paginator = Paginator(mentors, PAGE_SIZE)
    page = paginator.get_page(request.GET.get("page"))
    context.update(
        form=form,
        filtered=bool(filters),
        page=page,
        page_range=list(
            paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1)
        ),
        ellipsis=paginator.ELLIPSIS,
        mentors=page.object_list,
    )
    return context


def suggestions_for(request, program):
    """ "Suggested for you" above the list: for a mentee with an accepted
    application and no mentor yet; an empty list for everyone else."""
    from .suggestions import cached_suggestions

    if not request.user.is_authenticated:
        return []
    return cached_suggestions(member_for(request.user), program)


def excerpt_context(
    request,
    program,
    *,
    base_url=None,
    field=None,
    direction=None,
    level="",
    accepting_only=True,
    count=3,
):
    """Context of ``acnm_mentoring/blocks/directory_excerpt.html``: a few
    mentors chosen by an editor's preset ("oncology mentors"), and the link
    to the whole directory filtered the same way.

    ``base_url``: the directory page to link to; the plugin's own when None.
    """
    base_url = base_url or reverse("acnm_mentoring:directory", args=[program.slug])
    filters, query = {}, {}
    if field:
        filters["field"], query["field"] = field, field.slug
    if direction:
        filters["direction"], query["direction"] = direction, direction.slug
    if level:
        filters["level"] = query["level"] = level
    if accepting_only:
        filters["accepting"], query["accepting"] = True, "on"
    return {
        "directory": directory_context(
            request, program, base_url, preset=filters, limit=count
        ),
        "see_all_url": f"{base_url}?{urlencode(query)}" if query else base_url,
    }


def _variant(request, program, base_url, access):
    """What the rendered list depends on, besides the data's version."""
    query = sorted(request.GET.lists())
    return "|".join(
        [
            directory_cache.version(),
            str(program.pk),
            base_url,
            repr(query),
            "members" if access["members_view"] else "public",
            get_language() or "",
        ]
    )


def mentor_context(request, program, pk, base_url, *, draft=None, refusal=None):
    """Context of ``acnm_mentoring/includes/mentor_detail.html``.

    A mentor who is not listed is not found, except by themself and staff.
    ``draft`` and ``refusal``: a request form sent back with its errors, or
    refused by the rules, to show again.
    """
    access = access_of(request, program)
    context = {"program": program, "base_url": base_url, "access": access}
    if not access["allowed"]:
        return context
    user = request.user
    member = member_for(user)
    profile = directory_cache.listed_profile(
        program, pk, lambda: listed_mentors(program).filter(pk=pk).first()
    )
    if profile is not None:
        profile.program = program  # known already: no query for it
    if profile is None:
        profile = (
            MentorProfile.objects.filter(pk=pk, program=program)
            .select_related("member__user", "program")
            .first()
        )
        own = profile is not None and member is not None
        if profile is None or not (
            is_programme_staff(user, program)
            or (own and member.pk == profile.member_id)
        ):
            raise Http404
        profile.places_taken = places_taken(profile)
        profile.free_places = profile.capacity - profile.places_taken
    context.update(
        mentor=profile,
        back_url=_back_to_list(request, base_url),
        is_own_profile=member is not None and member.pk == profile.member_id,
        # The member's own request (they are its mentee): theirs to see.
        existing_request=(
            Mentorship.objects.filter(
                program=program,
                mentor=profile.member,
                mentee=member,
                status__in=MentorshipStatus.live(),
            ).first()
            if member is not None
            else None
        ),
        request_form=MentorRequestForm(draft),
        # Refused on sending: the message stays on the page, not lost.
        kept_draft=bool(draft and refusal),
        request_refusal=refusal or request_refusal(user, profile),
        sign_in=(
            None
            if user.is_authenticated
            else sign_in_context(request, request.get_full_path())
        ),
    )
    return context


def _back_to_list(request, base_url):
    """The list the visitor came from, filters and page kept; else the list."""
    referer = urlsplit(request.META.get("HTTP_REFERER", ""))
    if referer.netloc == request.get_host() and referer.path == base_url:
        candidate = f"{referer.path}?{referer.query}" if referer.query else base_url
        return safe_next(request, candidate, base_url)
    return base_url


def request_refusal(user, profile):
    """Why this member cannot ask this mentor now, or None when they can."""
    if not user.is_authenticated:
        return None
    return refusal_to_request(user, profile)
