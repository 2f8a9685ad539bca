"""The fiches' narrow search table (actors.models.search.ActorSearchRow).

On PostgreSQL, the table gets the search vector (kept inline: `STORAGE MAIN`) and its GIN
index, a trigger on `actors_actor` copies each written fiche into it (after the trigger of
migration 0003 has computed the fiche's vector), and the fiches already there are copied.
SQLite only gets the empty table."""

from django.db import migrations, models

from actors.postgres_sql import postgres_only

FORWARD = """
ALTER TABLE actors_actorsearchrow ADD COLUMN search_vector tsvector;
ALTER TABLE actors_actorsearchrow ALTER COLUMN search_vector SET STORAGE MAIN;
ALTER TABLE actors_actorsearchrow ALTER COLUMN facet_text SET STORAGE MAIN;

CREATE FUNCTION actors_search_row_sync() RETURNS trigger AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    DELETE FROM actors_actorsearchrow WHERE actor_id = OLD.id;
    RETURN OLD;
  END IF;
  INSERT INTO actors_actorsearchrow (actor_id, status, name, facet_text, search_vector)
  VALUES (NEW.id, NEW.status, NEW.name, NEW.facet_keys::text, NEW.search_vector)
  ON CONFLICT (actor_id) DO UPDATE SET
    status = EXCLUDED.status,
    name = EXCLUDED.name,
    facet_text = EXCLUDED.facet_text,
    search_vector = EXCLUDED.search_vector;
  RETURN NEW;
END
$$ LANGUAGE plpgsql;

CREATE TRIGGER actors_search_row_written
  AFTER INSERT OR DELETE ON actors_actor
  FOR EACH ROW EXECUTE FUNCTION actors_search_row_sync();

-- Most saves change none of the four columns: nothing to copy then.
CREATE TRIGGER actors_search_row_changed
  AFTER UPDATE ON actors_actor
  FOR EACH ROW
  WHEN (
    OLD.status IS DISTINCT FROM NEW.status
    OR OLD.name IS DISTINCT FROM NEW.name
    OR OLD.facet_keys IS DISTINCT FROM NEW.facet_keys
    OR OLD.search_vector IS DISTINCT FROM NEW.search_vector
  )
  EXECUTE FUNCTION actors_search_row_sync();

INSERT INTO actors_actorsearchrow (actor_id, status, name, facet_text, search_vector)
SELECT id, status, name, facet_keys::text, search_vector FROM actors_actor;

CREATE INDEX actors_search_row_vector_idx ON actors_actorsearchrow USING GIN (search_vector);
ANALYZE actors_actorsearchrow;
"""

BACKWARD = """
DROP TRIGGER IF EXISTS actors_search_row_changed ON actors_actor;
DROP TRIGGER IF EXISTS actors_search_row_written ON actors_actor;
DROP FUNCTION IF EXISTS actors_search_row_sync();
"""


class Migration(migrations.Migration):
    dependencies = [("actors", "0019_actor_nearby_index")]

    operations = [
        migrations.CreateModel(
            name="ActorSearchRow",
            fields=[
                ("actor_id", models.BigIntegerField(primary_key=True, serialize=False)),
                ("status", models.CharField(max_length=10)),
                ("name", models.CharField(max_length=200)),
                ("facet_text", models.TextField(default="[]")),
            ],
            options={
                "verbose_name": "ligne de recherche",
                "verbose_name_plural": "lignes de recherche",
                "default_permissions": (),
            },
        ),
        postgres_only(FORWARD, BACKWARD),
    ]
