from django.db import transaction
from django.utils.translation import gettext_lazy as _

from ..claims import member_values, user_values
from ..exceptions import MentoringError
from ..models import Member
from ..search import reindex_member
from .records import record


@transaction.atomic
def refresh_member_from_claims(user, claims):
    """Bring the user and their Member profile in line with the provider's claims.

    Runs at every sign-in, so a membership that lapses or a new career stage
    shows at the next sign-in. Changes are recorded; nothing is written when
    nothing changed. A membership number already held by another account is
    refused rather than moved: that needs the coordinator.
    """
    values = member_values(claims)
    number = values["membership_id"]
    if number and Member.objects.filter(membership_id=number).exclude(user=user):
        raise MentoringError(
            _(
                "Your membership number is already linked to another account on "
                "this site. Please contact the programme coordinator."
            )
        )

    names = {
        field: value
        for field, value in user_values(claims).items()
        if hasattr(user, field) and getattr(user, field) != value
    }
    for field, value in names.items():
        setattr(user, field, value)
    if names:
        user.save(update_fields=list(names))

    member = Member.objects.select_for_update().filter(user=user).first()
    if member is None:
        member = Member.objects.create(user=user, **values)
        record(
            member,
            "member_created",
            user,
            to_state=member.membership_status,
            fields=sorted(values),
        )
        return member
    before = member.membership_status
    changed = [
        field for field, value in values.items() if getattr(member, field) != value
    ]
    if names or changed:
        # Names and institution are searched in the mentor directory.
        reindex_member(member)
    if changed:
        for field in changed:
            setattr(member, field, values[field])
        member.save(update_fields=[*changed, "updated_at"])
        record(
            member,
            "member_refreshed",
            user,
            from_state=before,
            to_state=member.membership_status,
            fields=sorted(changed),
        )
    return member


def member_to_link(claims, already_linked):
    """The Member a first sign-in belongs to, when the site knows them already.

    Members imported by staff (or seeded) exist before they first sign in.
    The provider's membership number, from a verified answer, says who they
    are. ``already_linked(user)`` tells whether the account has a sign-in
    with this provider already: then the number belongs to someone else's
    sign-in and the coordinator must sort it out. Accounts with staff rights
    are never linked this way; staff link those by hand.
    """
    number = member_values(claims)["membership_id"]
    if not number:
        return None
    member = Member.objects.select_related("user").filter(membership_id=number).first()
    if member is None:
        return None
    user = member.user
    if user.is_staff or user.is_superuser or already_linked(user):
        return None
    return member


def record_sign_in_linked(member, provider_id):
    return record(member, "sign_in_linked", member.user, provider=provider_id)
