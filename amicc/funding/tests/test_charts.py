from decimal import Decimal

from amicc.funding.charts import HEIGHT, year_chart
from amicc.funding.selectors import YearTotal


def test_columns_scale_to_the_largest_year_and_gridlines_are_round():
    chart = year_chart(
        currency="USD",
        years=[YearTotal(2023, Decimal("40000"), 2), YearTotal(2024, Decimal(0), 0)],
    )
    tallest, empty = chart.bars
    assert empty.height == 0 and tallest.height > 0
    assert tallest.label == "2023: USD 40,000.00 from 2 grants"
    assert [mark.text for mark in chart.gridlines] == ["0", "10k", "20k", "30k", "40k"]
    assert all(0 <= mark.position <= HEIGHT for mark in chart.gridlines)


def test_a_zero_total_still_draws():
    chart = year_chart(currency="EUR", years=[YearTotal(2025, Decimal(0), 1)])
    assert chart.bars[0].height == 0 and chart.gridlines[0].text == "0"
