"""The demo identity provider, tested as an OpenID Connect provider.

It stands in for the association's identity provider in the example site and
in the suite's single sign-on tests, so it must behave like a real one:
discovery, the authorization code flow with PKCE, RS256 ID tokens whose
signature verifies against the published keys, and the membership claims.
"""

import base64
import hashlib
import re
import secrets
from urllib.parse import parse_qs, urlsplit

import jwt
import pytest
import requests

from tests import oidc_provider as provider_plugin

# The provider's session fixture (one server, shared with the plugin's when
# tests/conftest.py lists "tests.oidc_provider" in pytest_plugins).
oidc_provider = provider_plugin.oidc_provider

REDIRECT_URI = f"http://127.0.0.1:8000{provider_plugin.CALLBACK_PATH}"
SCOPE = "openid profile email membership"


@pytest.fixture(scope="module")
def discovery(oidc_provider):
    return requests.get(oidc_provider.discovery_url, timeout=10).json()


def pkce_pair():
    verifier = secrets.token_urlsafe(48)
    digest = hashlib.sha256(verifier.encode()).digest()
    return verifier, base64.urlsafe_b64encode(digest).rstrip(b"=").decode()


def sign_in(provider, username, password="mentoring-demo"):
    """A browser session signed in at the provider's own sign-in page."""
    session = requests.Session()
    page = session.get(f"{provider.base_url}/accounts/login/", timeout=10)
    csrf = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text)
    response = session.post(
        f"{provider.base_url}/accounts/login/",
        data={
            "csrfmiddlewaretoken": csrf.group(1),
            "username": username,
            "password": password,
            "next": "/",
        },
        allow_redirects=False,
        timeout=10,
    )
    assert response.status_code == 302, "the sign-in was refused"
    return session


def authorize(session, discovery, provider, challenge, **extra):
    """The authorization request; returns the redirect's query parameters."""
    params = {
        "response_type": "code",
        "client_id": provider.client_id,
        "redirect_uri": REDIRECT_URI,
        "scope": SCOPE,
        "state": "state-1",
        "nonce": "nonce-1",
        "code_challenge": challenge,
        "code_challenge_method": "S256",
        **extra,
    }
    params = {key: value for key, value in params.items() if value is not None}
    response = session.get(
        discovery["authorization_endpoint"],
        params=params,
        allow_redirects=False,
        timeout=10,
    )
    assert response.status_code == 302
    location = urlsplit(response.headers["Location"])
    assert f"{location.scheme}://{location.netloc}{location.path}" == REDIRECT_URI
    return {key: values[0] for key, values in parse_qs(location.query).items()}


def exchange(discovery, provider, code, verifier):
    data = {
        "grant_type": "authorization_code",
        "code": code,
        "redirect_uri": REDIRECT_URI,
        "client_id": provider.client_id,
        "client_secret": provider.client_secret,
    }
    if verifier is not None:
        data["code_verifier"] = verifier
    return requests.post(discovery["token_endpoint"], data=data, timeout=10)


def verified_claims(discovery, provider, id_token):
    """The ID token's claims, after checking it as a relying party must."""
    assert jwt.get_unverified_header(id_token)["alg"] == "RS256"
    keys = jwt.PyJWKSet.from_dict(
        requests.get(discovery["jwks_uri"], timeout=10).json()
    )
    key = keys[jwt.get_unverified_header(id_token)["kid"]]
    return jwt.decode(
        id_token,
        key=key.key,
        algorithms=["RS256"],
        audience=provider.client_id,
        issuer=provider.issuer,
    )


def sign_in_through_code_flow(provider, discovery, username, **sign_in_kwargs):
    session = sign_in(provider, username, **sign_in_kwargs)
    verifier, challenge = pkce_pair()
    code = authorize(session, discovery, provider, challenge)["code"]
    response = exchange(discovery, provider, code, verifier)
    assert response.status_code == 200, response.text
    return response.json()


def test_discovery_names_the_endpoints_and_requires_s256(oidc_provider, discovery):
    issuer = oidc_provider.issuer
    assert discovery["issuer"] == issuer
    assert discovery["authorization_endpoint"] == f"{issuer}/authorize/"
    assert discovery["token_endpoint"] == f"{issuer}/token/"
    assert discovery["userinfo_endpoint"] == f"{issuer}/userinfo/"
    assert discovery["jwks_uri"] == f"{issuer}/.well-known/jwks.json"
    assert discovery["code_challenge_methods_supported"] == ["S256"]
    assert discovery["response_types_supported"] == ["code"]
    assert "RS256" in discovery["id_token_signing_alg_values_supported"]
    assert set(SCOPE.split()) <= set(discovery["scopes_supported"])
    assert {"membership_id", "membership_status", "career_stage"} <= set(
        discovery["claims_supported"]
    )


def test_code_flow_with_pkce_gives_a_signed_id_token_with_membership_claims(
    oidc_provider,
    discovery,
):
    tokens = sign_in_through_code_flow(oidc_provider, discovery, "resident")

    claims = verified_claims(discovery, oidc_provider, tokens["id_token"])
    expected = {
        "email": "resident@acnm.example",
        "email_verified": True,
        "given_name": "Jordan",
        "family_name": "Rivera",
        "name": "Jordan Rivera",
        "preferred_username": "resident",
        "membership_id": "ACNM-10001",
        "membership_status": "active",
        "career_stage": "resident",
        "training_year": 2,
        "institution": "Riverside University Hospital",
    }
    assert claims | expected == claims
    assert claims["nonce"] == "nonce-1"
    assert claims["sub"].isdigit()
    userinfo = requests.get(
        discovery["userinfo_endpoint"],
        headers={"Authorization": f"Bearer {tokens['access_token']}"},
        timeout=10,
    ).json()
    assert userinfo == {"sub": claims["sub"], **expected}


