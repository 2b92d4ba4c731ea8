"""URLs of the example site on django CMS: the mentoring URLs and the
sign-in above django CMS, whose pages answer everything else from the root."""

from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

urlpatterns = [
    # django CMS edits its pages in Django's admin.
    path("django-admin/", admin.site.urls),
    # Programme staff review, match and export in Wagtail's admin.
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("accounts/", include("allauth.urls")),
    # The one line that adds the mentoring pages, above django CMS's pages.
    path("mentoring/", include("acnm_mentoring_plugin.urls")),
    path("", include("cms.urls")),
]

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
