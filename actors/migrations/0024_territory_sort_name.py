"""Territories listed in French alphabetical order: `Territory.sort_name` (`folding.sort_name`),
as migration 0023 did for fiches. Ordered by their name as the database compares it,
« Île-de-France » came after « Provence-Alpes-Côte d'Azur », « Écully » after « Yzeron ».
PostgreSQL compares the folded name as "C", as SQLite does, whatever the server's language.
A later `AlterField` on the column would drop its "C" order.
"""

from django.db import migrations, models

from actors.directory.folding import sort_name
from actors.postgres_sql import postgres_only

BATCH_SIZE = 2000

C_ORDER = 'ALTER TABLE actors_territory ALTER COLUMN sort_name TYPE varchar(200) COLLATE "C";'
DEFAULT_ORDER = "ALTER TABLE actors_territory ALTER COLUMN sort_name TYPE varchar(200);"


def fill_sort_names(apps, schema_editor):
    Territory = apps.get_model("actors", "Territory")
    rows = Territory.objects.using(schema_editor.connection.alias).only("pk", "name").order_by("pk")
    batch = []
    for territory in rows.iterator(chunk_size=BATCH_SIZE):
        territory.sort_name = sort_name(territory.name)
        batch.append(territory)
        if len(batch) == BATCH_SIZE:
            Territory.objects.bulk_update(batch, ["sort_name"])
            batch = []
    Territory.objects.bulk_update(batch, ["sort_name"])


class Migration(migrations.Migration):
    dependencies = [("actors", "0023_sort_name")]

    operations = [
        migrations.AddField(
            model_name="territory",
            name="sort_name",
            field=models.CharField(default="", editable=False, max_length=200),
        ),
        migrations.RunPython(fill_sort_names, migrations.RunPython.noop),
        postgres_only(C_ORDER, DEFAULT_ORDER),
        migrations.AlterModelOptions(
            name="territory",
            options={
                "ordering": ["sort_name", "id"],
                "verbose_name": "territoire",
                "verbose_name_plural": "territoires",
            },
        ),
    ]
