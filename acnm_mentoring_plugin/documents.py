"""The Mentor/Mentee Agreement as a PDF document.

WeasyPrint lays out HTML and CSS as PDF in Python, with Pango for text: no
browser to run, and the page a member prints and the PDF they download or
receive by e-mail come from the same template and print stylesheet.
"""

from django.template.loader import render_to_string
from django.utils.text import slugify


def agreement_pdf(mentorship):
    from weasyprint import HTML

    html = render_to_string(
        "acnm_mentoring/agreement_document.html",
        {"mentorship": mentorship, "agreement": mentorship.agreement},
    )
    return HTML(string=html).write_pdf()


def agreement_filename(mentorship):
    mentor = slugify(mentorship.mentor.display_name)
    mentee = slugify(mentorship.mentee.display_name)
    return f"agreement-{mentor}-{mentee}.pdf"
