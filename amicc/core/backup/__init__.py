"""`amicc backup` and `amicc restore`: one archive with the database and the uploaded files.

The archive (`amicc-backup-<UTC time>.tar.gz`) is a gzip-compressed tar file:

    data/<table>/00001.jsonl   the rows of each table, 10,000 a member, one JSON array a line
    media/<storage>/<path>     every file of each file storage (media, applicants' files)
    manifest.json              written last: format, when, platform version, database vendor,
                               each app's last applied migration, each table's columns and
                               row count, each member's and each file's SHA-256

Portable: values are written by the column's type, not the database's: datetimes in ISO
8601 with their offset, decimals as strings, durations in microseconds, binary data in
base64, UUIDs as text, JSON as JSON (StreamField as the JSON it stores). Primary keys are
kept, so an archive taken from SQLite loads into PostgreSQL and the other way round. The
tables and columns come from the migration state the database is at, not from today's
models, so the archive describes the database exactly even when the code is ahead of it.

Consistent: the dump reads every table in one transaction (REPEATABLE READ on
PostgreSQL, a read transaction on SQLite, which in WAL mode blocks no writer), so a backup
taken while people work holds a state the database really had. Files are read after the
rows: a file uploaded meanwhile may be in the archive without its row, never the reverse.

Left out: sign-in sessions (short-lived and tied to the secret key; people sign in again)
and the search index (rebuilt on restore). Kept: everything else, renditions and the
reference index included, and django-tasks-db's queue as it stood. Also left out, being
no user data: the SQLite file itself, static files, outgoing mail of the demo, uploads
waiting for an import's confirmation, and the secret key.

Restore refuses, changing nothing, when the archive is missing, not ours, cut short or
damaged (every member is checked against the manifest before anything is written), when
it comes from migrations this code does not have, when the database holds data (any row
beyond those `migrate` writes itself), or when a file it would write exists with other
content. Otherwise it migrates the database to the archive's migration state, replaces the
rows `migrate` wrote (content types, permissions, groups, Wagtail's first pages, site,
collection and workflow) with the archive's in one transaction, with foreign key checks
deferred to its end so the order of tables does not matter, resets PostgreSQL's sequences,
writes the files, checking each one's SHA-256, applies the migrations the code has beyond
the archive's, then rebuilds the search index and empties the cache.
"""
