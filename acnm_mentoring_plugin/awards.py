"""What the award panel shows, wherever a CMS places it.

The plugin's award page, Wagtail's ``AwardPage`` and ``AwardNominationBlock``
and the django CMS plugin all build their context here and render
``acnm_mentoring/includes/award_panel.html``. Forms post to the plugin's
URLs and come back to the page they were sent from.
"""

from django.urls import reverse
from django.utils import timezone

from . import drafts
from .access import sign_in_context
from .forms import NominationForm, VoteForm
from .models import (
    AwardCycle,
    AwardCycleStatus,
    AwardPhase,
    MentorProfile,
    NominationStatus,
)
from .permissions import Action, member_for, reason_denied
from .services.awards import current_nomination, shortlisted_mentors, vote_of


def current_cycle(program):
    """The cycle a visitor should see now: the oldest not yet announced (so a
    cycle still voting is not hidden by next year's, already scheduled), or
    else the latest announced."""
    cycles = AwardCycle.objects.filter(program=program).select_related(
        "program", "winner__user"
    )
    return (
        cycles.exclude(status=AwardCycleStatus.ANNOUNCED).order_by("year").first()
        or cycles.order_by("-year").first()
    )


def past_recipients(program):
    """Announced winners, newest first, with their mentor profile (photo,
    institution) when they have one in the programme."""
    cycles = list(
        AwardCycle.objects.filter(program=program, status=AwardCycleStatus.ANNOUNCED)
        .select_related("winner__user")
        .order_by("-year")
    )
    profiles = {
        profile.member_id: profile
        for profile in MentorProfile.objects.filter(
            program=program, member__in=[cycle.winner_id for cycle in cycles]
        )
    }
    for cycle in cycles:
        cycle.winner_profile = profiles.get(cycle.winner_id)
    return cycles


#: The panel's forms, as named in ``drafts``.
FORMS = ("nomination", "withdraw", "vote")


def panel_id(program):
    return f"acnm-award-{program.slug}"


def award_context(
    request,
    *,
    program,
    cycle=None,
    return_url,
    intro="",
    show_past=True,
    preview=False,
):
    """The context of ``acnm_mentoring/includes/award_panel.html``.

    ``phase`` is the cycle's, as everyone sees it; ``nomination`` and
    ``ballot`` say what this visitor can do in it: ``state`` is one of
    ``sign_in``, ``not_allowed`` (with ``reason``), ``form``, ``done``
    (their nomination or vote). ``preview`` shows an editor what a member
    sees, without sending.
    """
    cycle = cycle or current_cycle(program)
    context = {
        "program": program,
        "cycle": cycle,
        "intro": intro,
        "return_url": return_url,
        "panel_id": panel_id(program),
        "preview": preview,
        "past": past_recipients(program) if show_past else [],
    }
    if cycle is None:
        return context
    # The winner on show is not listed again below.
    context["past"] = [past for past in context["past"] if past.pk != cycle.pk]
    context["now"] = now = timezone.now()
    phase = cycle.phase(now)
    context["phase"] = phase
    context["phase_label"] = AwardPhase(phase).label
    if phase == AwardPhase.ANNOUNCED:
        context["winner_profile"] = MentorProfile.objects.filter(
            program=program, member=cycle.winner_id
        ).first()
        return context
    member = None if preview else member_for(request.user)
    nomination = current_nomination(cycle, member)
    context["nomination_record"] = nomination
    # A form sent back (invalid, or refused) comes back once, with its reason;
    # refused because the window closed meanwhile, it is said at the top.
    sent_back = {name: drafts.take(request, name, cycle.pk) for name in FORMS}
    if phase == AwardPhase.NOMINATING:
        context["nomination"] = _nomination_part(
            request, cycle, member, nomination, return_url, preview, sent_back
        )
    elif phase == AwardPhase.VOTING:
        context["ballot"] = _ballot_part(
            request, cycle, member, return_url, preview, sent_back
        )
    else:
        context["refusal"] = " ".join(
            refusal for _data, refusal in sent_back.values() if refusal
        )
    return context


def _who_may(request, action, cycle, return_url, preview):
    """``None`` when the visitor may act, else the part saying why not."""
    if preview:
        return None
    if not request.user.is_authenticated:
        return {"state": "sign_in", "sign_in": sign_in_context(request, return_url)}
    reason = reason_denied(request.user, action, cycle)
    if reason is not None:
        return {"state": "not_allowed", "reason": reason}
    return None


def _nomination_part(
    request, cycle, member, nomination, return_url, preview, sent_back
):
    part = {
        "action_url": reverse(
            "acnm_mentoring:nominate", args=[cycle.program.slug, cycle.year]
        ),
        "withdraw_url": reverse(
            "acnm_mentoring:withdraw_nomination",
            args=[cycle.program.slug, cycle.year],
        ),
    }
    refused = _who_may(request, Action.NOMINATE, cycle, return_url, preview)
    if refused:
        return {**part, **refused}
    data = sent_back["nomination"][0]
    refusal = sent_back["nomination"][1] or sent_back["withdraw"][1]
    if preview:
        form = None
    else:
        initial = {}
        if nomination is not None and nomination.status == NominationStatus.SUBMITTED:
            initial = {
                "nominee": nomination.nominee_id,
                "statement": nomination.statement,
            }
        form = NominationForm(data, cycle=cycle, nominator=member, initial=initial)
        if not form.fields["nominee"].queryset.exists():
            return {**part, "state": "no_nominees"}
    return {**part, "state": "form", "form": form, "refusal": refusal}


def _ballot_part(request, cycle, member, return_url, preview, sent_back):
    """The ballot. Who is on it says who was nominated, which is
    confidential: ``shortlist`` is given only to those who may vote."""
    part = {
        "action_url": reverse(
            "acnm_mentoring:vote", args=[cycle.program.slug, cycle.year]
        ),
    }
    shortlist = list(shortlisted_mentors(cycle))
    if not shortlist:
        return {**part, "state": "no_shortlist"}
    refused = _who_may(request, Action.VOTE, cycle, return_url, preview)
    if refused:
        return {**part, **refused}
    if not preview:  # an editor's preview shows the ballot's place, not names
        part["shortlist"] = shortlist
    data, part["refusal"] = sent_back["vote"]
    vote = vote_of(cycle, member)
    if vote is not None:
        return {**part, "state": "done", "vote": vote}
    return {**part, "state": "form", "form": VoteForm(data, cycle=cycle)}
