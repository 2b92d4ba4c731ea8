"""Each mentoring plugin placed in a django CMS placeholder and rendered as a
member, a visitor or an editor sees it."""

import datetime

import pytest
from cms.api import add_plugin
from cms.plugin_pool import plugin_pool
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.test import TestCase
from django.urls import reverse
from django.utils import timezone

from acnm_mentoring_plugin import services
from acnm_mentoring_plugin.djangocms import cms_plugins
from acnm_mentoring_plugin.djangocms.models import (
    AwardNominationConfig,
    CallToActionConfig,
    MentorDirectoryConfig,
)
from acnm_mentoring_plugin.models import (
    ApplicationRole,
    ApplicationStatus,
    FieldOfInterest,
    MentorshipStatus,
)
from acnm_mentoring_plugin.wagtail.blocks import (
    MENTORING_BLOCKS,
    PROGRAM_CONTENT_BLOCKS,
)
from tests import factories
from tests.djangocms.conftest import (
    LANGUAGE,
    make_cms_page,
    member_request,
    page_placeholder,
    page_url,
    render_plugin,
)

pytestmark = pytest.mark.django_db

PLUGINS = [
    "ApplicationFormPlugin",
    "MentorDirectoryPlugin",
    "AgreementPlugin",
    "MyMentoringPlugin",
    "AwardNominationPlugin",
    "ProgrammeSectionPlugin",
    "ProgrammeContactPlugin",
    "CallToActionPlugin",
]


def add(placeholder, plugin_type, **data):
    return add_plugin(placeholder, plugin_type, LANGUAGE, **data)


def accepted_mentee(program):
    return factories.ApplicationFactory(
        program=program, role=ApplicationRole.MENTEE, status=ApplicationStatus.ACCEPTED
    ).member


def test_every_mentoring_block_is_a_plugin_under_mentoring_named_as_in_wagtail():
    plugins = {plugin.__name__: plugin for plugin in plugin_pool.get_all_plugins()}
    assert [name for name in PLUGINS if name not in plugins] == []
    mentoring = [p for p in plugins.values() if str(p.module) == "Mentoring"]
    assert sorted(p.__name__ for p in mentoring) == sorted(PLUGINS)
    wagtail_labels = {
        str(block.meta.label)
        for _name, block in MENTORING_BLOCKS + PROGRAM_CONTENT_BLOCKS
        if _name != "paragraph"
    }
    assert {str(plugins[name].name) for name in PLUGINS} == wagtail_labels


def test_each_plugin_renders_a_core_block_template_and_is_never_cached_if_personal():
    for name in PLUGINS:
        plugin = plugin_pool.get_plugin(name)
        assert plugin.render_template.startswith("acnm_mentoring/blocks/"), name
    personal = {p for p in PLUGINS if plugin_pool.get_plugin(p).cache}
    assert personal == {"ProgrammeSectionPlugin", "CallToActionPlugin"}


def test_the_application_form_asks_a_visitor_to_sign_in_and_come_back(
    placeholder, program
):
    plugin = add(
        placeholder,
        "ApplicationFormPlugin",
        program=program,
        intro="Residents & fellows: tell us <why>.\n\nIt takes five minutes.",
    )
    html = render_plugin(plugin, member_request(path="/residents/"))
    assert "Apply to be mentored" in html
    assert "Sign in to apply" in html
    assert "/accounts/login/?next=%2Fresidents%2F" in html
    assert "<form" not in html
    assert (
        "<p>Residents &amp; fellows: tell us &lt;why&gt;.</p>\n\n"
        "<p>It takes five minutes.</p>" in html
    )


def test_the_application_form_shows_a_member_every_question(
    placeholder, program, resident
):
    plugin = add(placeholder, "ApplicationFormPlugin", program=program)
    html = render_plugin(plugin, member_request(resident.user, "/apply/"))
    for label in [
        "Training programme",
        "Training year",
        "Your goals for the mentoring partnership",
        "Fields of interest",
        "Career direction",
        "Submit application",
    ]:
        assert label in html
    assert f'action="/mentoring/programmes/{program.slug}/apply/mentee/"' in html
    assert '<input type="hidden" name="next" value="/apply/">' in html


def test_the_mentor_application_form(placeholder, program, faculty):
    plugin = add(
        placeholder,
        "ApplicationFormPlugin",
        program=program,
        role=ApplicationRole.MENTOR,
    )
    html = render_plugin(plugin, member_request(faculty.user))
    assert "Apply to become a mentor" in html
    assert f"/apply/{ApplicationRole.MENTOR}/" in html


