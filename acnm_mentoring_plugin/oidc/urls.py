from django.urls import include, path

from . import views

urlpatterns = [
    path(
        "membership-oidc/<str:provider_id>/",
        include(
            [
                path("login/", views.login, name="membership_oidc_login"),
                path(
                    "login/callback/", views.callback, name="membership_oidc_callback"
                ),
            ]
        ),
    )
]
