"""The facet keys' index (PostgreSQL): a ticked facet value is found with `facet_keys ?| …`,
which PostgreSQL combines with the full-text index (BitmapAnd) instead of joining a link table
over every fiche. SQLite keeps its link-table subqueries (actors.directory.filters)."""

from django.db import migrations

from actors.postgres_sql import postgres_only

FORWARD = "CREATE INDEX IF NOT EXISTS actor_facet_keys_idx ON actors_actor USING GIN (facet_keys);"
BACKWARD = "DROP INDEX IF EXISTS actor_facet_keys_idx;"


class Migration(migrations.Migration):
    dependencies = [("actors", "0015_actor_facet_keys")]

    operations = [postgres_only(FORWARD, BACKWARD)]
