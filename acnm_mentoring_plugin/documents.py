"""The Mentor/Mentee Agreement as a PDF document.

WeasyPrint lays out HTML and CSS as PDF in Python, with Pango for text: no
browser to run, and the page a member prints and the PDF they download or
receive by e-mail come from the same template and print stylesheet.
"""

from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils.text import slugify

# A static file, linked from the printable page (a Content Security Policy
# refuses inline styles there) and handed to WeasyPrint for the PDF.
PRINT_STYLESHEET = "acnm_mentoring/agreement_print.css"


def agreement_pdf(mentorship):
    from weasyprint import CSS, HTML

    html = render_to_string(
        "acnm_mentoring/agreement_document.html",
        {"mentorship": mentorship, "agreement": mentorship.agreement},
    )
    stylesheet = CSS(filename=finders.find(PRINT_STYLESHEET))
    return HTML(string=html).write_pdf(stylesheets=[stylesheet])


def agreement_filename(mentorship):
    mentor = slugify(mentorship.mentor.display_name)
    mentee = slugify(mentorship.mentee.display_name)
    return f"agreement-{mentor}-{mentee}.pdf"
