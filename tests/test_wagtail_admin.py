"""Programme staff review applications under "Mentoring" in the Wagtail admin."""

import pytest
from django.core import mail
from django.urls import reverse

from acnm_mentoring_plugin.models import ApplicationStatus, MentorProfile
from tests import factories

pytestmark = pytest.mark.django_db

INDEX = "acnm_mentoring_applications:index"


@pytest.fixture
def applications(program):
    return [
        factories.ApplicationFactory(
            program=program,
            member__user__first_name="Jordan",
            member__user__last_name="Rivera",
        ),
        factories.ApplicationFactory(
            program=program,
            member=factories.FacultyFactory(
                user__first_name="Helen", user__last_name="Marsh"
            ),
            role="mentor",
            goals="Theranostics",
            status=ApplicationStatus.UNDER_REVIEW,
        ),
    ]


def test_staff_find_the_mentoring_menu_and_the_applications(
    client, staff_user, applications
):
    client.force_login(staff_user)
    dashboard = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Mentoring" in dashboard and "Applications" in dashboard
    html = client.get(reverse(INDEX)).content.decode()
    assert "Jordan Rivera" in html and "Helen Marsh" in html


def test_staff_filter_by_status_and_role_and_search_by_name(
    client, staff_user, applications
):
    client.force_login(staff_user)
    html = client.get(reverse(INDEX), {"status": "under_review"}).content.decode()
    assert "Helen Marsh" in html and "Jordan Rivera" not in html
    html = client.get(reverse(INDEX), {"role": "mentee"}).content.decode()
    assert "Jordan Rivera" in html and "Helen Marsh" not in html
    html = client.get(reverse(INDEX), {"q": "Rivera"}).content.decode()
    assert "Jordan Rivera" in html and "Helen Marsh" not in html


def test_staff_accept_a_mentor_with_notes_and_the_mentor_is_told(
    client, staff_user, applications, django_capture_on_commit_callbacks
):
    mentor_application = applications[1]
    client.force_login(staff_user)
    url = reverse("acnm_mentoring_applications:edit", args=[mentor_application.pk])
    page = client.get(url).content.decode()
    assert "Theranostics" in page and "Decision" in page
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url, {"decision": "accept", "staff_notes": "Strong references."}
        )
    assert response.status_code == 302
    mentor_application.refresh_from_db()
    assert mentor_application.status == ApplicationStatus.ACCEPTED
    assert mentor_application.staff_notes == "Strong references."
    assert MentorProfile.objects.filter(member=mentor_application.member).exists()
    assert mail.outbox[-1].to == [mentor_application.member.email]
    assert "accepted" in mail.outbox[-1].body


def test_staff_decline_and_the_notes_stay_with_staff(client, staff_user, applications):
    application = applications[0]
    client.force_login(staff_user)
    url = reverse("acnm_mentoring_applications:edit", args=[application.pk])
    client.post(url, {"decision": "decline", "staff_notes": "Not eligible yet."})
    application.refresh_from_db()
    assert application.status == ApplicationStatus.DECLINED
    assert "Not eligible yet." not in mail.outbox[-1].body if mail.outbox else True


def test_a_decision_the_flow_refuses_is_explained_and_changes_nothing(
    client, staff_user, applications
):
    application = applications[0]
    application.status = ApplicationStatus.WITHDRAWN
    application.save()
    client.force_login(staff_user)
    url = reverse("acnm_mentoring_applications:edit", args=[application.pk])
    response = client.post(url, {"decision": "accept", "staff_notes": ""})
    assert response.status_code == 200
    assert "it cannot become accepted" in response.content.decode()
    application.refresh_from_db()
    assert application.status == ApplicationStatus.WITHDRAWN


def test_editors_without_the_staff_permission_cannot_see_applications(
    client, applications
):
    editor = factories.UserFactory(username="editor")
    from django.contrib.auth.models import Permission

    editor.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(editor)
    assert client.get(reverse(INDEX)).status_code in (302, 403)
    dashboard = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "acnm_mentoring_applications" not in dashboard
    url = reverse("acnm_mentoring_applications:edit", args=[applications[0].pk])
    assert client.post(url, {"decision": "accept"}).status_code in (302, 403)
    applications[0].refresh_from_db()
    assert applications[0].status == ApplicationStatus.SUBMITTED


def test_staff_cannot_add_or_delete_applications_in_the_admin(
    client, staff_user, applications
):
    client.force_login(staff_user)
    html = client.get(reverse(INDEX)).content.decode()
    assert reverse("acnm_mentoring_applications:add") not in html
    url = reverse("acnm_mentoring_applications:delete", args=[applications[0].pk])
    assert client.post(url).status_code in (302, 403)
    assert applications[0].__class__.objects.filter(pk=applications[0].pk).exists()


def test_django_admin_accept_action_goes_through_the_service(
    client, staff_user, applications, django_capture_on_commit_callbacks
):
    staff_user.is_staff = True
    staff_user.save()
    client.force_login(staff_user)
    url = reverse("admin:acnm_mentoring_application_changelist")
    assert "Jordan Rivera" in client.get(url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            url,
            {
                "action": "accept_applications",
                "_selected_action": [applications[0].pk],
            },
        )
    applications[0].refresh_from_db()
    assert applications[0].status == ApplicationStatus.ACCEPTED
    assert mail.outbox and "accepted" in mail.outbox[-1].body


def test_django_admin_saves_staff_notes_but_not_the_status(
    client, staff_user, applications
):
    staff_user.is_staff = True
    staff_user.save()
    client.force_login(staff_user)
    application = applications[0]
    url = reverse("admin:acnm_mentoring_application_change", args=[application.pk])
    assert client.get(url).status_code == 200
    client.post(url, {"staff_notes": "Call her", "status": "accepted"})
    application.refresh_from_db()
    assert application.staff_notes == "Call her"
    assert application.status == ApplicationStatus.SUBMITTED
