"""Territories listed in French alphabetical order: `Territory.sort_name` (`folding.sort_name`),
as migration 0023 did for fiches. Ordered by their name as the database compares it,
« Île-de-France » came after « Provence-Alpes-Côte d'Azur », « Écully » after « Yzeron ».
PostgreSQL compares the folded name as "C", as SQLite does, whatever the server's language.
"""

from django.db import migrations, models

from actors.sort_keys import compared_as_c, fill_sort_keys


class Migration(migrations.Migration):
    dependencies = [("actors", "0023_sort_name")]

    operations = [
        migrations.AddField(
            model_name="territory",
            name="sort_name",
            field=models.CharField(default="", editable=False, max_length=200),
        ),
        fill_sort_keys("actors", "Territory", source="name", key="sort_name"),
        compared_as_c("actors_territory", "sort_name"),
        migrations.AlterModelOptions(
            name="territory",
            options={
                "ordering": ["sort_name", "id"],
                "verbose_name": "territoire",
                "verbose_name_plural": "territoires",
            },
        ),
    ]
