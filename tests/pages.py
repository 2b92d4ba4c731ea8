"""Building the pages a web editor would place, for tests."""

from acnm_mentoring_plugin.wagtail.pages.models import MentoringProgramPage
from tests.testapp.models import HostPage


def make_program_page(parent, program, **kwargs):
    kwargs.setdefault("title", "Mentoring Program")
    kwargs.setdefault("slug", "mentoring-program")
    kwargs.setdefault("program", program)
    kwargs.setdefault("intro", "<p>Pairs trainees with faculty.</p>")
    kwargs.setdefault(
        "body",
        [
            (
                "section",
                {
                    "heading": "Mentoring goals",
                    "text": "",
                    "points": ["Pass the ABNM qualifying exam."],
                },
            ),
            (
                "application_form",
                {
                    "program": program,
                    "role": "mentee",
                    "intro": "<p>Tell us about your training.</p>",
                    "success_message": "",
                },
            ),
            ("contact", {"heading": "Prefer paper?", "program": program, "text": ""}),
        ],
    )
    page = parent.add_child(instance=MentoringProgramPage(**kwargs))
    page.save_revision().publish()
    return page


def make_host_page(parent, program, role="mentee", **kwargs):
    kwargs.setdefault("title", "Residents corner")
    kwargs.setdefault("slug", "residents")
    kwargs.setdefault(
        "body",
        [
            ("paragraph", "<p>News for residents.</p>"),
            (
                "application_form",
                {
                    "program": program,
                    "role": role,
                    "intro": "",
                    "success_message": "<p>Thanks, we will be in touch.</p>",
                },
            ),
        ],
    )
    page = parent.add_child(instance=HostPage(**kwargs))
    page.save_revision().publish()
    return page


def make_directory_page(parent, program, **kwargs):
    from acnm_mentoring_plugin.wagtail.pages.models import MentorDirectoryPage

    kwargs.setdefault("title", "Find a mentor")
    kwargs.setdefault("slug", "mentors")
    kwargs.setdefault("intro", "<p>Choose by field and career direction.</p>")
    page = parent.add_child(instance=MentorDirectoryPage(program=program, **kwargs))
    page.save_revision().publish()
    return page
