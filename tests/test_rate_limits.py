# ruff: noqa: F811
"""Rate limits: a member, or an address, sending forms faster than anyone
filling them in by hand is refused with a page that says nothing was saved,
when to try again, and keeps what was typed; sign-in is limited by allauth."""

import datetime
import re
import uuid

import pytest
import time_machine
from django.contrib.auth import SESSION_KEY
from django.core.exceptions import ImproperlyConfigured
from django.urls import URLPattern, URLResolver, reverse
from django.utils import timezone

from acnm_mentoring_plugin import urls as mentoring_urls

# The partnership tests' pair and client, reused as fixtures.
from tests.test_partnership import client, make_active, pair, url  # noqa: F401

pytestmark = pytest.mark.django_db


def log(client, mentorship, notes):
    return client.post(
        url("contact_log", mentorship),
        {
            "date": timezone.localdate().isoformat(),
            "method": "video",
            "notes": notes,
        },
    )


@pytest.fixture
def limits(settings):
    def set_limits(**rates):
        settings.ACNM_MENTORING = {
            **settings.ACNM_MENTORING,
            "RATE_LIMITS": {"member": None, "ip": None, **rates},
        }

    return set_limits


def test_a_members_form_over_the_limit_is_refused_and_nothing_is_saved(
    client, pair, limits
):
    active = make_active(client, pair)
    limits(member="3/10m")
    client.force_login(active.mentee.user)
    for number in range(3):
        assert log(client, active, f"Call {number}").status_code == 302

    response = log(client, active, "We talked about the ABNM exam.")

    assert response.status_code == 429
    page = response.content.decode()
    assert "Nothing was saved." in page
    assert "You can send it again in about" in page
    assert "We talked about the ABNM exam." in page
    assert int(response["Retry-After"]) > 0
    assert active.contacts.count() == 3
    assert not active.contacts.filter(notes__contains="ABNM").exists()


def test_the_refused_form_is_sent_again_from_its_page_once_the_wait_is_over(
    client, pair, limits
):
    active = make_active(client, pair)
    limits(member="1/10m")
    client.force_login(active.mentor.user)
    log(client, active, "First call")
    refused = log(client, active, "Second call")
    assert refused.status_code == 429
    kept = dict(
        re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', refused.text)
    )
    assert kept["notes"] == "Second call"
    assert "csrfmiddlewaretoken" in refused.text  # a fresh token, for this page

    later = timezone.now() + datetime.timedelta(minutes=11)
    with time_machine.travel(later):
        kept.pop("csrfmiddlewaretoken")
        again = client.post(url("contact_log", active), kept)

    assert again.status_code == 302
    assert active.contacts.filter(notes="Second call").exists()


def test_members_sharing_an_address_are_limited_together(client, pair, limits):
    active = make_active(client, pair)
    limits(ip="2/10m")
    client.force_login(active.mentee.user)
    assert log(client, active, "From the mentee").status_code == 302
    client.force_login(active.mentor.user)
    assert log(client, active, "From the mentor").status_code == 302

    assert log(client, active, "Once more").status_code == 429
    assert active.contacts.count() == 2


def test_one_member_over_the_limit_does_not_stop_another(client, pair, limits):
    active = make_active(client, pair)
    limits(member="1/10m")
    client.force_login(active.mentee.user)
    log(client, active, "From the mentee")
    assert log(client, active, "Again").status_code == 429

    client.force_login(active.mentor.user)
    assert log(client, active, "From the mentor").status_code == 302


def _routes(patterns, prefix=""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            yield from _routes(pattern.url_patterns, prefix + str(pattern.pattern))
        elif isinstance(pattern, URLPattern):
            yield pattern.name, prefix + str(pattern.pattern)


EXAMPLE_VALUES = {"slug": "mentoring", "int": "1", "uuid": str(uuid.uuid4())}


def _example_path(route):
    return re.sub(
        r"<(?:(\w+):)?\w+>",
        lambda match: EXAMPLE_VALUES.get(match.group(1), "x"),
        route,
    )


def test_every_form_of_the_plugin_counts_against_the_limits(client, limits, resident):
    limits(member="0/10m")
    client.force_login(resident.user)
    root = reverse("acnm_mentoring:sign_in").removesuffix("sign-in/")
    routes = list(_routes(mentoring_urls.urlpatterns))
    assert len(routes) > 10

    for name, route in routes:
        response = client.post(root + _example_path(route), {"notes": "kept"})
        assert response.status_code == 429, name
        assert "Nothing was saved." in response.text


def test_pages_are_read_freely_while_forms_wait(client, pair, limits):
    active = make_active(client, pair)
    limits(member="0/10m")
    client.force_login(active.mentee.user)
    assert log(client, active, "Refused").status_code == 429
    assert client.get(url("partnership", active)).status_code == 200


# Sign-in: allauth's own limits (ACCOUNT_RATE_LIMITS) --------------------------


def sign_in(client, password):
    return client.post(
        reverse("account_login"), {"login": "resident", "password": password}
    )


def test_sign_in_attempts_over_the_limit_are_refused(client, resident, settings):
    settings.ACCOUNT_RATE_LIMITS = {"login": "3/m/ip"}
    for _attempt in range(3):
        assert sign_in(client, "wrong").status_code == 200

    response = sign_in(client, "pw")

    assert response.status_code == 429
    assert SESSION_KEY not in client.session
    resident.user.refresh_from_db()
    assert resident.user.last_login is None


def test_repeated_wrong_passwords_lock_that_account_for_a_while(
    client, resident, settings
):
    settings.ACCOUNT_RATE_LIMITS = {"login_failed": "10/m/ip,2/5m/key"}
    sign_in(client, "wrong")
    sign_in(client, "wrong again")

    response = sign_in(client, "pw")

    assert "Too many failed login attempts" in response.text
    assert SESSION_KEY not in client.session


def test_a_mistyped_rate_is_refused_with_the_fix(client, limits, resident):
    limits(member="30 per minute")
    client.force_login(resident.user)
    with pytest.raises(ImproperlyConfigured, match='such as "30/10m"'):
        client.post(reverse("acnm_mentoring:my_mentoring"))
