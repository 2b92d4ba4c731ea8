"""The example site's URLs and the floor: a plain text response that goes
through every middleware but renders no page and reads no table."""

from django.http import HttpResponse
from django.urls import include, path


def floor(request):
    return HttpResponse(b"ok", content_type="text/plain")


urlpatterns = [
    path("load-floor/", floor),
    path("", include("example_site.urls")),
]
