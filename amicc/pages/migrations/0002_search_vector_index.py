"""PostgreSQL: a GIN index on the vector Wagtail's database search backend matches.

The backend matches `title || body` against the query, and Wagtail indexes `title` and
`body` apart, so every search read every index entry, twice per page of results (the
count, then the page): 490 ms for a word on 2,500 of 20,000 pages, found by bench/load.
With this index it takes 70 ms (the count 12 ms instead of 220). SQLite searches its own
FTS5 table and needs nothing.
"""

from django.db import migrations

INDEX = "amicc_search_title_body_gin"


def index_create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {INDEX} ON wagtailsearch_indexentry "
            "USING gin ((title || body))"
        )


def index_drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [
        ("pages", "0001_initial"),
        ("wagtailsearch", "0010_add_text_fields"),
    ]

    operations = [migrations.RunPython(index_create, index_drop)]
