from urllib.parse import urlencode

from django.conf import settings
from django.shortcuts import resolve_url
from django.utils.http import url_has_allowed_host_and_scheme

from ..conf import mentoring_settings


class MentoringPageMixin:
    """Gives every page the host's base template to extend."""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["base_template"] = mentoring_settings.BASE_TEMPLATE
        return context


def login_url(next_url):
    """The sign-in address that brings the member back to ``next_url``."""
    url = resolve_url(mentoring_settings.LOGIN_URL or settings.LOGIN_URL)
    return f"{url}?{urlencode({'next': next_url})}"


def safe_return_url(request, candidate, fallback):
    """``candidate`` when it stays on this site, else ``fallback``.

    The return address arrives in a form field, so it is checked like any
    ``next`` parameter: an open redirect would let a link send members
    anywhere.
    """
    if candidate and url_has_allowed_host_and_scheme(
        candidate,
        allowed_hosts={request.get_host()},
        require_https=request.is_secure(),
    ):
        return candidate
    return fallback
