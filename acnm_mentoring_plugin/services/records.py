"""Recording changes and moving records between states."""

from django.contrib.contenttypes.models import ContentType

from ..exceptions import TransitionNotAllowed
from ..models import ActivityRecord
from ..states import can_move, refusal


def record(obj, action, actor, *, from_state="", to_state="", **detail):
    user = actor if actor is not None and actor.is_authenticated else None
    return ActivityRecord.objects.create(
        content_type=ContentType.objects.get_for_model(obj),
        object_id=str(obj.pk),
        action=action,
        from_state=from_state,
        to_state=to_state,
        actor=user,
        detail=detail,
    )


def move(obj, to_state, actor, action, *, update_fields=(), **detail):
    """Move ``obj`` to ``to_state`` if its state machine allows it, and record it.

    The row is re-read under a lock first, so two people acting at once
    cannot both move it from the same state.
    """
    locked = type(obj).objects.select_for_update().get(pk=obj.pk)
    if locked.status != obj.status:
        obj.status = locked.status
    if not can_move(obj, to_state):
        raise TransitionNotAllowed(refusal(obj, to_state))
    from_state = obj.status
    obj.status = to_state
    obj.save(update_fields=["status", *update_fields])
    record(obj, action, actor, from_state=from_state, to_state=to_state, **detail)
    return obj
