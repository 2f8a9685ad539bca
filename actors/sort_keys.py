"""Migration operations that give a model's rows their folded sort key (`folding.sort_name`)
and have PostgreSQL compare it as "C": fiches (0023), territories (0024), glossary terms, local
schemes (0027), experience sheets."""

from django.db import migrations, models

from actors.directory.folding import SORT_NAME_LENGTH, sort_name
from actors.postgres_sql import postgres_only

BATCH_SIZE = 2000


def fill_sort_keys(app_label: str, model_name: str, *, source: str, key: str):
    """A RunPython filling `key` with `sort_name(source)` for every row, in batches (300,000
    fiches held at once would weigh hundreds of megabytes)."""

    def fill(apps, schema_editor):
        model = apps.get_model(app_label, model_name)
        rows = model.objects.using(schema_editor.connection.alias).only("pk", source)
        batch = []
        for row in rows.order_by("pk").iterator(chunk_size=BATCH_SIZE):
            setattr(row, key, sort_name(getattr(row, source)))
            batch.append(row)
            if len(batch) == BATCH_SIZE:
                model.objects.bulk_update(batch, [key])
                batch = []
        model.objects.bulk_update(batch, [key])

    return migrations.RunPython(fill, migrations.RunPython.noop)


def compared_as_c(table: str, column: str) -> migrations.RunPython:
    """PostgreSQL compares the column byte by byte, as SQLite does, whatever the server's
    language. A later `AlterField` on the column would drop this order."""
    column_type = f"varchar({SORT_NAME_LENGTH})"
    return postgres_only(
        f'ALTER TABLE {table} ALTER COLUMN {column} TYPE {column_type} COLLATE "C";',
        f"ALTER TABLE {table} ALTER COLUMN {column} TYPE {column_type};",
    )


def add_sort_key(app_label: str, model_name: str, *, source: str, key: str) -> list:
    """The operations giving a model its sort key: the column, filled from `source` for every
    row, compared as "C" on PostgreSQL. The model's `save` keeps it, and its ordering uses it."""
    table = f"{app_label}_{model_name.lower()}"
    return [
        migrations.AddField(
            model_name=model_name.lower(),
            name=key,
            field=models.CharField(default="", editable=False, max_length=SORT_NAME_LENGTH),
        ),
        fill_sort_keys(app_label, model_name, source=source, key=key),
        compared_as_c(table, key),
    ]
