"""Errors the domain services raise, each with a message a member can read."""


class MentoringError(Exception):
    """A request the programme's rules refuse; ``message`` says why."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message

    def __str__(self):
        return str(self.message)


class NotAllowed(MentoringError):
    """The user may not do this (not signed in, not a party, not staff...)."""


class TransitionNotAllowed(MentoringError):
    """The record is in a state from which this step is not possible."""


class CapacityReached(MentoringError):
    """The mentor has no free place left."""
