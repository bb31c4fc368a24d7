"""Writes of the watchlist: what a linked bill fills in on the item that follows it."""

import datetime
from collections.abc import Mapping

from django.db import transaction
from django.db.models import Max

from amicc.congress.choices import BillType, WatchlistStatus
from amicc.congress.models import Bill, WatchlistItem
from amicc.congress.models.bills import ordinal

# The fields a linked bill may fill in, when staff left them blank.
FILLED_FROM_BILL = ("identifier", "title", "congress", "introduced_on", "last_action_on", "status")

# Prefixes of the unitedstates/congress status codes, most specific first. A simple or
# concurrent resolution that passed is final: it stands, like a law in force.
_STATUS_PREFIXES: tuple[tuple[str, WatchlistStatus], ...] = (
    ("ENACTED:", WatchlistStatus.IN_FORCE),
    ("PASSED:SIMPLERES", WatchlistStatus.IN_FORCE),
    ("PASSED:CONCURRENTRES", WatchlistStatus.IN_FORCE),
    ("PASSED:", WatchlistStatus.ADVANCING),
    ("PASS_OVER:", WatchlistStatus.ADVANCING),
    ("PASS_BACK:", WatchlistStatus.ADVANCING),
    ("CONFERENCE:", WatchlistStatus.ADVANCING),
    ("VETOED:OVERRIDE_PASS_OVER", WatchlistStatus.ADVANCING),
    ("VETOED:", WatchlistStatus.STALLED),
    ("PROV_KILL:", WatchlistStatus.STALLED),
    ("FAIL:", WatchlistStatus.STALLED),
)


def watchlist_status_for_bill_status(bill_status: str) -> WatchlistStatus:
    """The watchlist status for a bill status code such as "PASS_OVER:HOUSE".

    Introduced, referred and reported bills (and codes this list does not know) are pending.
    """
    code = bill_status.strip().upper()
    for prefix, status in _STATUS_PREFIXES:
        if code.startswith(prefix):
            return status
    return WatchlistStatus.PENDING


def bill_identifier(bill: Bill) -> str:
    """How the watchlist cites a bill: "H.R. 23, 119th Congress"."""
    return f"{BillType(bill.bill_type).label} {bill.number}, {ordinal(bill.congress)} Congress"


def bill_latest_action_on(bill: Bill) -> datetime.date | None:
    latest = bill.actions.aggregate(latest=Max("acted_at"))["latest"]
    return latest or bill.status_at or bill.introduced_at


def watchlist_values_from_bill(*, bill: Bill, current: Mapping[str, object]) -> dict[str, object]:
    """What `bill` gives the item whose present values are `current`, by field name.

    Only blank fields are filled, with two exceptions: the last action date moves forward
    to the bill's latest action (a record of a later step is never wrong), and a status
    still at its default (pending) takes the one mapped from the bill's status.
    """
    title_field = WatchlistItem._meta.get_field("title")
    values: dict[str, object] = {
        "identifier": bill_identifier(bill),
        "title": (bill.short_title or bill.popular_title or bill.display_title)[
            : title_field.max_length
        ],
        "congress": bill.congress,
        "introduced_on": bill.introduced_at,
    }
    filled = {
        name: value
        for name, value in values.items()
        if value not in (None, "") and current.get(name) in (None, "")
    }
    latest = bill_latest_action_on(bill)
    recorded = current.get("last_action_on")
    if latest and (recorded is None or recorded < latest):
        filled["last_action_on"] = latest
    if current.get("status") in (None, "", WatchlistStatus.PENDING):
        mapped = watchlist_status_for_bill_status(bill.status)
        if mapped != WatchlistStatus.PENDING:
            filled["status"] = mapped
    return filled


def watchlist_item_fill_from_bill(*, item: WatchlistItem) -> list[str]:
    """Fills the item's blank fields from its linked bill; returns the names it changed.

    Saves nothing: the caller saves (with `update_fields=` the names returned, for an
    item that exists) so that this runs inside the caller's own transaction and form.
    """
    if item.bill is None:
        return []
    current = {name: getattr(item, name) for name in FILLED_FROM_BILL}
    filled = watchlist_values_from_bill(bill=item.bill, current=current)
    for name, value in filled.items():
        setattr(item, name, value)
    return list(filled)


@transaction.atomic
def watchlist_item_link_bill(*, item: WatchlistItem, bill: Bill) -> list[str]:
    """Links a saved item to the imported bill and fills its blanks from it.

    Returns the names of the fields filled. Raises ValidationError when another item
    follows the bill already.
    """
    item.bill = bill
    filled = watchlist_item_fill_from_bill(item=item)
    item.full_clean()
    item.save(update_fields=["bill", *filled, "updated_at"])
    return filled
