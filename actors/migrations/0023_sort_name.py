"""Fiches listed in French alphabetical order: `Actor.sort_name` (`folding.sort_name`).

Names were ordered as the database compares them: on a server whose language is "C.UTF-8"
(and on SQLite), « École » came after « Zèbre ». The folded name holds letters and digits only,
without accents or case, and PostgreSQL compares it as "C", whatever the server's language:
both databases order it alike, and the relevance order's tie-break, which sorts thousands of
matches of a broad word, no longer goes through the language's comparison.

The search table's `name` (only ever the tie-break) becomes `sort_name`: migration 0022's
trigger function now copies the folded name, and every row is copied again into the emptied
table (see 0022 for why). A later `AlterField` on either column would drop their "C" order.
"""

from django.db import migrations, models

from actors.postgres_sql import postgres_only
from actors.sort_keys import fill_sort_keys

# Migration 0022's function, copying `{name}` from the fiche into `{column}`.
SYNC_FUNCTION = """
CREATE OR REPLACE FUNCTION actors_search_row_sync() RETURNS trigger AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    DELETE FROM actors_actorsearchrow WHERE actor_id = OLD.id;
    RETURN OLD;
  END IF;
  INSERT INTO actors_actorsearchrow (actor_id, status, {column}, facet_codes, search_vector)
  VALUES (NEW.id, NEW.status, NEW.{name}, actors_facet_codes(NEW.facet_keys), NEW.search_vector)
  ON CONFLICT (actor_id) DO UPDATE SET
    status = EXCLUDED.status,
    {column} = EXCLUDED.{column},
    facet_codes = EXCLUDED.facet_codes,
    search_vector = EXCLUDED.search_vector;
  RETURN NEW;
END
$$ LANGUAGE plpgsql;
DROP INDEX actors_search_row_vector_idx;
TRUNCATE actors_actorsearchrow;
INSERT INTO actors_actorsearchrow (actor_id, status, {column}, {other}, facet_codes, search_vector)
SELECT id, status, {name}, '', actors_facet_codes(facet_keys), search_vector FROM actors_actor;
CREATE INDEX actors_search_row_vector_idx ON actors_actorsearchrow USING GIN (search_vector);
ANALYZE actors_actorsearchrow;
"""

# The folded names compare as plain characters, as on SQLite.
C_ORDER = """
ALTER TABLE actors_actor ALTER COLUMN sort_name TYPE varchar(200) COLLATE "C";
ALTER TABLE actors_actorsearchrow ALTER COLUMN sort_name TYPE varchar(200) COLLATE "C";
"""

FORWARD = C_ORDER + SYNC_FUNCTION.format(column="sort_name", name="sort_name", other="name")
BACKWARD = SYNC_FUNCTION.format(column="name", name="name", other="sort_name")


class Migration(migrations.Migration):
    dependencies = [("actors", "0022_search_row_facet_codes")]

    operations = [
        migrations.AddField(
            model_name="actor",
            name="sort_name",
            field=models.CharField(default="", editable=False, max_length=200),
        ),
        migrations.AddField(
            model_name="actorsearchrow",
            name="sort_name",
            field=models.CharField(default="", max_length=200),
        ),
        fill_sort_keys("actors", "Actor", source="name", key="sort_name"),
        postgres_only(FORWARD, BACKWARD),
        # A default for the column about to go: undoing this migration adds it back to a
        # filled table, which a NOT NULL column without one refuses.
        migrations.AlterField(
            model_name="actorsearchrow",
            name="name",
            field=models.CharField(default="", max_length=200),
        ),
        migrations.RemoveField(model_name="actorsearchrow", name="name"),
        migrations.RemoveIndex(model_name="actor", name="actor_name_idx"),
        migrations.AddIndex(
            model_name="actor",
            index=models.Index(fields=["sort_name", "id"], name="actor_sort_name_idx"),
        ),
        migrations.AlterModelOptions(
            name="actor",
            options={
                "ordering": ["sort_name", "id"],
                "permissions": [
                    ("view_member_contacts", "Voir les contacts réservés aux membres"),
                    ("moderate_actor", "Publier, refuser, fusionner et restaurer des fiches"),
                    ("import_data", "Importer des tableurs"),
                    ("export_all_columns", "Exporter toutes les colonnes"),
                    ("publish_directly", "Publier ses modifications sans relecture"),
                ],
                "verbose_name": "acteur",
                "verbose_name_plural": "acteurs",
            },
        ),
        migrations.AlterModelOptions(
            name="participation",
            options={
                "ordering": ["local_scheme", "role", "actor__sort_name"],
                "verbose_name": "participation",
                "verbose_name_plural": "participations",
            },
        ),
        migrations.AlterModelOptions(
            name="relation",
            options={
                "ordering": ["source__sort_name", "kind"],
                "verbose_name": "relation",
                "verbose_name_plural": "relations",
            },
        ),
    ]
