"""Members sign in with SAML, through allauth's own SAML endpoints.

A test identity provider (tests/saml_idp.py) signs its assertions with its
own key; the site trusts only that key's certificate. The browser is Django's
test client with CSRF checks on, going the way a member does: the programme
page's "Sign in to apply" form, allauth's SAML login view, the redirect to the
identity provider, the identity provider's POST back to the ACS, the page the
member started on. Nothing of the plugin or allauth is mocked.
"""

import datetime
from html.parser import HTMLParser

import pytest
from allauth.socialaccount.models import SocialAccount
from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in
from django.test import Client

from acnm_mentoring_plugin.models import ActivityRecord, Member
from tests import saml_idp
from tests.pages import make_program_page

pytestmark = pytest.mark.django_db

SLUG = "acnm-saml"
HOST = "mentoring.acnm.test"
SP_ENTITY_ID = f"https://{HOST}/saml/acnm-saml/"
ACS_URL = f"http://{HOST}/accounts/saml/acnm-saml/acs/"
NAME_ID = "7f3c9a52-5d1e-4b8f-9a61-0c2d44e8b1a7"
JORDAN = {
    "membership_id": "ACNM-10001",
    "membership_status": "Current",
    "career_stage": "Resident Physician",
    "training_year": "2",
    "institution": "Riverside University Hospital",
    "email": "jordan@members.test",
    "given_name": "Jordan",
    "family_name": "Rivera",
}


def saml_provider_settings(idp):
    """SOCIALACCOUNT_PROVIDERS["saml"], as docs/sso.md shows it."""
    return {
        "APPS": [
            {
                "provider_id": SLUG,
                "client_id": SLUG,
                "name": "ACNM (SAML)",
                "settings": {
                    "idp": idp.idp_settings(),
                    "sp": {"entity_id": SP_ENTITY_ID},
                    # No "uid": the persistent NameID is the account's key.
                    "attribute_mapping": {
                        "email": "email",
                        "first_name": "given_name",
                        "last_name": "family_name",
                    },
                    "advanced": {
                        "strict": True,
                        "want_assertion_signed": True,
                        "want_message_signed": False,
                        "want_name_id": True,
                        "want_attribute_statement": True,
                        "reject_idp_initiated_sso": True,
                        "allow_repeat_attribute_name": True,
                        "reject_deprecated_algorithm": True,
                    },
                },
            }
        ]
    }


@pytest.fixture(scope="session")
def idp():
    return saml_idp.IdentityProvider(
        entity_id="https://idp.acnm.test/saml/metadata",
        sso_url="https://idp.acnm.test/saml/sso",
        keys=saml_idp.key_pair("ACNM identity provider"),
    )


@pytest.fixture(scope="session")
def rogue_keys():
    return saml_idp.key_pair("Not the ACNM identity provider")


@pytest.fixture(autouse=True)
def saml_app(settings, idp):
    settings.SOCIALACCOUNT_PROVIDERS = {
        **settings.SOCIALACCOUNT_PROVIDERS,
        "saml": saml_provider_settings(idp),
    }
    settings.ACNM_MENTORING = {
        **settings.ACNM_MENTORING,
        "SIGN_IN_PROVIDER": SLUG,
        "PASSWORD_LOGIN": "staff",
    }


@pytest.fixture
def page(site_root, program):
    return make_program_page(site_root, program)


def new_browser():
    """A browser: CSRF checked, and a Host header, which allauth's SAML views
    read from ``request.META`` themselves (the test client sends none by
    default). python3-saml refuses single-label hosts such as "testserver"
    in the SP's URLs, so the site has a real-looking name."""
    return Client(enforce_csrf_checks=True, HTTP_HOST=HOST)


@pytest.fixture
def browser():
    return new_browser()


@pytest.fixture
def sign_ins():
    users = []

    def count(sender, user, **kwargs):
        users.append(user)

    user_logged_in.connect(count)
    yield users
    user_logged_in.disconnect(count)


