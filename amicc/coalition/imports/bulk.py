"""Writing many rows at once, faster than `bulk_create` and `bulk_update`.

Both run one statement per row through the driver's `executemany`, skipping the model
layer's per-object work; neither sends signals, and neither returns primary keys, so
objects whose keys are needed afterwards go through `bulk_create`.
"""

from collections.abc import Iterable, Sequence

from django.db import connections, models, router


def rows_update(
    model: type[models.Model], objects: Sequence[models.Model], fields: list[str]
) -> None:
    """Write `fields` of each object to its row: one UPDATE statement, run for every object.

    `bulk_update` builds a CASE expression per field and row, which takes minutes for the
    tens of thousands of rows an import may change; this takes seconds. Like `bulk_update`
    it sends no signals and leaves `auto_now` fields to the caller.
    """
    if not objects:
        return
    connection = connections[router.db_for_write(model)]
    quote = connection.ops.quote_name
    columns = [model._meta.get_field(name) for name in fields]
    assignments = ", ".join(f"{quote(field.column)} = %s" for field in columns)
    # Only the model's own table and column names go into the SQL; values are parameters.
    sql = (
        f"UPDATE {quote(model._meta.db_table)} SET {assignments} "  # noqa: S608
        f"WHERE {quote(model._meta.pk.column)} = %s"
    )
    params = [
        [field.get_db_prep_save(getattr(obj, field.attname), connection) for field in columns]
        + [obj.pk]
        for obj in objects
    ]
    with connection.cursor() as cursor:
        cursor.executemany(sql, params)


def rows_insert(model: type[models.Model], objects: Iterable[models.Model]) -> int:
    """Insert the objects' rows, with what `save()` would fill in (`auto_now_add`)."""
    connection = connections[router.db_for_write(model)]
    quote = connection.ops.quote_name
    columns = [field for field in model._meta.local_concrete_fields if not field.primary_key]
    sql = (
        f"INSERT INTO {quote(model._meta.db_table)} "  # noqa: S608 - names of our own model
        f"({', '.join(quote(field.column) for field in columns)}) "
        f"VALUES ({', '.join(['%s'] * len(columns))})"
    )
    params = [
        [field.get_db_prep_save(field.pre_save(obj, add=True), connection) for field in columns]
        for obj in objects
    ]
    if params:
        with connection.cursor() as cursor:
            cursor.executemany(sql, params)
    return len(params)
