"""The running tallies: every response adds itself to a few counters as it is saved.

Results are then read from the tallies (a few thousand rows per poll) rather than from
the answers (millions of rows at scale). The counters are incremented with one
`INSERT … ON CONFLICT … DO UPDATE SET count = <table>.count + excluded.count` per table,
which SQLite (3.24+) and PostgreSQL both run atomically against the unique key: two
responses saved at the same moment both count, whichever inserts the row first.
`tallies_rebuild` recomputes a poll's tallies from the raw responses, for repairs and for
data loaded in bulk (the benchmark).
"""

from collections import Counter
from collections.abc import Iterable, Sequence

from django.db import connection, transaction

from amicc.polls.models import ANSWERED, Poll, PollAnswer, PollCellTally, PollResponse, PollTally

RESPONDENTS = 0  # PollCellTally.question_key of the respondent counts per cell

TALLY_KEY = ("question_id", "option_key", "state", "district")
CELL_KEY = (
    "poll_id",
    "question_key",
    "option_key",
    "state",
    "district",
    "age_band",
    "gender",
    "party",
)


def _increments(answers: Iterable[PollAnswer]) -> Counter[tuple[int, int]]:
    """(question id, option key) → +1: once per question answered, once per chosen option."""
    counter: Counter[tuple[int, int]] = Counter()
    for question_id in {answer.question_id for answer in answers}:
        counter[(question_id, ANSWERED)] = 1
    for answer in answers:
        if answer.option_id is not None:
            counter[(answer.question_id, answer.option_id)] = 1
    return counter


def _upsert_increments(*, table: str, key: Sequence[str], rows: list[tuple]) -> None:
    """Add each row's last value (its count) to the counter its key names, creating it."""
    if not rows:
        return
    quote = connection.ops.quote_name
    columns = ", ".join(quote(column) for column in (*key, "count"))
    placeholders = "(" + ", ".join(["%s"] * (len(key) + 1)) + ")"
    count = quote("count")
    sql = (
        f"INSERT INTO {quote(table)} ({columns}) "  # noqa: S608 - names of our own models
        f"VALUES {', '.join([placeholders] * len(rows))} "
        f"ON CONFLICT ({', '.join(quote(column) for column in key)}) "
        f"DO UPDATE SET {count} = {quote(table)}.{count} + excluded.{count}"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [value for row in rows for value in row])


def tally_response(*, response: PollResponse, answers: list[PollAnswer]) -> None:
    """Add one saved response and its saved answers to the tallies (inside its transaction).

    Free-text answers count only as "answered". The demographic split (PollCellTally) is
    kept for every poll, so that weighting can be switched on after responses arrived.
    """
    increments = _increments(answers)
    state, district = response.state, response.district
    cell = (response.age_band, response.gender, response.party)
    _upsert_increments(
        table=PollTally._meta.db_table,
        key=TALLY_KEY,
        rows=[(q, o, state, district, n) for (q, o), n in sorted(increments.items())],
    )
    cell_rows = [(response.poll_id, RESPONDENTS, ANSWERED, state, district, *cell, 1)]
    cell_rows += [
        (response.poll_id, q, o, state, district, *cell, n)
        for (q, o), n in sorted(increments.items())
    ]
    _upsert_increments(table=PollCellTally._meta.db_table, key=CELL_KEY, rows=cell_rows)


def _rebuild_sql(*, poll_id: int) -> tuple[str, str]:
    """The two INSERT … SELECT … GROUP BY statements of `tallies_rebuild`."""
    quote = connection.ops.quote_name
    tally, cells = quote(PollTally._meta.db_table), quote(PollCellTally._meta.db_table)
    answers, responses = quote(PollAnswer._meta.db_table), quote(PollResponse._meta.db_table)
    count = quote("count")
    # ANSWERED counts distinct responses per question: a multiple-choice answer is one
    # row per chosen option.
    answered = (
        "SELECT a.question_id, {answered}, r.state, r.district{cell}, COUNT(DISTINCT r.id) "  # noqa: S608
        f"FROM {answers} a JOIN {responses} r ON r.id = a.response_id WHERE r.poll_id = %s "
        "GROUP BY a.question_id, r.state, r.district{cell}"
    )
    chosen = (
        "SELECT a.question_id, a.option_id, r.state, r.district{cell}, COUNT(*) "  # noqa: S608
        f"FROM {answers} a JOIN {responses} r ON r.id = a.response_id "
        "WHERE r.poll_id = %s AND a.option_id IS NOT NULL "
        "GROUP BY a.question_id, a.option_id, r.state, r.district{cell}"
    )
    cell = ", r.age_band, r.gender, r.party"
    tally_sql = (
        f"INSERT INTO {tally} (question_id, option_key, state, district, {count}) "
        f"{answered.format(answered=ANSWERED, cell='')} UNION ALL {chosen.format(cell='')}"
    )
    cell_sql = (
        f"INSERT INTO {cells} (poll_id, question_key, option_key, state, district, "  # noqa: S608
        f"age_band, gender, party, {count}) "
        f"SELECT r.poll_id, {RESPONDENTS}, {ANSWERED}, r.state, r.district{cell}, COUNT(*) "
        f"FROM {responses} r WHERE r.poll_id = %s GROUP BY r.poll_id, r.state, r.district{cell} "
        f"UNION ALL SELECT {int(poll_id)}, q.* "
        f"FROM ({answered.format(answered=ANSWERED, cell=cell)} "
        f"UNION ALL {chosen.format(cell=cell)}) q"
    )
    return tally_sql, cell_sql


@transaction.atomic
def tallies_rebuild(*, poll: Poll) -> None:
    """Recompute a poll's tallies from its responses (repairs, data loaded in bulk).

    Responses saved while this runs may be missed: run it when the poll is closed or
    quiet, or run it again afterwards.
    """
    PollTally.objects.filter(question__poll=poll).delete()
    PollCellTally.objects.filter(poll=poll).delete()
    tally_sql, cell_sql = _rebuild_sql(poll_id=poll.pk)
    with connection.cursor() as cursor:
        cursor.execute(tally_sql, [poll.pk, poll.pk])
        cursor.execute(cell_sql, [poll.pk, poll.pk, poll.pk])