class Forms(HTMLParser):
    """The forms of a page: action and the values of their inputs."""

    def __init__(self):
        super().__init__()
        self.forms = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.forms.append({"class": attrs.get("class", ""), "action": "", **attrs})
            self.forms[-1]["fields"] = {}
        elif tag == "input" and self.forms and attrs.get("name"):
            self.forms[-1]["fields"][attrs["name"]] = attrs.get("value", "")


def sign_in_form(html):
    parser = Forms()
    parser.feed(html)
    (form,) = [f for f in parser.forms if "acnm-sign-in" in f["class"]]
    return form


def start_sign_in(browser, idp, page):
    """Anonymous on the programme page, the member presses "Sign in to apply".

    Returns the AuthnRequest the identity provider receives.
    """
    html = browser.get(page.url).content.decode()
    form = sign_in_form(html)
    assert form["action"] == f"/accounts/saml/{SLUG}/login/"
    assert form["fields"]["next"] == page.url
    response = browser.post(form["action"], form["fields"])
    assert response.status_code == 302
    location = response["Location"]
    assert location.startswith(idp.sso_url + "?SAMLRequest=")
    request = saml_idp.read_authn_request(location)
    assert request.issuer == SP_ENTITY_ID
    assert request.acs_url == ACS_URL
    return request


def post_to_acs(browser, saml_response, relay_state=None):
    """The identity provider's auto-submitting form, then every redirect."""
    data = {"SAMLResponse": saml_response}
    if relay_state is not None:
        data["RelayState"] = relay_state
    return browser.post(ACS_URL, data, follow=True)


def answer(idp, request, attributes=JORDAN, **options):
    """The identity provider's signed Response to ``request``."""
    return idp.response(
        name_id=NAME_ID,
        attributes=attributes,
        audience=SP_ENTITY_ID,
        acs_url=request.acs_url,
        in_response_to=request.id,
        **options,
    )


def sign_in(browser, idp, page, attributes=JORDAN):
    request = start_sign_in(browser, idp, page)
    saml_response = answer(idp, request, attributes)
    return post_to_acs(browser, saml_response, request.relay_state), saml_response


def signed_in(browser):
    return "_auth_user_id" in browser.session


def now():
    return datetime.datetime.now(datetime.UTC)


def saml_errors(caplog):
    """What allauth's SAML views logged about the responses they refused."""
    return " | ".join(
        record.getMessage()
        for record in caplog.records
        if record.name.startswith("allauth.socialaccount.providers.saml")
    )


def assert_refused(response, browser, caplog, reason, told="could not be verified"):
    """Refused on the sign-in error page, for ``reason``; nobody and nothing made.

    ``told``: what the member reads there.
    """
    assert response.status_code == 400
    html = response.content.decode()
    assert "Sign-in not completed" in html
    assert told in html
    assert reason in saml_errors(caplog)
    assert not signed_in(browser)
    assert not get_user_model().objects.exists()
    assert not SocialAccount.objects.exists()
    assert not Member.objects.exists()


def test_a_member_signs_in_with_saml_and_lands_on_the_page_they_started_on(
    browser, idp, page, sign_ins
):
    response, _ = sign_in(browser, idp, page)

    assert [url for url, _ in response.redirect_chain] == [
        f"/accounts/saml/{SLUG}/acs/finish/",
        page.url,
    ]
    assert response.status_code == 200
    assert response.request["PATH_INFO"] == page.url
    assert "Submit application" in response.content.decode()

    user = get_user_model().objects.get()
    assert signed_in(browser) and browser.session["_auth_user_id"] == str(user.pk)
    assert sign_ins == [user]
    assert (user.first_name, user.last_name, user.email) == (
        "Jordan",
        "Rivera",
        "jordan@members.test",
    )
    account = SocialAccount.objects.get()
    assert (account.provider, account.uid, account.user) == (SLUG, NAME_ID, user)
    assert account.extra_data["membership_id"] == ["ACNM-10001"]
    member = Member.objects.get(user=user)
    assert member.membership_id == "ACNM-10001"
    assert member.membership_status == "active"
    assert member.career_stage == "resident"
    assert member.training_year == 2
    assert member.institution == "Riverside University Hospital"


