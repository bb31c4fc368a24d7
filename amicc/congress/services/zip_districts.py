"""Replaces the ZIP code to congressional district table."""

from dataclasses import dataclass

from django.db import transaction

from amicc.congress.importers.sources import Progress
from amicc.congress.importers.zcta import ZipDistrictRecord
from amicc.congress.models import ZipDistrict
from amicc.core.page_cache import invalidate_page_cache

BATCH_SIZE = 2000


@dataclass(frozen=True)
class ZipImportReport:
    zips: int
    split_zips: int
    at_large_zips: int
    rows: int

    def summary(self) -> str:
        return (
            f"{self.zips} ZIP codes, {self.split_zips} of them in several districts, "
            f"{self.at_large_zips} in an at-large or delegate district; {self.rows} rows."
        )


@transaction.atomic
def zip_districts_replace(
    *, records: list[ZipDistrictRecord], progress: Progress | None = None
) -> ZipImportReport:
    """Replaces every ZIP-district row with `records` in one transaction.

    `progress`, if given, is called with the number of rows written after each batch.
    """
    ZipDistrict.objects.all().delete()
    for start in range(0, len(records), BATCH_SIZE):
        batch = records[start : start + BATCH_SIZE]
        ZipDistrict.objects.bulk_create(
            [
                ZipDistrict(
                    zcta=r.zcta, state=r.state, district=r.district, share=r.share, rank=r.rank
                )
                for r in batch
            ]
        )
        if progress:
            progress(start + len(batch))
    transaction.on_commit(invalidate_page_cache)
    districts_per_zip: dict[str, int] = {}
    for record in records:
        districts_per_zip[record.zcta] = districts_per_zip.get(record.zcta, 0) + 1
    return ZipImportReport(
        zips=len(districts_per_zip),
        split_zips=sum(1 for count in districts_per_zip.values() if count > 1),
        at_large_zips=len({record.zcta for record in records if record.district == 0}),
        rows=len(records),
    )
