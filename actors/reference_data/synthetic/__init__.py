"""Reproducible synthetic actors for scale work (``manage.py generate_actors``).

Everything random comes from ``random.Random`` streams seeded from the command's seed, and the
reference data is read in a stable order (vocabularies by slug, communes by key), so one seed gives
the same actors on any database holding the same reference data. Actor number ``n`` of seed ``s``
has the slug ``synth-<s>-<n>``: a second run skips what already exists, and a run with a larger
count adds only the missing actors.

The builders are pure: they take a ``random.Random`` and the loaded reference data and return
unsaved model instances or plain tuples. ``generate.generate_actors`` writes them batch by batch
with ``bulk_create`` (which bypasses ``save()``, so ``search_text`` is filled by the builder).

Modules: ``reference`` (the reference data, loaded once), ``actor_types`` (how a type of actor is
named and whether it finances), ``words`` (word lists and French helpers), ``actor_drafts`` (one
actor and its rows), ``relations`` (links to earlier nearby actors), ``local_schemes`` (local
schemes and their participants), ``generate`` (writing it all).

Every draw from a random stream is made in a fixed order: moving one changes every actor after
it, so keep the order of the calls when editing a builder.
"""
