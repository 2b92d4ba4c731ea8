from urllib.parse import parse_qs, urlsplit

from django.contrib.auth.views import LoginView
from django.shortcuts import render
from django.urls import reverse
from oauth2_provider.models import get_application_model
from oauth2_provider.settings import oauth2_settings

from example_site.home import demo_content

from .claims import claims_for


def home(request):
    """Who is signed in at the provider, and where its endpoints are."""
    issuer = oauth2_settings.OIDC_ISS_ENDPOINT
    return render(
        request,
        "demo_idp/home.html",
        {
            "issuer": issuer,
            "discovery_url": f"{issuer}/.well-known/openid-configuration",
            "claims": claims_for(request.user)
            if request.user.is_authenticated
            else None,
        },
    )


class SignInView(LoginView):
    """Username and password, naming the site that asked for the sign-in."""

    template_name = "demo_idp/login.html"

    def requesting_application(self):
        next_url = self.get_redirect_url()
        if not next_url or urlsplit(next_url).path != reverse(
            "oauth2_provider:authorize"
        ):
            return None
        client_id = parse_qs(urlsplit(next_url).query).get("client_id", [""])[0]
        return get_application_model().objects.filter(client_id=client_id).first()

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            application=self.requesting_application(),
            demo_usernames=[member[0] for member in demo_content.MEMBERS],
            demo_password=demo_content.PASSWORD,
            **kwargs,
        )
