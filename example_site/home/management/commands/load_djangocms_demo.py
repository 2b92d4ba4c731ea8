"""Make the django CMS example site whole in one step; safe to run again.

The programme, its members, mentors, pairs and award are the Wagtail
example's (``load_demo_data``); the pages are django CMS pages holding the
mentoring plugins, as an editor would place them.
"""

from cms.api import add_plugin, create_page
from cms.models import Page
from django.conf import settings
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils.html import strip_tags

from example_site.home import demo_content as demo
from example_site.home.management.commands.load_demo_data import (
    Command as DemoDataCommand,
)

TEMPLATE = "djangocms/page.html"


def text(html):
    """The demo's rich text as the plain text the plugins' text fields hold."""
    return strip_tags(html).strip()


class Command(DemoDataCommand):
    help = (
        "Seed the django CMS example site (example_site.settings_djangocms) with "
        "the demo programme, members and pages holding the mentoring plugins."
    )

    def seed(self):
        program = self.seed_programme()
        self.language = settings.LANGUAGE_CODE
        self.author = get_user_model().objects.get(username="admin")
        directory_url = reverse("acnm_mentoring:directory", args=[program.slug])
        self.program_page(program, directory_url)
        self.page(
            "find-a-mentor",
            "Find a mentor",
            slug="mentors",
            redirect=directory_url,
        )
        self.mentor_page(program)
        self.my_mentoring_page()
        self.award_page(program)

    def page(self, reverse_id, title, **options):
        """A page at the root of the site's tree, in its menu; None when it exists."""
        if Page.objects.filter(reverse_id=reverse_id).exists():
            return None
        page = create_page(
            title,
            TEMPLATE,
            self.language,
            reverse_id=reverse_id,
            in_navigation=True,
            created_by=self.author,
            **options,
        )
        # Without a versioning package django CMS shows a page's content as
        # soon as it exists: there is nothing to publish.
        return page

    def content(self, page):
        """The page's "content" placeholder, where an editor adds plugins."""
        return page.get_placeholders(self.language).get(slot="content")

    def add(self, placeholder, plugin, **values):
        add_plugin(placeholder, plugin, self.language, **values)

    def section(self, placeholder, heading, html, points):
        self.add(
            placeholder,
            "ProgrammeSectionPlugin",
            heading=heading,
            text=text(html),
            points="\n".join(points),
        )

    def program_page(self, program, directory_url):
        page = self.page(
            "mentoring-programme", "ACNM Mentoring Program", slug="mentoring-program"
        )
        if page is None:
            return
        # The programme is the site's home page, at /.
        page.set_as_homepage(self.author)
        content = self.content(page)
        self.section(content, "About the programme", demo.INTRO, [])
        for heading, html, points in demo.SECTIONS[:3]:
            self.section(content, heading, html, points)
        self.add(
            content,
            "ApplicationFormPlugin",
            program=program,
            role="mentee",
            intro="Residents, fellows and researchers: tell us about your "
            "training and goals, and we will help you find the right mentor.",
            success_message="",
        )
        self.add(
            content,
            "MentorDirectoryPlugin",
            heading="Some of our mentors",
            program=program,
            level="",
            accepting_only=True,
            count=3,
            directory_url="",
        )
        self.add(
            content,
            "CallToActionPlugin",
            heading="Find a mentor",
            text="Search the directory by name, field or career direction.",
            url=directory_url,
            button_label="Browse all mentors",
        )
        for heading, html, points in demo.SECTIONS[3:]:
            self.section(content, heading, html, points)
        self.add(
            content,
            "AwardNominationPlugin",
            heading="",
            program=program,
            cycle=None,
            intro="",
            show_past_recipients=False,
        )
        self.add(
            content,
            "ProgrammeContactPlugin",
            heading="Prefer paper?",
            program=program,
            text="You may still post or fax your application and agreement "
            "to the College.",
        )

    def mentor_page(self, program):
        page = self.page("become-a-mentor", "Become a mentor", slug="become-a-mentor")
        if page is None:
            return
        self.add(
            self.content(page),
            "ApplicationFormPlugin",
            program=program,
            role="mentor",
            intro="Faculty members of the College guide the next generation of "
            "nuclear medicine physicians and scientists. Tell us what you can "
            "offer.",
            success_message="",
        )

    def my_mentoring_page(self):
        page = self.page("my-mentoring", "My mentoring", slug="my-mentoring")
        if page is None:
            return
        content = self.content(page)
        self.add(
            content,
            "AgreementPlugin",
            heading="Your Mentor/Mentee Agreement",
            intro="",
        )
        self.add(content, "MyMentoringPlugin", heading="Your mentoring")

    def award_page(self, program):
        page = self.page(
            "best-mentor-of-the-year",
            "Best Mentor of the Year",
            slug="best-mentor-of-the-year",
        )
        if page is None:
            return
        self.add(
            self.content(page),
            "AwardNominationPlugin",
            heading="",
            program=program,
            cycle=None,
            intro=text(demo.AWARD_INTRO),
            show_past_recipients=True,
        )
