"""The watchlist's demo: real US government action on the ICC, from the public record.

Running it again creates nothing that exists: items are found by slug, and an item that
exists keeps whatever staff changed on it. Only two things happen to existing items: the
demo's related-item links are added where missing, and H.R. 23 is linked to its imported
bill once `amicc import-bills` has brought it in. The hand-entered steps that stood in for
the bill's actions are then removed, since the imported actions tell the same story.
"""

import datetime
from dataclasses import dataclass, field

from django.db import transaction

from amicc.congress.choices import Position, WatchlistKind, WatchlistStatus
from amicc.congress.models import Bill, WatchlistEvent, WatchlistItem, WatchlistLink
from amicc.congress.services.watchlist import watchlist_item_link_bill
from amicc.core.page_cache import invalidate_page_cache

HR23_BILL_ID = "hr23-119"
HR23 = "illegitimate-court-counteraction-act"
EO_14203 = "executive-order-14203-icc-sanctions"
EO_13928 = "executive-order-13928-icc-sanctions"
EO_14022 = "executive-order-14022-ending-icc-sanctions"
ASPA = "american-service-members-protection-act"

CONGRESS_HR23 = "https://www.congress.gov/bill/119th-congress/house-bill/23"
FR_14203 = "https://www.federalregister.gov/citation/90-FR-9369"
FR_13928 = "https://www.federalregister.gov/citation/85-FR-36139"
FR_14022 = "https://www.federalregister.gov/citation/86-FR-17895"
USC_ASPA = (
    "https://uscode.house.gov/view.xhtml?req=granuleid:USC-prelim-title22-section7421"
    "&num=0&edition=prelim"
)
CONGRESS_ASPA = "https://www.congress.gov/bill/107th-congress/house-bill/4775"


@dataclass(frozen=True)
class DemoItem:
    slug: str
    kind: str
    identifier: str
    title: str
    summary: str
    position: str
    rationale: str
    status: str
    status_note: str
    introduced_on: datetime.date
    last_action_on: datetime.date | None = None
    congress: int | None = None
    citation: str = ""
    # Members of Congress cast no vote on an executive order or an old law.
    score_weight: int = 0
    events: tuple[tuple[datetime.date, str, str], ...] = ()
    links: tuple[tuple[str, str], ...] = ()
    related: tuple[str, ...] = field(default=())


HR23_STEPS = (
    (datetime.date(2025, 1, 3), "Introduced in the House.", CONGRESS_HR23),
    (
        datetime.date(2025, 1, 9),
        "Passed by the House on a recorded vote of 243 to 140.",
        f"{CONGRESS_HR23}/all-actions",
    ),
    (
        datetime.date(2025, 1, 28),
        "The Senate did not invoke cloture on the motion to proceed to the bill: 54 votes to "
        "45, short of the 60 needed.",
        f"{CONGRESS_HR23}/all-actions",
    ),
)

