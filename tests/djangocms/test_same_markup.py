"""A Wagtail block and its django CMS plugin are two skins of one block: for
the same values they render the same markup, from the same core template."""

import pytest
from cms.api import add_plugin
from django.middleware.csrf import get_token

from acnm_mentoring_plugin.wagtail.blocks import (
    ApplicationFormBlock,
    AwardNominationBlock,
    CallToActionBlock,
    ContactBlock,
    SectionBlock,
)
from tests.djangocms.conftest import LANGUAGE, member_request, render_plugin
from tests.djangocms.test_plugins import make_cycle

pytestmark = pytest.mark.django_db


def both(placeholder, request, block, wagtail_value, plugin_type, plugin_values):
    """The block's and the plugin's HTML for one request (and CSRF token)."""
    context = {"request": request, "csrf_token": get_token(request)}
    wagtail = block.render(block.to_python(wagtail_value), context=context)
    plugin = add_plugin(placeholder, plugin_type, LANGUAGE, **plugin_values)
    cms = render_plugin(plugin, request, csrf_token=context["csrf_token"])
    return wagtail.strip(), cms.strip()


def test_a_section(placeholder):
    wagtail, cms = both(
        placeholder,
        member_request(),
        SectionBlock(),
        {
            "heading": "Mentoring goals",
            "text": "<p>Why mentoring &amp; why now.</p>",
            "points": ["Pass the ABNM exam.", "Widen your network."],
        },
        "ProgrammeSectionPlugin",
        {
            "heading": "Mentoring goals",
            "text": "Why mentoring & why now.",
            "points": "Pass the ABNM exam.\nWiden your network.",
        },
    )
    assert "<li>Widen your network.</li>" in cms
    assert cms == wagtail


@pytest.mark.parametrize("who", ["visitor", "member"])
def test_the_application_form(placeholder, program, resident, who):
    request = member_request(resident.user if who == "member" else None, "/apply/")
    wagtail, cms = both(
        placeholder,
        request,
        ApplicationFormBlock(),
        {
            "program": program.pk,
            "role": "mentee",
            "intro": "<p>Tell us about your training.</p>",
            "success_message": "",
        },
        "ApplicationFormPlugin",
        {"program": program, "intro": "Tell us about your training."},
    )
    assert ("Submit application" in cms) == (who == "member")
    assert cms == wagtail


def test_the_award(placeholder, program):
    make_cycle(program)
    wagtail, cms = both(
        placeholder,
        member_request(path="/award/"),
        AwardNominationBlock(),
        {
            "heading": "",
            "program": program.pk,
            "cycle": None,
            "intro": "<p>Who made a difference?</p>",
            "show_past_recipients": True,
        },
        "AwardNominationPlugin",
        {"program": program, "intro": "Who made a difference?"},
    )
    assert "Nominations open" in cms
    assert cms == wagtail


def test_the_contact(placeholder, program):
    wagtail, cms = both(
        placeholder,
        member_request(),
        ContactBlock(),
        {"heading": "Prefer paper?", "program": program.pk, "text": "<p>Write.</p>"},
        "ProgrammeContactPlugin",
        {"heading": "Prefer paper?", "program": program, "text": "Write."},
    )
    assert "Fax: 703-708-9020" in cms
    assert cms == wagtail


def test_a_call_to_action(placeholder):
    values = {
        "heading": "Ready to find a mentor?",
        "text": "Apply in a few minutes.",
        "url": "https://acnm.example/apply/",
        "button_label": "Apply now",
    }
    wagtail, cms = both(
        placeholder,
        member_request(),
        CallToActionBlock(),
        {**values, "page": None},
        "CallToActionPlugin",
        values,
    )
    assert cms == wagtail
