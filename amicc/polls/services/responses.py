"""Recording one anonymous response to a poll, its answers and its tallies, all at once.

One response per person is kept by a random token in the respondent's browser (a cookie
set by the poll page): its hash with the poll's id is the response's `browser_key`, unique
per poll in the database. Hashing with the poll's id means two responses of the same
browser to two polls cannot be linked from the stored rows. Limits are on the poll page.
"""

import hashlib
import secrets
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from amicc.polls.models import Poll, PollAnswer, PollOption, PollQuestion, PollResponse
from amicc.polls.selectors import poll_audience, poll_includes
from amicc.polls.tallies import tally_response

BROWSER_TOKEN_BYTES = 32


class PollNotOpen(Exception):
    """The poll has not opened yet, or has closed."""


class AlreadyAnswered(Exception):
    """This browser has already answered this poll."""


@dataclass(frozen=True)
class AnswerInput:
    """One answer to save: an option chosen (one per option for multiple choice) or a text."""

    question: PollQuestion
    option: PollOption | None = None
    text: str = ""


def browser_token_new() -> str:
    return secrets.token_urlsafe(BROWSER_TOKEN_BYTES)


def browser_key_for(*, poll: Poll, token: str) -> str:
    return hashlib.sha256(f"{poll.pk}:{token}".encode()).hexdigest()


def poll_is_open(poll: Poll) -> bool:
    return poll.opens_at <= timezone.now() < poll.closes_at


def poll_already_answered(*, poll: Poll, token: str) -> bool:
    key = browser_key_for(poll=poll, token=token)
    return PollResponse.objects.filter(poll=poll, browser_key=key).exists()


@transaction.atomic
def poll_response_submit(
    *,
    poll: Poll,
    browser_token: str,
    state: str,
    district: int,
    answers: list[AnswerInput],
    age_band: str = "",
    gender: str = "",
    party: str = "",
) -> PollResponse:
    """Save a response and its answers and add them to the tallies, in one transaction.

    Raises PollNotOpen, AlreadyAnswered, or ValidationError for a district outside the
    poll's scope or an answer to another poll's question.
    """
    if not poll_is_open(poll):
        raise PollNotOpen
    if not poll_includes(poll, state=state, district=district):
        raise ValidationError(
            _("This poll is for %(audience)s.") % {"audience": poll_audience(poll)}
        )
    if any(answer.question.poll_id != poll.pk for answer in answers):
        raise ValidationError(_("An answer is to a question of another poll."))
    response = PollResponse(
        poll=poll,
        state=state,
        district=district,
        age_band=age_band,
        gender=gender,
        party=party,
        browser_key=browser_key_for(poll=poll, token=browser_token),
    )
    # The unique constraint is checked below by the database, which also catches a race.
    response.full_clean(exclude=["poll"], validate_constraints=False)
    try:
        with transaction.atomic():
            response.save()
    except IntegrityError:
        raise AlreadyAnswered from None
    rows = [
        PollAnswer(response=response, question=a.question, option=a.option, text=a.text)
        for a in answers
    ]
    for row in rows:
        # The related rows are the poll's own, already loaded: no query per foreign key.
        row.full_clean(
            exclude=["response", "question", "option"],
            validate_unique=False,
            validate_constraints=False,
        )
    saved = PollAnswer.objects.bulk_create(rows)
    tally_response(response=response, answers=saved)
    return response
