"""Signing in through the association's OpenID Connect provider, for real.

The site (Django's test client) and the demo identity provider (a server of
its own, tests/oidc_provider.py) talk over HTTP as in production: the
authorization code flow with PKCE, the ID token's signature checked against
the provider's published keys, the claims mapped to the member. Then every
way the round trip can go wrong: a tampered, replayed or stale ``state``, a
replayed or expired code, ID tokens that are wrong in each way that matters
(tests/rogue_idp.py), a provider that is down or hangs. Each ends on a page
that says what happened and what to do, with no account and no member made.
"""

import logging
import time
from urllib.parse import parse_qs, urlencode, urlsplit, urlunsplit

import pytest
from allauth.socialaccount.models import SocialAccount
from django.contrib.auth import get_user_model
from django.contrib.messages import get_messages
from django.urls import reverse

from acnm_mentoring_plugin.models import ActivityRecord, Member
from tests import factories
from tests.pages import make_program_page
from tests.rogue_idp import FAULTS, RogueProvider, SilentServer
from tests.test_demo_idp import sign_in as sign_in_at_provider

pytestmark = pytest.mark.django_db

LOGIN = reverse("membership_oidc_login", kwargs={"provider_id": "acnm"})
NEXT = "/mentoring-program/"


def use_provider(settings, app):
    settings.SOCIALACCOUNT_PROVIDERS = {
        "membership_oidc": {"OAUTH_PKCE_ENABLED": True, "APPS": [app]}
    }
    settings.ACNM_MENTORING = {
        **settings.ACNM_MENTORING,
        "SIGN_IN_PROVIDER": "acnm",
        "PASSWORD_LOGIN": "staff",
    }


@pytest.fixture
def sso(settings, oidc_provider):
    use_provider(settings, oidc_provider.allauth_app())
    return oidc_provider


@pytest.fixture
def identity(oidc_provider, request):
    """A member of the association, known only to the provider so far."""
    username = f"m{abs(hash(request.node.name)) % 10**8}"
    claims = oidc_provider.add_identity(
        username,
        "member-pw",
        first_name="Jordan",
        last_name="Rivera",
        email=f"{username}@members.test",
        membership_status="active",
        career_stage="resident",
        training_year=2,
        institution="Riverside University Hospital",
    )
    return {"username": username, "password": "member-pw", **claims}


def start(client, next_url=NEXT):
    """Press "Sign in with ACNM": returns the response (a redirect to the provider)."""
    return client.post(LOGIN, {"process": "login", "next": next_url})


def authorize(provider_session, authorize_url):
    """The provider's side: the member is signed in there; it sends them back."""
    response = provider_session.get(authorize_url, allow_redirects=False, timeout=10)
    assert response.status_code == 302, response.text[:500]
    return response.headers["Location"]


def come_back(client, callback_url):
    parts = urlsplit(callback_url)
    return client.get(parts.path, parse_qs(parts.query))


def with_query(url, **changes):
    parts = urlsplit(url)
    query = {key: values[0] for key, values in parse_qs(parts.query).items()}
    query.update(changes)
    return urlunsplit(parts._replace(query=urlencode(query)))


def round_trip(client, provider, identity, next_url=NEXT):
    """The whole sign-in; returns the site's last response."""
    session = sign_in_at_provider(provider, identity["username"], identity["password"])
    callback = authorize(session, start(client, next_url)["Location"])
    return come_back(client, callback)


def nothing_was_made():
    assert not get_user_model().objects.exists()
    assert not SocialAccount.objects.exists()
    assert not Member.objects.exists()


def assert_sign_in_error(response, status, words):
    assert response.status_code == status
    html = response.content.decode()
    assert "Sign-in not completed" in html
    assert words in html
    # A way to try again, through the provider, back to the page.
    assert f'action="{LOGIN}"' in html
    return html


# Signing in ---------------------------------------------------------------------


