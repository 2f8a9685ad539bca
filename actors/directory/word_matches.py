"""The fiches a searched text finds, kept in relevance order with their facet values.

A broad word (« centre social », « culture ») finds thousands of fiches: ranking them and
counting their facets cost the database a pass over every match, for every combination of
ticked values. People search the same words again and again while ticking different values,
so the matches of a text are read once per directory generation (see `actors.cache`) and every
combination of facet filters over them (type, spheres, themes, competences, jobs, schemes) is
then answered here: exact counts, the total and any page, without the database.

Searches this cannot answer alone (a place, a local scheme, another order, a text matching
more than `MAX_MATCHES` fiches) keep going through SQL (`page_cache`, `facets`).
"""

from array import array
from dataclasses import dataclass

from django.db.models import TextField
from django.db.models.functions import Cast
from django.http import QueryDict

from actors import policies
from actors.cache import cached, digest, generation_key
from actors.directory.facet_keys import PUBLIC_PROFESSION, split_key
from actors.directory.facet_keys import key as facet_key
from actors.directory.filters import ActorFilterSet, SortOrder
from actors.directory.page_cache import cache_seconds, fiches_for_cards
from actors.directory.search import order_by_relevance, search_actors, uses_postgres
from actors.models import ActorSearchRow, PublicationStatus

# Filters found in `facet_keys`; "q" is the text itself.
KEYED_FILTERS = ("sphere", "type", "theme", "competence", "profession", "dispositif")
# Filters that need the database (places, local schemes): the search goes through SQL.
OTHER_FILTERS = ("territoire", "autour", "rayon", "dispositif_local")
# Beyond this many matches, a cached entry would weigh megabytes: SQL answers instead.
MAX_MATCHES = 60_000
TOO_BROAD = "too-broad"


@dataclass
class Matches:
    """The fiches one text finds: their ids in relevance order, and for each facet key the set
    of rows (positions in `ids`) filed under it, as the bits of one integer. Filtering and
    counting are then a few integer operations per key, whatever the number of matches."""

    ids: array
    rows_under: dict[str, int]

    @property
    def every_row(self) -> int:
        return (1 << len(self.ids)) - 1

    def rows_of(self, keys) -> int:
        """The rows filed under any of `keys`."""
        rows = 0
        for key in keys:
            rows |= self.rows_under.get(key, 0)
        return rows

    def key_counts(self, rows: int) -> dict[str, int]:
        counts = {key: (under & rows).bit_count() for key, under in self.rows_under.items()}
        return {key: count for key, count in counts.items() if count}

    def ids_at(self, rows: int, bounds: slice) -> list[int]:
        """The ids of the selected rows within `bounds` (counted among the selected ones)."""
        bits = bin(rows)[:1:-1]  # bit i is character i
        positions, found = [], bits.find("1")
        while found != -1 and len(positions) < bounds.stop:
            positions.append(found)
            found = bits.find("1", found + 1)
        return [self.ids[row] for row in positions[bounds]]


def _read_matches(found) -> Matches | str:
    """One pass over the text's matches: (id, facet keys as JSON text), in the directory's
    order."""
    rows = list(found[: MAX_MATCHES + 1])
    if len(rows) > MAX_MATCHES:
        return TOO_BROAD
    ids = array("q", [pk for pk, _keys in rows])
    # One byte array per key, a bit per row, turned into integers at the end: the loop below
    # runs once per key of every match (170,000 times for « centre social »), kept minimal.
    size = (len(rows) >> 3) + 1
    flags_of: dict[str, bytearray] = {}
    for row, (_pk, keys_text) in enumerate(rows):
        byte, bit = row >> 3, 1 << (row & 7)
        # JSON text of a list of "<facet>:<id>" strings (no quote, comma nor space inside).
        for text in keys_text[2:-2].split('", "'):
            flags = flags_of.get(text)
            if flags is None:
                flags = flags_of[text] = bytearray(size)
            flags[byte] |= bit
    flags_of.pop("", None)  # the one "key" of a fiche filed under nothing ("[]")
    return Matches(
        ids=ids,
        rows_under={text: int.from_bytes(flags, "little") for text, flags in flags_of.items()},
    )


def answerable(filterset: ActorFilterSet) -> bool:
    """Whether this valid search is a text with facet filters only, in relevance order."""
    data = filterset.form.cleaned_data
    return (
        bool((data.get("q") or "").strip())
        and not any(data.get(name) for name in OTHER_FILTERS)
        and filterset.sort_order == SortOrder.RELEVANCE
    )


def matches_for(text: str, *, base_queryset, request, visibility: str) -> Matches | None:
    """The text's matches among the fiches this visitor may see (cached), None if too broad."""
    key = generation_key("words", digest(text, visibility))
    text_only = QueryDict(mutable=True)
    text_only["q"] = text

    def read():
        if visibility == "public" and uses_postgres():
            return _read_matches(_published_rows(text))
        found = ActorFilterSet(text_only, queryset=base_queryset, request=request).qs
        keys_text = Cast("facet_keys", TextField())
        return _read_matches(found.annotate(keys_text=keys_text).values_list("pk", "keys_text"))

    found = cached(key, read, seconds=cache_seconds(visibility))
    return None if found == TOO_BROAD else found


def _published_rows(text: str):
    """A visitor's matches (published fiches only), read in the narrow search table: the same
    search and order as the directory's own (`search_actors`, `order_by_relevance`)."""
    published = ActorSearchRow.objects.filter(status=PublicationStatus.PUBLISHED)
    return order_by_relevance(search_actors(published, text)).values_list("pk", "facet_text")


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
            if data.get(facet)
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
