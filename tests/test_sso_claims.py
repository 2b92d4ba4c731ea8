"""What the identity provider says becomes the member, at every sign-in."""

import pytest
from allauth.socialaccount.models import SocialAccount, SocialLogin
from django.contrib.auth import get_user_model

from acnm_mentoring_plugin.claims import member_values, user_values
from acnm_mentoring_plugin.conf import DEFAULTS
from acnm_mentoring_plugin.exceptions import MentoringError
from acnm_mentoring_plugin.models import ActivityRecord, Member
from acnm_mentoring_plugin.services import refresh_member_from_claims
from acnm_mentoring_plugin.sso import MentoringSocialAccountAdapter
from tests import factories

pytestmark = pytest.mark.django_db

RESIDENT = {
    "sub": "42",
    "email": "jordan@members.test",
    "given_name": "Jordan",
    "family_name": "Rivera",
    "membership_id": "ACNM-10001",
    "membership_status": "active",
    "career_stage": "resident",
    "training_year": 2,
    "institution": "Riverside University Hospital",
}


def test_the_default_claim_names_are_the_ones_documented():
    assert DEFAULTS["CLAIMS"] == {
        "membership_id": "membership_id",
        "membership_status": "membership_status",
        "career_stage": "career_stage",
        "training_year": "training_year",
        "institution": "institution",
        "location": "location",
        "email": "email",
        "first_name": "given_name",
        "last_name": "family_name",
    }


def test_claims_become_member_values():
    assert member_values(RESIDENT) == {
        "membership_id": "ACNM-10001",
        "membership_status": "active",
        "career_stage": "resident",
        "training_year": 2,
        "institution": "Riverside University Hospital",
        "location": "",
    }
    assert user_values(RESIDENT) == {
        "email": "jordan@members.test",
        "first_name": "Jordan",
        "last_name": "Rivera",
    }


@pytest.mark.parametrize(
    "claim, expected",
    [
        ({"membership_status": "Current"}, ("membership_status", "active")),
        ({"membership_status": "EXPIRED"}, ("membership_status", "lapsed")),
        ({"membership_status": "banana"}, ("membership_status", "unknown")),
        ({}, ("membership_status", "unknown")),
        ({"career_stage": "Assistant Professor"}, ("career_stage", "junior_faculty")),
        ({"career_stage": "Senior Faculty"}, ("career_stage", "senior_faculty")),
        ({"career_stage": "astronaut"}, ("career_stage", "other")),
        ({"training_year": "3"}, ("training_year", 3)),
        ({"training_year": "third"}, ("training_year", None)),
        ({"training_year": 99}, ("training_year", None)),
        ({"membership_id": "x" * 500}, ("membership_id", "x" * 64)),
    ],
)
def test_claim_values_are_translated_and_checked(claim, expected):
    field, value = expected
    assert member_values(claim)[field] == value


def test_saml_attributes_arrive_as_lists_and_are_read_the_same():
    saml = {key: [value] for key, value in RESIDENT.items()}
    assert member_values(saml) == member_values(RESIDENT)


def test_a_site_maps_its_own_claim_names_and_values(settings):
    settings.ACNM_MENTORING = {
        **settings.ACNM_MENTORING,
        "CLAIMS": {**DEFAULTS["CLAIMS"], "membership_status": "dues_paid"},
        "CLAIM_VALUES": {"membership_status": {"yes": "active", "no": "lapsed"}},
    }
    assert member_values({"dues_paid": "Yes"})["membership_status"] == "active"
    assert member_values({"dues_paid": "no"})["membership_status"] == "lapsed"


def test_first_sign_in_creates_the_member_and_records_it():
    user = factories.UserFactory(first_name="", last_name="", email="")
    member = refresh_member_from_claims(user, RESIDENT)
    assert member.career_stage == "resident" and member.is_in_good_standing
    user.refresh_from_db()
    assert (user.first_name, user.email) == ("Jordan", "jordan@members.test")
    record = ActivityRecord.objects.get(action="member_created")
    assert record.to_state == "active" and record.actor == user


def test_every_sign_in_refreshes_the_member_a_lapse_shows_at_once():
    user = factories.UserFactory()
    refresh_member_from_claims(user, RESIDENT)
    member = refresh_member_from_claims(
        user, {**RESIDENT, "membership_status": "lapsed", "training_year": 3}
    )
    assert member.membership_status == "lapsed" and member.training_year == 3
    record = ActivityRecord.objects.get(action="member_refreshed")
    assert (record.from_state, record.to_state) == ("active", "lapsed")
    assert record.detail["fields"] == ["membership_status", "training_year"]


def test_a_sign_in_that_changes_nothing_writes_nothing():
    user = factories.UserFactory()
    refresh_member_from_claims(user, RESIDENT)
    refresh_member_from_claims(user, RESIDENT)
    assert not ActivityRecord.objects.filter(action="member_refreshed").exists()


def test_a_membership_number_held_by_another_account_is_refused_not_moved():
    holder = factories.MemberFactory(membership_id="ACNM-10001")
    newcomer = factories.UserFactory()
    with pytest.raises(MentoringError, match="already linked to another account"):
        refresh_member_from_claims(newcomer, RESIDENT)
    assert not Member.objects.filter(user=newcomer).exists()
    holder.refresh_from_db()
    assert holder.membership_id == "ACNM-10001"


def sociallogin_for(claims, user=None):
    user = user or get_user_model()()
    account = SocialAccount(
        provider="acnm",
        uid=claims["sub"],
        extra_data={"id_token": claims, "userinfo": {"email": claims["email"]}},
    )
    return SocialLogin(user=user, account=account)


def test_the_adapter_reads_id_token_and_userinfo_together():
    adapter = MentoringSocialAccountAdapter()
    claims = adapter.claims_of(sociallogin_for(RESIDENT))
    assert claims["membership_id"] == "ACNM-10001"
    assert claims["email"] == "jordan@members.test"


def test_accounts_are_never_joined_by_email_address():
    existing = factories.UserFactory(email="jordan@members.test")
    adapter = MentoringSocialAccountAdapter()
    login = sociallogin_for(RESIDENT)
    assert adapter.can_authenticate_by_email(login, existing.email) is False


def test_local_password_sign_up_is_closed(client):
    response = client.get("/accounts/signup/")
    assert "Sign Up Closed" in response.content.decode()
    client.post(
        "/accounts/signup/",
        {"username": "x", "password1": "long-enough-1", "password2": "long-enough-1"},
    )
    assert not get_user_model().objects.filter(username="x").exists()


@pytest.fixture
def staff_only_passwords(settings):
    settings.ACNM_MENTORING = {**settings.ACNM_MENTORING, "PASSWORD_LOGIN": "staff"}


def test_members_cannot_sign_in_with_a_password_by_default(
    client, resident, staff_only_passwords
):
    response = client.post(
        "/accounts/login/", {"login": resident.user.username, "password": "pw"}
    )
    assert response.status_code == 403
    assert "Members sign in with their membership account" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_staff_keep_their_password_sign_in_by_default(client, staff_only_passwords):
    factories.StaffFactory(username="anne")
    client.post("/accounts/login/", {"login": "anne", "password": "pw"})
    assert "_auth_user_id" in client.session


def test_password_sign_in_can_be_turned_off_for_everyone(client, settings):
    settings.ACNM_MENTORING = {**settings.ACNM_MENTORING, "PASSWORD_LOGIN": "nobody"}
    factories.StaffFactory(username="anne")
    client.post("/accounts/login/", {"login": "anne", "password": "pw"})
    assert "_auth_user_id" not in client.session
