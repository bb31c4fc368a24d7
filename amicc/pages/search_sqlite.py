"""Relevance ranking for Wagtail's SQLite full-text backend, in one pass over the index.

The backend orders results by a correlated subquery that repeats the full-text match for
every candidate row, so ranking grows with the square of the number of matches: one
query for a common word took minutes at 20,000 pages. Here the index is matched once,
its BM25 scores are weighted by title length as the backend weighs them, and each match
is checked against the candidate pages by primary key.
"""

from django.db import connections
from django.db.models import QuerySet
from django.db.models.expressions import RawSQL
from modelsearch.utils import get_descendants_content_types_pks
from wagtail.models import Page
from wagtail.search.backends import get_search_backend

SEARCHED_COLUMNS = "title body"


def applies() -> bool:
    """Whether the site searches with the SQLite full-text backend."""
    if connections["default"].vendor != "sqlite":
        return False
    # Importable only where SQLite is the database: it declares SQLite-only models.
    from wagtail.search.backends.database.sqlite.sqlite import SQLiteSearchBackend

    return isinstance(get_search_backend(), SQLiteSearchBackend)


def match_expression(terms: str) -> str:
    """An FTS5 query requiring every word of `terms`, each quoted so none is read as syntax."""
    quoted = " AND ".join('"{}"'.format(word.replace('"', '""')) for word in terms.split())
    return f"{{{SEARCHED_COLUMNS}}} : ({quoted})"


def ranked_page_ids(candidates: QuerySet, terms: str) -> list[int]:
    """The pks of the `candidates` matching every word of `terms`, most relevant first."""
    from wagtail.search.models import IndexEntry, SQLiteFTSIndexEntry

    fts = SQLiteFTSIndexEntry._meta.db_table
    entries = IndexEntry._meta.db_table
    page_types = get_descendants_content_types_pks(Page)
    matched_page = RawSQL("CAST(entry.object_id AS INTEGER)", ())
    candidate = candidates.filter(pk=matched_page).order_by().values("pk")
    candidate_sql, candidate_params = candidate.query.sql_with_params()
    sql = f"""
        WITH matched AS (
            SELECT rowid AS entry_id, bm25({fts}) AS score FROM {fts} WHERE {fts} MATCH %s
        )
        SELECT CAST(entry.object_id AS INTEGER)
        FROM matched JOIN {entries} AS entry ON entry.id = matched.entry_id
        WHERE entry.content_type_id IN ({", ".join(["%s"] * len(page_types))})
          AND EXISTS ({candidate_sql})
        ORDER BY matched.score * (entry.title_norm + 1), 1 DESC
    """  # noqa: S608 - table names from the models; every value is a parameter
    params = [match_expression(terms), *page_types, *candidate_params]
    with connections[candidates.db].cursor() as cursor:
        cursor.execute(sql, params)
        return [row[0] for row in cursor.fetchall()]
