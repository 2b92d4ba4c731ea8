"""Members only: the one way every page and block sends a visitor to sign in.

With ``ACNM_MENTORING["SIGN_IN_PROVIDER"]`` set, sign-in goes straight to the
association's identity provider (a POST, as allauth asks, with the page to
come back to); without it, to ``LOGIN_URL``. The page to come back to is
checked like any ``next`` parameter, so a link cannot send members elsewhere.
"""

from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth.mixins import AccessMixin
from django.http import HttpResponseRedirect
from django.shortcuts import resolve_url
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme

from .conf import mentoring_settings


def safe_next(request, candidate, fallback="/"):
    if candidate and url_has_allowed_host_and_scheme(
        candidate,
        allowed_hosts={request.get_host()},
        require_https=request.is_secure(),
    ):
        return candidate
    return fallback


def sign_in_provider(request):
    """The allauth provider of the association, or None when none is set."""
    provider_id = mentoring_settings.SIGN_IN_PROVIDER
    if not provider_id:
        return None
    from allauth.socialaccount.adapter import get_adapter

    return get_adapter(request).get_provider(request, provider_id)


def local_login_url(next_url):
    url = resolve_url(mentoring_settings.LOGIN_URL or settings.LOGIN_URL)
    return f"{url}?{urlencode({'next': next_url})}"


def sign_in_page_url(next_url):
    """The plugin's own sign-in page, for redirects (which cannot POST)."""
    return f"{reverse('acnm_mentoring:sign_in')}?{urlencode({'next': next_url})}"


def sign_in_context(request, next_url):
    """What ``acnm_mentoring/includes/sign_in.html`` needs to render."""
    provider = sign_in_provider(request)
    if provider is None:
        return {"next": next_url, "login_url": local_login_url(next_url)}
    return {
        "next": next_url,
        "provider_name": provider.app.name if provider.app else provider.name,
        "provider_url": provider.get_login_url(request),
    }


class MemberRequiredMixin(AccessMixin):
    """Signed-in users only; others go to sign in and come back here."""

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return HttpResponseRedirect(sign_in_page_url(request.get_full_path()))
        return super().dispatch(request, *args, **kwargs)


def member_required(view):
    """The function-view form of ``MemberRequiredMixin``."""

    def wrapped(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return HttpResponseRedirect(sign_in_page_url(request.get_full_path()))
        return view(request, *args, **kwargs)

    wrapped.__name__ = view.__name__
    wrapped.__doc__ = view.__doc__
    return wrapped
