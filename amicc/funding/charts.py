"""Awarded funds per year as a column chart drawn by `core/_column_chart.html`."""

from collections.abc import Sequence

from amicc.core.charts import Column, ColumnChart, column_chart
from amicc.funding.selectors import YearTotal

HEIGHT = 240


def _short(value: int) -> str:
    for size, suffix in ((1_000_000, "M"), (1_000, "k")):
        if value >= size:
            return f"{value / size:g}{suffix}"
    return str(value)


def year_chart(*, currency: str, years: Sequence[YearTotal]) -> ColumnChart:
    """One column per year, as tall as the amount awarded in `currency` that year."""
    columns = []
    for row in years:
        grants = f"{row.grants} grant{'s' if row.grants != 1 else ''}"
        columns.append(
            Column(
                value=float(row.total),
                title=f"{row.year}: {currency} {row.total:,.2f} from {grants}",
                axis_label=str(row.year),
            )
        )
    return column_chart(columns, width=560, height=HEIGHT, left=72, tick=_short)