def test_the_directory_excerpt_shows_mentors_with_free_places_and_the_same_filter(
    placeholder, program
):
    mentee = accepted_mentee(program)
    helen = factories.listed_mentor(
        program, "Helen", "Marsh", fields=["oncology"], capacity=3
    )
    factories.MentorshipFactory(
        program=program, mentor=helen.member, status=MentorshipStatus.ACTIVE
    )
    factories.listed_mentor(program, "Daniel", "Cho", fields=["oncology"])
    factories.listed_mentor(
        program, "Omar", "Haddad", fields=["oncology"], accepting_new_mentees=False
    )
    factories.listed_mentor(program, "Grace", "Adeyemi", fields=["cardiology"])
    plugin = add(
        placeholder,
        "MentorDirectoryPlugin",
        heading="Oncology mentors",
        program=program,
        field=FieldOfInterest.objects.get(slug="oncology"),
        count=5,
        directory_url="/find-a-mentor/",
    )
    html = render_plugin(plugin, member_request(mentee.user))
    assert "Oncology mentors" in html
    assert html.count('class="acnm-card"') == 2
    assert "Helen Marsh" in html and "Daniel Cho" in html
    assert "Omar Haddad" not in html and "Grace Adeyemi" not in html
    assert "2 places free of 3" in html and "2 places free of 2" in html
    assert 'href="/find-a-mentor/?field=oncology&amp;accepting=on"' in html


def test_the_directory_excerpt_counts_and_links_to_the_plugins_own_directory(
    placeholder, program
):
    mentee = accepted_mentee(program)
    for last in ["Marsh", "Cho", "Haddad"]:
        factories.listed_mentor(program, "Dr", last)
    plugin = add(
        placeholder, "MentorDirectoryPlugin", program=program, accepting_only=False
    )
    assert plugin.heading == "Find a mentor" and plugin.count == 3
    plugin.count = 2
    plugin.save()
    html = render_plugin(plugin, member_request(mentee.user))
    assert html.count('class="acnm-card"') == 2
    assert f'href="/mentoring/programmes/{program.slug}/mentors/"' in html


def test_the_directory_excerpt_invites_a_visitor_to_sign_in(placeholder, program):
    factories.listed_mentor(program, "Helen", "Marsh")
    plugin = add(placeholder, "MentorDirectoryPlugin", program=program)
    html = render_plugin(plugin, member_request(path="/mentors-corner/"))
    assert "The mentor directory is for members" in html
    assert "Helen Marsh" not in html
    assert "next=%2Fmentors-corner%2F" in html


@pytest.fixture
def accepted_pair(program):
    """Jordan asked Helen, who accepted: the agreement waits for both."""
    mentee = factories.ApplicationFactory(
        program=program,
        role=ApplicationRole.MENTEE,
        status=ApplicationStatus.ACCEPTED,
        member__user__first_name="Jordan",
        member__user__last_name="Rivera",
    ).member
    profile = factories.MentorProfileFactory(
        program=program,
        member__user__first_name="Helen",
        member__user__last_name="Marsh",
    )
    with TestCase.captureOnCommitCallbacks(execute=True):
        mentorship = services.request_mentor(mentee.user, profile, "Hello")
        services.accept_request(profile.member.user, mentorship)
    mentorship.refresh_from_db()
    return mentorship


def test_the_agreement_plugin_shows_a_member_their_agreement_to_sign(
    placeholder, accepted_pair
):
    plugin = add(placeholder, "AgreementPlugin", intro="Read it with your mentor.")
    assert plugin.heading == "Your Mentor/Mentee Agreement"
    html = render_plugin(plugin, member_request())
    assert "Sign in to see and sign your Mentor/Mentee Agreement." in html

    html = render_plugin(plugin, member_request(accepted_pair.mentee.user))
    assert "<h2" in html and "Your Mentor/Mentee Agreement</h2>" in html
    assert "<p>Read it with your mentor.</p>" in html
    assert "Helen Marsh (mentor) and Jordan Rivera (mentee)" in html
    assert "Sign the agreement" in html
    assert f'id="acnm-agreements-plugin-{plugin.pk}"' in html


def test_my_mentoring_shows_the_member_their_own(placeholder, accepted_pair):
    plugin = add(placeholder, "MyMentoringPlugin")
    html = render_plugin(plugin, member_request(accepted_pair.mentor.user))
    assert "My mentoring</h2>" in html
    assert "Jordan Rivera" in html
    stranger = factories.MemberFactory()
    html = render_plugin(plugin, member_request(stranger.user))
    assert "Jordan Rivera" not in html
    assert "You have not applied to a mentoring programme yet." in html


