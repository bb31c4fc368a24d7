"""Which tables an archive holds, at which migration state, and how their values are written."""

import base64
import datetime
import decimal
import uuid
from collections.abc import Callable, Iterable
from typing import Any

from django.apps import apps as installed_apps
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.migrations.loader import MigrationLoader
from django.db.models import Field, Model

from amicc.core.backup.archive import BackupError

# Tables an archive leaves out (model label → why). On restore they start empty.
LEFT_OUT = {
    "sessions.session": "sign-in sessions: short-lived and tied to the secret key",
    "wagtailsearch.indexentry": "the search index: rebuilt on restore",
    "wagtailsearch.sqliteftsindexentry": "the search index: rebuilt on restore",
}
# What `migrate` writes itself: Django's content types and permissions, the groups and
# permissions of data migrations, Wagtail's locale, root collection, default site and
# workflow, wagtail-localize's Spanish-follows-English rule, and our own data migrations'
# rows. A database holding only these, and no
# page beyond Wagtail's root and welcome page, is empty.
SET_UP = frozenset(
    {
        "contenttypes.contenttype",
        "auth.permission",
        "auth.group",
        "auth.group_permissions",
        "wagtailcore.locale",
        "wagtailcore.collection",
        "wagtailcore.site",
        "wagtailcore.workflow",
        "wagtailcore.task",
        "wagtailcore.groupapprovaltask",
        "wagtailcore.groupapprovaltask_groups",
        "wagtailcore.workflowpage",
        "wagtailcore.workflowtask",
        "wagtailcore.groupcollectionpermission",
        "wagtailcore.grouppagepermission",
        "wagtail_localize.localesynchronization",
        "mailings.mailinglist",
    }
)
INITIAL_PAGES = 2

MigrationState = dict[str, list[str]]


def _replaced(loader: MigrationLoader) -> dict[tuple[str, str], tuple[str, str]]:
    """Migrations squashed into another (Wagtail's, for one), mapped to the squashed one."""
    return {
        replaced: key
        for key, migration in loader.replacements.items()
        if key in loader.graph.nodes
        for replaced in migration.replaces
    }


def applied_state(loader: MigrationLoader) -> MigrationState:
    """The last applied migration(s) of each app: one each, unless a merge is pending."""
    replaced = _replaced(loader)
    unknown = sorted(
        f"{app}.{name}"
        for app, name in loader.applied_migrations
        if app in loader.migrated_apps
        and (app, name) not in loader.graph.nodes
        and (app, name) not in replaced
    )
    if unknown:
        raise BackupError(
            "The database has migrations this code does not know "
            f"({', '.join(unknown[:5])}): it was migrated by a newer version. Back it up "
            "with that version."
        )
    applied = {key for key in loader.applied_migrations if key in loader.graph.nodes}
    state: MigrationState = {}
    for app, name in sorted(applied):
        children = loader.graph.node_map[(app, name)].children
        if not any(child[0] == app and child in applied for child in children):
            state.setdefault(app, []).append(name)
    return state


def state_nodes(state: MigrationState, loader: MigrationLoader) -> list[tuple[str, str]]:
    """The graph's nodes for `state`: a migration since squashed stands for its squash."""
    replaced = _replaced(loader)
    nodes = {
        replaced.get((app, name), (app, name)) for app, names in state.items() for name in names
    }
    return sorted(nodes)


def state_check(state: MigrationState, loader: MigrationLoader) -> None:
    """Refuses an archive whose migration state this code cannot reach."""
    unknown = [
        f"{app}.{name}"
        for app, name in state_nodes(state, loader)
        if (app, name) not in loader.graph.nodes
    ]
    if unknown:
        raise BackupError(
            "The archive comes from a newer version of the platform: this code lacks the "
            f"migration(s) {', '.join(unknown[:5])}. Upgrade, then restore."
        )


