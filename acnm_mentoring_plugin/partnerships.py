"""A partnership as its parties and staff see it: agreement, contacts,
history, and the next step to take.

The plugin's partnership page, "My mentoring" and the CMS blocks build their
context here, so what a party may see or do is decided in one place (with
``permissions``).
"""

import datetime

from django.contrib.contenttypes.models import ContentType
from django.db.models import Max, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from . import drafts
from .feedback import due_now, next_periodic_date
from .forms import AgreementSignForm, ContactForm, EndEarlyForm
from .models import ActivityRecord, Agreement, Mentorship, MentorshipStatus
from .permissions import (
    Action,
    can,
    is_programme_staff,
    known_member,
    member_for,
    membership_problem,
    reason_denied,
    visible_mentorships,
)
from .services.agreements import can_sign
from .services.contacts import can_log_contacts
from .states import can_move

M = MentorshipStatus


def side_of(mentorship, member):
    if member is None:
        return None
    if mentorship.mentee_id == member.pk:
        return "mentee"
    if mentorship.mentor_id == member.pk:
        return "mentor"
    return None


def other_party(mentorship, side):
    return mentorship.mentor if side == "mentee" else mentorship.mentee


def has_signed(agreement, side):
    return bool(agreement and side and getattr(agreement, f"{side}_signed_at"))


def last_contact_of(mentorship):
    if hasattr(mentorship, "last_contact"):
        return mentorship.last_contact
    return mentorship.contacts.aggregate(last=Max("date"))["last"]


def next_step(mentorship, member, today=None):
    """The one thing this member should do next here, in words; or ""."""
    side = side_of(mentorship, member)
    if side is None:
        return ""
    other = other_party(mentorship, side).display_name
    status = mentorship.status
    if status == M.REQUESTED:
        if side == "mentor":
            return _("Answer %(name)s's request.") % {"name": other}
        return _("Wait for %(name)s to answer your request.") % {"name": other}
    if status == M.ACCEPTED:
        agreement = getattr(mentorship, "agreement", None)
        if not has_signed(agreement, side):
            return _("Complete and sign the Mentor/Mentee Agreement.")
        return _("Wait for %(name)s to sign the agreement.") % {"name": other}
    if status == M.ACTIVE:
        today = today or timezone.localdate()
        since = last_contact_of(mentorship) or mentorship.start_date
        interval = datetime.timedelta(days=mentorship.program.contact_reminder_days)
        if since and today - since >= interval:
            return _("Get in touch: no contact logged since %(date)s.") % {
                "date": since.strftime("%d %b %Y").lstrip("0")
            }
        due = due_now(mentorship, side, today)
        if due is not None:
            return _("%(question)s: open until %(date)s.") % {
                "question": due.question.title,
                "date": due.until.strftime("%d %b %Y").lstrip("0"),
            }
        if side == "mentee":
            return _("Keep in touch with %(name)s, and log your contacts.") % {
                "name": other
            }
        return _("Keep in touch with %(name)s.") % {"name": other}
    if status in (M.COMPLETED, M.ENDED_EARLY) and due_now(mentorship, side, today):
        return _("Answer the short end-of-term survey.")
    return ""


def history_of(mentorship):
    """Every recorded step of the partnership and its agreement, oldest first."""
    agreement_type = ContentType.objects.get_for_model(Agreement)
    mentorship_type = ContentType.objects.get_for_model(Mentorship)
    agreement = Agreement.objects.filter(mentorship=mentorship).first()
    condition = Q(content_type=mentorship_type, object_id=str(mentorship.pk))
    if agreement is not None:
        condition |= Q(content_type=agreement_type, object_id=str(agreement.pk))
    return (
        ActivityRecord.objects.filter(condition)
        .select_related("actor")
        .order_by("at", "pk")
    )


def partnership_for(user, public_id):
    """The partnership if ``user`` is a party or staff; else None.

    Found first, then checked: a party, who takes every step on it, is
    known from the record itself, without a look at staff permissions.
    """
    try:
        mentorship = Mentorship.objects.select_related(
            "program", "mentee__user", "mentor__user", "agreement"
        ).get(public_id=public_id)
    except Mentorship.DoesNotExist:
        return None
    known_member(user, mentorship.mentee, mentorship.mentor)
    return mentorship if can(user, Action.VIEW_MENTORSHIP, mentorship) else None


