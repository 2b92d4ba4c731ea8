"""A cache of the site's public pages for visitors who are not signed in.

Django's own cache middleware, held to one kind of request: a ``GET`` or
``HEAD`` of a Wagtail page, without a query string, from a browser that sends
no cookie at all. Such a visitor has no session, so no member, no message and
no form they typed can be in the page, and every such visitor gets the same
page: it is rendered once and kept for ``CACHE_MIDDLEWARE_SECONDS``. Anyone
who sends a cookie (a member signed in, a visitor just signed out with a
message to read, a visitor who has seen a form) goes past the cache both
ways: their page is neither read from it nor written to it. A response that
sets any cookie but the CSRF one, is not a 200, or says ``private`` or
``no-cache`` is never kept (the last two are Django's rules).

The CSRF token is the one thing of a visitor's own in a public page: the
"Sign in with ACNM" buttons are forms posted with it, as allauth requires.
(A page whose Content Security Policy names a script nonce is not kept at
all: a nonce is good for one response only.)
The kept copy holds a placeholder instead of the token and no cookie; each
visitor served from it gets a token of their own, and the CSRF cookie that
goes with it (Django's ``CsrfViewMiddleware`` sets it on the way out), so
their sign-in is not refused as forged, and no visitor ever holds another's
token. Such a page is marked ``private``, so a proxy or CDN in front does
not share it.

Why here and not in the plugin: caching the site's pages is the host's
choice (a CDN, a reverse proxy, wagtail-cache or this), made for all its
pages at once. What the plugin owes the host is pages that are safe under
such a cache, which tests/test_public_page_cache.py checks on its own pages.

Why not Django's per-site cache as it is: it would keep a signed-in member's
pages too (under their session cookie), so a member would see their own
page as it was before they applied, or a message twice; and it keeps no
page with a CSRF token for a visitor without cookies. Nor its per-view
decorator on Wagtail's ``serve``: it has no notion of "no cookie".

With Django's default cache (memory, per process), each process keeps its
own copies, and a page an editor publishes shows to visitors within
``CACHE_MIDDLEWARE_SECONDS``; signed-in editors see it at once. With
``DEBUG`` on, nothing is cached, so a template change shows at once.

In ``MIDDLEWARE``: ``UpdatePublicPageCacheMiddleware`` first and
``FetchPublicPageCacheMiddleware`` last, as Django's two halves.
"""

import re

from django.conf import settings
from django.http import HttpResponse
from django.middleware.cache import FetchFromCacheMiddleware, UpdateCacheMiddleware
from django.middleware.csrf import get_token
from django.urls import Resolver404, resolve
from django.utils.cache import patch_cache_control
from wagtail.views import serve as serve_wagtail_page

#: Django's ``{% csrf_token %}`` field, whatever the token's value.
TOKEN_FIELD = re.compile(
    rb'(<input type="hidden" name="csrfmiddlewaretoken" value=")[^"]*(">)'
)
#: What the kept copy holds instead of the token: nothing a token could be.
PLACEHOLDER = b"{page-cache:csrf-token}"


def is_public_page_request(request):
    """A cookie-less ``GET``/``HEAD`` of a Wagtail page, the only request
    whose page may be shared."""
    if settings.DEBUG or request.method not in ("GET", "HEAD"):
        return False
    if request.COOKIES or request.META.get("QUERY_STRING"):
        return False
    try:
        match = resolve(request.path_info, getattr(request, "urlconf", None))
    except Resolver404:
        return False
    return match.func is serve_wagtail_page


def shareable_copy(response):
    """The response without the visitor's token and cookie; None when it
    sets a cookie other than the CSRF one, which is that visitor's alone."""
    if set(response.cookies) - {settings.CSRF_COOKIE_NAME}:
        return None
    if response.cookies and settings.CSRF_USE_SESSIONS:
        return None
    policies = response.get("Content-Security-Policy", "") + response.get(
        "Content-Security-Policy-Report-Only", ""
    )
    if "'nonce-" in policies:
        return None  # a script nonce is good for one response only
    content = TOKEN_FIELD.sub(rb"\1" + PLACEHOLDER + rb"\2", response.content)
    if response.cookies and PLACEHOLDER not in content:
        return None  # a CSRF cookie for no form of this page: leave it be
    copy = HttpResponse(content, status=response.status_code)
    for header, value in response.items():
        copy[header] = value
    return copy


class FetchPublicPageCacheMiddleware(FetchFromCacheMiddleware):
    def process_request(self, request):
        if not is_public_page_request(request):
            request._cache_update_cache = False
            return None
        response = super().process_request(request)
        if response is not None and PLACEHOLDER in response.content:
            response.content = response.content.replace(
                PLACEHOLDER, get_token(request).encode()
            )
            patch_cache_control(response, private=True)
        return response


class UpdatePublicPageCacheMiddleware(UpdateCacheMiddleware):
    def process_response(self, request, response):
        user = getattr(request, "user", None)
        if (
            not self._should_update_cache(request, response)
            or not is_public_page_request(request)
            or (user is not None and user.is_authenticated)
            or response.streaming
            or response.status_code != 200
        ):
            return response
        copy = shareable_copy(response)
        if copy is None:
            return response
        super().process_response(request, copy)
        if PLACEHOLDER in copy.content:
            patch_cache_control(response, private=True)
        return response
