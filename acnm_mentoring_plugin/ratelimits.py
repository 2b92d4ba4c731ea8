"""How many forms a member, and an address, may send in a while.

Every POST to the plugin's pages counts: applications, mentor requests,
agreements, contacts, nominations, votes, outcomes, and any form added later,
because the limit is put on the plugin's URLconf as a whole
(``limit_form_posts(urlpatterns)`` in urls.py) rather than on each view.

Counting is django-ratelimit's: a fixed window per key, counted with the
cache's atomic ``add``/``incr``, so several app servers sharing one cache
(``RATELIMIT_USE_CACHE``, "default" unless set) count together. The address
is the one allauth trusts (``ALLAUTH_TRUSTED_PROXY_COUNT`` or
``ALLAUTH_TRUSTED_CLIENT_IP_HEADER``), so a site behind a proxy configures
that once, for sign-in and forms alike.

A refused form changes nothing. The member gets a 429 page that says so,
says when to try again, and carries what they typed in a form they can send
again then.
"""

import ipaddress
import math
from datetime import timedelta
from functools import wraps

from django.core.exceptions import ImproperlyConfigured
from django.shortcuts import render
from django.urls import URLPattern, URLResolver
from django.utils import timezone
from django_ratelimit.core import get_usage, rate_re

from .access import safe_next
from .conf import DEFAULTS, mentoring_settings

GROUP = "acnm_mentoring.form_posts"
IPV6_PREFIX = 64


def rates():
    """``RATE_LIMITS`` over its defaults: a host may set only the one it
    changes. An unknown key would silently limit nothing, so it is refused."""
    default = DEFAULTS["RATE_LIMITS"]
    chosen = mentoring_settings.RATE_LIMITS or {}
    unknown = set(chosen) - set(default)
    if unknown:
        raise ImproperlyConfigured(
            "Unknown ACNM_MENTORING['RATE_LIMITS'] key(s): {}. Known: {}.".format(
                ", ".join(sorted(unknown)), ", ".join(sorted(default))
            )
        )
    merged = {**default, **chosen}
    for name, rate in merged.items():
        if rate is not None and not rate_re.fullmatch(str(rate)):
            raise ImproperlyConfigured(
                f"ACNM_MENTORING['RATE_LIMITS'][{name!r}] is {rate!r}: give a "
                'count per period such as "30/10m" (s, m, h, d), or None.'
            )
    return merged


def client_address(group, request):
    """The client's address as allauth sees it; an IPv6 client is counted
    by its /64 network, which one household or host usually holds whole."""
    from allauth.account.adapter import get_adapter

    address = get_adapter(request).get_client_ip(request)
    try:
        parsed = ipaddress.ip_address(address)
    except ValueError:
        return address
    if parsed.version == 6:
        network = ipaddress.ip_network(f"{parsed}/{IPV6_PREFIX}", strict=False)
        return str(network.network_address)
    return str(parsed)


def member_key(group, request):
    return f"member:{request.user.pk}"


def refusal(request):
    """Count this POST; the seconds to wait when it goes over a limit, else None.

    Both counts grow with every post, refused ones too, so a client that keeps
    sending stays refused until its window ends.
    """
    limits = rates()
    keys = [("ip", client_address)]
    if request.user.is_authenticated:
        keys.insert(0, ("member", member_key))
    wait = None
    for name, key in keys:
        rate = limits[name]
        if not rate:
            continue
        usage = get_usage(request, group=GROUP, key=key, rate=rate, increment=True)
        if usage and usage["should_limit"]:
            wait = max(wait or 0, usage["time_left"], 1)
    return wait


def kept_fields(request):
    """What was posted, as (name, value) pairs, without the old CSRF token."""
    return [
        (name, value)
        for name, values in request.POST.lists()
        if name != "csrfmiddlewaretoken"
        for value in values
    ]


def too_many_posts(request, wait):
    """The 429 page: nothing saved, when to try again, what was typed."""
    minutes = max(1, math.ceil(wait / 60))
    fields = kept_fields(request)
    context = {
        "base_template": mentoring_settings.BASE_TEMPLATE,
        "minutes": minutes,
        "retry_at": timezone.localtime() + timedelta(seconds=wait),
        "action": request.get_full_path(),
        "fields": fields,
        # Words the member wrote (a message, notes), to copy if they give up
        # on waiting; a year or a choice is not worth showing bare.
        "written": [value for name, value in fields if len(value.split()) > 1],
        "files_dropped": bool(request.FILES),
        "back": safe_next(
            request,
            request.POST.get("next") or request.headers.get("referer"),
            None,
        ),
    }
    response = render(
        request, "acnm_mentoring/too_many_posts.html", context, status=429
    )
    response["Retry-After"] = str(int(wait))
    return response


def limit_posts(view):
    """Refuse a POST to ``view`` over the limits, before the view runs."""

    @wraps(view)
    def limited(request, *args, **kwargs):
        if request.method == "POST":
            wait = refusal(request)
            if wait is not None:
                return too_many_posts(request, wait)
        return view(request, *args, **kwargs)

    return limited


def limit_form_posts(patterns):
    """Put the limits on every view of ``patterns``, included ones too."""
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            limit_form_posts(pattern.url_patterns)
        elif isinstance(pattern, URLPattern):
            pattern.callback = limit_posts(pattern.callback)
    return patterns