ITEMS = (
    DemoItem(
        slug=HR23,
        kind=WatchlistKind.BILL,
        identifier="H.R. 23, 119th Congress",
        title="Illegitimate Court Counteraction Act",
        summary="Would oblige the President to freeze the US assets of, and refuse visas to, "
        "people who help the International Criminal Court investigate, arrest, detain or "
        "prosecute Americans or nationals of allies that have not accepted the Court's "
        "jurisdiction, along with their close family.",
        position=Position.OPPOSE,
        rationale="Sanctions aimed at the Court's staff and at those who cooperate with it "
        "punish the people doing the work of accountability for atrocities, and they reach "
        "far beyond any one case. Writing them into law would also take away the room a "
        "future administration has to work with the Court.",
        status=WatchlistStatus.STALLED,
        status_note="Passed the House 243–140; cloture on the motion to proceed failed in the "
        "Senate, 54–45.",
        introduced_on=datetime.date(2025, 1, 3),
        last_action_on=datetime.date(2025, 1, 28),
        congress=119,
        score_weight=1,
        events=HR23_STEPS,
        links=(
            ("H.R. 23 on congress.gov", CONGRESS_HR23),
            ("All actions on H.R. 23", f"{CONGRESS_HR23}/all-actions"),
            ("Text of H.R. 23", f"{CONGRESS_HR23}/text"),
        ),
        related=(EO_14203, ASPA),
    ),
    DemoItem(
        slug=EO_14203,
        kind=WatchlistKind.EXECUTIVE_ORDER,
        identifier="Executive Order 14203",
        title="Imposing Sanctions on the International Criminal Court",
        summary="Declares a national emergency over the Court's work concerning the United "
        "States and Israel, and allows the government to block the property of, and bar from "
        "the country, Court officials and anyone who assists its investigations of protected "
        "persons. The Court's Prosecutor was named in the order's annex.",
        position=Position.OPPOSE,
        rationale="The order treats an independent court of 125 states parties as a threat, "
        "exposes its judges and staff to financial isolation, and chills the cooperation of "
        "lawyers, human rights groups and victims' representatives with it.",
        status=WatchlistStatus.IN_FORCE,
        status_note="In force since it was signed on February 6, 2025.",
        introduced_on=datetime.date(2025, 2, 6),
        last_action_on=datetime.date(2025, 2, 12),
        citation="90 FR 9369",
        events=(
            (datetime.date(2025, 2, 6), "Signed by the President.", FR_14203),
            (datetime.date(2025, 2, 12), "Published in the Federal Register.", FR_14203),
        ),
        links=(("Executive Order 14203 in the Federal Register", FR_14203),),
        related=(EO_13928, HR23),
    ),
    DemoItem(
        slug=EO_13928,
        kind=WatchlistKind.EXECUTIVE_ORDER,
        identifier="Executive Order 13928",
        title="Blocking Property of Certain Persons Associated With the International "
        "Criminal Court",
        summary="Set up the first US sanctions program aimed at the Court, allowing the "
        "government to block the property of, and deny entry to, Court officials and those "
        "who helped its investigations of US personnel and of allies' nationals.",
        position=Position.OPPOSE,
        rationale="It turned sanctions built for terrorists and drug traffickers against the "
        "officials of a court, and against the people who cooperate with it.",
        status=WatchlistStatus.REVOKED,
        status_note="Revoked by Executive Order 14022 on April 1, 2021.",
        introduced_on=datetime.date(2020, 6, 11),
        last_action_on=datetime.date(2021, 4, 1),
        citation="85 FR 36139",
        events=(
            (datetime.date(2020, 6, 11), "Signed by the President.", FR_13928),
            (datetime.date(2021, 4, 1), "Revoked by Executive Order 14022.", FR_14022),
        ),
        links=(("Executive Order 13928 in the Federal Register", FR_13928),),
        related=(EO_14022, EO_14203),
    ),
    DemoItem(
        slug=EO_14022,
        kind=WatchlistKind.EXECUTIVE_ORDER,
        identifier="Executive Order 14022",
        title="Termination of Emergency With Respect to the International Criminal Court",
        summary="Ended the national emergency declared in Executive Order 13928 and revoked "
        "that order, bringing its sanctions program against the Court to a close.",
        position=Position.SUPPORT,
        rationale="The coalition welcomed the revocation: it lifted sanctions that should "
        "never have been imposed and let the United States deal with the Court through "
        "diplomacy again. We list it as supported so the record shows what we called for.",
        status=WatchlistStatus.IN_FORCE,
        status_note="Still in effect; the 2025 sanctions rest on a new order, Executive Order "
        "14203.",
        introduced_on=datetime.date(2021, 4, 1),
        last_action_on=datetime.date(2021, 4, 1),
        citation="86 FR 17895",
        events=((datetime.date(2021, 4, 1), "Signed by the President.", FR_14022),),
        links=(("Executive Order 14022 in the Federal Register", FR_14022),),
        related=(EO_13928,),
    ),
    DemoItem(
        slug=ASPA,
        kind=WatchlistKind.STATUTE,
        identifier="Public Law 107-206, title II",
        title="American Service-Members' Protection Act of 2002",
        summary="Limits how US agencies may cooperate with the Court and authorizes the "
        "President to use all necessary means to free US or allied personnel held by or for "
        "it. Its ban on military aid to many states parties has since been repealed; an "
        "exception allows help with bringing foreign nationals to justice for genocide, war "
        "crimes and crimes against humanity.",
        position=Position.OPPOSE,
        rationale="The law still frames the Court as a danger to Americans and stands in the "
        "way of ordinary cooperation with it. The coalition works for its repeal and, until "
        "then, for full use of the exception that permits support for the Court's cases.",
        status=WatchlistStatus.IN_FORCE,
        status_note="In force, as amended.",
        introduced_on=datetime.date(2002, 8, 2),
        citation="22 U.S.C. 7421 et seq.",
        events=(
            (
                datetime.date(2002, 8, 2),
                "Signed into law as title II of Public Law 107-206.",
                CONGRESS_ASPA,
            ),
        ),
        links=(
            ("22 U.S.C. 7421 in the United States Code", USC_ASPA),
            ("H.R. 4775 (107th Congress), the act it was part of", CONGRESS_ASPA),
        ),
        related=(HR23,),
    ),
)


