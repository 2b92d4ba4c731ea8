"""The "Undelivered e-mails" screen of the Wagtail admin, for programme staff.

E-mails wait in the core's outbox (``OutgoingMessage``) until they have
left; this read-only listing shows the ones that have not, with their last
error, so staff can tell a member who is missing one, or ask for the mail
server to be mended. Each reader sees the e-mails about their own
programmes' records only. ``wagtail_hooks`` imports this module.
"""

from django.core.exceptions import PermissionDenied
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from acnm_mentoring_plugin.conf import mentoring_settings
from acnm_mentoring_plugin.models import MessageStatus, OutgoingMessage
from acnm_mentoring_plugin.notifications import event_label
from acnm_mentoring_plugin.permissions import is_programme_staff, program_of

from .menu import MENU_ORDER, add_to_mentoring_menu

URL_NAME = "acnm_mentoring_undelivered_emails"
#: The most listed at once, newest first; more means the mail server is down
#: and the figure above the table says how many.
LISTED = 200


class UndeliveredEmailsView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "acnm_mentoring_wagtail/outbox/undelivered.html"
    page_title = _("Undelivered e-mails")
    header_icon = "mail"

    def dispatch(self, request, *args, **kwargs):
        if not is_programme_staff(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.get_page_title()}]

    def readable(self, subject):
        """Whether the reader runs the programme the e-mail is about."""
        user = self.request.user
        program = program_of(subject)
        if program is None:
            return user.is_superuser
        return is_programme_staff(user, program)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        undelivered = OutgoingMessage.objects.filter(
            status__in=MessageStatus.undelivered()
        ).order_by("-created_at", "-pk")
        rows = []
        for message in undelivered[:LISTED]:
            subject = message.subject
            if subject is not None and self.readable(subject):
                rows.append(
                    {
                        "message": message,
                        "label": event_label(message.kind),
                        "subject": subject,
                    }
                )
        context.update(
            rows=rows,
            max_attempts=mentoring_settings.EMAIL_MAX_ATTEMPTS,
            more=undelivered.count() > LISTED,
        )
        return context


@hooks.register("register_admin_urls")
def register_undelivered_emails_url():
    return [
        path(
            "mentoring/undelivered-emails/",
            UndeliveredEmailsView.as_view(),
            name=URL_NAME,
        )
    ]


@hooks.register("construct_main_menu")
def add_undelivered_emails_to_mentoring_menu(request, menu_items):
    item = MenuItem(
        _("Undelivered e-mails"),
        reverse(URL_NAME),
        name="acnm-mentoring-undelivered-emails",
        icon_name="mail",
        order=MENU_ORDER + 200,
    )
    add_to_mentoring_menu(request, menu_items, [item])
