"""Who may see and do what: the one place that answers it.

Views, blocks, plugins, admin actions and services all ask ``reason_denied``
(or ``can`` / ``check``), and the querysets below decide what a user may
see. A rule changed here changes everywhere.
"""

import functools
from enum import StrEnum

from django.utils.translation import gettext_lazy as _

from .conf import mentoring_settings
from .exceptions import NotAllowed
from .models import (
    Application,
    ApplicationRole,
    ApplicationStatus,
    DirectoryVisibility,
    Member,
    MentorProfile,
    Mentorship,
    MentorshipStatus,
    Nomination,
)

STAFF_PERMISSION = "acnm_mentoring.manage_program"
#: Exports carry personal data out of the site: staff need this one as well.
EXPORT_PERMISSION = "acnm_mentoring.export_data"


class Action(StrEnum):
    APPLY = "apply"
    VIEW_APPLICATION = "view_application"
    WITHDRAW_APPLICATION = "withdraw_application"
    REVIEW_APPLICATION = "review_application"
    REQUEST_MENTOR = "request_mentor"
    RESPOND_TO_REQUEST = "respond_to_request"
    WITHDRAW_REQUEST = "withdraw_request"
    MATCH = "match"
    VIEW_MENTORSHIP = "view_mentorship"
    SIGN_AGREEMENT = "sign_agreement"
    LOG_CONTACT = "log_contact"
    END_MENTORSHIP = "end_mentorship"
    COMPLETE_MENTORSHIP = "complete_mentorship"
    MANAGE_AWARD = "manage_award"
    NOMINATE = "nominate"
    VIEW_NOMINATION = "view_nomination"
    WITHDRAW_NOMINATION = "withdraw_nomination"
    VOTE = "vote"
    VIEW_DIRECTORY = "view_directory"
    MANAGE_PROGRAM = "manage_program"
    EDIT_MENTOR_PROFILE = "edit_mentor_profile"
    EXPORT = "export"
    RECORD_OUTCOME = "record_outcome"
    GIVE_FEEDBACK = "give_feedback"


#: Steps that commit a member to something new. A lapsed member may not take
#: them, but may still withdraw, answer, log a contact or end a partnership.
STARTING_ACTIONS = frozenset(
    {
        Action.APPLY,
        Action.REQUEST_MENTOR,
        Action.SIGN_AGREEMENT,
        Action.NOMINATE,
        Action.VOTE,
    }
)


def _holds_staff_permission(user):
    return bool(
        user is not None
        and user.is_authenticated
        and user.is_active
        and (user.is_superuser or user.has_perm(STAFF_PERMISSION))
    )


def staff_programmes(user):
    """The programmes ``user`` runs.

    A site may run several programmes, each with its own staff: a programme
    with staff groups is run by the permission holders in those groups only;
    one without is run by every permission holder. Superusers run all.
    """
    from django.db.models import Q

    from .models import Program

    if not _holds_staff_permission(user):
        return Program.objects.none()
    if user.is_superuser:
        return Program.objects.all()
    unrestricted = Program.objects.filter(staff_groups__isnull=True).values("pk")
    in_group = Program.objects.filter(staff_groups__user=user).values("pk")
    return Program.objects.filter(Q(pk__in=unrestricted) | Q(pk__in=in_group))


def is_programme_staff(user, program=None):
    """Whether ``user`` runs ``program``; without one, whether they run any.

    Without a programme the answer opens the staff's admin and menus; every
    confidential record is then checked against its own programme.
    """
    if not _holds_staff_permission(user):
        return False
    if user.is_superuser:
        return True
    from .models import Program

    if program is None:
        return staff_programmes(user).exists() or not Program.objects.exists()
    return staff_programmes(user).filter(pk=getattr(program, "pk", program)).exists()


def program_of(obj):
    """The programme a record belongs to, or None when it belongs to none."""
    from .models import Program

    if obj is None or isinstance(obj, Program):
        return obj
    if isinstance(obj, (tuple, list)):
        for part in obj:
            if isinstance(part, Program):
                return part
        return None
    if hasattr(obj, "program_id"):
        return obj.program
    if hasattr(obj, "mentorship_id"):
        return obj.mentorship.program
    if hasattr(obj, "cycle_id"):
        return obj.cycle.program
    return None


def member_for(user):
    """The user's Member profile, or None; cached on the user object."""
    if user is None or not user.is_authenticated:
        return None
    if not hasattr(user, "_acnm_member"):
        user._acnm_member = Member.objects.filter(user=user).first()
    return user._acnm_member


def known_member(user, *members):
    """Remember ``user``'s member record when one of ``members``, loaded with
    a record already (a partnership's mentee and mentor), is theirs: the
    checks and the service that follow then need no query for it."""
    if user is None or not user.is_authenticated or hasattr(user, "_acnm_member"):
        return
    for member in members:
        if member is not None and member.user_id == user.pk:
            user._acnm_member = member
            return


