"""Why each fiche of a directory page matched: « Mobilité (thème), « transport » dans les
missions ». Computed for the displayed page only, from each fiche's `facet_keys` and the
vocabularies the facets already read: no query per link table."""

from functools import lru_cache

from django.utils.translation import gettext_lazy as _

from actors.directory.facets import facet_values, filed_under
from actors.directory.folding import spaced_words
from actors.directory.search import typed_terms, word_pattern

# The actor's own texts, in the order they are looked at.
TEXT_PLACES = {
    "name": _("dans le nom"),
    "acronym": _("dans le sigle"),
    "pitch": _("dans la présentation"),
    "missions": _("dans les missions"),
    "description": _("dans la description"),
}
FACET_KINDS = {
    "type": _("type"),
    "sphere": _("sphère"),
    "theme": _("thème"),
    "competence": _("compétence"),
    "dispositif": _("dispositif"),
}


def _linked_values(actor, values: dict[str, list]) -> list[tuple[str, object]]:
    """(facet, value) for what the actor is filed under, in the facets' order (schemes by
    name); values have a slug and a name."""
    filed = filed_under(actor, values)
    filed["dispositif"].sort(key=lambda scheme: scheme.name)
    return [(facet, value) for facet in FACET_KINDS for value in filed[facet]]


def typed_words(query: str) -> dict[str, str]:
    """{`word_pattern`: the term as typed} for the query's required terms."""
    patterns = ((word_pattern(term), term) for negated, term in typed_terms(query) if not negated)
    return {pattern: term for pattern, term in patterns if pattern}


def reasons_for(
    actor, *, typed: dict[str, str], selected: dict[str, list[str]], values: dict[str, list]
) -> list[str]:
    """What in `actor` the typed words ({`word_pattern`: as typed}) and ticked values met."""
    reasons, patterns = [], list(typed)
    for facet, value in _linked_values(actor, values):
        words = _name_words(value.name)
        if value.slug in selected.get(facet, ()) or any(p in words for p in patterns):
            reasons.append(f"{value.name} ({FACET_KINDS[facet]})")
    texts = _FoldedTexts(actor)
    for pattern in patterns:
        place = next(
            (label for field, label in TEXT_PLACES.items() if pattern in texts[field]), None
        )
        if place:
            reasons.append(f"« {typed.get(pattern, pattern.strip())} » {place}")
    return list(dict.fromkeys(reasons))


@lru_cache(maxsize=4096)
def _name_words(name: str) -> str:
    """A vocabulary name's folded words: the same few hundred names come back on every page."""
    return spaced_words(name)


class _FoldedTexts(dict):
    """The actor's texts folded on first use, once whatever the number of typed words."""

    def __init__(self, actor):
        super().__init__()
        self.actor = actor

    def __missing__(self, field: str) -> str:
        self[field] = spaced_words(getattr(self.actor, field))
        return self[field]


def add_match_reasons(
    items: list, *, query: str, selected: dict[str, list[str]], values=None
) -> None:
    """Set `match_reasons` on the page's actors; `values`: `facets.facet_values()` if read."""
    typed = typed_words(query)
    for actor in items:
        actor.match_reasons = []
    if not items or not (typed or any(selected.values())):
        return
    values = values or facet_values()
    for actor in items:
        actor.match_reasons = reasons_for(actor, typed=typed, selected=selected, values=values)