def make_cycle(program, **extra):
    now = timezone.now()
    values = {
        "program": program,
        "year": 2026,
        "nominations_open_at": now - datetime.timedelta(days=1),
        "nominations_close_at": now + datetime.timedelta(days=10),
        "annual_meeting_date": (now + datetime.timedelta(days=60)).date(),
    }
    values.update(extra)
    return factories.AwardCycleFactory(**values)


def test_the_award_shows_the_current_cycle_and_asks_a_visitor_to_sign_in(
    placeholder, program
):
    make_cycle(program)
    plugin = add(
        placeholder,
        "AwardNominationPlugin",
        program=program,
        intro="Who made a difference to you?",
    )
    html = render_plugin(plugin, member_request())
    assert "Best Mentor of the Year 2026" in html
    assert "Nominations open" in html
    assert "<p>Who made a difference to you?</p>" in html
    assert "Sign in to nominate" in html


def test_the_award_shows_a_chosen_cycle_under_the_editors_heading(placeholder, program):
    make_cycle(program, year=2026)
    last_year = make_cycle(
        program,
        year=2025,
        nominations_open_at=timezone.now() - datetime.timedelta(days=400),
        nominations_close_at=timezone.now() - datetime.timedelta(days=300),
    )
    plugin = add(
        placeholder,
        "AwardNominationPlugin",
        heading="Last year's award",
        program=program,
        cycle=last_year,
    )
    html = render_plugin(plugin, member_request())
    assert "Last year&#x27;s award</h2>" in html
    assert "Nominations closed" in html


def test_the_award_cycle_must_be_the_programmes(program):
    other = factories.ProgramFactory(slug="other", name="Other programme")
    config = AwardNominationConfig(program=program, cycle=make_cycle(other))
    with pytest.raises(ValidationError) as error:
        config.clean()
    assert "cycle" in error.value.message_dict


def test_a_section_escapes_the_editors_text_and_lists_one_point_per_line(
    placeholder,
):
    plugin = add(
        placeholder,
        "ProgrammeSectionPlugin",
        heading="Mentoring goals",
        text="Why <mentoring>?\nBecause it works.",
        points="Pass the ABNM qualifying exam.\n\n  Widen your network.  \n",
    )
    html = render_plugin(plugin, member_request())
    assert "<h2>Mentoring goals</h2>" in html
    assert "<p>Why &lt;mentoring&gt;?<br>Because it works.</p>" in html
    assert (
        "<ul><li>Pass the ABNM qualifying exam.</li><li>Widen your network.</li></ul>"
        in html
    )


def test_the_contact_reads_the_programmes_address_fax_and_coordinator(
    placeholder, program
):
    plugin = add(placeholder, "ProgrammeContactPlugin", program=program)
    assert plugin.heading == "Contact the programme"
    html = render_plugin(plugin, member_request())
    assert "Contact the programme</h2>" in html
    assert "Fax: 703-708-9020" in html and "Reston, VA 20191" in html
    assert f"mailto:{program.coordinator_email}" in html


def test_a_call_to_action_leads_to_its_address(placeholder):
    plugin = add(
        placeholder,
        "CallToActionPlugin",
        heading="Ready to find a mentor?",
        text="Apply in a few minutes.",
        url="/apply/",
        button_label="Apply now",
    )
    html = render_plugin(plugin, member_request())
    assert "<p>Apply in a few minutes.</p>" in html
    assert '<a class="acnm-button" href="/apply/">Apply now</a>' in html


@pytest.mark.parametrize(
    "address, valid",
    [
        ("/apply/", True),
        ("https://acnm.example/mentoring/", True),
        ("javascript:alert(1)", False),
        ("//evil.example/", False),
        ("apply", False),
    ],
)
def test_an_address_is_a_path_on_the_site_or_a_web_address(program, address, valid):
    configs = [
        CallToActionConfig(heading="Go", url=address, button_label="Go"),
        MentorDirectoryConfig(program=program, directory_url=address),
    ]
    for config in configs:
        if valid:
            config.clean_fields(exclude=["placeholder", "plugin_type", "language"])
        else:
            with pytest.raises(ValidationError):
                config.clean_fields(exclude=["placeholder", "plugin_type", "language"])


