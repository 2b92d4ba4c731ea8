from django.db import transaction
from django.utils.translation import gettext_lazy as _

from ..exceptions import MentoringError
from ..permissions import Action, check
from ..search import reindex
from .records import record

#: What a mentor (or staff) may change on a profile, besides photo and lists.
EDITABLE_FIELDS = frozenset(
    {"bio", "career_level", "capacity", "accepting_new_mentees", "listed_in_directory"}
)
UNCHANGED = object()


@transaction.atomic
def update_mentor_profile(
    user,
    profile,
    *,
    photo=UNCHANGED,
    specialties=None,
    career_directions=None,
    **values,
):
    """Change a mentor's profile; records which fields changed.

    ``photo``: a new file, ``None`` to remove it, or left out. Lowering the
    capacity below the mentees a mentor has is allowed: nobody is dropped,
    new requests simply wait until a place frees up.
    """
    check(user, Action.EDIT_MENTOR_PROFILE, profile)
    unknown = set(values) - EDITABLE_FIELDS
    if unknown:
        raise TypeError(f"Not editable: {', '.join(sorted(unknown))}")
    if "capacity" in values and values["capacity"] < 1:
        raise MentoringError(_("A mentor takes at least one mentee."))
    changed = [
        field for field, value in values.items() if getattr(profile, field) != value
    ]
    for field in changed:
        setattr(profile, field, values[field])
    if photo is not UNCHANGED:
        old = profile.photo.name if profile.photo else ""
        profile.photo = photo
        if (profile.photo.name if profile.photo else "") != old:
            changed.append("photo")
    for name, chosen in (
        ("specialties", specialties),
        ("career_directions", career_directions),
    ):
        if chosen is None:
            continue
        related = getattr(profile, name)
        if set(related.values_list("pk", flat=True)) != {obj.pk for obj in chosen}:
            related.set(chosen)
            changed.append(name)
    if changed:
        profile.save()
        record(profile, "mentor_profile_updated", user, fields=sorted(changed))
        reindex([profile])
    return changed