def test_a_later_sign_in_refreshes_the_same_member_found_by_name_id(browser, idp, page):
    sign_in(browser, idp, page)
    member = Member.objects.get()

    later = new_browser()
    lapsed = {
        **JORDAN,
        "membership_status": "lapsed",
        "email": "jordan.rivera@riverside.test",
    }
    response, _ = sign_in(later, idp, page, lapsed)

    assert response.status_code == 200 and signed_in(later)
    assert get_user_model().objects.count() == 1
    assert SocialAccount.objects.get().uid == NAME_ID
    member.refresh_from_db()
    assert member.membership_status == "lapsed"
    assert member.user.email == "jordan.rivera@riverside.test"
    record = ActivityRecord.objects.get(action="member_refreshed")
    assert (record.from_state, record.to_state) == ("active", "lapsed")

    html = later.get(page.url).content.decode()
    assert "Your membership is not active" in html
    assert "Submit application" not in html


def test_another_name_id_with_a_linked_membership_number_is_refused(browser, idp, page):
    """The plugin's refusal, reached through SAML; the member is untouched.

    (allauth has by then saved the newcomer's user and social account, which
    stay behind without a Member and are refused again at every sign-in.)
    """
    sign_in(browser, idp, page)
    member = Member.objects.get()
    other = new_browser()
    request = start_sign_in(other, idp, page)
    saml_response = idp.response(
        name_id="another-subject",
        attributes={**JORDAN, "email": "someone@elsewhere.test"},
        audience=SP_ENTITY_ID,
        acs_url=request.acs_url,
        in_response_to=request.id,
    )
    response = post_to_acs(other, saml_response, request.relay_state)
    assert response.status_code == 403
    assert "already linked to another account" in response.content.decode()
    assert not signed_in(other)
    assert list(Member.objects.all()) == [member]
    assert member.user.socialaccount_set.get().uid == NAME_ID
    # The refused first sign-in leaves no account behind.
    assert get_user_model().objects.count() == 1


def test_the_site_publishes_its_service_provider_metadata(browser):
    response = browser.get(f"/accounts/saml/{SLUG}/metadata/")
    assert response.status_code == 200
    xml = response.content.decode()
    assert f'entityID="{SP_ENTITY_ID}"' in xml
    assert f'Location="{ACS_URL}"' in xml
    assert 'WantAssertionsSigned="true"' in xml


HOUR = datetime.timedelta(hours=1)


@pytest.mark.parametrize(
    "fault, reason",
    [
        ({"signing_keys": "rogue"}, "Signature validation failed"),
        ({"sign_assertion": False}, "The Assertion of the Response is not signed"),
        (
            {"sign_assertion": False, "sign_response": True},
            "The Assertion of the Response is not signed",
        ),
        ({"audience": "https://another-site.test/saml/"}, "is not a valid audience"),
        ({"issued_ago": 2 * HOUR, "lifetime": HOUR}, "validate timestamp: expired"),
    ],
    ids=["another-key", "unsigned", "only-the-response-signed", "audience", "expired"],
)
def test_a_bad_assertion_is_refused(
    browser, idp, page, rogue_keys, caplog, fault, reason
):
    request = start_sign_in(browser, idp, page)
    options = {"audience": SP_ENTITY_ID, **fault}
    if options.get("signing_keys") == "rogue":
        options["signing_keys"] = rogue_keys
    if "issued_ago" in options:
        options["issued_at"] = now() - options.pop("issued_ago")
    saml_response = idp.response(
        name_id=NAME_ID,
        attributes=JORDAN,
        acs_url=request.acs_url,
        in_response_to=request.id,
        **options,
    )
    response = post_to_acs(browser, saml_response, request.relay_state)
    assert_refused(response, browser, caplog, reason)


