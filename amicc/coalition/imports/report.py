"""What an import did, or would do, with each row of the file."""

from dataclasses import dataclass, field
from enum import StrEnum

from amicc.coalition.imports.tables import Row, Table, csv_lines

PROBLEMS_COLUMN = "problems"


class Action(StrEnum):
    CREATE = "create"
    UPDATE = "update"
    UNCHANGED = "unchanged"


@dataclass(frozen=True)
class Problem:
    """Why a row cannot be imported; `column` is blank when the row as a whole is at fault."""

    row: int
    column: str
    message: str

    def __str__(self) -> str:
        where = f"row {self.row}, {self.column}" if self.column else f"row {self.row}"
        return f"{where}: {self.message}"


@dataclass(frozen=True)
class RowResult:
    """A valid row: what it creates or changes; `label` names the person or organization."""

    row: int
    action: Action
    label: str
    changes: tuple[str, ...] = ()


@dataclass
class ImportReport:
    kind: str
    filename: str
    dry_run: bool
    table: Table
    results: list[RowResult] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    def count(self, action: Action) -> int:
        return sum(1 for result in self.results if result.action == action)

    @property
    def created(self) -> int:
        return self.count(Action.CREATE)

    @property
    def updated(self) -> int:
        return self.count(Action.UPDATE)

    @property
    def unchanged(self) -> int:
        return self.count(Action.UNCHANGED)

    @property
    def valid(self) -> int:
        return len(self.results)

    @property
    def rejected_rows(self) -> list[Row]:
        numbers = {problem.row for problem in self.problems}
        return [row for row in self.table.rows if row.number in numbers]

    @property
    def rejected(self) -> int:
        return len({problem.row for problem in self.problems})

    def summary(self) -> str:
        verb = "would be " if self.dry_run else ""
        return (
            f"{self.created:,} {verb}created, {self.updated:,} {verb}updated, "
            f"{self.unchanged:,} already up to date, {self.rejected:,} rejected"
        )

    def rejected_csv(self) -> str:
        """The rejected rows as they were, with what is wrong: to fix and import again."""
        messages: dict[int, list[str]] = {}
        for problem in self.problems:
            where = f"{problem.column}: " if problem.column else ""
            messages.setdefault(problem.row, []).append(where + problem.message)
        return "".join(
            csv_lines(
                [*self.table.header, PROBLEMS_COLUMN],
                ([*row.values, "; ".join(messages[row.number])] for row in self.rejected_rows),
            )
        )
