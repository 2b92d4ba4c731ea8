"""Editors place the programme page and the mentoring blocks."""

import pytest
from django.test import RequestFactory
from django.urls import reverse
from wagtail.blocks import StructBlockValidationError
from wagtail.models import Page
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from acnm_mentoring_plugin.wagtail.blocks import (
    MENTORING_BLOCKS,
    ApplicationFormBlock,
    CallToActionBlock,
    ContactBlock,
    SectionBlock,
)
from acnm_mentoring_plugin.wagtail.pages.models import MentoringProgramPage
from tests import factories
from tests.pages import make_host_page, make_program_page

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(db):
    user = factories.UserFactory(username="editor", is_superuser=True)
    return user


def test_mentoring_blocks_is_the_public_list_of_named_blocks():
    assert [name for name, _ in MENTORING_BLOCKS] == [
        "application_form",
        "mentor_directory",
        "agreement",
        "my_mentoring",
        "award_nomination",
    ]
    assert isinstance(dict(MENTORING_BLOCKS)["application_form"], ApplicationFormBlock)


def test_programme_page_renders_sections_contact_and_the_form(
    client, site_root, program
):
    page = make_program_page(site_root, program)
    html = client.get(page.url).content.decode()
    assert "<h1>Mentoring Program</h1>" in html
    assert "Pass the ABNM qualifying exam." in html
    assert "Fax: 703-708-9020" in html and "Reston, VA 20191" in html
    assert "Apply to be mentored" in html
    assert "Test association" in html  # inside the host's base template


def test_editor_creates_a_programme_page_in_the_admin(
    client, editor, site_root, program
):
    client.force_login(editor)
    url = reverse(
        "wagtailadmin_pages:add",
        args=["acnm_mentoring_pages", "mentoringprogrampage", site_root.pk],
    )
    assert client.get(url).status_code == 200
    data = nested_form_data(
        {
            "title": "Mentoring",
            "slug": "mentoring",
            "program": program.pk,
            "intro": rich_text("Find a mentor."),
            "body": streamfield(
                [
                    (
                        "section",
                        {
                            "heading": "Goals",
                            "text": rich_text(""),
                            "points": streamfield([("item", "Pass the exam")]),
                        },
                    ),
                    (
                        "application_form",
                        {
                            "program": program.pk,
                            "role": "mentee",
                            "intro": rich_text("Apply here."),
                            "success_message": rich_text(""),
                        },
                    ),
                ]
            ),
            "action-publish": "publish",
        }
    )
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    page = MentoringProgramPage.objects.get(slug="mentoring")
    assert page.live
    html = client.get(page.url).content.decode()
    assert "Pass the exam" in html and "Apply here." in html


def test_editor_can_open_the_edit_form_and_preview(client, editor, site_root, program):
    page = make_program_page(site_root, program)
    client.force_login(editor)
    assert (
        client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).status_code
        == 200
    )
    preview = client.get(reverse("wagtailadmin_pages:preview_on_edit", args=[page.pk]))
    assert preview.status_code == 200


@pytest.mark.parametrize(
    "block, shows",
    [
        (ApplicationFormBlock, "Apply to be mentored"),
        (SectionBlock, "Mentoring goals"),
        (ContactBlock, "Fax: 703-708-9020"),
    ],
)
def test_block_previews_render_in_the_editor(client, editor, program, block, shows):
    client.force_login(editor)
    blocks = MentoringProgramPage._meta.get_field("body").stream_block.child_blocks
    definition = next(b for b in blocks.values() if isinstance(b, block))
    response = client.get(
        reverse("wagtailadmin_block_preview"), {"id": definition.definition_prefix}
    )
    assert response.status_code == 200
    assert shows in response.content.decode()


def test_the_editors_preview_shows_the_form_a_member_sees_and_cannot_send_it(
    editor, site_root, program
):
    page = make_program_page(site_root, program)
    editing = RequestFactory().get("/admin/")
    editing.user = editor  # an editor with no membership record
    html = page.make_preview_request(original_request=editing).content.decode()
    assert "Preview: signed-in members see this form." in html
    assert "Submit application</button>" in html and " disabled>" in html
    assert "no membership record" not in html


def test_every_programme_block_is_previewable_in_the_block_picker():
    blocks = MentoringProgramPage._meta.get_field("body").stream_block.child_blocks
    assert [name for name, b in blocks.items() if not b.is_previewable] == ["paragraph"]


def test_a_call_to_action_needs_a_page_or_an_address():
    block = CallToActionBlock()
    value = block.to_python(
        {"heading": "Apply", "text": "", "page": None, "url": "", "button_label": "Go"}
    )
    with pytest.raises(StructBlockValidationError):
        block.clean(value)


def test_the_block_works_on_a_host_sites_own_page_type(client, site_root, program):
    page = make_host_page(site_root, program)
    assert isinstance(Page.objects.get(pk=page.pk).specific, type(page))
    html = client.get(page.url).content.decode()
    assert "News for residents." in html and "Sign in to apply" in html
