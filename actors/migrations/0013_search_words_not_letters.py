"""The search columns rewritten as folded words with spaces around them, so that a search
matches words and not letters inside a word (see `actors.directory.folding`)."""

from django.db import migrations

from actors.directory.folding import actor_search_text
from actors.directory.search_index import vocabulary_text

BATCH_SIZE = 500


def rewrite(apps, schema_editor):
    Actor = apps.get_model("actors", "Actor")
    actors = (
        Actor.objects.select_related("actor_type", "commune")
        .prefetch_related("spheres", "themes", "competences", "contacts__profession")
        .order_by("pk")
    )
    batch = []
    for actor in actors.iterator(chunk_size=BATCH_SIZE):
        actor.search_text = actor_search_text(actor)
        actor.search_vocabulary = vocabulary_text(actor)
        batch.append(actor)
        if len(batch) == BATCH_SIZE:
            Actor.objects.bulk_update(batch, ["search_text", "search_vocabulary"])
            batch = []
    Actor.objects.bulk_update(batch, ["search_text", "search_vocabulary"])


class Migration(migrations.Migration):
    dependencies = [("actors", "0012_import_record_glossary")]

    operations = [migrations.RunPython(rewrite, migrations.RunPython.noop, elidable=True)]
