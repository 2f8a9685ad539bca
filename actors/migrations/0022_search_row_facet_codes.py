"""The search table's facet keys as short codes (`facet_codes`) instead of JSON text.

Each key, "<facet>:<id>", is the number (id << 3) | facet code written in 4 characters of a
base-64 alphabet: a broad word's matches are then read as one array of numbers, without a
Python string per key (actors.directory.word_matches), and the table is narrower. The facet
codes and the alphabet below are `actors.directory.facet_keys`' FACET_CODES and
CODE_ALPHABET. SQLite only swaps the (empty) columns."""

from django.db import migrations, models

from actors.postgres_sql import postgres_only

CODES_FUNCTION = """
CREATE FUNCTION actors_facet_codes(keys jsonb) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT coalesce(string_agg(
    substr(alphabet, (code >> 18 & 63) + 1, 1) || substr(alphabet, (code >> 12 & 63) + 1, 1)
    || substr(alphabet, (code >> 6 & 63) + 1, 1) || substr(alphabet, (code & 63) + 1, 1),
    '' ORDER BY position), '')
  FROM (
    SELECT position, (split_part(k, ':', 2)::int << 3) | CASE split_part(k, ':', 1)
      WHEN 'type' THEN 1 WHEN 'sphere' THEN 2 WHEN 'theme' THEN 3 WHEN 'competence' THEN 4
      WHEN 'profession' THEN 5 WHEN 'profession.public' THEN 6 WHEN 'dispositif' THEN 7 END
      AS code
    FROM jsonb_array_elements_text(keys) WITH ORDINALITY AS key(k, position)
  ) coded,
  (SELECT '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_'::text AS alphabet)
    AS digits
$$;
"""

# Migration 0020's trigger function, copying the facet keys as `{value}` into `{column}`.
SYNC_FUNCTION = """
CREATE OR REPLACE FUNCTION actors_search_row_sync() RETURNS trigger AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    DELETE FROM actors_actorsearchrow WHERE actor_id = OLD.id;
    RETURN OLD;
  END IF;
  INSERT INTO actors_actorsearchrow (actor_id, status, name, {column}, search_vector)
  VALUES (NEW.id, NEW.status, NEW.name, {value}, NEW.search_vector)
  ON CONFLICT (actor_id) DO UPDATE SET
    status = EXCLUDED.status,
    name = EXCLUDED.name,
    {column} = EXCLUDED.{column},
    search_vector = EXCLUDED.search_vector;
  RETURN NEW;
END
$$ LANGUAGE plpgsql;
ALTER TABLE actors_actorsearchrow ALTER COLUMN {column} SET STORAGE MAIN;
"""

# Every row copied again into an emptied table rather than updated in place: an UPDATE would
# leave the table twice its size until vacuumed, and a broad word's search read twice the pages.
# Both columns exist meanwhile (the old one is removed after, or was added back before): the
# one on its way out gets an empty value.
REFILL = """
DROP INDEX actors_search_row_vector_idx;
TRUNCATE actors_actorsearchrow;
INSERT INTO actors_actorsearchrow (actor_id, status, name, {column}, {old_column}, search_vector)
SELECT id, status, name, {value}, '', search_vector FROM actors_actor;
CREATE INDEX actors_search_row_vector_idx ON actors_actorsearchrow USING GIN (search_vector);
ANALYZE actors_actorsearchrow;
"""

CODES = {"column": "facet_codes", "value": "actors_facet_codes({keys})"}
TEXT = {"column": "facet_text", "value": "{keys}::text"}


def copying(column: str, value: str, old_column: str) -> str:
    """The trigger function writing `column`, then every fiche's row copied with it."""
    return SYNC_FUNCTION.format(
        column=column, value=value.format(keys="NEW.facet_keys")
    ) + REFILL.format(column=column, value=value.format(keys="facet_keys"), old_column=old_column)


FORWARD = CODES_FUNCTION + copying(**CODES, old_column="facet_text")
BACKWARD = copying(**TEXT, old_column="facet_codes") + "DROP FUNCTION actors_facet_codes(jsonb);"


class Migration(migrations.Migration):
    dependencies = [("actors", "0021_territory_commune_place_index")]

    operations = [
        migrations.AddField(
            model_name="actorsearchrow",
            name="facet_codes",
            field=models.TextField(default=""),
        ),
        postgres_only(FORWARD, BACKWARD),
        migrations.RemoveField(model_name="actorsearchrow", name="facet_text"),
    ]
