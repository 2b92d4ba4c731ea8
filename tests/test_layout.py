"""The package's shape: a CMS-neutral core and a wheel that carries everything."""

import ast
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model

from acnm_mentoring_plugin.models import Member

ROOT = Path(__file__).resolve().parent.parent
CORE = ROOT / "acnm_mentoring_plugin"
INTEGRATIONS = {CORE / "wagtail", CORE / "djangocms"}


def core_modules():
    for path in CORE.rglob("*.py"):
        if not any(part in path.parents for part in INTEGRATIONS):
            yield path


def test_the_core_app_never_imports_wagtail_or_django_cms():
    offenders = []
    for path in core_modules():
        for node in ast.walk(ast.parse(path.read_text())):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                names = [node.module]
            for name in names:
                top = name.split(".")[0]
                if top in {"wagtail", "cms", "menus"} or top.startswith("djangocms"):
                    offenders.append(f"{path.relative_to(ROOT)}: {name}")
    assert offenders == []


@pytest.mark.django_db
def test_members_hang_off_the_sites_own_custom_user_model():
    assert get_user_model()._meta.label == "accounts.User"
    user = get_user_model().objects.create_user("custom", first_name="Ada")
    member = Member.objects.create(user=user)
    assert member.user.preferred_name == ""
    assert Member._meta.get_field("user").related_model is get_user_model()


@pytest.mark.slow
def test_the_wheel_carries_templates_static_files_migrations_and_locale(tmp_path):
    subprocess.run(
        [
            sys.executable,
            "-m",
            "build",
            "--wheel",
            "--outdir",
            str(tmp_path),
            str(ROOT),
        ],
        check=True,
        capture_output=True,
    )
    (wheel,) = tmp_path.glob("acnm_mentoring_plugin-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    expected = [
        "acnm_mentoring_plugin/templates/acnm_mentoring/includes/application_panel.html",
        "acnm_mentoring_plugin/templates/acnm_mentoring/emails/application_received.html",
        "acnm_mentoring_plugin/templates/acnm_mentoring/emails/application_received.txt",
        "acnm_mentoring_plugin/static/acnm_mentoring/mentoring.css",
        "acnm_mentoring_plugin/migrations/0001_initial.py",
        "acnm_mentoring_plugin/migrations/0002_default_lists.py",
        "acnm_mentoring_plugin/wagtail/pages/migrations/0001_initial.py",
        "acnm_mentoring_plugin/wagtail/templates/acnm_mentoring_wagtail/program_page.html",
        "acnm_mentoring_plugin/locale/en/LC_MESSAGES/django.po",
        "acnm_mentoring_plugin/locale/en/LC_MESSAGES/django.mo",
        "acnm_mentoring_plugin/djangocms/cms_plugins.py",
        "acnm_mentoring_plugin/djangocms/migrations/0001_initial.py",
        "acnm_mentoring_plugin/djangocms/locale/en/LC_MESSAGES/django.mo",
    ]
    assert [name for name in expected if name not in names] == []
    assert not [n for n in names if n.startswith(("tests/", "example_site/"))]
