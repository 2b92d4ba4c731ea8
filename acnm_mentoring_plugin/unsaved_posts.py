"""A form the database refused: nothing kept, and the member told so.

The services make each change in an ``atomic`` block, its activity record
and its e-mails with it. When the database refuses a write half-way (a
connection lost, a disk full, a lock held too long) the block has already
rolled the change back whole, so what is left is to tell the member the
truth instead of showing a server error: a 503 page that says nothing was
saved, offers to send the form again as it was, and leads back.

Every POST to the plugin's pages passes through here, forms added later
too, because the handling is put on the plugin's URLconf as a whole
(``tell_when_not_saved(urlpatterns)`` in urls.py), as the rate limits are.
A GET that fails changed nothing the member sent: it stays a server error,
for the site's own error pages and reports.
"""

import logging
from functools import wraps

from django.db import DatabaseError, connections
from django.shortcuts import render
from django.urls import URLPattern, URLResolver, reverse

from .access import safe_next
from .conf import mentoring_settings
from .ratelimits import kept_fields

logger = logging.getLogger(__name__)


def not_saved(request):
    """The 503 page: nothing saved, send it again, or go back."""
    came_from = safe_next(
        request, request.POST.get("next") or request.headers.get("referer"), None
    )
    context = {
        "base_template": mentoring_settings.BASE_TEMPLATE,
        "action": request.get_full_path(),
        "fields": kept_fields(request),
        "files_dropped": bool(request.FILES),
        "back": came_from or reverse("acnm_mentoring:my_mentoring"),
        "back_is_referrer": came_from is not None,
    }
    return render(request, "acnm_mentoring/not_saved.html", context, status=503)


def _roll_back_request_transactions():
    """On a site with ATOMIC_REQUESTS the request's own transaction is
    rolled back too: whatever the view wrote before the refusal goes with
    it, as the page says."""
    for connection in connections.all(initialized_only=True):
        if connection.settings_dict.get("ATOMIC_REQUESTS") and (
            connection.in_atomic_block
        ):
            connection.set_rollback(True)


def answer_refused_posts(view):
    """Answer a POST to ``view`` the database refused with the 503 page."""

    @wraps(view)
    def answered(request, *args, **kwargs):
        if request.method != "POST":
            return view(request, *args, **kwargs)
        try:
            return view(request, *args, **kwargs)
        except DatabaseError as error:
            logger.exception(
                "Form sent to %s not saved, the database refused it: %r",
                request.path,
                error,
            )
            response = not_saved(request)
            _roll_back_request_transactions()
            return response

    return answered


def tell_when_not_saved(patterns):
    """Put the handling on every view of ``patterns``, included ones too."""
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            tell_when_not_saved(pattern.url_patterns)
        elif isinstance(pattern, URLPattern):
            pattern.callback = answer_refused_posts(pattern.callback)
    return patterns
