"""Awarded funds per year as a column chart drawn by `core/_column_chart.html`."""

from collections.abc import Sequence

from django.utils.translation import ngettext

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
        title = ngettext(
            "%(year)s: %(currency)s %(total)s from %(grants)s grant",
            "%(year)s: %(currency)s %(total)s from %(grants)s grants",
            row.grants,
        ) % {
            "year": row.year,
            "currency": currency,
            "total": f"{row.total:,.2f}",
            "grants": row.grants,
        }
        columns.append(
            Column(
                value=float(row.total),
                title=title,
                axis_label=str(row.year),
            )
        )
    return column_chart(columns, width=560, height=HEIGHT, left=72, tick=_short)
