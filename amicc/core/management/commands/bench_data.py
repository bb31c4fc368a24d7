import time

from django.core.management.base import BaseCommand, CommandError

from amicc.coalition.bench_data import SCALES as COALITION_SCALES
from amicc.coalition.bench_data import coalition_bench_generate
from amicc.congress.bench_data import congress_bench_generate
from amicc.pages.bench_data import SCALES, bench_data_generate


class Command(BaseCommand):
    help = (
        "Generate benchmark content: news items and publications written in bulk, with a site "
        "to hold them if there is none; the coalition's organizations, alliances, people "
        "and initiatives; and Congress: its members (where none are on record), ZIP codes, "
        "the watchlist with bills and votes, office visits and letters. Running it again "
        "adds only what is missing."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--scale",
            choices=sorted(SCALES),
            default="small",
            help=(
                "small: 200 news items and 200 publications, 25 organizations, 2 alliances, "
                "2,000 people, 1,000 initiatives, 3,300 ZIP codes, 30 watchlist items, 200 "
                "office visits, 2,000 letter submissions; full: 10,000 news items and 10,000 "
                "publications, 2,500 organizations, 150 alliances, 200,000 people, 100,000 "
                "initiatives, 33,000 ZIP codes, 300 watchlist items (60 bills), 2,000 office "
                "visits and 20,000 letter submissions. Both add the 541 members of Congress."
            ),
        )
        parser.add_argument("--news", type=int, help="Number of news items (overrides --scale).")
        parser.add_argument(
            "--publications", type=int, help="Number of publications (overrides --scale)."
        )

    def handle(self, *args, scale: str, news: int | None, publications: int | None, **options):
        default_news, default_publications = SCALES[scale]
        news = default_news if news is None else news
        publications = default_publications if publications is None else publications
        if news < 0 or publications < 0:
            raise CommandError("--news and --publications must not be negative.")
        started = time.monotonic()

        def progress(stage: str, done: int, total: int) -> None:
            elapsed = time.monotonic() - started
            if done >= total:
                self.stdout.write(f"  {stage}: {done:,} of {total:,} — done ({elapsed:.0f} s)")
            else:
                self.stdout.write(f"  {stage}: {done:,} of {total:,} ({elapsed:.0f} s)")

        self.stdout.write(f"Generating {news:,} news items and {publications:,} publications …")
        summary = bench_data_generate(news=news, publications=publications, progress=progress)
        elapsed = time.monotonic() - started
        self.stdout.write(self.style.SUCCESS(f"{summary} ({elapsed:.1f} s)"))
        self.stdout.write("Generating the coalition's organizations, alliances and people …")
        coalition = coalition_bench_generate(scale=COALITION_SCALES[scale], progress=progress)
        elapsed = time.monotonic() - started
        self.stdout.write(self.style.SUCCESS(f"{coalition} ({elapsed:.1f} s)"))
        self.stdout.write(
            "Generating Congress: members, ZIP codes, watchlist, office visits and letters …"
        )
        congress = congress_bench_generate(scale=scale, progress=progress)
        elapsed = time.monotonic() - started
        self.stdout.write(self.style.SUCCESS(f"{congress} ({elapsed:.1f} s)"))
