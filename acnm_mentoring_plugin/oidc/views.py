import jwt
from allauth.account.internal.decorators import login_not_required
from allauth.socialaccount.helpers import render_authentication_error
from allauth.socialaccount.internal import jwtkit
from allauth.socialaccount.models import SocialApp
from allauth.socialaccount.providers.oauth2.client import OAuth2Error
from allauth.socialaccount.providers.oauth2.views import (
    OAuth2CallbackView,
    OAuth2LoginView,
)
from allauth.socialaccount.providers.openid_connect.views import (
    OpenIDConnectOAuth2Adapter,
)
from allauth.utils import build_absolute_uri
from django.http import Http404
from django.urls import reverse
from requests import RequestException

# Public-key algorithms only: the token's header chooses the algorithm, and
# an HMAC token "signed" with a published key, or an unsigned one, must never
# get as far as verification.
SIGNING_ALGORITHMS = frozenset(
    {"RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512"}
)


class SignatureCheckingAdapter(OpenIDConnectOAuth2Adapter):
    def _decode_id_token(self, app, id_token):
        try:
            algorithm = jwt.get_unverified_header(id_token).get("alg")
        except jwt.PyJWTError as error:
            raise OAuth2Error("Invalid id_token") from error
        if algorithm not in SIGNING_ALGORITHMS:
            raise OAuth2Error(f"ID token algorithm {algorithm!r} is not accepted")
        try:
            return jwtkit.verify_and_decode(
                credential=id_token,
                keys_url=self.openid_config["jwks_uri"],
                issuer=self.openid_config["issuer"],
                audience=app.client_id,
                lookup_kid=jwtkit.lookup_kid_jwk,
                verify_signature=True,
            )
        except (KeyError, TypeError, ValueError) as error:
            # A token without "kid", or keys not shaped as RFC 7517 says.
            raise OAuth2Error("Invalid id_token") from error

    def get_callback_url(self, request, app):
        url = reverse(
            "membership_oidc_callback", kwargs={"provider_id": self.provider_id}
        )
        return build_absolute_uri(request, url, self.redirect_uri_protocol)


def _view(view_class, request, provider_id):
    try:
        adapter = SignatureCheckingAdapter(request, provider_id)
        return view_class.adapter_view(adapter)(request)
    except SocialApp.DoesNotExist as error:
        raise Http404 from error
    except RequestException as error:
        # The discovery document is fetched before allauth's own error
        # handling starts: a provider that is down or slow must still end on
        # the sign-in error page, not on a server error.
        return render_authentication_error(
            request, adapter.get_provider(), exception=error
        )


@login_not_required
def login(request, provider_id):
    return _view(OAuth2LoginView, request, provider_id)


@login_not_required
def callback(request, provider_id):
    return _view(OAuth2CallbackView, request, provider_id)
