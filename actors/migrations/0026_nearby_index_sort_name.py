"""The neighbours' index holds the folded name (`sort_name`) instead of the name: equally near
fiches sharing as many themes follow French alphabetical order (« Écurie » before « Ferme »),
and PostgreSQL still answers from the index alone (see 0019)."""

from django.db import migrations

from actors.postgres_sql import postgres_only


def nearby_index(name_column: str) -> str:
    return (
        "DROP INDEX IF EXISTS actor_nearby_idx; "
        "CREATE INDEX actor_nearby_idx ON actors_actor (commune_id) "
        f"INCLUDE (id, status, latitude, longitude, {name_column}, facet_keys);"
    )


class Migration(migrations.Migration):
    dependencies = [("actors", "0025_search_postings")]

    operations = [postgres_only(nearby_index("sort_name"), nearby_index("name"))]
