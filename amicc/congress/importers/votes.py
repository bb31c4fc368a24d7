"""Reads the `data.json` files the unitedstates/congress scraper writes, one per roll call.

A path is one such file or a directory tree of them (`data/119/votes/2025/h7/data.json`).
Members are listed under their answer: "Yea" or "Aye", "Nay" or "No", "Present", "Not
Voting". House votes name members by Bioguide id, Senate votes by LIS id ("S354").

A Speaker election lists members under the candidates' names and an impeachment trial
under "Guilty"/"Not Guilty"; neither is a position on a measure, so those members, and the
Vice President's tie-breaking vote (listed as "VP", no member), are counted but not kept.
"""

import datetime
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from zoneinfo import ZoneInfo

from amicc.congress.choices import BillType, VotePosition
from amicc.congress.importers.legislators import BIOGUIDE_PATTERN
from amicc.congress.importers.sources import (
    FieldReader,
    ImportFileError,
    check_lengths,
    parse_each,
)
from amicc.congress.models import RollCallVote

VOTE_ID_PATTERN = re.compile(
    r"^(?P<chamber>[hs])(?P<number>[0-9]+)-(?P<congress>[0-9]+)\.(?P<session>[0-9]{4})$"
)
LIS_PATTERN = re.compile(r"^S[0-9]{3,4}$")
# A yea on these questions is a vote against the measure they would set aside.
SETS_ASIDE_PATTERN = re.compile(r"\bmotion to (table|recommit)\b", re.IGNORECASE)
CAPITAL_TIME = ZoneInfo("America/New_York")
VICE_PRESIDENT = "VP"
POSITIONS = {
    "Yea": VotePosition.YEA,
    "Aye": VotePosition.YEA,
    "Nay": VotePosition.NAY,
    "No": VotePosition.NAY,
    "Present": VotePosition.PRESENT,
    "Not Voting": VotePosition.NOT_VOTING,
}


@dataclass(frozen=True)
class VoteRecord:
    vote_id: str
    chamber: str
    congress: int
    session: str
    number: int
    voted_at: datetime.datetime
    question: str
    category: str
    result: str
    # "hr23-119", or "" for a vote on no bill (a nomination, a quorum call, …).
    bill_id: str
    yea_supports_measure: bool
    # (member id, VotePosition value), one per member.
    positions: tuple[tuple[str, str], ...]
    # Voters under other answers than the four above, and the Vice President.
    unrecorded: int


def yea_supports_measure(question: str, category: str) -> bool:
    """Whether a yea on this question is a vote for the bill it concerns.

    True for passage, cloture, suspension of the rules and the like. False for a motion to
    table or to recommit: a yea there sets the bill (or the part of it voted on) aside.
    """
    return category != "recommit" and not SETS_ASIDE_PATTERN.search(question)


def parse_vote_files(paths: list[Path]) -> Iterator[VoteRecord]:
    """Reads and checks each file; raises ImportFileError naming the file on the first fault."""
    return parse_each(paths, parse_vote, key=lambda record: record.vote_id, noun="vote")


def _load(path: Path) -> object:
    try:
        return json.loads(path.read_bytes().decode("utf-8-sig"))
    except OSError as error:
        raise ImportFileError(f"{path}: {error.strerror or error}") from None
    except UnicodeDecodeError:
        raise ImportFileError(f"{path} is not UTF-8 text") from None
    except json.JSONDecodeError as error:
        raise ImportFileError(
            f"{path} is not valid JSON: {error.msg} at line {error.lineno} column {error.colno}"
        ) from None


def parse_vote(path: Path) -> VoteRecord:
    reader = FieldReader(str(path))
    data = reader.mapping(_load(path), "vote")
    vote_id = reader.text(data, "vote_id", "vote_id", required=True)
    match = VOTE_ID_PATTERN.match(vote_id)
    if not match:
        reader.fail("vote_id", f"{vote_id!r} is not a vote id like h7-119.2025")
    reader = FieldReader(f"{path} ({vote_id})")
    chamber = reader.text(data, "chamber", "chamber", required=True)
    number = reader.integer(data, "number", "number", required=True, minimum=1)
    congress = reader.integer(data, "congress", "congress", required=True, minimum=1)
    session = reader.text(data, "session", "session", required=True)
    if (chamber, number, congress, session) != (
        match["chamber"],
        int(match["number"]),
        int(match["congress"]),
        match["session"],
    ):
        expected = f"{chamber}{number}-{congress}.{session}"
        reader.fail("vote_id", f"does not match chamber, number, congress and session ({expected})")
    question = reader.text(data, "question", "question", required=True)
    category = reader.text(data, "category", "category")
    positions, unrecorded = _positions(reader, chamber, data)
    record = VoteRecord(
        vote_id=vote_id,
        chamber=chamber,
        congress=congress,
        session=session,
        number=number,
        voted_at=_moment(reader, data),
        question=question,
        category=category,
        result=reader.text(data, "result", "result"),
        bill_id=_bill_id(reader, data),
        yea_supports_measure=yea_supports_measure(question, category),
        positions=positions,
        unrecorded=unrecorded,
    )
    check_lengths(reader, record, RollCallVote, "")
    return record


def _moment(reader: FieldReader, data: dict) -> datetime.datetime:
    """ "2025-01-09T14:45:00-05:00"; a time without an offset is read as the capital's."""
    value = reader.text(data, "date", "date", required=True)
    try:
        moment = datetime.datetime.fromisoformat(value)
    except ValueError:
        reader.fail("date", f"{value!r} is not a date and time (ISO 8601)")
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=CAPITAL_TIME)
    return moment


def _bill_id(reader: FieldReader, data: dict) -> str:
    if data.get("bill") is None:
        return ""
    bill = reader.mapping(data["bill"], "bill")
    bill_type = reader.choice(bill, "type", "bill.type", BillType, required=True)
    number = reader.integer(bill, "number", "bill.number", required=True, minimum=1)
    congress = reader.integer(bill, "congress", "bill.congress", required=True, minimum=1)
    return f"{bill_type}{number}-{congress}"


def _positions(
    reader: FieldReader, chamber: str, data: dict
) -> tuple[tuple[tuple[str, str], ...], int]:
    """Each member's position, and how many voters were left out (see the module's note)."""
    if data.get("votes") is None:
        reader.fail("votes", "missing")
    options = reader.mapping(data["votes"], "votes")
    pattern, kind = (BIOGUIDE_PATTERN, "Bioguide") if chamber == "h" else (LIS_PATTERN, "LIS")
    answers: dict[str, str] = {}
    positions: list[tuple[str, str]] = []
    unrecorded = 0
    for option, voters in options.items():
        if not isinstance(voters, list):
            reader.fail(f"votes.{option}", "expected a list")
        position = POSITIONS.get(option)
        for place, voter in enumerate(voters, 1):
            field = f"votes.{option} {place}"
            if voter == VICE_PRESIDENT or position is None:
                unrecorded += 1
                continue
            voter = reader.mapping(voter, field)
            member_id = reader.text(voter, "id", f"{field}, id", required=True)
            if not pattern.match(member_id):
                reader.fail(f"{field}, id", f"{member_id!r} is not a {kind} id")
            if member_id in answers:
                reader.fail(f"{field}, id", f"{member_id} is also under {answers[member_id]}")
            answers[member_id] = option
            positions.append((member_id, position.value))
    return tuple(positions), unrecorded
