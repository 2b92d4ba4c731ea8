"""The example site keeps its public pages for visitors without cookies
(example_site/page_cache.py): one rendering serves them all, and no member's
page, name, message or CSRF token ever reaches another visitor through it."""

import datetime
import re
from pathlib import Path

import pytest
import time_machine
from django.test import Client

from tests import factories
from tests.pages import make_program_page

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE_TEMPLATES = ROOT / "example_site" / "templates"
PAGE = "/mentoring-program/"
VISITOR_GREETING = "Member sign-in"


@pytest.fixture(autouse=True)
def example_site_cache(settings):
    """The tests' site with the example site's cache and base template, whose
    header greets a member by name, and its "Sign in with ACNM" buttons:
    forms posted with a CSRF token."""
    settings.MIDDLEWARE = [
        "example_site.page_cache.UpdatePublicPageCacheMiddleware",
        *settings.MIDDLEWARE,
        "example_site.page_cache.FetchPublicPageCacheMiddleware",
    ]
    settings.CACHE_MIDDLEWARE_SECONDS = 60
    settings.TEMPLATES = [
        {**settings.TEMPLATES[0], "DIRS": [str(EXAMPLE_TEMPLATES)]},
    ]
    settings.ACNM_MENTORING = {
        **settings.ACNM_MENTORING,
        "BASE_TEMPLATE": "base.html",
        "SHOW_MESSAGES": False,
        "SIGN_IN_PROVIDER": "acnm",
        "PASSWORD_LOGIN": "staff",
    }
    settings.ACCOUNT_LOGOUT_REDIRECT_URL = PAGE


@pytest.fixture
def program_page(site_root, program):
    return make_program_page(site_root, program)


def signed_in(member):
    client = Client()
    client.force_login(member.user)
    return client


def page_of(client, path=PAGE):
    response = client.get(path)
    assert response.status_code == 200
    return response.content.decode()


def sign_in_token(html):
    tokens = set(re.findall(r'name="csrfmiddlewaretoken" value="([^"]+)"', html))
    assert len(tokens) == 1, "the page's sign-in buttons carry one token"
    return tokens.pop()


def test_visitors_without_cookies_share_one_rendering(
    program_page, django_assert_num_queries
):
    first = page_of(Client())
    with django_assert_num_queries(0):
        again = page_of(Client())
    assert VISITOR_GREETING in again
    assert "Sign in to apply" in again
    assert again.replace(sign_in_token(again), "") == first.replace(
        sign_in_token(first), ""
    )


def test_each_visitor_signs_in_with_a_token_of_their_own(program_page):
    """A page served from the cache carries a token for its visitor and the
    cookie that goes with it: their form is accepted, another's refused."""
    visitors = [Client(enforce_csrf_checks=True) for _ in range(3)]
    tokens = [sign_in_token(page_of(visitor)) for visitor in visitors]
    assert len(set(tokens)) == 3
    for visitor, token in zip(visitors, tokens, strict=True):
        assert "csrftoken" in visitor.cookies
        form = {"csrfmiddlewaretoken": token, "login": "x", "password": "y"}
        assert visitor.post("/accounts/login/", form).status_code != 403
    stranger = {"csrfmiddlewaretoken": tokens[1], "login": "x", "password": "y"}
    assert visitors[0].post("/accounts/login/", stranger).status_code == 403


def test_a_page_served_from_the_cache_is_not_shared_by_proxies(program_page):
    page_of(Client())
    response = Client().get(PAGE)
    assert "private" in response["Cache-Control"]


def test_a_member_never_gets_the_page_kept_for_visitors(program_page, resident):
    visitor_page = page_of(Client())
    member_page = page_of(signed_in(resident))
    assert "Signed in as Jordan Rivera" in member_page
    assert VISITOR_GREETING not in member_page
    assert member_page != visitor_page


def test_a_visitor_never_gets_a_members_page(program_page, resident, faculty):
    assert "Jordan Rivera" in page_of(signed_in(resident))
    assert "Helen Marsh" in page_of(signed_in(faculty))
    for _ in range(2):  # rendered, then served from the cache
        visitor_page = page_of(Client())
        assert "Jordan Rivera" not in visitor_page
        assert "Helen Marsh" not in visitor_page
        assert VISITOR_GREETING in visitor_page


def test_members_each_get_their_own_page(program_page, resident, faculty):
    page_of(Client())
    assert "Jordan Rivera" not in page_of(signed_in(faculty))
    assert "Helen Marsh" not in page_of(signed_in(resident))


def test_the_message_after_signing_out_is_for_that_visitor_alone(
    program_page, resident
):
    page_of(Client())  # the page kept for visitors
    leaving = signed_in(resident)
    response = leaving.post("/accounts/logout/", follow=True)
    assert response.redirect_chain[-1][0] == PAGE
    assert "You have signed out." in response.content.decode()
    assert VISITOR_GREETING in response.content.decode()
    assert "You have signed out." not in page_of(Client())


def test_a_message_is_never_kept_for_later_visitors(program_page, resident):
    leaving = signed_in(resident)
    assert "You have signed out." in (
        leaving.post("/accounts/logout/", follow=True).content.decode()
    )
    for _ in range(2):
        assert "You have signed out." not in page_of(Client())


def test_an_editors_change_reaches_visitors_within_a_minute(program_page):
    with time_machine.travel(
        datetime.datetime(2026, 5, 4, 12, 0, tzinfo=datetime.UTC), tick=False
    ) as traveller:
        assert "Pairs trainees with faculty." in page_of(Client())
        program_page.intro = "<p>Applications close on 1 June.</p>"
        program_page.save_revision().publish()
        assert "Applications close" not in page_of(Client())
        traveller.shift(datetime.timedelta(seconds=61))
        assert "Applications close on 1 June." in page_of(Client())


def test_the_plugins_own_pages_are_not_kept(program, resident):
    """A member's page outside Wagtail (here: the mentor directory of a
    public programme, which a visitor may see) is never shared either."""
    program.directory_visibility = "public"
    program.save()
    factories.MentorProfileFactory(program=program)
    directory = f"/mentoring/programmes/{program.slug}/mentors/"
    assert "Jordan Rivera" in page_of(signed_in(resident), directory)
    assert "Jordan Rivera" not in page_of(Client(), directory)
