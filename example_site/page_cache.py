"""A cache of the site's public pages for visitors who are not signed in.

Django's own cache middleware, held to one kind of request: a ``GET`` or
``HEAD`` of a Wagtail page, without a query string, from a browser that sends
no cookie at all. Such a visitor has no session, so no member, no message and
no CSRF token can be in the page, and every such visitor gets the same page:
it is rendered once and kept for ``CACHE_MIDDLEWARE_SECONDS``. Anyone who
sends a cookie (a member signed in, a visitor just signed out with a message
to read) goes past the cache both ways: their page is neither read from it
nor written to it. A response that sets a cookie, is not a 200, or says
``private`` or ``no-cache`` is never kept (the last two are Django's rules).

Why here and not in the plugin: caching the site's pages is the host's
choice (a CDN, a reverse proxy, wagtail-cache or this), made for all its
pages at once. What the plugin owes the host is pages that are safe under
such a cache, which tests/test_public_page_cache.py checks on its own pages.

Why not Django's per-site cache as it is: it would keep a signed-in member's
pages too (under their session cookie), so a member would see their own
page as it was before they applied, or a message twice. And not its
per-view decorator on Wagtail's ``serve``: it has no notion of "no cookie".

With Django's default cache (memory, per process), each process keeps its
own copies, and a page an editor publishes shows to visitors within
``CACHE_MIDDLEWARE_SECONDS``; signed-in editors see it at once. With
``DEBUG`` on, nothing is cached, so a template change shows at once.

In ``MIDDLEWARE``: ``UpdatePublicPageCacheMiddleware`` first and
``FetchPublicPageCacheMiddleware`` last, as Django's two halves.
"""

from django.conf import settings
from django.middleware.cache import FetchFromCacheMiddleware, UpdateCacheMiddleware
from django.urls import Resolver404, resolve
from wagtail.views import serve as serve_wagtail_page


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


class FetchPublicPageCacheMiddleware(FetchFromCacheMiddleware):
    def process_request(self, request):
        if not is_public_page_request(request):
            request._cache_update_cache = False
            return None
        return super().process_request(request)


class UpdatePublicPageCacheMiddleware(UpdateCacheMiddleware):
    def _should_update_cache(self, request, response):
        # Asked again of the response: a page that sets a cookie (a CSRF
        # token for a form, a session) belongs to that visitor alone.
        user = getattr(request, "user", None)
        return (
            super()._should_update_cache(request, response)
            and is_public_page_request(request)
            and not response.cookies
            and not (user is not None and user.is_authenticated)
        )
