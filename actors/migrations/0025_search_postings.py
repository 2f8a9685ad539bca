"""Posting lists of the search words (actors.models.postings, actors.directory.postings).

On PostgreSQL the search rows' trigger (migration 0023's function) now also:
- numbers each write in `actors_search_touch_seq` (`touched`, indexed): the rows above a
  snapshot's mark are those written since;
- logs each deleted fiche in `actors_searchrowremoval`, numbered alike;
- takes a shared advisory lock for its transaction. A build takes it exclusively, for the
  moment it reads its mark and starts its snapshot: no write is then half-way, numbered but not
  yet committed, which the snapshot would miss while its number is below the mark.
A posting's word compares as "C", so that a prefix is a range of the unique index. SQLite only
gets the (unused) tables."""

import django.db.models.deletion
from django.db import migrations, models

from actors.directory.postings.locking import WRITES_LOCK
from actors.postgres_sql import postgres_only

SYNC_FUNCTION = """
CREATE OR REPLACE FUNCTION actors_search_row_sync() RETURNS trigger AS $$
BEGIN
  {lock}
  IF TG_OP = 'DELETE' THEN
    DELETE FROM actors_actorsearchrow WHERE actor_id = OLD.id;
    {removal}
    RETURN OLD;
  END IF;
  INSERT INTO actors_actorsearchrow (actor_id, status, sort_name, facet_codes, search_vector)
  VALUES (NEW.id, NEW.status, NEW.sort_name, actors_facet_codes(NEW.facet_keys), NEW.search_vector)
  ON CONFLICT (actor_id) DO UPDATE SET
    status = EXCLUDED.status,
    sort_name = EXCLUDED.sort_name,
    facet_codes = EXCLUDED.facet_codes,
    search_vector = EXCLUDED.search_vector{touched};
  RETURN NEW;
END
$$ LANGUAGE plpgsql;
"""

FORWARD = (
    """
CREATE SEQUENCE actors_search_touch_seq;
ALTER TABLE actors_actorsearchrow
  ALTER COLUMN touched SET DEFAULT nextval('actors_search_touch_seq');
ALTER TABLE actors_searchrowremoval
  ALTER COLUMN touched SET DEFAULT nextval('actors_search_touch_seq');
CREATE INDEX actors_search_row_touched_idx ON actors_actorsearchrow (touched);
ALTER TABLE actors_posting ALTER COLUMN lexeme TYPE text COLLATE "C";
ALTER TABLE actors_posting ALTER COLUMN positions SET STORAGE EXTERNAL;
ALTER TABLE actors_posting ALTER COLUMN shares SET STORAGE EXTERNAL;
"""
    + SYNC_FUNCTION.format(
        lock=f"PERFORM pg_advisory_xact_lock_shared({WRITES_LOCK});",
        removal="INSERT INTO actors_searchrowremoval (actor_id) VALUES (OLD.id);",
        touched=",\n    touched = EXCLUDED.touched",
    )
)
BACKWARD = SYNC_FUNCTION.format(lock="", removal="", touched="") + """
DROP INDEX actors_search_row_touched_idx;
ALTER TABLE actors_actorsearchrow ALTER COLUMN touched DROP DEFAULT;
ALTER TABLE actors_searchrowremoval ALTER COLUMN touched DROP DEFAULT;
DROP SEQUENCE actors_search_touch_seq;
"""


class Migration(migrations.Migration):

    dependencies = [
        ('actors', '0024_territory_sort_name'),
    ]

    operations = [
        migrations.CreateModel(
            name='PostingSnapshot',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('built_at', models.DateTimeField(auto_now_add=True)),
                ('mark', models.BigIntegerField()),
                ('fiches', models.PositiveIntegerField()),
                ('seconds', models.FloatField(default=0)),
                ('fiche_ids', models.BinaryField()),
                ('name_order', models.BinaryField()),
                ('names', models.BinaryField()),
                ('name_ends', models.BinaryField()),
                ('facet_codes', models.BinaryField()),
                ('facet_ends', models.BinaryField()),
            ],
            options={
                'verbose_name': 'instantané de recherche',
                'verbose_name_plural': 'instantanés de recherche',
                'default_permissions': (),
            },
        ),
        migrations.CreateModel(
            name='SearchRowRemoval',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('actor_id', models.BigIntegerField()),
                ('touched', models.BigIntegerField(db_index=True)),
            ],
            options={
                'default_permissions': (),
            },
        ),
        migrations.AddField(
            model_name='actorsearchrow',
            name='touched',
            field=models.BigIntegerField(default=0),
        ),
        migrations.CreateModel(
            name='Posting',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('lexeme', models.TextField()),
                ('positions', models.BinaryField()),
                ('shares', models.BinaryField()),
                ('snapshot', models.ForeignKey(db_index=False, on_delete=django.db.models.deletion.CASCADE, to='actors.postingsnapshot')),
            ],
            options={
                'default_permissions': (),
                'constraints': [models.UniqueConstraint(fields=('snapshot', 'lexeme'), name='posting_lexeme_unique')],
            },
        ),
        postgres_only(FORWARD, BACKWARD),
    ]
