"""The neighbours' index (PostgreSQL): a fiche's « acteurs proches » are the published fiches of
the communes around that share a theme (actors.fiches.selectors). Their commune, status, point,
name and facet keys held in the index let PostgreSQL answer from it alone (index-only scan),
instead of reading one table page per fiche of every commune around: 5,000 pages read for a
fiche near a town became 450 on the 100,000-fiche benchmark. SQLite keeps its commune index."""

from django.db import migrations

from actors.postgres_sql import postgres_only

FORWARD = (
    "CREATE INDEX IF NOT EXISTS actor_nearby_idx ON actors_actor (commune_id) "
    "INCLUDE (id, status, latitude, longitude, name, facet_keys);"
)
BACKWARD = "DROP INDEX IF EXISTS actor_nearby_idx;"


class Migration(migrations.Migration):
    dependencies = [("actors", "0018_after_facet_keys_and_import_by_hand")]

    operations = [postgres_only(FORWARD, BACKWARD)]
