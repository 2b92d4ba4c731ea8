"""How the programme writes dates and times for people to read."""

from django.utils import timezone
from django.utils.formats import date_format


def when(moment):
    """A moment in the site's time zone, named: members read deadlines from
    other time zones, and "11:59 p.m." alone would mislead them."""
    local = timezone.localtime(moment)
    return f"{date_format(local, 'DATETIME_FORMAT')} {local.tzname()}"
