from django.urls import include, path
from wagtail import urls as wagtail_urls

urlpatterns = [
    path("", include(wagtail_urls)),
    path("mentoring/", include("acnm_mentoring_plugin.urls")),
]
