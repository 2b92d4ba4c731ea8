from django.utils.translation import gettext_lazy as _
from wagtail.models import Page
from wagtail.search import index

from ..models import (
    AwardPageMixin,
    MentorDirectoryPageMixin,
    MentoringProgramPageMixin,
)


class MentoringProgramPage(MentoringProgramPageMixin, Page):
    template = MentoringProgramPageMixin.mentoring_template
    content_panels = [*Page.content_panels, *MentoringProgramPageMixin.mentoring_panels]
    search_fields = [
        *Page.search_fields,
        index.SearchField("intro"),
        index.SearchField("body"),
    ]

    class Meta:
        verbose_name = _("mentoring programme page")
        verbose_name_plural = _("mentoring programme pages")


class MentorDirectoryPage(MentorDirectoryPageMixin, Page):
    content_panels = [*Page.content_panels, *MentorDirectoryPageMixin.mentoring_panels]
    search_fields = [*Page.search_fields, index.SearchField("intro")]

    class Meta:
        verbose_name = _("mentor directory page")
        verbose_name_plural = _("mentor directory pages")


class AwardPage(AwardPageMixin, Page):
    template = AwardPageMixin.award_template
    content_panels = [*Page.content_panels, *AwardPageMixin.mentoring_panels]
    search_fields = [*Page.search_fields, index.SearchField("intro")]

    class Meta:
        verbose_name = _("award page")
        verbose_name_plural = _("award pages")
