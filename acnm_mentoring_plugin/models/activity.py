from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _

#: How the history of a partnership reads to its parties.
DESCRIPTIONS = {
    "requested": _("Request sent"),
    "matched": _("Matched by programme staff"),
    "accepted": _("Request accepted"),
    "declined": _("Request declined"),
    "withdrawn": _("Request withdrawn"),
    "withdrawn_mentee_matched": _("Request closed: the mentee has a mentor"),
    "expired": _("Request expired without an answer"),
    "request_reminder_sent": _("Mentor reminded of the request"),
    "activated": _("Partnership started"),
    "contact_logged": _("Contact logged"),
    "contact_reminder_sent": _("Reminder to keep in touch sent"),
    "completed": _("Partnership completed"),
    "ended_early": _("Partnership ended early"),
    "nominators_invited": _("Members who may nominate told that nominations are open"),
}
SIGNED_BY = {
    "mentee": _("Agreement signed by the mentee"),
    "mentor": _("Agreement signed by the mentor"),
}


class ActivityRecord(models.Model):
    """Who did what to which record, when, and from which state to which.

    Written by the domain services only, in the same transaction as the
    change it records, so the history and the data never disagree.
    """

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.CharField(max_length=64)
    subject = GenericForeignKey("content_type", "object_id")
    action = models.CharField(_("action"), max_length=64)
    from_state = models.CharField(_("from"), max_length=32, blank=True)
    to_state = models.CharField(_("to"), max_length=32, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
    )
    at = models.DateTimeField(_("at"), auto_now_add=True, db_index=True)
    detail = models.JSONField(_("detail"), default=dict, blank=True)

    class Meta:
        verbose_name = _("activity record")
        verbose_name_plural = _("activity records")
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["content_type", "object_id"])]

    def __str__(self):
        return f"{self.action} {self.from_state}→{self.to_state}"

    @property
    def description(self):
        if self.action == "signed":
            return SIGNED_BY.get(self.detail.get("side"), _("Agreement signed"))
        return (
            DESCRIPTIONS.get(self.action) or self.action.replace("_", " ").capitalize()
        )
