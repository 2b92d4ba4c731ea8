from wagtail import blocks
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page

from acnm_mentoring_plugin.wagtail.blocks import MENTORING_BLOCKS


class HostPage(Page):
    """A page type of the host site's own, with the mentoring blocks added."""

    body = StreamField(
        [("paragraph", blocks.RichTextBlock()), *MENTORING_BLOCKS], blank=True
    )
    content_panels = [*Page.content_panels, FieldPanel("body")]
