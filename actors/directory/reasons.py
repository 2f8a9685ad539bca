"""Why each fiche of a directory page matched: « Mobilité (thème), « transport » dans les
missions ». Computed for the displayed page only: a few queries, whatever the match count."""

from django.db.models import Prefetch, prefetch_related_objects
from django.utils.translation import gettext_lazy as _

from actors.directory.folding import spaced_words
from actors.directory.search import typed_terms, word_pattern
from actors.models import Participation

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


def _linked_values(actor) -> list[tuple[str, object]]:
    """(facet, value) for what the actor is linked to; values have a slug and a name."""
    values = [("type", actor.actor_type)]
    values += [("sphere", sphere) for sphere in actor.spheres.all()]
    values += [("theme", theme) for theme in actor.themes.all()]
    values += [("competence", competence) for competence in actor.competences.all()]
    schemes = {p.local_scheme.scheme for p in actor.scheme_participations}
    values += [("dispositif", scheme) for scheme in sorted(schemes, key=lambda s: s.name)]
    return values


def typed_words(query: str) -> dict[str, str]:
    """{`word_pattern`: the term as typed} for the query's required terms."""
    patterns = ((word_pattern(term), term) for negated, term in typed_terms(query) if not negated)
    return {pattern: term for pattern, term in patterns if pattern}


def reasons_for(actor, *, typed: dict[str, str], selected: dict[str, list[str]]) -> list[str]:
    """What in `actor` the typed words ({`word_pattern`: as typed}) and ticked values met."""
    reasons, patterns = [], list(typed)
    for facet, value in _linked_values(actor):
        words = spaced_words(value.name)
        if value.slug in selected.get(facet, ()) or any(p in words for p in patterns):
            reasons.append(f"{value.name} ({FACET_KINDS[facet]})")
    for pattern in patterns:
        place = next(
            (label for field, label in TEXT_PLACES.items()
             if pattern in spaced_words(getattr(actor, field))),
            None,
        )  # fmt: skip
        if place:
            reasons.append(f"« {typed.get(pattern, pattern.strip())} » {place}")
    return list(dict.fromkeys(reasons))


def add_match_reasons(items: list, *, query: str, selected: dict[str, list[str]]) -> None:
    """Set `match_reasons` on the page's actors (their links fetched for these rows only)."""
    typed = typed_words(query)
    for actor in items:
        actor.match_reasons = []
    if not items or not (typed or any(selected.values())):
        return
    prefetch_related_objects(
        items,
        "spheres",
        "themes",
        "competences",
        Prefetch(
            "participations",
            Participation.objects.select_related("local_scheme__scheme"),
            to_attr="scheme_participations",
        ),
    )
    for actor in items:
        actor.match_reasons = reasons_for(actor, typed=typed, selected=selected)