def test_a_member_signs_in_at_the_provider_and_comes_back_to_the_page(
    client, sso, identity, site_root, program
):
    make_program_page(site_root, program)
    response = round_trip(client, sso, identity)

    assert response.status_code == 302
    assert response["Location"] == NEXT
    user = get_user_model().objects.get()
    assert int(client.session["_auth_user_id"]) == user.pk
    assert (user.first_name, user.last_name, user.email) == (
        "Jordan",
        "Rivera",
        identity["email"],
    )
    member = user.mentoring_member
    assert member.membership_id == identity["membership_id"]
    assert member.career_stage == "resident"
    assert member.training_year == 2
    assert member.institution == "Riverside University Hospital"
    account = SocialAccount.objects.get(user=user)
    assert account.provider == "acnm"
    assert account.uid == identity["sub"]

    page = client.get(NEXT).content.decode()
    assert "Submit application" in page
    told = [str(message) for message in get_messages(response.wsgi_request)]
    assert told == ["Successfully signed in as Jordan Rivera."]


def test_every_sign_in_brings_the_member_up_to_date(client, sso, identity):
    round_trip(client, sso, identity)
    client.logout()
    sso.add_identity(
        identity["username"],
        identity["password"],
        career_stage="fellow",
        training_year=1,
        institution="Lakeside Medical Center",
    )
    round_trip(client, sso, identity)

    member = Member.objects.get()
    assert (member.career_stage, member.training_year, member.institution) == (
        "fellow",
        1,
        "Lakeside Medical Center",
    )
    assert get_user_model().objects.count() == 1
    assert ActivityRecord.objects.filter(action="member_refreshed").count() == 1


def test_a_lapsed_member_signs_in_and_is_told_why_they_cannot_apply(
    client, sso, oidc_provider, site_root, program
):
    oidc_provider.add_identity(
        "lapsed-oidc", "member-pw", membership_status="lapsed", career_stage="fellow"
    )
    make_program_page(site_root, program)
    round_trip(client, sso, {"username": "lapsed-oidc", "password": "member-pw"})

    page = client.get(NEXT).content.decode()
    assert "Submit application" not in page
    assert "membership" in page and "not active" in page


def test_a_member_the_site_already_knows_is_linked_at_the_first_sign_in(
    client, sso, identity
):
    known = factories.MemberFactory(membership_id=identity["membership_id"])
    round_trip(client, sso, identity)

    assert get_user_model().objects.count() == 1
    assert int(client.session["_auth_user_id"]) == known.user.pk
    assert SocialAccount.objects.get().user == known.user
    assert ActivityRecord.objects.filter(
        action="sign_in_linked", object_id=str(known.pk)
    ).exists()


def test_a_membership_number_already_signed_in_by_someone_else_is_not_taken_over(
    client, sso, identity
):
    holder = factories.MemberFactory(membership_id=identity["membership_id"])
    SocialAccount.objects.create(user=holder.user, provider="acnm", uid="someone-else")
    response = round_trip(client, sso, identity)

    assert response.status_code == 403
    assert "already linked to another account" in response.content.decode()
    assert get_user_model().objects.count() == 1
    assert "_auth_user_id" not in client.session


def test_an_account_with_staff_rights_is_never_linked_by_membership_number(
    client, sso, identity
):
    staff_member = factories.MemberFactory(
        membership_id=identity["membership_id"], user__is_staff=True
    )
    response = round_trip(client, sso, identity)

    assert response.status_code == 403
    assert "_auth_user_id" not in client.session
    assert not SocialAccount.objects.filter(user=staff_member.user).exists()


def test_an_account_here_with_the_same_email_is_neither_entered_nor_duplicated(
    client, sso, identity
):
    """The provider's e-mail is not proof of owning the site's account."""
    local = factories.UserFactory(email=identity["email"])
    response = round_trip(client, sso, identity)

    assert response.status_code == 403
    html = response.content.decode()
    assert "already uses the e-mail address" in html
    assert "contact the programme coordinator" in html
    assert "_auth_user_id" not in client.session
    assert list(get_user_model().objects.all()) == [local]
    assert not SocialAccount.objects.exists()


# A stale or tampered round trip ------------------------------------------------


def test_a_tampered_state_is_refused_and_makes_nothing(client, sso, identity):
    session = sign_in_at_provider(sso, identity["username"], identity["password"])
    callback = authorize(session, start(client)["Location"])
    response = come_back(client, with_query(callback, state="forged-state"))

    assert_sign_in_error(response, 400, "expired or was already used")
    nothing_was_made()


def test_a_replayed_callback_is_refused(client, sso, identity):
    session = sign_in_at_provider(sso, identity["username"], identity["password"])
    callback = authorize(session, start(client)["Location"])
    assert come_back(client, callback).status_code == 302
    client.logout()

    response = come_back(client, callback)
    assert_sign_in_error(response, 400, "expired or was already used")
    assert "_auth_user_id" not in client.session


