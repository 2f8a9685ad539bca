"""The search table's facet keys as short codes (`facet_codes`) instead of JSON text.

Each key, "<facet>:<id>", is the number (id << 3) | facet code written in 4 characters of a
base-64 alphabet: a broad word's matches are then read as one array of numbers, without a
Python string per key (actors.directory.word_matches), and the table is narrower. The facet
codes and the alphabet below are `actors.directory.facet_keys`' FACET_CODES and
CODE_ALPHABET. SQLite only swaps the (empty) columns."""

from django.db import migrations, models

from actors.postgres_sql import postgres_only

# Every row copied again into an emptied table rather than updated in place: an UPDATE would
# leave the table twice its size until vacuumed, and a broad word's search read twice the pages.
REFILL = """
DROP INDEX actors_search_row_vector_idx;
TRUNCATE actors_actorsearchrow;
INSERT INTO actors_actorsearchrow (actor_id, status, name, {columns}, search_vector)
SELECT id, status, name, {values}, search_vector FROM actors_actor;
CREATE INDEX actors_search_row_vector_idx ON actors_actorsearchrow USING GIN (search_vector);
ANALYZE actors_actorsearchrow;
"""

FORWARD = """
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

CREATE OR REPLACE FUNCTION actors_search_row_sync() RETURNS trigger AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    DELETE FROM actors_actorsearchrow WHERE actor_id = OLD.id;
    RETURN OLD;
  END IF;
  INSERT INTO actors_actorsearchrow (actor_id, status, name, facet_codes, search_vector)
  VALUES (NEW.id, NEW.status, NEW.name, actors_facet_codes(NEW.facet_keys), NEW.search_vector)
  ON CONFLICT (actor_id) DO UPDATE SET
    status = EXCLUDED.status,
    name = EXCLUDED.name,
    facet_codes = EXCLUDED.facet_codes,
    search_vector = EXCLUDED.search_vector;
  RETURN NEW;
END
$$ LANGUAGE plpgsql;

ALTER TABLE actors_actorsearchrow ALTER COLUMN facet_codes SET STORAGE MAIN;
{REFILL}
"""

BACKWARD = """
CREATE OR REPLACE FUNCTION actors_search_row_sync() RETURNS trigger AS $$
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

ALTER TABLE actors_actorsearchrow ALTER COLUMN facet_text SET STORAGE MAIN;
{REFILL_TEXT}
DROP FUNCTION actors_facet_codes(jsonb);
"""

# Both columns exist while the rows are copied (the other one is removed after, or was added
# back before): the one on its way out gets an empty value.
FORWARD = FORWARD.replace(
    "{REFILL}",
    REFILL.format(
        columns="facet_codes, facet_text", values="actors_facet_codes(facet_keys), ''"
    ),
)
BACKWARD = BACKWARD.replace(
    "{REFILL_TEXT}",
    REFILL.format(columns="facet_text, facet_codes", values="facet_keys::text, ''"),
)


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
