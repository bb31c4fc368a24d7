"""Placeholder: the running tallies are being written."""

from amicc.polls.models import PollAnswer, PollResponse


def tally_response(*, response: PollResponse, answers: list[PollAnswer]) -> None:
    """Add one saved response and its saved answers to the tallies (inside its transaction)."""
    raise NotImplementedError
