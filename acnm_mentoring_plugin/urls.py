"""The plugin's pages. A host site adds one line to its URLconf::

path("mentoring/", include("acnm_mentoring_plugin.urls")),
"""

from django.urls import path

from .views import access, applications

app_name = "acnm_mentoring"

urlpatterns = [
    path("sign-in/", access.SignInView.as_view(), name="sign_in"),
    path(
        "programmes/<slug:slug>/apply/<str:role>/",
        applications.ApplyView.as_view(),
        name="apply",
    ),
    path(
        "applications/<uuid:public_id>/",
        applications.ApplicationDetailView.as_view(),
        name="application_detail",
    ),
    path(
        "applications/<uuid:public_id>/withdraw/",
        applications.ApplicationWithdrawView.as_view(),
        name="application_withdraw",
    ),
]
