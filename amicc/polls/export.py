"""A poll's responses as a CSV or XLSX file, anonymized, for the poll's staff and coordinators.

A response is already anonymous (no name, email or ZIP code is kept); the file also leaves
out the database ids and the browser key, numbers the responses 1, 2, 3… in the order
they arrived and gives the day only, not the time. Free-text answers are included as
written: they may name people, so the file is for the poll's owners only. Cells that a
spreadsheet would run as formulas are defused (a quote before them); XLSX cells are text.
"""

from collections.abc import Iterator
from typing import IO

from django.db.models import Prefetch
from django.utils import timezone

from amicc.coalition.imports.tables import csv_lines, xlsx_write
from amicc.polls.choices import DEMOGRAPHIC_CATEGORIES
from amicc.polls.models import Poll, PollAnswer, PollOption, PollQuestion

EXPORT_FORMATS = ("csv", "xlsx")
CHUNK = 2000
MULTIPLE_SEPARATOR = "; "


class ExportFormatError(ValueError):
    """The export was asked for in a format there is none of."""


def check_export_format(*, file_format: str) -> str:
    """The format, or an ExportFormatError whose message says which formats there are."""
    if file_format not in EXPORT_FORMATS:
        raise ExportFormatError(
            f"There is no “{file_format[:20]}” export: choose format=csv or format=xlsx."
        )
    return file_format


def _questions(poll: Poll) -> list[PollQuestion]:
    options = Prefetch("options", queryset=PollOption.objects.order_by("sort_order", "pk"))
    return list(poll.questions.order_by("sort_order", "pk").prefetch_related(options))


def export_header(*, poll: Poll) -> list[str]:
    demographics = [str(dimension.label) for dimension in poll.demographics]
    questions = [question.text for question in _questions(poll)]
    return ["Response", "Submitted on", "State", "District", *demographics, *questions]


def export_rows(*, poll: Poll) -> Iterator[list[str]]:
    """One row per response, in the order they arrived, read in chunks of CHUNK."""
    questions = _questions(poll)
    order = {option.pk: option.sort_order for q in questions for option in q.options.all()}
    labels = {option.pk: option.label for q in questions for option in q.options.all()}
    demographic_labels = {
        dimension: {value: str(label) for value, label in DEMOGRAPHIC_CATEGORIES[dimension].choices}
        for dimension in poll.demographics
    }
    answers = Prefetch("answers", queryset=PollAnswer.objects.order_by("pk"))
    responses = poll.responses.order_by("pk").prefetch_related(answers)
    for number, response in enumerate(responses.iterator(chunk_size=CHUNK), start=1):
        by_question: dict[int, list[PollAnswer]] = {}
        for answer in response.answers.all():
            by_question.setdefault(answer.question_id, []).append(answer)
        cells = []
        for question in questions:
            given = by_question.get(question.pk, [])
            chosen = sorted((a for a in given if a.option_id), key=lambda a: order[a.option_id])
            texts = [a.text for a in given if not a.option_id]
            cells.append(MULTIPLE_SEPARATOR.join([*(labels[a.option_id] for a in chosen), *texts]))
        yield [
            str(number),
            timezone.localdate(response.submitted_at).isoformat(),
            response.state,
            str(response.district),
            *(
                demographic_labels[dimension].get(getattr(response, dimension), "")
                for dimension in poll.demographics
            ),
            *cells,
        ]


def export_csv(*, poll: Poll) -> Iterator[str]:
    """The responses as CSV lines (UTF-8 with a BOM), to stream."""
    return csv_lines(export_header(poll=poll), export_rows(poll=poll))


def export_xlsx(*, poll: Poll, stream: IO[bytes]) -> None:
    """The responses as an XLSX workbook of one sheet, written to `stream`."""
    xlsx_write(
        stream=stream,
        title="Responses",
        header=export_header(poll=poll),
        rows=export_rows(poll=poll),
    )


def export_filename(*, poll: Poll, file_format: str) -> str:
    return f"{poll.slug}-responses-{timezone.localdate().isoformat()}.{file_format}"