def partnership_context(request, mentorship):
    user = request.user
    member = member_for(user)
    side = side_of(mentorship, member)
    staff = is_programme_staff(user, mentorship.program)
    agreement = getattr(mentorship, "agreement", None)
    ident = mentorship.public_id
    sign_draft, sign_refusal = drafts.take(request, "sign", ident)
    contact_draft, contact_refusal = drafts.take(request, "contact", ident)
    end_draft, end_refusal = drafts.take(request, "end", ident)

    may_sign = (
        agreement is not None
        and can_sign(mentorship)
        and side is not None
        and not has_signed(agreement, side)
    )
    first_signer = agreement is not None and not (
        agreement.mentee_signed_at or agreement.mentor_signed_at
    )
    # Several partnerships may share a page (a CMS block): ids of their own.
    auto_id = f"acnm-{str(ident)[:8]}-%s"
    contacts = list(mentorship.contacts.select_related("logged_by__user"))
    return {
        "mentorship": mentorship,
        "agreement": agreement,
        "side": side,
        "viewer_is_staff": staff,
        "other": other_party(mentorship, side) if side else None,
        "next_step": next_step(mentorship, member),
        "sign": {
            "allowed": may_sign,
            "refusal": sign_refusal
            or (
                reason_denied(user, Action.SIGN_AGREEMENT, mentorship)
                if may_sign
                else None
            ),
            "form": AgreementSignForm(
                sign_draft,
                auto_id=auto_id,
                first_signer=first_signer,
                signer=member,
            )
            if may_sign
            else None,
            "first_signer": first_signer,
        },
        "contacts": contacts,
        # Notes are the pair's own: staff see that contact happened, not what
        # was said.
        "show_notes": side is not None,
        "last_contact": max((c.date for c in contacts), default=None),
        "contact": {
            "allowed": can_log_contacts(mentorship)
            and can(user, Action.LOG_CONTACT, mentorship),
            "refusal": contact_refusal,
            "form": ContactForm(contact_draft, auto_id=auto_id),
        },
        "end": {
            "allowed": can_move(mentorship, M.ENDED_EARLY)
            and can(user, Action.END_MENTORSHIP, mentorship),
            "refusal": end_refusal,
            "form": EndEarlyForm(end_draft, auto_id=auto_id),
        },
        "can_complete": can_move(mentorship, M.COMPLETED)
        and can(user, Action.COMPLETE_MENTORSHIP, mentorship),
        "history": history_of(mentorship),
        "feedback": feedback_summary(mentorship, side),
    }


def feedback_summary(mentorship, side):
    """The partnership page's pointer to its feedback page."""
    from django.urls import reverse

    if mentorship.start_date is None:
        return None  # never started: nothing to give feedback on
    due = due_now(mentorship, side) if side else None
    return {
        "due": due,
        "next_opens": next_periodic_date(mentorship),
        "url": reverse("acnm_mentoring:feedback", args=[mentorship.public_id]),
    }


def _member_or_prompt(request):
    """(member, None), or (None, what to show instead: sign in, or why not)."""
    from .access import sign_in_context

    user = request.user
    if not user.is_authenticated:
        return None, {"sign_in": sign_in_context(request, request.get_full_path())}
    member = member_for(user)
    if member is None:
        return None, {"member": None, "reason": membership_problem(user)}
    return member, None


def my_mentoring_context(request):
    """Everything of the signed-in member's in the programme, with next steps.

    For "My mentoring" (the plugin's page and the CMS block). A visitor who
    is not signed in gets what the sign-in button needs.
    """
    from .feedback import mentor_ratings_context
    from .models import MentorProfile
    from .permissions import visible_applications, visible_nominations
    from .suggestions import suggestions_by_programme

    user = request.user
    member, prompt = _member_or_prompt(request)
    if member is None:
        return prompt
    pairs = list(
        visible_mentorships(user)
        .filter(Q(mentee=member) | Q(mentor=member))
        .select_related("program", "mentee__user", "mentor__user", "agreement")
        .annotate(last_contact=Max("contacts__date"))
        .prefetch_related("feedback")
        .order_by("-requested_at")
    )
    for pair in pairs:
        pair._answered = {(f.kind, f.respondent, f.period) for f in pair.feedback.all()}
        pair.side = side_of(pair, member)
        pair.other = other_party(pair, pair.side)
        pair.step = next_step(pair, member)
        pair.is_open = pair.status in M.live()
    return {
        "member": member,
        "applications": list(
            visible_applications(user)
            .filter(member=member)
            .select_related("program")
            .order_by("-submitted_at")
        ),
        "as_mentee": [pair for pair in pairs if pair.side == "mentee"],
        "as_mentor": [pair for pair in pairs if pair.side == "mentor"],
        "mentor_profiles": list(
            MentorProfile.objects.filter(member=member).select_related("program")
        ),
        "nominations": list(
            visible_nominations(user)
            .filter(nominator=member)
            .select_related("cycle__program", "nominee__user")
            .order_by("-cycle__year")
        ),
        # [(program, suggestions)] where the member is an accepted mentee
        # without a mentor yet: acnm_mentoring/includes/suggestions.html.
        "suggested_mentors": suggestions_by_programme(member),
        # A mentor's mentees' ratings, as figures once enough mentees rated.
        "ratings": mentor_ratings_context(member)
        if any(pair.side == "mentor" and pair.start_date for pair in pairs)
        else None,
    }


def agreements_context(request):
    """The member's agreements to sign, or signed: for the agreement block.

    Partnerships waiting for signatures come first, then active ones.
    """
    user = request.user
    member, prompt = _member_or_prompt(request)
    if member is None:
        return prompt
    pairs = (
        visible_mentorships(user)
        .filter(Q(mentee=member) | Q(mentor=member), status__in=[M.ACCEPTED, M.ACTIVE])
        .select_related("program", "mentee__user", "mentor__user", "agreement")
        .order_by("status", "-requested_at")
    )
    return {
        "member": member,
        "partnerships": [partnership_context(request, pair) for pair in pairs],
    }
