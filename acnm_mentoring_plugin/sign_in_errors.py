"""Why a sign-in through the identity provider did not complete, in a
member's words.

allauth ends every failed round trip on one page ("Third-Party Login
Failure"). A member needs to know something else: try again now (the sign-in
went stale), later (the provider is down or slow), or ask for help (the
provider's answer could not be verified). The page never names tokens,
signatures or audiences: that would help only someone probing the site.
"""

import logging
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _
from requests import HTTPError, RequestException

logger = logging.getLogger("acnm_mentoring.sign_in")


@dataclass(frozen=True)
class SignInFailure:
    kind: str
    reason: str
    status: int


def provider_name(provider):
    app = getattr(provider, "app", None)
    return (app.name if app and app.name else None) or provider.name


def _unreachable(name):
    return _(
        "%(name)s did not answer, so you are not signed in. This is usually "
        "brief: please try again in a few minutes."
    ) % {"name": name}


def failure_of(provider, error=None, exception=None, extra_context=None):
    """Sort an allauth authentication error into what the member is told.

    ``extra_context`` is allauth's: its ``state`` is the stored state of the
    round trip, absent when the callback matched no sign-in started in this
    browser (tampered, replayed, expired, or begun in another browser).
    """
    context = extra_context or {}
    name = provider_name(provider)
    if isinstance(exception, RequestException) and not (
        isinstance(exception, HTTPError)
        and exception.response is not None
        and exception.response.status_code < 500
    ):
        return SignInFailure("unreachable", _unreachable(name), 502)
    if exception is None and not context.get("saml_errors"):
        if context.get("state") is None:
            return SignInFailure(
                "stale",
                _(
                    "This sign-in had expired or was already used, for example "
                    "after going back in the browser or starting it in another "
                    "window. Nothing was changed: please sign in again."
                ),
                400,
            )
        return SignInFailure(
            "refused",
            _(
                "%(name)s did not complete your sign-in. Please try again; if "
                "it happens again, contact the programme coordinator."
            )
            % {"name": name},
            403,
        )
    return SignInFailure(
        "unverified",
        _(
            "The answer from %(name)s could not be verified, so you are not "
            "signed in and nothing was changed. Please sign in again; if it "
            "happens again, contact the programme coordinator."
        )
        % {"name": name},
        400,
    )


def log_failure(provider, failure, error=None, exception=None):
    """One line for the site's operators; the member sees only the reason."""
    logger.warning(
        "Sign-in through %s failed (%s): %s",
        getattr(provider, "sub_id", provider.id),
        failure.kind,
        repr(exception) if exception is not None else error or "no matching state",
    )
