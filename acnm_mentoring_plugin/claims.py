"""Reading an identity provider's claims as the programme's values.

One place translates what a provider says (OIDC claims or SAML attributes,
named and valued as the association's membership system likes) into the
Member's fields, following ``ACNM_MENTORING["CLAIMS"]`` and
``["CLAIM_VALUES"]``.
"""

from .conf import mentoring_settings
from .models import CareerStage, MembershipStatus

MEMBER_FIELDS = (
    "membership_id",
    "membership_status",
    "career_stage",
    "training_year",
    "institution",
    "location",
)
USER_FIELDS = ("email", "first_name", "last_name")
LIMITS = {"membership_id": 64, "institution": 200, "location": 200}


def flatten(claims):
    """SAML gives every attribute as a list; OIDC gives single values."""
    flat = {}
    for name, value in (claims or {}).items():
        if isinstance(value, list | tuple):
            value = value[0] if len(value) == 1 else (value or None)
        flat[name] = value
    return flat


def _claim(claims, field):
    name = mentoring_settings.CLAIMS.get(field)
    return claims.get(name) if name else None


def _choice(field, raw, choices, fallback):
    if raw is None or raw == "":
        return fallback
    text = str(raw).strip().casefold()
    table = {
        k.casefold(): v
        for k, v in mentoring_settings.CLAIM_VALUES.get(field, {}).items()
    }
    value = table.get(text, text.replace(" ", "_"))
    return value if value in choices.values else fallback


def _year(raw):
    try:
        year = int(str(raw).strip())
    except (TypeError, ValueError):
        return None
    return year if 1 <= year <= 20 else None


def member_values(claims):
    """The Member fields the claims give, validated; missing ones get defaults."""
    claims = flatten(claims)
    values = {
        "membership_id": str(_claim(claims, "membership_id") or "").strip(),
        "membership_status": _choice(
            "membership_status",
            _claim(claims, "membership_status"),
            MembershipStatus,
            MembershipStatus.UNKNOWN,
        ),
        "career_stage": _choice(
            "career_stage",
            _claim(claims, "career_stage"),
            CareerStage,
            CareerStage.OTHER,
        ),
        "training_year": _year(_claim(claims, "training_year")),
        "institution": str(_claim(claims, "institution") or "").strip(),
        "location": str(_claim(claims, "location") or "").strip(),
    }
    for field, limit in LIMITS.items():
        values[field] = values[field][:limit]
    return values


def user_values(claims):
    """Names and e-mail for the user record; empty values are left out."""
    claims = flatten(claims)
    values = {field: str(_claim(claims, field) or "").strip() for field in USER_FIELDS}
    return {field: value[:150] for field, value in values.items() if value}
