from django.contrib.auth.views import LogoutView
from django.urls import include, path
from oauth2_provider import urls as oauth2_urls

from . import views

# django-oauth-toolkit's endpoints without its pages for managing applications:
# the seed command registers the one client there is.
provider_urls = (
    oauth2_urls.metadata_urlpatterns
    + oauth2_urls.base_urlpatterns
    + oauth2_urls.oidc_urlpatterns,
    oauth2_urls.app_name,
)

urlpatterns = [
    path("", views.home, name="home"),
    path("accounts/login/", views.SignInView.as_view(), name="login"),
    path("accounts/logout/", LogoutView.as_view(), name="logout"),
    path("o/", include(provider_urls, namespace="oauth2_provider")),
]