@transaction.atomic
def watchlist_demo_load() -> str:
    """Create whatever part of the watchlist's demo is missing; returns a one-line summary."""
    existing = {item.slug: item for item in WatchlistItem.objects.filter(slug__in=_slugs())}
    created = [_create(spec) for spec in ITEMS if spec.slug not in existing]
    items = {**existing, **{item.slug: item for item in created}}
    for spec in ITEMS:
        items[spec.slug].related_items.add(*(items[slug] for slug in spec.related))
    linked = _link_hr23_bill(items[HR23])
    if created or linked:
        transaction.on_commit(invalidate_page_cache)
    bill_note = "linked to its imported bill" if items[HR23].bill_id else "not linked (no bill)"
    return (
        f"Watchlist: {len(items)} demo items ({len(created)} created), "
        f"{WatchlistEvent.objects.filter(item__in=items.values()).count()} events, "
        f"{WatchlistLink.objects.filter(item__in=items.values()).count()} links; "
        f"H.R. 23 {bill_note}."
    )


def _slugs() -> list[str]:
    return [spec.slug for spec in ITEMS]


def _create(spec: DemoItem) -> WatchlistItem:
    item = WatchlistItem(
        slug=spec.slug,
        kind=spec.kind,
        identifier=spec.identifier,
        title=spec.title,
        summary=spec.summary,
        position=spec.position,
        rationale=spec.rationale,
        status=spec.status,
        status_note=spec.status_note,
        introduced_on=spec.introduced_on,
        last_action_on=spec.last_action_on,
        congress=spec.congress,
        citation=spec.citation,
        score_weight=spec.score_weight,
    )
    item.full_clean()
    item.save()
    WatchlistEvent.objects.bulk_create(
        WatchlistEvent(item=item, occurred_on=day, description=text, source_url=url, sort_order=n)
        for n, (day, text, url) in enumerate(spec.events)
    )
    WatchlistLink.objects.bulk_create(
        WatchlistLink(item=item, title=title, url=url, sort_order=n)
        for n, (title, url) in enumerate(spec.links)
    )
    return item


def _link_hr23_bill(item: WatchlistItem) -> bool:
    """Links H.R. 23 to its imported bill, if there is one and the item has none yet."""
    if item.bill_id is not None:
        return False
    bill = Bill.objects.filter(bill_id=HR23_BILL_ID, watchlist_item__isnull=True).first()
    if bill is None:
        return False
    watchlist_item_link_bill(item=item, bill=bill)
    item.events.filter(description__in=[text for _day, text, _url in HR23_STEPS]).delete()
    return True
