from allauth.account.internal.decorators import login_not_required
from allauth.socialaccount.internal import jwtkit
from allauth.socialaccount.models import SocialApp
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


class SignatureCheckingAdapter(OpenIDConnectOAuth2Adapter):
    def _decode_id_token(self, app, id_token):
        return jwtkit.verify_and_decode(
            credential=id_token,
            keys_url=self.openid_config["jwks_uri"],
            issuer=self.openid_config["issuer"],
            audience=app.client_id,
            lookup_kid=jwtkit.lookup_kid_jwk,
            verify_signature=True,
        )

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


@login_not_required
def login(request, provider_id):
    return _view(OAuth2LoginView, request, provider_id)


@login_not_required
def callback(request, provider_id):
    return _view(OAuth2CallbackView, request, provider_id)
