"""A new fiche's search columns filled from its row, before its INSERT.

`search_vocabulary` and `facet_keys` are computed here as `search_index.refresh_search_vocabulary`
would compute them from the written links, so the end of an import does not read its new
fiches back to refresh them (8 s of 37 for 10,000 rows). The fiches an import updates are
still refreshed at its end. tests/actors/spreadsheets/test_import_new_fiches.py checks that a
refresh finds nothing to change."""

from actors.directory.facet_keys import new_fiche_keys
from actors.directory.search_index import vocabulary_text_of
from actors.spreadsheets.resources import lookups
from actors.spreadsheets.resources.actor_links import CONTACT_COLUMNS

# The links the search columns hold, with their facet and the table read at the start.
VOCABULARIES = {
    "spheres": ("sphere", lookups.spheres),
    "themes": ("theme", lookups.themes),
    "competences": ("competence", lookups.competences),
}


def fill_search_columns(actor) -> None:
    """`actor` (new, its type and commune set) with the links and contacts of its row."""
    links = actor._import_links
    # Each list in its table's order (position, then name), as the refresh reads it.
    listed = {name: _in_table_order(links.get(name, []), lookup().rank)
              for name, (_facet, lookup) in VOCABULARIES.items()}  # fmt: skip
    # Contacts as `Contact`'s ordering reads them: position in their column, then name.
    contacts = sorted(
        (
            (position, contact["name"], visibility, contact["profession"])
            for column, visibility in CONTACT_COLUMNS.items()
            for position, contact in enumerate(links.get(column, []))
            if contact["profession"] is not None
        ),
        key=lambda contact: contact[:2],
    )
    actor.search_vocabulary = vocabulary_text_of(
        actor.actor_type,
        actor.commune,
        [obj for objects in listed.values() for obj in objects],
        [profession for *_order, profession in contacts],
    )
    actor.facet_keys = new_fiche_keys(
        actor.actor_type_id,
        {VOCABULARIES[name][0]: [obj.pk for obj in objects] for name, objects in listed.items()},
        [(profession.pk, visibility) for *_order, visibility, profession in contacts],
    )


def _in_table_order(objects: list, rank: dict[int, int]) -> list:
    return sorted(objects, key=lambda obj: rank[obj.pk])