def membership_problem(user):
    if user is None or not user.is_authenticated:
        return _("Please sign in with your membership account first.")
    member = member_for(user)
    if member is None:
        return _(
            "Your account has no membership record yet. Please sign in through "
            "the association's member sign-in, or contact the programme."
        )
    if mentoring_settings.REQUIRE_ACTIVE_MEMBERSHIP and not member.is_in_good_standing:
        return _(
            "Your membership is not active, so you cannot take part in the "
            "mentoring programme. Please renew your membership or contact the "
            "programme coordinator."
        )
    return None


def _party_of(member, obj):
    if member is None:
        return None
    if isinstance(obj, Application):
        return "applicant" if obj.member_id == member.pk else None
    if isinstance(obj, Mentorship):
        if obj.mentee_id == member.pk:
            return "mentee"
        if obj.mentor_id == member.pk:
            return "mentor"
        return None
    if isinstance(obj, Nomination):
        return "nominator" if obj.nominator_id == member.pk else None
    if isinstance(obj, MentorProfile):
        return "mentor" if obj.member_id == member.pk else None
    return None


def _staff_refusal(user, obj):
    """Staff of another programme are told whose staff may do it."""
    program = program_of(obj) if _holds_staff_permission(user) else None
    if program is not None:
        return _("Only the staff of %(programme)s can do this.") % {
            "programme": program
        }
    return _("Only programme staff can do this.")


def reason_denied(user, action, obj=None):
    """Why ``user`` may not do ``action`` on ``obj``, or None when they may.

    ``obj`` is the record acted on; for APPLY it is ``(program, role)``.
    """
    action = Action(action)

    # Staff run their own programmes only: the record's programme decides.
    # Asked only when the answer turns on it: a member's own steps, taken
    # on every page they use, then cost no permission queries.
    @functools.cache
    def staff():
        return _holds_staff_permission(user) and is_programme_staff(
            user, program_of(obj)
        )

    if action in {
        Action.REVIEW_APPLICATION,
        Action.MATCH,
        Action.MANAGE_AWARD,
        Action.MANAGE_PROGRAM,
    }:
        return None if staff() else _staff_refusal(user, obj)

    if action == Action.EXPORT:
        if staff() and user.has_perm(EXPORT_PERMISSION):
            return None
        return _(
            "Exporting needs the permission to export the programme's records; "
            "ask a site administrator."
        )

    if action in {
        Action.VIEW_APPLICATION,
        Action.VIEW_MENTORSHIP,
        Action.VIEW_NOMINATION,
    }:
        if _party_of(member_for(user), obj) or staff():
            return None
        return _("This record is confidential to its parties and programme staff.")

    if action == Action.COMPLETE_MENTORSHIP:
        return None if staff() else _staff_refusal(user, obj)

    if action == Action.VIEW_DIRECTORY:
        program = obj
        if program.directory_visibility == DirectoryVisibility.PUBLIC:
            return None
        problem = membership_problem(user)
        return None if problem is None or staff() else problem

    if action in {Action.RESPOND_TO_REQUEST, Action.EDIT_MENTOR_PROFILE} and staff():
        # Staff may answer a request for a mentor, or correct a profile.
        return None

    if action == Action.END_MENTORSHIP and staff():
        return None

    if action == Action.RECORD_OUTCOME:
        # ``obj`` is ``(member, program)``. A mentee's own outcomes, also
        # after the partnership and the membership ended; staff, anyone's.
        mentee, program = obj
        if staff():
            return None
        if member_for(user) is None or member_for(user).pk != mentee.pk:
            return _("Only the mentee and programme staff can record outcomes.")
        had_mentor = Mentorship.objects.filter(program=program, mentee=mentee).exclude(
            status__in=MentorshipStatus.request_only()
        )
        accepted = Application.objects.filter(
            program=program,
            member=mentee,
            role=ApplicationRole.MENTEE,
            status=ApplicationStatus.ACCEPTED,
        )
        if had_mentor.exists() or accepted.exists():
            return None
        return _(
            "Outcomes are recorded by the programme's mentees: you can record "
            "yours once your mentee application is accepted or you have a mentor."
        )

    if action in STARTING_ACTIONS:
        problem = membership_problem(user)
        if problem:
            return problem
    elif member_for(user) is None:
        return _("Please sign in with your membership account first.")
    member = member_for(user)

    if action == Action.APPLY:
        program, role = obj
        if not program.is_open:
            return _("This programme is not accepting applications at the moment.")
        stages = (
            mentoring_settings.MENTEE_CAREER_STAGES
            if role == ApplicationRole.MENTEE
            else mentoring_settings.MENTOR_CAREER_STAGES
        )
        if stages and member.career_stage not in stages:
            if role == ApplicationRole.MENTEE:
                return _(
                    "Mentee applications are for residents, fellows and researchers."
                )
            return _("Mentor applications are for junior and senior faculty.")
        return None

    party = _party_of(member, obj)
    if action == Action.WITHDRAW_APPLICATION:
        return None if party == "applicant" else _("Only the applicant can do this.")
    if action == Action.REQUEST_MENTOR:
        program = obj
        if Mentorship.objects.filter(
            program=program,
            mentee=member,
            status__in=MentorshipStatus.holding_a_place(),
        ).exists():
            return _("You already have a mentor in this programme.")
        if not Application.objects.filter(
            member=member,
            program=program,
            role=ApplicationRole.MENTEE,
            status=ApplicationStatus.ACCEPTED,
        ).exists():
            return _(
                "You can choose a mentor once your mentee application is accepted."
            )
        return None
    if action == Action.RESPOND_TO_REQUEST:
        return None if party == "mentor" else _("Only the mentor asked can answer.")
    if action == Action.EDIT_MENTOR_PROFILE:
        return None if party == "mentor" else _("Only the mentor can change this.")
    if action == Action.WITHDRAW_REQUEST:
        return None if party == "mentee" else _("Only the mentee can do this.")
    if action in {Action.SIGN_AGREEMENT, Action.LOG_CONTACT, Action.END_MENTORSHIP}:
        return None if party else _("Only the mentor and the mentee can do this.")
    if action == Action.GIVE_FEEDBACK:
        # Each party answers for themselves; staff read, never answer for them.
        return (
            None
            if party
            else _("Only the mentor and the mentee give feedback on a partnership.")
        )
    if action in {Action.NOMINATE, Action.VOTE}:
        return award_eligibility_problem(member, obj)
    if action == Action.WITHDRAW_NOMINATION:
        return None if party == "nominator" else _("Only the nominator can do this.")
    raise ValueError(f"No rule for {action}")


