"""Designing a poll: staff for the coalition, coordinators for their own alliance.

The admin form hands over the poll with its questions, options and areas unsaved (a
modelcluster "cluster"); `poll_design_save` checks the whole design, fills in the
agreement scale and saves it all. Once a poll has responses its questions, options,
scope, areas and demographic questions are frozen: the tallies count answers by question
and option, so changing them would mix answers to different questions. Its title,
introduction, dates, weighting and publication stay editable.
"""

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.log_actions import log

from amicc.coalition.models import Alliance
from amicc.coalition.permissions import reachable, user_is_coalition_staff
from amicc.core.page_cache import invalidate_page_cache
from amicc.polls.choices import AGREEMENT_SCALE, PollScope, QuestionKind
from amicc.polls.models import Poll, PollOption, PollQuestion, PollResponse

FROZEN_MESSAGE = gettext_lazy(
    "This poll already has responses, so its questions, options, scope, areas and "
    "demographic questions can no longer change: the results count answers by question "
    "and option, and a change would mix answers to different questions. You can still "
    "change the title, the introduction, the dates, the weighting and the publication "
    "of results; for different questions, make a new poll."
)
CHOICE_KINDS = (QuestionKind.SINGLE, QuestionKind.MULTIPLE)


def _ordered(items) -> list:
    return sorted(items, key=lambda item: (item.sort_order is None, item.sort_order or 0))


def _check_alliance(poll: Poll, by: AbstractBaseUser, errors: dict) -> None:
    if poll.alliance_id is None:
        if not user_is_coalition_staff(by):
            errors.setdefault("alliance", []).append(_("Choose the alliance that runs this poll."))
    elif not reachable(Alliance, by).filter(pk=poll.alliance_id).exists():
        errors.setdefault("alliance", []).append(
            _("You can only run polls for alliances you coordinate.")
        )


def _check_dates(poll: Poll, *, creating: bool, errors: dict) -> None:
    if poll.opens_at and poll.closes_at and poll.closes_at <= poll.opens_at:
        errors.setdefault("closes_at", []).append(_("A poll closes after it opens."))
    if creating and poll.closes_at and poll.closes_at <= timezone.now():
        errors.setdefault("closes_at", []).append(
            _("This date is in the past: a new poll closes in the future.")
        )


def _agreement_scale(question: PollQuestion) -> None:
    """Give an agreement question exactly the 5-point scale, replacing any other labels."""
    labels = [option.label for option in _ordered(question.options.all())]
    if labels != list(AGREEMENT_SCALE):
        question.options.set(
            [PollOption(label=label, sort_order=i) for i, label in enumerate(AGREEMENT_SCALE)]
        )


def _question_errors(position: int, question: PollQuestion) -> list[str]:
    name = _("Question %(position)s (“%(text)s”)") % {"position": position, "text": question.text}
    options = [option.label.strip() for option in question.options.all()]
    if question.kind == QuestionKind.TEXT and options:
        return [
            _("%(name)s asks for free text, so it has no options: remove them.") % {"name": name}
        ]
    if question.kind not in CHOICE_KINDS:
        return []
    errors = []
    if len(options) < 2:
        errors.append(_("%(name)s needs at least two options to choose from.") % {"name": name})
    repeated = sorted({label for label in options if options.count(label) > 1})
    message = _("%(name)s lists the option “%(label)s” more than once.")
    errors += [message % {"name": name, "label": label} for label in repeated]
    return errors


def _check_questions(poll: Poll, errors: dict) -> None:
    questions = _ordered(poll.questions.all())
    if not questions:
        errors.setdefault("__all__", []).append(_("Add at least one question."))
    for position, question in enumerate(questions, start=1):
        if question.kind == QuestionKind.AGREEMENT:
            _agreement_scale(question)
        for message in _question_errors(position, question):
            errors.setdefault("__all__", []).append(message)


def _check_areas(poll: Poll, errors: dict) -> None:
    areas = list(poll.areas.all())
    messages = []
    if poll.scope == PollScope.NATIONAL and areas:
        messages.append(
            _("A poll of the whole country has no areas: remove them, or choose another scope.")
        )
    elif poll.scope == PollScope.STATES:
        if not areas:
            messages.append(_("Add at least one state for a poll of chosen states."))
        if any(area.district is not None for area in areas):
            messages.append(
                _(
                    "A poll of chosen states covers whole states: leave every district empty, "
                    "or choose the scope “Chosen congressional districts”."
                )
            )
    elif poll.scope == PollScope.DISTRICTS:
        if not areas:
            messages.append(_("Add at least one district for a poll of chosen districts."))
        if any(area.district is None for area in areas):
            messages.append(_("Give each area of a poll of chosen districts its district number."))
    keys = [str(area) for area in areas]
    messages += [
        _("%(area)s is listed more than once.") % {"area": key}
        for key in sorted(set(keys))
        if keys.count(key) > 1
    ]
    if messages:
        errors.setdefault("scope", []).extend(messages)


def _design(questions, areas, poll_fields: tuple) -> tuple:
    """What may not change once a poll has responses."""
    return (
        poll_fields,
        sorted((area.state, area.district is None, area.district or 0) for area in areas),
        [
            (
                question.pk, question.text, question.kind, question.required,
                [(option.pk, option.label) for option in _ordered(question.options.all())],
            )
            for question in _ordered(questions)
        ],
    )  # fmt: skip


def _frozen_fields(poll: Poll) -> tuple:
    return (poll.scope, poll.asks_age, poll.asks_gender, poll.asks_party)


def _check_frozen(poll: Poll, errors: dict) -> None:
    if poll.pk is None or not PollResponse.objects.filter(poll=poll.pk).exists():
        return
    saved = Poll.objects.prefetch_related(
        "areas",
        Prefetch("questions", queryset=PollQuestion.objects.prefetch_related("options")),
    ).get(pk=poll.pk)
    before = _design(saved.questions.all(), saved.areas.all(), _frozen_fields(saved))
    after = _design(poll.questions.all(), poll.areas.all(), _frozen_fields(poll))
    if before != after:
        errors.setdefault("__all__", []).append(FROZEN_MESSAGE)


def _full_clean_cluster(poll: Poll) -> None:
    poll.full_clean()
    for question in poll.questions.all():
        question.full_clean(exclude=["poll"])
        for option in question.options.all():
            option.full_clean(exclude=["question"])
    for area in poll.areas.all():
        area.full_clean(exclude=["poll"], validate_constraints=False)


@transaction.atomic
def poll_design_save(*, poll: Poll, by: AbstractBaseUser) -> Poll:
    """Check and save a poll with its questions, options and areas; log who did it.

    Raises ValidationError naming every problem at once (fields of the poll, or `__all__`
    for its questions).
    """
    creating = poll.pk is None
    errors: dict[str, list[str]] = {}
    _check_alliance(poll, by, errors)
    _check_dates(poll, creating=creating, errors=errors)
    _check_questions(poll, errors)
    _check_areas(poll, errors)
    _check_frozen(poll, errors)
    if errors:
        raise ValidationError(errors)
    _full_clean_cluster(poll)
    if creating:
        poll.created_by = by
    poll.save()
    log(instance=poll, action="wagtail.create" if creating else "wagtail.edit", user=by)
    # The list of polls is in the anonymous page cache; results may have been published.
    transaction.on_commit(invalidate_page_cache)
    return poll
