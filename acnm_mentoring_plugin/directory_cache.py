"""The rendered directory list (and each listed mentor's profile), kept
until anything they show changes.

Members browse the directory far more often than mentors change: the list of
a query is rendered once and served from the cache until a mentor profile,
a pairing (free places), a member or user (names, institution, standing), a
field or a career direction changes. Any such save, wherever it comes from
(the services, an admin screen, an import), makes a new version after its
transaction commits, and every list is rendered afresh on its next view.

The version lives in Django's cache. With several application processes the
cache must be shared (Redis, Memcached, the database cache) for a change to
show at once everywhere; with per-process memory a change shows in the
other processes within ``TIMEOUT``.
"""

import hashlib
import uuid

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.cache import caches
from django.core.cache.utils import make_template_fragment_key
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save

#: Seconds a rendered list is kept at most, as the template's ``{% cache %}``.
TIMEOUT = 300
#: The template fragment's name (``{% cache TIMEOUT FRAGMENT variant %}``).
FRAGMENT = "acnm_directory_results"
VERSION_KEY = "acnm-directory-version"


def fragment_cache():
    """The cache Django's ``{% cache %}`` tag writes to."""
    return caches[
        "template_fragments" if "template_fragments" in settings.CACHES else "default"
    ]


def version():
    current = fragment_cache().get(VERSION_KEY)
    if current is None:
        fragment_cache().add(VERSION_KEY, uuid.uuid4().hex, None)
        current = fragment_cache().get(VERSION_KEY)
    return current


def changed():
    """Make every rendered list stale."""
    fragment_cache().set(VERSION_KEY, uuid.uuid4().hex, None)


def fragment_key(variant):
    return make_template_fragment_key(FRAGMENT, [variant])


def listed_profile(program, pk, load):
    """A listed mentor's profile as ``load()`` returns it (with its places,
    member, user, fields and directions), loaded once per version; None is
    not kept, so an unlisted profile is always looked up afresh."""
    key = f"acnm-mentor-profile:{version()}:{program.pk}:{pk}"
    profile = fragment_cache().get(key)
    if profile is None:
        profile = load()
        if profile is not None:
            fragment_cache().set(key, profile, TIMEOUT)
    return profile


def excerpt(program, preset, limit, load):
    """The few mentors of an excerpt (an editor's "oncology mentors" on a
    page), as ``load()`` lists them, kept per version like the lists: a
    page holding one then costs no query for it on each view."""
    chosen = sorted(
        (name, getattr(value, "pk", value)) for name, value in preset.items()
    )
    # Hashed: a key of plain characters, which any cache (memcached too) takes.
    digest = hashlib.md5(repr(chosen).encode(), usedforsecurity=False).hexdigest()
    key = f"acnm-excerpt:{version()}:{program.pk}:{limit}:{digest}"
    mentors = fragment_cache().get(key)
    if mentors is None:
        mentors = load()
        fragment_cache().set(key, mentors, TIMEOUT)
    return mentors


def _changed(sender, **kwargs):
    # Now, so this request's own next view is right; and again after the
    # commit, in case another request rendered the old rows meanwhile and
    # kept them under the new version.
    changed()
    transaction.on_commit(changed)


def connect():
    """Watch what the list shows; called once, when the app is ready."""
    from .models import (
        CareerDirection,
        FieldOfInterest,
        Member,
        MentorProfile,
        Mentorship,
        Program,
    )

    for model in (
        MentorProfile,
        Mentorship,
        Member,
        get_user_model(),
        FieldOfInterest,
        CareerDirection,
        Program,
    ):
        post_save.connect(_changed, sender=model, dispatch_uid=f"acnm-{model}")
        post_delete.connect(_changed, sender=model, dispatch_uid=f"acnm-del-{model}")
    for relation in (MentorProfile.specialties, MentorProfile.career_directions):
        m2m_changed.connect(
            _changed,
            sender=relation.through,
            dispatch_uid=f"acnm-m2m-{relation.field.name}",
        )
