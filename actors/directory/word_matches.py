"""The fiches a searched text finds, kept in relevance order with their facet values.

A broad word (« centre social », « culture ») finds thousands of fiches: ranking them and
counting their facets cost the database a pass over every match, for every combination of
ticked values. People search the same words again and again while ticking different values,
so the matches of a text are read once per directory generation (see `actors.cache`) and every
combination of facet filters over them (type, spheres, themes, competences, jobs, schemes) is
then answered here: exact counts, the total and any page, without the database.

A write moves the generation, but most writes touch a few fiches that a given text does not
find: when the write said which fiches it changed (`actors.cache.changed_since`), a text's
matches are kept if none of them was among its matches nor is found by it now (one query on
those ids), instead of reading its thousands of matches again.

Searches this cannot answer alone (a place, a local scheme, another order, a text matching
more than `MAX_MATCHES` fiches) keep going through SQL (`page_cache`, `facets`).
"""

from itertools import repeat

import numpy as np
from django.core.exceptions import EmptyResultSet
from django.db import connections
from django.db.models import TextField
from django.db.models.functions import Cast
from django.http import QueryDict

from actors import policies
from actors.cache import cached_across_writes, digest
from actors.directory.facet_keys import (
    CODE_WIDTH,
    PUBLIC_PROFESSION,
    key_of_code,
    read_codes,
    split_key,
)
from actors.directory.facet_keys import key as facet_key
from actors.directory.filters import ActorFilterSet, SortOrder, nothing_ticked
from actors.directory.match_sets import TOO_BROAD, Matches, distinct_codes, matches_of
from actors.directory.page_cache import SHARED_VISIBILITIES, cache_seconds, fiches_for_cards
from actors.directory.postings.read import published_matches
from actors.directory.search import order_by_relevance, search_actors, uses_postgres
from actors.models import ActorSearchRow, PublicationStatus

# Filters found in `facet_keys`; "q" is the text itself.
KEYED_FILTERS = ("sphere", "type", "theme", "competence", "profession", "dispositif")
# Filters that need the database (places, local schemes): the search goes through SQL.
OTHER_FILTERS = ("territoire", "autour", "rayon", "dispositif_local")
# Beyond this many matches, a cached entry would weigh megabytes: SQL answers instead.
MAX_MATCHES = 60_000


def _read_matches(found, parse) -> Matches | str:
    """One pass over the text's matches, in the directory's order: `found` gives (id, facet
    keys) rows, `parse` turns them into a `Matches`."""
    rows = _fetched(found[: MAX_MATCHES + 1])
    if len(rows) > MAX_MATCHES:
        return TOO_BROAD
    if not rows:
        return Matches.none()
    return parse(rows)


def _fetched(queryset) -> list[tuple]:
    """The rows as the database sends them: Django's row-by-row iteration cost a tenth of the
    statement's own time over tens of thousands of matches."""
    try:
        sql, params = queryset.query.sql_with_params()
    except EmptyResultSet:  # a text of no searchable word: Django finds nothing without asking
        return []
    with connections[queryset.db].cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def _parse_codes(rows) -> Matches:
    """(id, `facet_codes`) rows: each key a number in `CODE_WIDTH` characters (`read_codes`)."""
    texts = [codes for _pk, codes in rows]
    distinct, key_index = distinct_codes(read_codes("".join(texts)))
    keys_per_row = np.fromiter(map(len, texts), dtype=np.int64, count=len(texts)) // CODE_WIDTH
    keys = [key_of_code(int(code)) for code in distinct]
    return matches_of([pk for pk, _codes in rows], key_index, keys_per_row, keys=keys)


def _parse_texts(rows) -> Matches:
    """(id, `facet_keys` as JSON text) rows: a list of "<facet>:<id>" strings, with no quote,
    comma nor space inside, as both databases write it out."""
    texts = [keys_text[2:-2] for _pk, keys_text in rows]
    keys_per_row = np.fromiter(map(str.count, texts, repeat(KEY_SEPARATOR)), np.int64, len(texts))
    tokens = KEY_SEPARATOR.join(texts).split(KEY_SEPARATOR)
    keys = list(set(tokens))  # "" is the one token of a fiche filed under nothing ("[]")
    index_of = dict(zip(keys, range(len(keys)), strict=True))
    key_index = np.fromiter(map(index_of.__getitem__, tokens), np.int64, len(tokens))
    return matches_of([pk for pk, _keys in rows], key_index, keys_per_row + 1, keys=keys)


KEY_SEPARATOR = '", "'


