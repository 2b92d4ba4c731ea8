from oauth2_provider.oauth2_validators import OAuth2Validator

from example_site.demo_idp.claims import CLAIM_SCOPES, claims_for


def _claim(name):
    def value(request):
        return claims_for(request.user)[name]

    return value


class MemberValidator(OAuth2Validator):
    """Puts the member's claims in the ID token and in the userinfo response.

    ``get_additional_claims`` takes no request, so django-oauth-toolkit also
    lists the claims in the discovery document's ``claims_supported``; each
    claim is released only when its scope was granted.
    """

    oidc_claim_scope = {**OAuth2Validator.oidc_claim_scope, **CLAIM_SCOPES}

    def get_additional_claims(self):
        return {name: _claim(name) for name in CLAIM_SCOPES if name != "sub"}
