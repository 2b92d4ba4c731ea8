from django.db import transaction
from django.utils.translation import gettext_lazy as _

from ..claims import member_values, user_values
from ..exceptions import MentoringError
from ..models import Member
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
