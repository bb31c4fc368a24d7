"""The timeline of states parties, year by year (`ratifications_by_year`), as a column chart
drawn by `core/_column_chart.html`."""

from collections.abc import Sequence

from django.utils.translation import ngettext

from amicc.core.charts import Column, ColumnChart, column_chart
from amicc.icc.selectors.states import RatificationYear


def timeline_chart(timeline: Sequence[RatificationYear]) -> ColumnChart:
    """One column per year, as tall as the number of states parties at its end."""
    columns = [
        Column(
            value=row.parties,
            title=ngettext(
                "%(year)s: %(count)s state party",
                "%(year)s: %(count)s states parties",
                row.parties,
            )
            % {"year": row.year, "count": row.parties},
            axis_label=str(row.year),
        )
        for row in timeline
    ]
    return column_chart(columns, width=720, height=320, left=44)