def award_eligibility_problem(member, cycle):
    """Why ``member`` may not nominate or vote in ``cycle``: the cycle's rules."""
    if member.career_stage not in cycle.nominator_stages:
        return _("The Best Mentor of the Year is chosen by %(stages)s.") % {
            "stages": cycle.chosen_by()
        }
    if cycle.nominators_need_mentorship and not (
        Mentorship.objects.filter(
            program_id=cycle.program_id,
            mentee=member,
            status__in=[MentorshipStatus.ACTIVE, MentorshipStatus.COMPLETED],
        ).exists()
    ):
        return _(
            "The award is chosen by the programme's mentees: you need an "
            "active or completed mentorship in the programme."
        )
    return None


def can(user, action, obj=None):
    return reason_denied(user, action, obj) is None


def check(user, action, obj=None):
    reason = reason_denied(user, action, obj)
    if reason is not None:
        raise NotAllowed(reason)


# What a user may see -----------------------------------------------------------


def _visible(model, user, own, programme_path="program"):
    """Records of the programmes ``user`` runs, and their own (``own``)."""
    from django.db.models import Q

    if _holds_staff_permission(user) and user.is_superuser:
        return model.objects.all()
    seen = Q(pk__in=[])
    if _holds_staff_permission(user):
        seen |= Q(**{f"{programme_path}__in": staff_programmes(user)})
    member = member_for(user)
    if member is not None:
        seen |= own(member)
    return model.objects.filter(seen)


def visible_applications(user):
    from django.db.models import Q

    return _visible(Application, user, lambda member: Q(member=member))


def visible_mentorships(user):
    from django.db.models import Q

    return _visible(
        Mentorship, user, lambda member: Q(mentee=member) | Q(mentor=member)
    )


def visible_nominations(user):
    from django.db.models import Q

    return _visible(
        Nomination, user, lambda member: Q(nominator=member), "cycle__program"
    )


def visible_feedback(user):
    """Feedback its reader may see: staff, all of their programmes'; a
    party, what they gave and the mentor's feedback on their own progress.

    A mentee's rating never reaches the mentor here: the mentor sees it
    only folded into figures (``feedback.mentor_ratings``).
    """
    from django.db.models import Q

    from .models import Feedback, FeedbackKind, Respondent

    return _visible(
        Feedback,
        user,
        lambda member: (
            Q(respondent=Respondent.MENTEE, mentorship__mentee=member)
            | Q(respondent=Respondent.MENTOR, mentorship__mentor=member)
            | Q(
                respondent=Respondent.MENTOR,
                kind=FeedbackKind.PERIODIC,
                mentorship__mentee=member,
            )
        ),
        "mentorship__program",
    )


def staff_only(queryset, user, programme_path="program"):
    """``queryset`` narrowed to the programmes ``user`` runs (staff pages)."""
    if _holds_staff_permission(user) and user.is_superuser:
        return queryset
    return queryset.filter(**{f"{programme_path}__in": staff_programmes(user)})
