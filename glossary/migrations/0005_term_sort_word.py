"""Glossary terms in French alphabetical order: `Term.sort_word` (`folding.sort_name`), as
fiches and territories. Ordered by their word as the database compares it, « Éducation
populaire » came after « Zone de revitalisation rurale » in the printable glossary and in the
« voir aussi » lists. PostgreSQL compares the folded word as "C", as SQLite does.
"""

from django.db import migrations, models

from actors.directory.folding import sort_name
from actors.postgres_sql import postgres_only

C_ORDER = 'ALTER TABLE glossary_term ALTER COLUMN sort_word TYPE varchar(200) COLLATE "C";'
DEFAULT_ORDER = "ALTER TABLE glossary_term ALTER COLUMN sort_word TYPE varchar(200);"


def fill_sort_words(apps, schema_editor):
    Term = apps.get_model("glossary", "Term")
    terms = list(Term.objects.using(schema_editor.connection.alias).only("pk", "word"))
    for term in terms:
        term.sort_word = sort_name(term.word)
    Term.objects.bulk_update(terms, ["sort_word"], batch_size=1000)


class Migration(migrations.Migration):
    dependencies = [("glossary", "0004_termcomment")]

    operations = [
        migrations.AddField(
            model_name="term",
            name="sort_word",
            field=models.CharField(default="", editable=False, max_length=200),
        ),
        migrations.RunPython(fill_sort_words, migrations.RunPython.noop),
        postgres_only(C_ORDER, DEFAULT_ORDER),
        migrations.AlterModelOptions(
            name="term",
            options={
                "ordering": ["sort_word", "id"],
                "permissions": [
                    ("contribute_term", "Proposer des termes et des regards, discuter d’un terme"),
                    ("moderate_term", "Publier les propositions du glossaire"),
                ],
                "verbose_name": "terme du glossaire",
                "verbose_name_plural": "termes du glossaire",
            },
        ),
    ]
