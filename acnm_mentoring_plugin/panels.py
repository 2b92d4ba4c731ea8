"""What each mentoring panel shows, wherever a CMS places it.

Wagtail blocks, django CMS plugins and the plugin's own pages all build
their context here and render the same template, so a panel behaves the same
everywhere. Kept free of view imports so blocks can import it while models
load.
"""

from django.urls import reverse
from django.utils.datastructures import MultiValueDict

from .access import sign_in_context
from .forms import ApplicationForm
from .models import Application, ApplicationRole, ApplicationStatus
from .permissions import Action, member_for, reason_denied

SUBMITTED_KEY = "acnm_mentoring.application.submitted"


def draft_key(program, role):
    return f"acnm_mentoring.application.draft.{program.pk}.{role}"


def refusal_key(program, role):
    return f"acnm_mentoring.application.refusal.{program.pk}.{role}"


def panel_id(program, role):
    return f"acnm-application-{program.slug}-{role}"


def current_application(member, program, role):
    """The member's application that still stands: open or accepted."""
    if member is None:
        return None
    return (
        Application.objects.filter(
            member=member,
            program=program,
            role=role,
            status__in=[*ApplicationStatus.open(), ApplicationStatus.ACCEPTED],
        )
        .order_by("-submitted_at")
        .first()
    )


def application_panel_context(
    request, *, program, role, return_url, intro="", success_message="", preview=False
):
    """The context of ``acnm_mentoring/includes/application_panel.html``.

    ``state`` is one of ``sign_in``, ``closed``, ``not_allowed``,
    ``existing`` or ``form``. A form rejected on an earlier post is waiting
    in the session and comes back bound, with its errors. ``preview`` shows
    an editor the empty form a member would see, which cannot be sent.
    """
    role = ApplicationRole(role)
    context = {
        "program": program,
        "role": role,
        "intro": intro,
        "success_message": success_message,
        "return_url": return_url,
        "action_url": reverse("acnm_mentoring:apply", args=[program.slug, role]),
        "panel_id": panel_id(program, role),
    }
    if preview:
        context.update(
            state="form",
            preview=True,
            form=ApplicationForm(program=program, role=role),
        )
        return context
    user = request.user
    context["refusal"] = request.session.pop(refusal_key(program, role), None)
    if not user.is_authenticated:
        context.update(state="sign_in", sign_in=sign_in_context(request, return_url))
        return context
    existing = current_application(member_for(user), program, role)
    if existing is not None:
        request.session.pop(draft_key(program, role), None)
        just_submitted = request.session.get(SUBMITTED_KEY) == str(existing.public_id)
        if just_submitted:
            del request.session[SUBMITTED_KEY]
        context.update(
            state="existing", application=existing, just_submitted=just_submitted
        )
        return context
    reason = reason_denied(user, Action.APPLY, (program, role))
    if reason is not None:
        request.session.pop(draft_key(program, role), None)
        state = "closed" if not program.is_open else "not_allowed"
        context.update(state=state, reason=reason)
        return context
    draft = request.session.pop(draft_key(program, role), None)
    data = MultiValueDict(draft) if draft is not None else None
    form = ApplicationForm(
        data, program=program, role=role, initial=initial_answers(member_for(user))
    )
    context.update(state="form", form=form)
    return context


def initial_answers(member):
    """What the membership profile already tells, so the member types less."""
    return {
        "training_programme": member.institution,
        "training_year": member.training_year,
        "interests": list(member.interests.all()),
        "career_directions": list(member.career_directions.all()),
    }