def answerable(filterset: ActorFilterSet) -> bool:
    """Whether this valid search is a text with facet filters only, in relevance order."""
    data = filterset.form.cleaned_data
    return (
        bool((data.get("q") or "").strip())
        and all(nothing_ticked(data.get(name)) for name in OTHER_FILTERS)
        and filterset.sort_order == SortOrder.RELEVANCE
    )


def matches_for(text: str, *, base_queryset, request, visibility: str) -> Matches | None:
    """The text's matches among the fiches this visitor may see (cached), None if too broad."""
    key = f"actors:words:{digest(text, visibility)}"
    text_only = QueryDict(mutable=True)
    text_only["q"] = text

    def finds(queryset):
        if visibility == "public" and uses_postgres():
            return _published_search(text)
        return ActorFilterSet(text_only, queryset=queryset, request=request).qs

    def read():
        if visibility == "public" and uses_postgres():
            found = published_matches(text, max_matches=MAX_MATCHES)
            if found is not None:
                return found
            rows = order_by_relevance(finds(base_queryset)).values_list("pk", "facet_codes")
            return _read_matches(rows, _parse_codes)
        keys_text = Cast("facet_keys", TextField())
        rows = finds(base_queryset).annotate(keys_text=keys_text).values_list("pk", "keys_text")
        return _read_matches(rows, _parse_texts)

    unaffected_by = None
    if visibility in SHARED_VISIBILITIES:
        # A member's own view also follows the structures they join, which move no generation.
        def unaffected_by(matches, changed):
            return _untouched(matches, changed, finds(base_queryset).filter(pk__in=sorted(changed)))

    found = cached_across_writes(
        key, read, seconds=cache_seconds(visibility), unaffected_by=unaffected_by
    )
    return None if found == TOO_BROAD else found


def _untouched(matches: Matches | str, changed: frozenset[int], found_among_changed) -> bool:
    """Whether writes to the `changed` fiches leave a text's matches as they are: none of them
    was among its matches, and the text finds none of them now (`found_among_changed`)."""
    if matches == TOO_BROAD:
        return False
    if not changed:
        return True
    ids = np.frombuffer(matches.ids, dtype=np.int64)
    if np.isin(ids, np.fromiter(changed, np.int64, len(changed))).any():
        return False
    return not found_among_changed.exists()


def _published_search(text: str):
    """A visitor's matches (published fiches only), in the narrow search table: the same
    search as the directory's own (`search_actors`)."""
    published = ActorSearchRow.objects.filter(status=PublicationStatus.PUBLISHED)
    return search_actors(published, text)


class FacetedMatches:
    """One search answered from a text's `Matches`: its rows, total, page and facet counts."""

    def __init__(self, matches: Matches, filterset: ActorFilterSet, user):
        self.matches = matches
        public_only = not policies.can_see_member_contacts(user)
        self.profession_key = PUBLIC_PROFESSION if public_only else "profession"
        self.facet_of_key = {"profession": None, PUBLIC_PROFESSION: None}
        self.facet_of_key[self.profession_key] = "profession"
        data = filterset.form.cleaned_data
        # For each ticked facet, the rows filed under one of its ticked values.
        self.ticked = {
            facet: matches.rows_of(facet_key(self._key_facet(facet), v.pk) for v in data[facet])
            for facet in KEYED_FILTERS
            if not nothing_ticked(data.get(facet))
        }
        self.rows = self._rows_within(self.ticked)

    def _key_facet(self, facet: str) -> str:
        return self.profession_key if facet == "profession" else facet

    def _rows_within(self, ticked: dict[str, int]) -> int:
        rows = self.matches.every_row
        for facet_rows in ticked.values():
            rows &= facet_rows
        return rows

    def __len__(self) -> int:
        return self.rows.bit_count()

    def count(self) -> int:
        return len(self)

    def __getitem__(self, bounds):
        if not isinstance(bounds, slice):
            raise TypeError("FacetedMatches is read one page (a slice) at a time.")
        return fiches_for_cards([(pk, None) for pk in self.matches.ids_at(self.rows, bounds)])

    def facet_counts(self) -> dict[str, dict[int, int]]:
        """{facet: {value id: fiches}}: a ticked facet counted without its own filter."""
        counted = {None: self.matches.key_counts(self.rows)}
        result = {}
        for facet in KEYED_FILTERS:
            if facet in self.ticked:
                others = {name: rows for name, rows in self.ticked.items() if name != facet}
                counted[facet] = self.matches.key_counts(self._rows_within(others))
            result[facet] = {}
            for text, count in counted[facet if facet in self.ticked else None].items():
                parsed = split_key(text)
                if parsed and self.facet_of_key.get(parsed[0], parsed[0]) == facet:
                    result[facet][parsed[1]] = count
        return result
