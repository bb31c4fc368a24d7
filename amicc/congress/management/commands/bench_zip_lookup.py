import random
import statistics
import time

from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from amicc.congress.models import ZipDistrict
from amicc.congress.selectors import representatives_for_zip


class Command(BaseCommand):
    help = (
        "Time representatives_for_zip over random ZIP codes of the imported data (run "
        "import-legislators and import-zcta first) and print the median and 95th percentile."
    )

    def add_arguments(self, parser):
        parser.add_argument("--count", type=int, default=2000, help="Lookups to time.")
        parser.add_argument("--seed", type=int, default=1, help="Seed for the ZIP code sample.")

    def handle(self, *args, count: int, seed: int, **options):
        zips = list(ZipDistrict.objects.order_by("zcta").values_list("zcta", flat=True).distinct())
        if not zips:
            raise CommandError("No ZIP code data: run `amicc import-zcta FILE` first.")
        sample = random.Random(seed).choices(zips, k=count)
        for zip_code in sample[:50]:  # warm up connections and caches
            representatives_for_zip(zip_code)
        with CaptureQueriesContext(connection) as queries:
            representatives_for_zip(sample[0])
        timings = []
        for zip_code in sample:
            started = time.perf_counter_ns()
            representatives_for_zip(zip_code)
            timings.append((time.perf_counter_ns() - started) / 1e6)
        timings.sort()
        p95 = timings[min(len(timings) - 1, round(0.95 * len(timings)))]
        self.stdout.write(
            f"{count} lookups over {len(zips)} ZIP codes ({connection.vendor}), "
            f"{len(queries)} queries each: median {statistics.median(timings):.3f} ms, "
            f"p95 {p95:.3f} ms, max {timings[-1]:.3f} ms"
        )
