from django.apps import apps
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class MessageStatus(models.TextChoices):
    PENDING = "pending", _("Waiting to be sent")
    SENDING = "sending", _("Being sent")
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Given up")
    CANCELLED = "cancelled", _("Not needed: its record was deleted")

    @classmethod
    def undelivered(cls):
        return [cls.PENDING, cls.SENDING, cls.FAILED]


class OutgoingMessage(models.Model):
    """An e-mail event the programme owes someone, until it has left.

    Written in the same transaction as the change it tells of, so a change
    that is saved always has its e-mails on record, and one rolled back has
    none. The queue and the mail server may fail; the record stays, and the
    next round sends what is still owed.
    """

    kind = models.CharField(_("e-mail"), max_length=64)
    model_label = models.CharField(_("about a"), max_length=100)
    object_pk = models.CharField(_("record id"), max_length=64)
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=MessageStatus.choices,
        default=MessageStatus.PENDING,
    )
    attempts = models.PositiveIntegerField(_("attempts"), default=0)
    #: How many of the event's e-mails have left, in order, so a retry after
    #: a failure half-way never sends the first ones twice.
    emails_sent = models.PositiveSmallIntegerField(_("e-mails sent"), default=0)
    last_error = models.TextField(_("last error"), blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    next_attempt_at = models.DateTimeField(
        _("next attempt"), default=timezone.now, db_index=True
    )

    class Meta:
        verbose_name = _("outgoing e-mail")
        verbose_name_plural = _("outgoing e-mails")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["status", "next_attempt_at"])]

    def __str__(self):
        return f"{self.kind} ({self.model_label} {self.object_pk})"

    @property
    def subject(self):
        """The record the e-mails are about, or None once it is deleted."""
        try:
            model = apps.get_model(self.model_label)
        except LookupError:
            return None
        return model.objects.filter(pk=self.object_pk).first()
