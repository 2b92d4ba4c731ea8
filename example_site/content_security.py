"""The site's Content Security Policy, with the editors' tools held to a looser one.

Members' pages (the mentoring pages, the site's own pages, sign-in) run no
inline script or style, so the policy in ``CONTENT_SECURITY_POLICY`` refuses
them. Wagtail's page editor still writes some inline (StreamField's and
Draftail's set-up scripts, styles its widgets inject), as do Django's admin
and django CMS's toolbar in the django CMS variant of the site. There, and
only there, ``script-src`` and ``style-src`` also allow ``'unsafe-inline'``;
every other directive (no plugins, no framing by other sites, no foreign
``<base>``) stays as strict as on members' pages. Editors are signed-in staff
using tools they trust; the pages members read are the ones kept strict.

In ``MIDDLEWARE`` in place of ``csp.middleware.CSPMiddleware``.
"""

import contextlib

from csp.constants import SELF, UNSAFE_INLINE
from csp.middleware import CSPMiddleware
from django.urls import NoReverseMatch, reverse

EDITORS_REPLACE = {
    "script-src": [SELF, UNSAFE_INLINE],
    "style-src": [SELF, UNSAFE_INLINE],
}
# Wagtail's admin and Django's, wherever the URLconf puts them.
EDITORS_URLS = ["wagtailadmin_home", "admin:index"]


def editors_prefixes():
    prefixes = []
    for name in EDITORS_URLS:
        with contextlib.suppress(NoReverseMatch):
            prefixes.append(reverse(name))
    return tuple(prefixes)


def is_for_editors(request):
    if request.path_info.startswith(editors_prefixes()):
        return True
    # django CMS shows its toolbar, inline scripts and all, to editors only.
    toolbar = getattr(request, "toolbar", None)
    return bool(toolbar is not None and getattr(toolbar, "show_toolbar", False))


class SiteCSPMiddleware(CSPMiddleware):
    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only)
        if is_for_editors(request):
            # No nonce either: a nonce in a directive turns 'unsafe-inline' off.
            parts.replace = {**(parts.replace or {}), **EDITORS_REPLACE}
        return parts
