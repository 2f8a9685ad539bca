"""Glossary terms in French alphabetical order: `Term.sort_word` (`folding.sort_name`), as
fiches and territories. Ordered by their word as the database compares it, « Éducation
populaire » came after « Transversalité » in the printable glossary and in the
« voir aussi » lists. PostgreSQL compares the folded word as "C", as SQLite does.
"""

from django.db import migrations, models

from actors.sort_keys import compared_as_c, fill_sort_keys


class Migration(migrations.Migration):
    dependencies = [("glossary", "0004_termcomment")]

    operations = [
        migrations.AddField(
            model_name="term",
            name="sort_word",
            field=models.CharField(default="", editable=False, max_length=200),
        ),
        fill_sort_keys("glossary", "Term", source="word", key="sort_word"),
        compared_as_c("glossary_term", "sort_word"),
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
