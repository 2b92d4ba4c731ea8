from allauth.socialaccount.providers.openid_connect.provider import (
    OpenIDConnectProvider,
)

from .views import SignatureCheckingAdapter


class MembershipOIDCProvider(OpenIDConnectProvider):
    id = "membership_oidc"
    name = "Membership OpenID Connect"
    oauth2_adapter_class = SignatureCheckingAdapter


provider_classes = [MembershipOIDCProvider]
