"""Every setting of the plugin, with its default, read in one place.

A host site overrides any of them with one dict::

    ACNM_MENTORING = {
        "BASE_TEMPLATE": "base.html",
        "FROM_EMAIL": "mentoring@example.org",
    }

Code asks ``mentoring_settings.BASE_TEMPLATE`` and never reads
``settings.ACNM_MENTORING`` itself, so a default lives in exactly one place.
"""

from django.conf import settings
from django.core.signals import setting_changed

DEFAULTS = {
    # The template every member-facing page extends; it must define a
    # ``content`` block (and may define ``title``). Set it to the host site's
    # own base template so mentoring pages look like the rest of the site.
    "BASE_TEMPLATE": "acnm_mentoring/base.html",
    # Whether mentoring pages show Django's messages ("Your request has been
    # sent") themselves. Set False when BASE_TEMPLATE already shows them.
    "SHOW_MESSAGES": True,
    # Sender of every e-mail; None uses DEFAULT_FROM_EMAIL.
    "FROM_EMAIL": None,
    # Absolute address of the site, for links in e-mails ("https://acnm.org").
    # Empty: e-mails carry no links.
    "SITE_URL": "",
    # django-tasks backend alias used for e-mails and reminders.
    "TASK_BACKEND": "default",
    # How many times an e-mail is tried before it is given up and listed for
    # staff as undelivered (Wagtail admin: Mentoring > Undelivered e-mails).
    "EMAIL_MAX_ATTEMPTS": 8,
    # Seconds before an e-mail that could not be sent is tried again; the
    # wait doubles after each failed attempt, up to six hours.
    "EMAIL_RETRY_DELAY": 300,
    # Where "Sign in" sends an anonymous member when no SIGN_IN_PROVIDER is
    # set; None uses settings.LOGIN_URL.
    "LOGIN_URL": None,
    # The allauth provider id members sign in with (the association's identity
    # provider), e.g. "acnm". Sign-in buttons then go straight to it.
    "SIGN_IN_PROVIDER": None,
    # Local password sign-up; members come from the identity provider.
    "ALLOW_LOCAL_SIGNUP": False,
    # Who may sign in with a password at allauth's login page: "staff" (staff,
    # superusers, programme staff and Wagtail editors: for the admin),
    # "everyone" or "nobody". Members sign in through SIGN_IN_PROVIDER.
    "PASSWORD_LOGIN": "staff",
    # Member field -> claim name in the identity provider's ID token, userinfo
    # or SAML attributes. Read on every sign-in.
    "CLAIMS": {
        "membership_id": "membership_id",
        "membership_status": "membership_status",
        "career_stage": "career_stage",
        "training_year": "training_year",
        "institution": "institution",
        "location": "location",
        "email": "email",
        "first_name": "given_name",
        "last_name": "family_name",
    },
    # Claim value (compared case-insensitively) -> the plugin's value. Values
    # not listed are taken as they are if valid, else as "unknown"/"other".
    "CLAIM_VALUES": {
        "membership_status": {
            "current": "active",
            "member": "active",
            "paid": "active",
            "expired": "lapsed",
            "inactive": "lapsed",
            "grace": "lapsed",
        },
        "career_stage": {
            "resident physician": "resident",
            "fellowship": "fellow",
            "research scientist": "researcher",
            "junior faculty": "junior_faculty",
            "assistant professor": "junior_faculty",
            "senior faculty": "senior_faculty",
            "associate professor": "senior_faculty",
            "professor": "senior_faculty",
        },
    },
    # Career stages that may apply as mentee and as mentor. Empty means anyone.
    "MENTEE_CAREER_STAGES": ["resident", "fellow", "researcher", "other"],
    "MENTOR_CAREER_STAGES": ["junior_faculty", "senior_faculty", "other"],
    # Planned term of a partnership in years, as the programme describes it.
    "MIN_TERM_YEARS": 1,
    "MAX_TERM_YEARS": 3,
    # Members whose membership is not active may not apply, request a mentor,
    # sign an agreement or nominate (they may still withdraw and step back).
    "REQUIRE_ACTIVE_MEMBERSHIP": True,
    # How suggested mentors are scored (acnm_mentoring_plugin.suggestions):
    # points per field of interest shared with the mentee, per career
    # direction the mentor advises on that the mentee is heading for, for a
    # mentor of the preferred career level ("senior", "junior" or "" for
    # none), and for a mentor from another institution than the mentee's
    # when prefer_other_institution is True. A host may set only the keys it
    # changes; a mentor who scores 0 is not suggested.
    "SUGGESTION_WEIGHTS": {
        "shared_field": 3,
        "shared_direction": 2,
        "preferred_career_level": "senior",
        "career_level": 1,
        "prefer_other_institution": True,
        "other_institution": 1,
    },
    # How many suggested mentors a mentee (and staff matching a pair) see.
    "SUGGESTIONS_SHOWN": 3,
    # How many forms (any POST to the plugin's pages) one signed-in member,
    # and one address, may send in a window, as django-ratelimit rates:
    # "30/10m" is 30 per 10 minutes; None lifts that limit. Over it, nothing
    # is saved and the member gets a 429 page that keeps what they typed.
    # Members behind one hospital network share an address: keep "ip" well
    # above "member". A host may set only the key it changes.
    "RATE_LIMITS": {
        "member": "30/10m",
        "ip": "300/10m",
    },
    # A mentor sees the average of their mentees' ratings only once this many
    # different mentees have rated: fewer would say who gave which.
    "FEEDBACK_MIN_RESPONDENTS": 3,
}


class MentoringSettings:
    """Attribute access to ``ACNM_MENTORING`` merged over ``DEFAULTS``."""

    def __init__(self):
        self._cache = None

    def _load(self):
        user = getattr(settings, "ACNM_MENTORING", {}) or {}
        unknown = set(user) - set(DEFAULTS)
        if unknown:
            from django.core.exceptions import ImproperlyConfigured

            raise ImproperlyConfigured(
                "Unknown ACNM_MENTORING setting(s): {}. Known settings: {}.".format(
                    ", ".join(sorted(unknown)), ", ".join(sorted(DEFAULTS))
                )
            )
        return {**DEFAULTS, **user}

    def __getattr__(self, name):
        if name not in DEFAULTS:
            raise AttributeError(f"No ACNM_MENTORING setting named {name!r}")
        if self._cache is None:
            self._cache = self._load()
        return self._cache[name]

    def reload(self):
        self._cache = None


mentoring_settings = MentoringSettings()


def _reload(*, setting, **kwargs):
    if setting == "ACNM_MENTORING":
        mentoring_settings.reload()


setting_changed.connect(_reload)
