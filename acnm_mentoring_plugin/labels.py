"""What a web editor reads when placing mentoring content in a CMS.

A Wagtail block and its django CMS plugin are two skins of one thing: their
names, descriptions, field labels and help texts are written here once, so
both read the same and are translated once. Each skin adds only the words of
its own widgets (Wagtail's page chooser, django CMS's address field).
"""

from django.utils.translation import gettext_lazy as _

#: Where the mentoring blocks and plugins are grouped in an editor's picker.
MODULE = _("Mentoring")

PROGRAMME = _("Programme")
HEADING = _("Heading")
TEXT = _("Text")
INTRODUCTION = _("Introduction")


class ApplicationForm:
    NAME = _("Mentoring application form")
    DESCRIPTION = _(
        "Members apply to the programme as mentee or mentor. Visitors who "
        "are not signed in are asked to sign in first."
    )
    ROLE = _("Who applies")
    INTRO_HELP = _("Shown above the form.")
    SUCCESS_MESSAGE = _("Message after submitting")
    SUCCESS_MESSAGE_HELP = _("Leave empty for the standard thank-you message.")


class MentorDirectory:
    NAME = _("Mentor directory excerpt")
    DESCRIPTION = _(
        "A few mentors of the directory, chosen by field, career direction "
        "or level, with a link to all of them. Visitors who may not see "
        "the directory are invited to sign in."
    )
    DEFAULT_HEADING = _("Find a mentor")
    FIELD = _("Only mentors in this field")
    DIRECTION = _("Only mentors advising on this career direction")
    LEVEL = _("Only this career level")
    ACCEPTING_ONLY = _("Only mentors with a free place now")
    COUNT = _("How many mentors to show")
    DIRECTORY_PAGE = _("Directory page")
    DIRECTORY_PAGE_HELP = _(
        'The mentor directory page that "See all" leads to. Empty: the '
        "plugin's own directory page."
    )


class Agreement:
    NAME = _("Mentor/Mentee Agreement")
    DESCRIPTION = _(
        "Each signed-in member sees the agreement of their partnership: "
        "the form to complete and sign it, or who signed and when."
    )
    DEFAULT_HEADING = _("Your Mentor/Mentee Agreement")


class MyMentoring:
    NAME = _("My mentoring")
    DESCRIPTION = _(
        "Shows each signed-in member their applications, requests, mentor "
        "or mentees and the next step to take; visitors are asked to sign in."
    )
    DEFAULT_HEADING = _("My mentoring")


class AwardNomination:
    NAME = _("Best Mentor of the Year")
    DESCRIPTION = _(
        "Where the award stands (nominations open, closed, voting, winner "
        "announced), the nomination form or ballot for residents and "
        "fellows, and past recipients."
    )
    HEADING_HELP = _('Empty: "Best Mentor of the Year" and the cycle\'s year.')
    CYCLE = _("Award cycle")
    CYCLE_HELP = _(
        "Empty: the programme's current cycle, so the page stays right "
        "from one year to the next."
    )
    SHOW_PAST_RECIPIENTS = _("List past recipients")


class Section:
    NAME = _("Section with a list")
    DESCRIPTION = _(
        "A heading, some text and a list: the programme's goals, "
        "responsibilities, time commitment or benefits."
    )
    POINT = _("Point")
    POINTS = _("Points")


class Contact:
    NAME = _("Programme contact")
    DESCRIPTION = _("The coordinator, postal address and fax of a programme.")
    DEFAULT_HEADING = _("Contact the programme")


class CallToAction:
    NAME = _("Call to action")
    DESCRIPTION = _("A short invitation with a button.")
    BUTTON_LABEL = _("Button label")
