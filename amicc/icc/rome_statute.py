"""Dates the Rome Statute itself fixes (article 126 on entry into force, article 127 on
withdrawal)."""

import datetime

# The sixtieth instrument was deposited on 11 April 2002 (ten states deposited together).
SIXTIETH_INSTRUMENT_DEPOSITED = datetime.date(2002, 4, 11)
STATUTE_IN_FORCE = datetime.date(2002, 7, 1)


def first_day_of_next_month(day: datetime.date) -> datetime.date:
    return datetime.date(day.year + day.month // 12, day.month % 12 + 1, 1)


def entry_into_force(deposited_on: datetime.date) -> datetime.date:
    """When the Statute binds a state that deposited its instrument on `deposited_on`.

    Article 126: the first day of the month after the sixtieth day following the deposit;
    for instruments deposited up to the sixtieth (11 April 2002), the Statute's own entry
    into force, 1 July 2002 — which the same rule gives, as no day comes before it.
    """
    return max(
        STATUTE_IN_FORCE, first_day_of_next_month(deposited_on + datetime.timedelta(days=60))
    )


def withdrawal_effective(notified_on: datetime.date) -> datetime.date:
    """Article 127: a withdrawal takes effect one year after the notification is received."""
    try:
        return notified_on.replace(year=notified_on.year + 1)
    except ValueError:  # 29 February
        return notified_on.replace(year=notified_on.year + 1, day=28)