def test_an_assertion_changed_after_signing_is_refused(browser, idp, page, caplog):
    request = start_sign_in(browser, idp, page)
    xml = saml_idp.decode(
        answer(idp, request, {**JORDAN, "membership_status": "lapsed"})
    )
    assert xml.count(">lapsed<") == 1
    forged = saml_idp.encode(xml.replace(">lapsed<", ">active<"))
    response = post_to_acs(browser, forged, request.relay_state)
    assert_refused(response, browser, caplog, "Signature validation failed")


def test_an_idp_initiated_response_is_refused(browser, idp, page, caplog):
    saml_response = idp.response(
        name_id=NAME_ID, attributes=JORDAN, audience=SP_ENTITY_ID, acs_url=ACS_URL
    )
    response = post_to_acs(browser, saml_response, page.url)
    # A link from the provider's portal: the member starts again from here.
    assert_refused(
        response,
        browser,
        caplog,
        "IdP initiated SSO rejected",
        told="expired or was already used",
    )


def test_a_replayed_response_signs_nobody_in_again(browser, idp, page, sign_ins):
    response, saml_response = sign_in(browser, idp, page)
    assert response.status_code == 200 and len(sign_ins) == 1

    # The same browser posts it again: the AuthnRequest it answered is spent.
    again = post_to_acs(browser, saml_response)
    assert again.status_code == 403
    assert len(sign_ins) == 1

    # Whoever captured it, in another browser, gets nowhere either.
    thief = new_browser()
    stolen = post_to_acs(thief, saml_response)
    assert stolen.status_code == 403 and not signed_in(thief)
    assert len(sign_ins) == 1
    assert get_user_model().objects.count() == 1


def test_a_captured_response_cannot_answer_another_browsers_request(
    browser, idp, page, sign_ins, caplog
):
    _, saml_response = sign_in(browser, idp, page)
    xml = saml_idp.decode(saml_response)
    victims_request_id = saml_idp.read_in_response_to(xml)

    thief = new_browser()
    thiefs_request = start_sign_in(thief, idp, page)

    # As it is: it answers someone else's request.
    response = post_to_acs(thief, saml_response, thiefs_request.relay_state)
    assert response.status_code == 403 and not signed_in(thief)

    # Response's InResponseTo rewritten (it lies outside the signature): the
    # signed SubjectConfirmationData still names the victim's request.
    rewritten = xml.replace(
        f'InResponseTo="{victims_request_id}"',
        f'InResponseTo="{thiefs_request.id}"',
        1,
    )
    assert rewritten != xml
    response = post_to_acs(thief, saml_idp.encode(rewritten))
    assert response.status_code == 400 and not signed_in(thief)
    assert "A valid SubjectConfirmation was not found" in saml_errors(caplog)

    # InResponseTo removed, to pass as IdP-initiated: refused as such.
    stripped = xml.replace(f' InResponseTo="{victims_request_id}"', "", 1)
    response = post_to_acs(thief, saml_idp.encode(stripped))
    assert response.status_code == 400 and not signed_in(thief)
    assert "expired or was already used" in response.content.decode()
    assert "IdP initiated SSO rejected" in saml_errors(caplog)
    assert len(sign_ins) == 1


def test_without_reject_idp_initiated_sso_a_response_can_be_replayed(
    settings, idp, page, sign_ins
):
    """What allauth and python3-saml do not do: remember assertions they saw.

    With IdP-initiated sign-in allowed, the same response signs in again in
    any browser until it expires. This is why the site keeps
    ``reject_idp_initiated_sso`` on.
    """
    saml = saml_provider_settings(idp)
    saml["APPS"][0]["settings"]["advanced"]["reject_idp_initiated_sso"] = False
    settings.SOCIALACCOUNT_PROVIDERS = {
        **settings.SOCIALACCOUNT_PROVIDERS,
        "saml": saml,
    }
    saml_response = idp.response(
        name_id=NAME_ID, attributes=JORDAN, audience=SP_ENTITY_ID, acs_url=ACS_URL
    )
    for _ in range(2):
        somebody = new_browser()
        response = post_to_acs(somebody, saml_response, page.url)
        assert response.status_code == 200 and signed_in(somebody)
        assert response.request["PATH_INFO"] == page.url
    assert len(sign_ins) == 2
