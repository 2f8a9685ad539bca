"""PostgreSQL full-text search: French without accents, a stored weighted vector, GIN indexes.

Only on PostgreSQL (SQLite searches the normalised `search_text` columns instead). The vector
column is kept by a trigger, so every write path (forms, admin, bulk imports) keeps it fresh:
name (A) > acronym and pitch (B) > missions and description (C) > linked vocabularies (D).
"""

from django.db import migrations

from actors.postgres_sql import postgres_only

FORWARD = r"""
CREATE EXTENSION IF NOT EXISTS unaccent;
CREATE EXTENSION IF NOT EXISTS pg_trgm;
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = 'french_unaccent') THEN
    CREATE TEXT SEARCH CONFIGURATION french_unaccent (COPY = french);
    ALTER TEXT SEARCH CONFIGURATION french_unaccent
      ALTER MAPPING FOR hword, hword_part, word WITH unaccent, french_stem;
  END IF;
END
$$;

ALTER TABLE actors_actor ADD COLUMN search_vector tsvector;

CREATE FUNCTION actors_actor_search_vector() RETURNS trigger AS $$
BEGIN
  NEW.search_vector :=
    setweight(to_tsvector('french_unaccent', coalesce(NEW.name, '')), 'A') ||
    setweight(to_tsvector('french_unaccent',
      coalesce(NEW.acronym, '') || ' ' || coalesce(NEW.pitch, '')), 'B') ||
    setweight(to_tsvector('french_unaccent',
      coalesce(NEW.missions, '') || ' ' || coalesce(NEW.description, '')), 'C') ||
    setweight(to_tsvector('french_unaccent', coalesce(NEW.search_vocabulary, '')), 'D');
  RETURN NEW;
END
$$ LANGUAGE plpgsql;

CREATE TRIGGER actors_actor_search_vector_trigger
  BEFORE INSERT OR UPDATE OF name, acronym, pitch, missions, description, search_vocabulary
  ON actors_actor FOR EACH ROW EXECUTE FUNCTION actors_actor_search_vector();

UPDATE actors_actor SET name = name;

CREATE INDEX actors_actor_search_vector_idx ON actors_actor USING GIN (search_vector);
CREATE INDEX actors_searchterm_trgm_idx ON actors_searchterm
  USING GIN (normalized gin_trgm_ops);
"""

BACKWARD = r"""
DROP INDEX IF EXISTS actors_searchterm_trgm_idx;
DROP INDEX IF EXISTS actors_actor_search_vector_idx;
DROP TRIGGER IF EXISTS actors_actor_search_vector_trigger ON actors_actor;
DROP FUNCTION IF EXISTS actors_actor_search_vector();
ALTER TABLE actors_actor DROP COLUMN IF EXISTS search_vector;
"""


class Migration(migrations.Migration):
    dependencies = [("actors", "0002_search_fields")]

    operations = [postgres_only(FORWARD, BACKWARD)]