def models_at(loader: MigrationLoader, state: MigrationState) -> list[type[Model]]:
    """The models, as they were at `state`, of every table the migrations had created."""
    apps = loader.project_state(state_nodes(state, loader), at_end=True).apps
    models = [
        model
        for model in apps.get_models(include_auto_created=True)
        if model._meta.managed and not model._meta.proxy
    ]
    return sorted(models, key=lambda model: model._meta.db_table)


def is_left_out(model: type[Model]) -> bool:
    return model._meta.label_lower in LEFT_OUT


def tables_holding_data(connection: BaseDatabaseWrapper) -> list[str]:
    """The tables holding rows beyond what `migrate` writes."""
    existing = set(connection.introspection.table_names())
    found = []
    with connection.cursor() as cursor:
        for model in installed_apps.get_models(include_auto_created=True):
            meta = model._meta
            if not meta.managed or meta.proxy or meta.db_table not in existing:
                continue
            if meta.label_lower in SET_UP or meta.label_lower in LEFT_OUT:
                continue
            table = connection.ops.quote_name(meta.db_table)
            if meta.label_lower == "wagtailcore.page":
                cursor.execute(f"SELECT COUNT(*) FROM {table}")  # noqa: S608
                holds_data = cursor.fetchone()[0] > INITIAL_PAGES
            else:
                cursor.execute(f"SELECT 1 FROM {table} LIMIT 1")  # noqa: S608
                holds_data = cursor.fetchone() is not None
            if holds_data:
                found.append(meta.db_table)
    return sorted(found)


# --- Values: written by their column's type, read back into what the database expects.


def _stored_type(field: Field) -> str:
    while field.is_relation:  # a foreign key holds its target's value
        field = field.target_field
    return field.get_internal_type()


def _isoformat(value: datetime.date | datetime.time) -> str:
    return value.isoformat()


def _microseconds(value: datetime.timedelta) -> int:
    return (value.days * 86400 + value.seconds) * 1_000_000 + value.microseconds


def _base64(value: bytes | memoryview) -> str:
    return base64.b64encode(bytes(value)).decode("ascii")


def _same(value: Any) -> Any:
    return value


WRITERS: dict[str, Callable[[Any], Any]] = {
    "DateTimeField": _isoformat,
    "DateField": _isoformat,
    "TimeField": _isoformat,
    "DecimalField": str,
    "DurationField": _microseconds,
    "BinaryField": _base64,
    "UUIDField": str,
}
READERS: dict[str, Callable[[Any], Any]] = {
    "DateTimeField": datetime.datetime.fromisoformat,
    "DateField": datetime.date.fromisoformat,
    "TimeField": datetime.time.fromisoformat,
    "DecimalField": decimal.Decimal,
    "DurationField": lambda microseconds: datetime.timedelta(microseconds=microseconds),
    "BinaryField": base64.b64decode,
    "UUIDField": uuid.UUID,
}


def column_writer(field: Field) -> Callable[[Any], Any]:
    """Turns a value as the ORM reads it into one JSON can hold."""
    if field.get_internal_type() == "JSONField":
        # StreamField reads into a StreamValue; its prepared value is the JSON it stores.
        write = field.get_prep_value
    else:
        write = WRITERS.get(_stored_type(field), _same)
    return lambda value: None if value is None else write(value)


def column_reader(field: Field, connection: BaseDatabaseWrapper) -> Callable[[Any], Any]:
    """Turns a value from the archive into a query parameter for `connection`."""
    read = READERS.get(_stored_type(field), _same)
    if field.get_internal_type() == "JSONField" and not field.null:
        # A JSON null in a column that cannot be NULL.
        json_null = connection.ops.adapt_json_value(None, None)
    else:
        json_null = None

    def reader(value: Any) -> Any:
        if value is None:
            return json_null
        return field.get_db_prep_save(read(value), connection)

    return reader


def concrete_fields(model: type[Model]) -> list[Field]:
    """The columns of the model's own table (a page type's, not its parent's)."""
    return list(model._meta.local_concrete_fields)


def columns_of(fields: Iterable[Field]) -> list[str]:
    return [field.column for field in fields]
