from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .. import notifications
from ..conf import mentoring_settings
from ..exceptions import MentoringError, TransitionNotAllowed
from ..models import Agreement, MentorshipStatus
from ..permissions import Action, check, member_for
from .mentorships import activate
from .records import record


def can_sign(mentorship):
    """The agreement is signed between the acceptance and the start."""
    return mentorship.status == MentorshipStatus.ACCEPTED


def signature_problem(member, typed_name):
    """Why ``typed_name`` is not ``member``'s signature, or None."""
    expected = member.display_name.strip()
    if not typed_name or typed_name.strip().casefold() != expected.casefold():
        return _("Please type your full name exactly as %(name)s to sign.") % {
            "name": expected
        }
    return None


def sign_agreement(
    user, agreement, typed_name, *, goals=None, contact_cadence=None, years=None
):
    """A party signs by typing their full name; both signed starts the pair.

    The first signer sets goals, cadence and term; once anyone has signed they
    are fixed, so the second signer agrees to exactly what the first signed.
    """
    mentorship = agreement.mentorship
    check(user, Action.SIGN_AGREEMENT, mentorship)
    if not can_sign(mentorship):
        raise TransitionNotAllowed(
            _("This agreement can no longer be signed: the partnership is %(s)s.")
            % {"s": mentorship.get_status_display().lower()}
        )
    member = member_for(user)
    problem = signature_problem(member, typed_name)
    if problem:
        raise MentoringError(problem)
    side = "mentee" if mentorship.mentee_id == member.pk else "mentor"
    with transaction.atomic():
        agreement = Agreement.objects.select_for_update().get(pk=agreement.pk)
        if getattr(agreement, f"{side}_signed_at"):
            raise TransitionNotAllowed(_("You have already signed this agreement."))
        nobody_signed = not (agreement.mentee_signed_at or agreement.mentor_signed_at)
        if nobody_signed:
            if goals is not None:
                agreement.goals = goals
            if contact_cadence is not None:
                agreement.contact_cadence = contact_cadence
            if years is not None:
                low = mentoring_settings.MIN_TERM_YEARS
                high = mentoring_settings.MAX_TERM_YEARS
                if not low <= int(years) <= high:
                    raise MentoringError(
                        _("The planned term is %(low)s to %(high)s years.")
                        % {"low": low, "high": high}
                    )
                agreement.planned_term_years = int(years)
        now = timezone.now()
        setattr(agreement, f"{side}_signature", typed_name.strip())
        setattr(agreement, f"{side}_signed_at", now)
        if agreement.is_complete:
            agreement.completed_at = now
        agreement.save()
        record(agreement, "signed", user, side=side)
        if agreement.is_complete:
            activate(mentorship, user, agreement.planned_term_years)
            notifications.agreement_completed(agreement)
    return agreement


def terms_problem(program, text):
    """Why ``text`` cannot be the programme's next terms, or None."""
    if not text or not text.strip():
        return _("The terms cannot be empty.")
    current = program.current_terms
    if current is not None and current.text.strip() == text.strip():
        return _("These are the terms of version %(version)s already.") % {
            "version": current.version
        }
    return None


@transaction.atomic
def publish_agreement_terms(user, program, text):
    """A new version of the programme's terms, for pairs accepted from now on.

    Versions are never edited: each signed agreement keeps the text it was
    signed with, and the history of the terms stays readable.
    """
    from ..models import AgreementTerms, Program

    check(user, Action.MANAGE_PROGRAM, program)
    Program.objects.select_for_update().get(pk=program.pk)
    problem = terms_problem(program, text)
    if problem:
        raise MentoringError(problem)
    current = program.current_terms
    terms = AgreementTerms.objects.create(
        program=program,
        version=(current.version + 1) if current else 1,
        text=text.strip(),
    )
    record(terms, "terms_published", user, version=terms.version)
    return terms
