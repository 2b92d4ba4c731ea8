"""The example site: `make demo` seeds it, and its programme page works."""

import os
import re
import subprocess
import sys
import time
from html import unescape
from pathlib import Path

import pytest
import requests

from tests.oidc_provider import free_port

ROOT = Path(__file__).resolve().parent.parent
MANAGE = str(ROOT / "example_site" / "manage.py")

VISIT = """
from django.test import Client
from django.contrib.auth import get_user_model
from acnm_mentoring_plugin.models import Member, MentorProfile, Program
anonymous = Client(HTTP_HOST="localhost").get("/mentoring-program/").content.decode()
print("anonymous-sign-in", "Sign in to apply" in anonymous)
print("fax", "703-708-9020" in anonymous)
member = Client(HTTP_HOST="localhost")
member.force_login(get_user_model().objects.get(username="resident"))
page = member.get("/mentoring-program/").content.decode()
print("member-form", "Submit application" in page)
faculty = Client(HTTP_HOST="localhost")
faculty.force_login(get_user_model().objects.get(username="mentor"))
mentor_page = faculty.get("/become-a-mentor/").content.decode()
print("mentor-page", "Status: <strong>Accepted</strong>" in mentor_page)
print("programs", Program.objects.count())
print("members", Member.objects.count())
print("mentors", MentorProfile.objects.count())
from acnm_mentoring_plugin.models import Mentorship
print("partnerships", Mentorship.objects.filter(status="active").count())
"""


def example_site(tmp_path, **environ):
    """The environment and the manage.py of an example site of its own."""
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'demo.sqlite3'}",
        "DJANGO_SETTINGS_MODULE": "example_site.settings",
        **environ,
    }

    def manage(*args):
        return subprocess.run(
            [sys.executable, MANAGE, *args],
            env=env,
            check=True,
            capture_output=True,
            text=True,
            cwd=ROOT,
        ).stdout

    return env, manage


@pytest.mark.slow
def test_demo_seed_is_idempotent_and_serves_a_working_programme_page(tmp_path):
    _, manage = example_site(tmp_path)
    manage("migrate", "--noinput")
    manage("check", "--fail-level", "WARNING")
    manage("load_demo_data")
    manage("load_demo_data")
    result = dict(
        line.split(" ", 1)
        for line in manage("shell", "--no-imports", "-c", VISIT).split("\n")
        if line
    )
    assert result == {
        "anonymous-sign-in": "True",
        "fax": "True",
        "member-form": "True",
        "mentor-page": "True",
        "programs": "1",
        "members": "13",
        "partnerships": "1",
        "mentors": "9",
    }
    assert "No changes detected" in manage("makemigrations", "--check", "--dry-run")


VISIT_DJANGOCMS = """
from django.test import Client
from django.contrib.auth import get_user_model
from cms.models import Page

def visit(path, username=None):
    client = Client(HTTP_HOST="localhost")
    if username:
        client.force_login(get_user_model().objects.get(username=username))
    response = client.get(path)
    return response.status_code, response.content.decode()

status, home = visit("/")
print("home", status)
print("anonymous-sign-in", "Sign in to apply" in home and "Sign in to nominate" in home)
print("fax", "703-708-9020" in home)
status, member = visit("/", "resident")
print("member-form", status, "Submit application" in member)
status, fellow = visit("/", "fellow")
cards = fellow.count('<article class="acnm-card"')
print("excerpt", "See all matching mentors" in fellow, cards)
print("award", "Best Mentor of the Year" in fellow)
print("find-a-mentor", visit("/mentors/")[0])
status, mine = visit("/my-mentoring/", "researcher")
print("my-mentoring", status, "Grace Adeyemi" in mine)
print("pages", Page.objects.count())
"""


@pytest.mark.slow
def test_djangocms_demo_seed_is_idempotent_and_serves_the_plugins(tmp_path):
    """What `make demo-djangocms` serves: the programme's django CMS page."""
    _, manage = example_site(
        tmp_path, DJANGO_SETTINGS_MODULE="example_site.settings_djangocms"
    )
    manage("migrate", "--noinput")
    manage("check", "--fail-level", "WARNING")
    manage("load_djangocms_demo")
    manage("load_djangocms_demo")
    result = dict(
        line.split(" ", 1)
        for line in manage("shell", "--no-imports", "-c", VISIT_DJANGOCMS).split("\n")
        if line
    )
    assert result == {
        "home": "200",
        "anonymous-sign-in": "True",
        "fax": "True",
        "member-form": "200 True",
        "excerpt": "True 3",
        "award": "True",
        "find-a-mentor": "302",
        "my-mentoring": "200 True",
        "pages": "5",
    }


def form_fields(html, action_contains):
    """The action and hidden inputs of the first form posting to ``action_contains``."""
    for form in re.finditer(r"<form[^>]*>.*?</form>", html, re.S):
        action = re.search(r'action="([^"]*)"', form.group(0))
        if action and action_contains in action.group(1):
            fields = {
                name: unescape(value)
                for name, value in re.findall(
                    r'<input type="hidden" name="([^"]+)" value="([^"]*)"',
                    form.group(0),
                )
            }
            return unescape(action.group(1)), fields
    raise AssertionError(f"no form posting to {action_contains!r} in:\n{html[:2000]}")


@pytest.mark.slow
def test_a_demo_member_signs_in_with_acnm_and_finds_their_own_record(
    tmp_path, oidc_provider
):
    """What `make demo` shows: the resident signs in at the demo provider."""
    env, manage = example_site(tmp_path, OIDC_SERVER_URL=oidc_provider.server_url)
    manage("migrate", "--noinput")
    manage("load_demo_data")
    port = free_port()
    site = f"http://127.0.0.1:{port}"
    server = subprocess.Popen(
        [sys.executable, MANAGE, "runserver", f"127.0.0.1:{port}", "--noreload"],
        env=env,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    browser = requests.Session()
    browser.trust_env = False
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                page = browser.get(f"{site}/mentoring-program/", timeout=5)
                break
            except requests.ConnectionError:
                assert time.monotonic() < deadline, "the example site did not start"
                time.sleep(0.2)
        action, fields = form_fields(page.text, "/membership-oidc/acnm/login/")
        assert "Sign in to apply" in page.text

        at_provider = browser.post(f"{site}{action}", data=fields, timeout=10)
        assert at_provider.url.startswith(oidc_provider.base_url)
        assert "continue to" in at_provider.text
        login_action, login_fields = form_fields(at_provider.text, "/accounts/login/")
        back = browser.post(
            f"{oidc_provider.base_url}{login_action}",
            data={**login_fields, "username": "resident", "password": "mentoring-demo"},
            timeout=10,
        )
    finally:
        server.terminate()
        server.wait(timeout=10)

    assert back.url == f"{site}/mentoring-program/"
    assert "Submit application" in back.text
    linked = manage(
        "shell",
        "--no-imports",
        "-c",
        "from allauth.socialaccount.models import SocialAccount as S; "
        "from acnm_mentoring_plugin.models import Member; "
        "print(S.objects.get().user.username, Member.objects.count())",
    )
    assert linked.split() == ["resident", "13"]