def test_a_callback_from_another_browser_is_refused(
    client, sso, identity, django_db_blocker
):
    """The code and state of someone else's sign-in, brought to a new browser."""
    from django.test import Client

    session = sign_in_at_provider(sso, identity["username"], identity["password"])
    callback = authorize(session, start(client)["Location"])
    response = come_back(Client(), callback)

    assert_sign_in_error(response, 400, "expired or was already used")
    nothing_was_made()


def test_a_replayed_code_is_refused_by_the_provider(client, sso, identity):
    session = sign_in_at_provider(sso, identity["username"], identity["password"])
    first = authorize(session, start(client)["Location"])
    come_back(client, first)
    client.logout()
    code = parse_qs(urlsplit(first).query)["code"][0]

    # A new round trip of this browser, finished with the old code.
    second = authorize(session, start(client)["Location"])
    response = come_back(client, with_query(second, code=code))

    assert_sign_in_error(response, 400, "could not be verified")
    assert "_auth_user_id" not in client.session


def test_an_expired_code_is_refused(client, sso, identity):
    session = sign_in_at_provider(sso, identity["username"], identity["password"])
    callback = authorize(session, start(client)["Location"])
    sso.expire_authorization_codes()
    response = come_back(client, callback)

    assert_sign_in_error(response, 400, "could not be verified")
    nothing_was_made()


def test_a_member_who_cancels_at_the_provider_is_told_so(client, sso):
    callback = start(client)["Location"]
    state = parse_qs(urlsplit(callback).query)["state"][0]
    response = client.get(
        reverse("membership_oidc_callback", kwargs={"provider_id": "acnm"}),
        {"error": "access_denied", "state": state},
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("socialaccount_login_cancelled")
    nothing_was_made()


# ID tokens that must not be believed -------------------------------------------


@pytest.mark.parametrize("fault", FAULTS)
def test_an_id_token_that_fails_verification_is_refused(client, settings, fault):
    claims = {
        "sub": "rogue-1",
        "email": "jordan@members.test",
        "membership_id": "ACNM-10001",
        "membership_status": "active",
        "career_stage": "resident",
    }
    with RogueProvider("acnm-demo", claims, fault) as rogue:
        use_provider(settings, rogue.allauth_app())
        authorize_url = start(client)["Location"]
        state = parse_qs(urlsplit(authorize_url).query)["state"][0]
        response = client.get(
            reverse("membership_oidc_callback", kwargs={"provider_id": "acnm"}),
            {"code": "any-code", "state": state},
        )
        assert rogue.token_requests == 1

    assert_sign_in_error(response, 400, "could not be verified")
    nothing_was_made()


# A provider that is down or hangs ----------------------------------------------


def test_a_provider_that_is_down_gets_a_clear_page_not_a_server_error(
    client, sso, caplog
):
    with caplog.at_level(logging.WARNING, "acnm_mentoring.sign_in"), sso.outage():
        response = start(client)

    assert_sign_in_error(response, 502, "did not answer")
    assert "try again in a few minutes" in response.content.decode()
    assert "(unreachable)" in caplog.text
    nothing_was_made()


def test_a_provider_that_goes_down_during_the_sign_in(client, sso, identity):
    session = sign_in_at_provider(sso, identity["username"], identity["password"])
    callback = authorize(session, start(client)["Location"])
    with sso.outage():
        response = come_back(client, callback)
    assert_sign_in_error(response, 502, "did not answer")
    nothing_was_made()

    # Once it is back, signing in works.
    assert round_trip(client, sso, identity)["Location"] == NEXT


def test_a_provider_that_hangs_times_out_with_a_clear_page(client, settings):
    with SilentServer() as silent:
        use_provider(
            settings,
            {
                "provider_id": "acnm",
                "name": "ACNM",
                "client_id": "acnm-demo",
                "secret": "acnm-demo-secret",
                "settings": {"server_url": silent.base_url},
            },
        )
        began = time.monotonic()
        response = start(client)
        waited = time.monotonic() - began

    assert settings.SOCIALACCOUNT_REQUESTS_TIMEOUT <= waited < 15
    assert_sign_in_error(response, 502, "did not answer")
    nothing_was_made()
