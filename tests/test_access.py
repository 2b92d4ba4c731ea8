"""Members only: every way in goes through sign-in and comes back."""

import pytest
from django.urls import reverse

from tests import factories
from tests.pages import make_program_page

pytestmark = pytest.mark.django_db

SIGN_IN = "/mentoring/sign-in/"


@pytest.fixture
def sso(settings):
    settings.ACNM_MENTORING = {**settings.ACNM_MENTORING, "SIGN_IN_PROVIDER": "acnm"}


def test_the_panel_signs_in_with_the_association_in_one_click(
    client, site_root, program, sso
):
    page = make_program_page(site_root, program)
    html = client.get(page.url).content.decode()
    provider_url = reverse("membership_oidc_login", kwargs={"provider_id": "acnm"})
    assert f'action="{provider_url}"' in html
    assert 'name="next" value="/mentoring-program/"' in html
    assert "Sign in to apply</button>" in html


def test_members_only_pages_send_visitors_to_sign_in_and_back(client, program):
    application = factories.ApplicationFactory(program=program)
    url = reverse("acnm_mentoring:application_detail", args=[application.public_id])
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"] == f"{SIGN_IN}?next={url.replace('/', '%2F')}"


def test_the_sign_in_page_offers_the_associations_sign_in(client, sso):
    html = client.get(SIGN_IN, {"next": "/mentoring-program/"}).content.decode()
    assert "Sign in with ACNM" in html
    assert 'name="next" value="/mentoring-program/"' in html


def test_the_sign_in_page_refuses_to_send_members_to_another_site(client, sso):
    html = client.get(SIGN_IN, {"next": "https://evil.example/"}).content.decode()
    assert "evil.example" not in html
    assert 'name="next" value="/"' in html


def test_without_a_provider_sign_in_falls_back_to_the_login_page(client):
    html = client.get(SIGN_IN, {"next": "/x/"}).content.decode()
    assert 'href="/accounts/login/?next=%2Fx%2F"' in html


def test_a_signed_in_member_is_sent_straight_back(client, resident):
    client.force_login(resident.user)
    response = client.get(SIGN_IN, {"next": "/mentoring-program/"})
    assert response.status_code == 302
    assert response["Location"] == "/mentoring-program/"


def test_a_signed_in_user_without_membership_record_is_told_why(
    client, site_root, program
):
    page = make_program_page(site_root, program)
    client.force_login(factories.UserFactory())
    html = client.get(page.url).content.decode()
    assert "Your account has no membership record yet" in html
    assert "Submit application" not in html
