"""The plugin's pages. A host site adds one line to its URLconf::

path("mentoring/", include("acnm_mentoring_plugin.urls")),
"""

from django.urls import include, path

from .ratelimits import limit_form_posts
from .unsaved_posts import tell_when_not_saved
from .views import (
    access,
    applications,
    awards,
    directory,
    feedback,
    mentor_profiles,
    outcomes,
    partnerships,
    requests,
)

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
    path(
        "programmes/<slug:slug>/mentors/",
        directory.DirectoryView.as_view(),
        name="directory",
    ),
    path(
        "programmes/<slug:slug>/mentors/<int:pk>/",
        directory.MentorDetailView.as_view(),
        name="mentor_detail",
    ),
    path(
        "programmes/<slug:slug>/mentors/<int:pk>/request/",
        directory.MentorRequestView.as_view(),
        name="mentor_request",
    ),
    path(
        "programmes/<slug:slug>/my-mentor-profile/",
        mentor_profiles.MentorProfileEditView.as_view(),
        name="mentor_profile_edit",
    ),
    path(
        "partnerships/<uuid:public_id>/",
        include(
            [
                path("", partnerships.PartnershipView.as_view(), name="partnership"),
                path(
                    "agreement/",
                    partnerships.AgreementView.as_view(),
                    name="agreement",
                ),
                path(
                    "agreement.pdf",
                    partnerships.AgreementPdfView.as_view(),
                    name="agreement_pdf",
                ),
                path(
                    "sign/",
                    partnerships.SignAgreementView.as_view(),
                    name="agreement_sign",
                ),
                path(
                    "contacts/",
                    partnerships.LogContactView.as_view(),
                    name="contact_log",
                ),
                path("end/", partnerships.EndEarlyView.as_view(), name="end_early"),
                path("feedback/", feedback.FeedbackView.as_view(), name="feedback"),
                path(
                    "complete/",
                    partnerships.CompleteView.as_view(),
                    name="complete",
                ),
            ]
        ),
    ),
    path(
        "programmes/<slug:slug>/award/",
        awards.AwardView.as_view(),
        name="award",
    ),
    path(
        "programmes/<slug:slug>/award/<int:year>/",
        include(
            [
                path("nominate/", awards.NominateView.as_view(), name="nominate"),
                path(
                    "withdraw-nomination/",
                    awards.WithdrawNominationView.as_view(),
                    name="withdraw_nomination",
                ),
                path("vote/", awards.VoteView.as_view(), name="vote"),
            ]
        ),
    ),
    path("my/", partnerships.MyMentoringView.as_view(), name="my_mentoring"),
    path("requests/", requests.RequestListView.as_view(), name="requests"),
    path(
        "requests/<uuid:public_id>/",
        requests.RequestDetailView.as_view(),
        name="request_detail",
    ),
    path(
        "requests/<uuid:public_id>/<str:answer>/",
        requests.RequestAnswerView.as_view(),
        name="request_answer",
    ),
    path(
        "programmes/<slug:slug>/my-outcomes/",
        outcomes.MyOutcomesView.as_view(),
        name="my_outcomes",
    ),
]

# Every form posted to these pages, now and later, counts against the limits,
# and one the database refuses is answered with a page saying nothing was kept.
limit_form_posts(urlpatterns)
tell_when_not_saved(urlpatterns)
