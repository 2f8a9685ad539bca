"""Experience sheets listed in French alphabetical order where their dates tie:
`Experience.sort_title` (`folding.sort_name`), as the directory's fiches (actors 0023). Ordered
by the raw title, « Échanges de savoirs » came after « Vélos partagés » on SQLite (and wherever
PostgreSQL compares as "C"), among the E elsewhere.
"""

from django.db import migrations

from actors.sort_keys import add_sort_key


class Migration(migrations.Migration):
    dependencies = [("experiences", "0002_writing")]

    operations = [
        *add_sort_key("experiences", "Experience", source="title", key="sort_title"),
        migrations.AlterModelOptions(
            name="experience",
            options={
                "ordering": ["-started_on", "sort_title", "id"],
                "permissions": [
                    ("moderate_experience", "Publier, refuser et archiver les fiches expérience")
                ],
                "verbose_name": "fiche expérience",
                "verbose_name_plural": "fiches expérience",
            },
        ),
    ]