def test_the_editor_sees_what_a_member_sees_in_edit_mode_and_cannot_send_it(
    client, editor, program, accepted_pair
):
    page = make_cms_page(
        "Apply",
        ("ApplicationFormPlugin", {"program": program}),
        ("AgreementPlugin", {}),
        ("MyMentoringPlugin", {}),
        slug="apply",
    )
    client.force_login(editor)
    content = page.get_content_obj(LANGUAGE)
    for mode in ["edit", "preview"]:
        url = reverse(
            f"admin:cms_placeholder_render_object_{mode}",
            args=[ContentType.objects.get_for_model(content).pk, content.pk],
        )
        html = client.get(url).content.decode()
        assert "Preview: signed-in members see this form." in html, mode
        assert "Submit application</button>" in html and " disabled>" in html
        assert "no membership record" not in html
        assert "Each signed-in member sees the agreement of their partnership" in html
        assert "Each signed-in member sees their own applications" in html
    # On the page itself the editor is who they are: no member.
    html = client.get(page_url(page)).content.decode()
    assert "Preview:" not in html


def test_an_editor_adds_a_plugin_with_the_blocks_labels_and_help(
    client, editor, program
):
    page = make_cms_page("Mentors", slug="mentors")
    placeholder = page_placeholder(page)
    client.force_login(editor)
    url = reverse("admin:cms_placeholder_add_plugin")
    query = {
        "placeholder_id": placeholder.pk,
        "plugin_type": "MentorDirectoryPlugin",
        "plugin_language": LANGUAGE,
        "plugin_position": 1,
        "cms_path": page_url(page),
    }
    form = client.get(url, query).content.decode()
    for words in [
        "A few mentors of the directory, chosen by field",
        "Only mentors in this field",
        "Only mentors with a free place now",
        "How many mentors to show",
        "Directory page",
        "leads to. Empty: the plugin",
    ]:
        assert words in form, words
    data = {
        "heading": "Our mentors",
        "program": program.pk,
        "level": "",
        "accepting_only": "on",
        "count": "13",
        "directory_url": "javascript:alert(1)",
    }
    response = client.post(f"{url}?{_query(query)}", data)
    assert response.status_code == 200
    assert "Enter a path on this site or a full address" in response.content.decode()
    assert not MentorDirectoryConfig.objects.exists()

    data.update(count="4", directory_url="/mentors/")
    client.post(f"{url}?{_query(query)}", data)
    config = MentorDirectoryConfig.objects.get()
    assert (config.heading, config.count, config.program) == ("Our mentors", 4, program)
    assert str(config) == "Our mentors"


def test_the_award_plugins_form_says_whose_cycle_each_is(client, editor, program):
    make_cycle(program, year=2026)
    make_cycle(
        factories.ProgramFactory(slug="other", name="Other programme"), year=2026
    )
    page = make_cms_page("Award", slug="award")
    client.force_login(editor)
    query = {
        "placeholder_id": page_placeholder(page).pk,
        "plugin_type": "AwardNominationPlugin",
        "plugin_language": LANGUAGE,
        "plugin_position": 1,
        "cms_path": page_url(page),
    }
    form = client.get(reverse("admin:cms_placeholder_add_plugin"), query)
    html = form.content.decode()
    assert "ACNM Mentoring Program – Best Mentor of the Year 2026" in html
    assert "Other programme – Best Mentor of the Year 2026" in html
    assert "current cycle, so the page stays right" in html


def _query(params):
    from urllib.parse import urlencode

    return urlencode(params)


def test_a_personal_plugin_is_never_served_from_the_cache(
    client, program, resident, settings
):
    settings.CMS_PLACEHOLDER_CACHE = True
    settings.CMS_PAGE_CACHE = True
    page = make_cms_page(
        "Apply", ("ApplicationFormPlugin", {"program": program}), slug="apply"
    )
    url = page_url(page)
    assert "Sign in to apply" in client.get(url).content.decode()
    client.force_login(resident.user)
    assert "Submit application" in client.get(url).content.decode()
    client.logout()
    assert "Sign in to apply" in client.get(url).content.decode()


def test_the_plugins_helpers_escape_and_detect_the_editor():
    assert cms_plugins.paragraphs("") == ""
    assert cms_plugins.paragraphs("  \n ") == ""
    assert cms_plugins.paragraphs("a & b\nc") == "<p>a &amp; b<br>c</p>"
    assert not cms_plugins.is_editor_preview({})
    assert not cms_plugins.is_editor_preview({"request": member_request()})
