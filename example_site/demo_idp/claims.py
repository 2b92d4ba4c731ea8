"""The claims the provider tells about a member: one definition for all uses."""

from django.core.exceptions import ObjectDoesNotExist

# Claims of the provider's own ``membership`` scope, in the order of the model.
MEMBERSHIP_CLAIMS = (
    "membership_id",
    "membership_status",
    "career_stage",
    "training_year",
    "institution",
)

# Every claim the ID token and userinfo carry, with the scope that releases it.
CLAIM_SCOPES = {
    "sub": "openid",
    "email": "email",
    "email_verified": "email",
    "given_name": "profile",
    "family_name": "profile",
    "name": "profile",
    "preferred_username": "profile",
    **dict.fromkeys(MEMBERSHIP_CLAIMS, "membership"),
}


def claims_for(user):
    """All claims about ``user``; a user without an identity has no membership."""
    try:
        identity = user.identity
    except ObjectDoesNotExist:
        identity = None
    return {
        "sub": str(user.pk),
        "email": user.email,
        "email_verified": True,
        "given_name": user.first_name,
        "family_name": user.last_name,
        "name": user.get_full_name() or user.get_username(),
        "preferred_username": user.get_username(),
        **{
            claim: getattr(identity, claim) if identity else None
            for claim in MEMBERSHIP_CLAIMS
        },
    }