def test_demo_members_have_ids_in_the_order_of_the_demo_content(
    oidc_provider,
    discovery,
):
    tokens = sign_in_through_code_flow(oidc_provider, discovery, "lapsed")

    claims = verified_claims(discovery, oidc_provider, tokens["id_token"])
    assert claims["membership_id"] == "ACNM-10007"
    assert claims["membership_status"] == "lapsed"
    assert claims["training_year"] == 3


def test_claims_are_released_only_for_the_scopes_granted(oidc_provider, discovery):
    session = sign_in(oidc_provider, "mentor")
    verifier, challenge = pkce_pair()
    code = authorize(
        session, discovery, oidc_provider, challenge, scope="openid email"
    )["code"]
    tokens = exchange(discovery, oidc_provider, code, verifier).json()

    claims = verified_claims(discovery, oidc_provider, tokens["id_token"])
    assert claims["email"] == "mentor@acnm.example"
    assert "name" not in claims
    assert "membership_id" not in claims


def test_an_authorization_code_works_only_once(oidc_provider, discovery):
    session = sign_in(oidc_provider, "fellow")
    verifier, challenge = pkce_pair()
    code = authorize(session, discovery, oidc_provider, challenge)["code"]

    assert exchange(discovery, oidc_provider, code, verifier).status_code == 200
    replay = exchange(discovery, oidc_provider, code, verifier)
    assert replay.status_code == 400
    assert replay.json()["error"] == "invalid_grant"


def test_the_token_request_needs_the_code_verifier(oidc_provider, discovery):
    session = sign_in(oidc_provider, "fellow")
    verifier, challenge = pkce_pair()
    code = authorize(session, discovery, oidc_provider, challenge)["code"]

    missing = exchange(discovery, oidc_provider, code, None)
    assert missing.status_code == 400
    assert "id_token" not in missing.json()
    wrong = exchange(discovery, oidc_provider, code, pkce_pair()[0])
    assert wrong.status_code == 400
    assert "id_token" not in wrong.json()


def test_an_authorization_request_without_pkce_is_refused(oidc_provider, discovery):
    session = sign_in(oidc_provider, "fellow")

    answer = authorize(session, discovery, oidc_provider, None)

    assert "code" not in answer
    assert answer["error"] == "invalid_request"


def test_sign_in_page_is_labelled_and_says_it_is_a_demo(oidc_provider):
    page = requests.get(f"{oidc_provider.base_url}/accounts/login/", timeout=10)

    assert '<html lang="en">' in page.text
    assert '<label for="id_username">' in page.text
    assert '<label for="id_password">' in page.text
    assert (
        "Demo identity provider: for trying the example site only. "
        "Never use it in production." in page.text
    )
    assert "demo_idp_csrftoken" in page.cookies
    session = sign_in(oidc_provider, "mentor")
    assert "demo_idp_sessionid" in session.cookies
    assert "sessionid" not in session.cookies
    assert "csrftoken" not in session.cookies


def test_added_identities_carry_their_claims(oidc_provider, discovery):
    added = oidc_provider.add_identity(
        "former",
        "former-password",
        first_name="Ola",
        last_name="Nordmann",
        membership_status="lapsed",
        career_stage="fellow",
        training_year=1,
    )
    tokens = sign_in_through_code_flow(
        oidc_provider, discovery, "former", password="former-password"
    )

    claims = verified_claims(discovery, oidc_provider, tokens["id_token"])
    assert claims | added == claims
    assert claims["name"] == "Ola Nordmann"
    assert claims["membership_status"] == "lapsed"
    assert claims["membership_id"].startswith("ACNM-9")


def test_another_redirect_uri_can_be_registered(oidc_provider, discovery):
    elsewhere = "http://testserver/sso/acnm/callback/"
    session = sign_in(oidc_provider, "fellow")
    _, challenge = pkce_pair()
    refused = session.get(
        discovery["authorization_endpoint"],
        params={
            "response_type": "code",
            "client_id": oidc_provider.client_id,
            "redirect_uri": elsewhere,
            "scope": SCOPE,
            "code_challenge": challenge,
            "code_challenge_method": "S256",
        },
        allow_redirects=False,
        timeout=10,
    )
    assert refused.status_code == 400

    oidc_provider.register_redirect_uri(elsewhere)

    allowed = session.get(refused.url, allow_redirects=False, timeout=10)
    assert allowed.status_code == 302
    assert allowed.headers["Location"].startswith(f"{elsewhere}?code=")


def test_an_outage_makes_the_provider_unreachable_until_it_is_back(
    oidc_provider,
):
    with oidc_provider.outage(), pytest.raises(requests.ConnectionError):
        requests.get(oidc_provider.discovery_url, timeout=5)

    assert requests.get(oidc_provider.discovery_url, timeout=5).status_code == 200
