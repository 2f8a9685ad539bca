"""Each fiche's facet values in one column, filled for the fiches already there (see
`actors.directory.facet_keys`)."""

from django.db import migrations, models

from actors.directory.facet_keys import refresh_facet_keys


def fill(apps, schema_editor):
    state = tuple(apps.get_model("actors", name) for name in ("Actor", "Contact", "Participation"))
    refresh_facet_keys(state[0].objects.values_list("pk", flat=True), models=state)


class Migration(migrations.Migration):
    dependencies = [("actors", "0014_contact_visibility_inclusive_label")]

    operations = [
        migrations.AddField(
            model_name="actor",
            name="facet_keys",
            field=models.JSONField(blank=True, default=list, editable=False),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop, elidable=True),
    ]
