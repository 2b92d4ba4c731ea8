"""Both CMSes on one site: the mentoring pages and django CMS at the root,
Wagtail's pages under ``/wagtail/``."""

from django.contrib import admin
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls

urlpatterns = [
    path("django-admin/", admin.site.urls),
    path("admin/", include(wagtailadmin_urls)),
    path("accounts/", include("allauth.urls")),
    path("mentoring/", include("acnm_mentoring_plugin.urls")),
    path("wagtail/", include(wagtail_urls)),
    path("", include("cms.urls")),
]
