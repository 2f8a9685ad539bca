"""Local schemes listed in French alphabetical order: `LocalScheme.sort_name`
(`folding.sort_name`), as migrations 0023 and 0024 did for fiches and territories. Ordered by
their raw name, « École et familles » came after « Vivre ensemble » on SQLite (and wherever
PostgreSQL compares as "C"), among the E elsewhere: the same fixtures were listed in two orders.
"""

from django.db import migrations

from actors.sort_keys import add_sort_key


class Migration(migrations.Migration):
    dependencies = [("actors", "0026_nearby_index_sort_name")]

    operations = [
        *add_sort_key("actors", "LocalScheme", source="name", key="sort_name"),
        migrations.AlterModelOptions(
            name="localscheme",
            options={
                "ordering": ["scheme__position", "sort_name", "id"],
                "verbose_name": "dispositif local",
                "verbose_name_plural": "dispositifs locaux",
            },
        ),
    ]
