# ruff: noqa: F811
"""A form the database refuses, in a real browser: the member reads that
nothing was saved, sends the form again as it was typed, and it is kept.
axe-core checks the page for WCAG 2.1 A/AA."""

import datetime
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from acnm_mentoring_plugin.models import ActivityRecord
from tests.browser.helpers import sign_in
from tests.browser.test_partnership_journey import (  # noqa: F401
    active_pair,
    pair,
    path_to,
)
from tests.test_faults import refused_by_the_database

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_a_contact_the_database_refuses_is_sent_again_from_the_page_that_says_so(
    tab, active_pair, check_axe, screenshot
):
    partnership = path_to("partnership", active_pair)
    day = timezone.localdate() - datetime.timedelta(days=1)
    notes = "Went through the abstract for the annual meeting."
    sign_in(tab, "jrivera", partnership)
    contacts = tab.get_by_role("region", name="Contacts")
    contacts.get_by_label("When").fill(day.isoformat())
    contacts.get_by_role("group", name=re.compile(r"^How\b")).get_by_label(
        "Phone"
    ).check()
    contacts.get_by_label("Notes (only the two of you see them)").fill(notes)
    with refused_by_the_database(ActivityRecord._meta.db_table, "disk I/O error"):
        contacts.get_by_role("button", name="Log the contact").click()
        expect(
            tab.get_by_role("heading", name="Your form could not be saved")
        ).to_be_visible()

    expect(tab.get_by_role("alert")).to_contain_text("Nothing was saved.")
    expect(tab.get_by_role("alert")).to_contain_text(
        "Please try again in a few minutes."
    )
    expect(
        tab.get_by_role("link", name="Back to the page you came from")
    ).to_have_attribute("href", re.compile(re.escape(partnership)))
    check_axe(tab, "the page of a form the database refused")
    screenshot(tab, "form-not-saved")
    assert not active_pair.contacts.exists()

    tab.get_by_role("button", name="Try again").click()
    expect(tab.get_by_role("status")).to_have_text("Contact logged.")
    expect(tab).to_have_url(re.compile(re.escape(partnership) + r"(#.*)?$"))
    expect(contacts).to_contain_text(notes)
    contact = active_pair.contacts.get()
    assert (contact.date, contact.method, contact.notes) == (day, "phone", notes)
