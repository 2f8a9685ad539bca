"""Joins the two branches of migrations 0016 (hand-kept imports) and 0017 (the facet keys'
index), which touch different things and may have been applied in either order."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("actors", "0016_import_by_hand"),
        ("actors", "0017_actor_facet_keys_index"),
    ]

    operations = []
