"""The map's index (PostgreSQL): the visible actors' points with the columns the map data reads,
so the grid aggregation at France zoom is an index-only scan instead of reading every row.

SQLite keeps the composite (latitude, longitude) index of 0001. The index is not declared in
`Actor.Meta.indexes` because `INCLUDE` is PostgreSQL-only.
"""

from django.db import migrations

from actors.postgres_sql import postgres_only

FORWARD = """
CREATE INDEX IF NOT EXISTS actor_map_idx
  ON actors_actor (status, latitude, longitude) INCLUDE (actor_type_id, id);
"""
BACKWARD = "DROP INDEX IF EXISTS actor_map_idx;"


class Migration(migrations.Migration):
    dependencies = [("actors", "0003_postgres_full_text_search")]

    operations = [postgres_only(FORWARD, BACKWARD)]
