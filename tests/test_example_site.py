"""The example site: `make demo` seeds it, and its programme page works."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

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
"""


@pytest.mark.slow
def test_demo_seed_is_idempotent_and_serves_a_working_programme_page(tmp_path):
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'demo.sqlite3'}",
        "DJANGO_SETTINGS_MODULE": "example_site.settings",
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
        "members": "7",
        "mentors": "3",
    }
    assert "No changes detected" in manage("makemigrations", "--check", "--dry-run")
