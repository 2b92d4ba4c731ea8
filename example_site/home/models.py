"""The association's own page types, as a host site has them.

``StandardPage`` is not a mentoring page: it shows that a site's own page
type gets every mentoring block by adding ``MENTORING_BLOCKS`` to its body.
"""

from wagtail import blocks
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page

from acnm_mentoring_plugin.wagtail.blocks import MENTORING_BLOCKS


class HomePage(Page):
    intro = RichTextField(blank=True)
    content_panels = [*Page.content_panels, FieldPanel("intro")]


class StandardPage(Page):
    body = StreamField(
        [
            ("heading", blocks.CharBlock(form_classname="title")),
            ("paragraph", blocks.RichTextBlock()),
            *MENTORING_BLOCKS,
        ],
        blank=True,
    )
    content_panels = [*Page.content_panels, FieldPanel("body")]
