"""Writes of the glossary. `load_glossary` takes the plain data of fixtures/glossary/terms.json
and can run again without duplicating anything nor adding a version when nothing changed."""

from django.db import transaction

from actors.cache import bump_generation
from actors.models import Scheme, Sphere
from glossary.models import Term, TermView


class GlossaryDataError(ValueError):
    """The glossary's data names something unknown (a sphere, a term)."""


def _fields_of(entry: dict) -> dict:
    return {
        "word": entry["word"],
        "acronym": entry.get("acronym", ""),
        "variants": "\n".join(entry.get("variants", [])),
        "definition": entry["definition"],
        "category": entry["category"],
        "sources": "\n".join(entry.get("sources", [])),
    }


def _save_term(entry: dict) -> tuple[Term, str]:
    values = _fields_of(entry)
    term = Term.objects.filter(slug=entry["slug"]).first()
    if term is None:
        return Term.objects.create(slug=entry["slug"], **values), "created"
    if all(getattr(term, name) == value for name, value in values.items()):
        return term, "unchanged"
    for name, value in values.items():
        setattr(term, name, value)
    term.version += 1
    term.save()
    return term, "updated"


def _save_views(term: Term, views: dict, spheres: dict) -> bool:
    """The term's sphere views as given; True when one was added or changed."""
    changed = False
    for sphere_slug, text in views.items():
        if sphere_slug not in spheres:
            raise GlossaryDataError(f"{term.slug} : sphère inconnue « {sphere_slug} »")
        view = TermView.objects.filter(term=term, sphere=spheres[sphere_slug]).first()
        if view is None:
            TermView.objects.create(term=term, sphere=spheres[sphere_slug], text=text)
            changed = True
        elif view.text != text:
            view.text = text
            view.save()
            changed = True
    return changed


def _set_if_different(manager, targets) -> bool:
    wanted = {target.pk for target in targets}
    if set(manager.values_list("pk", flat=True)) == wanted:
        return False
    manager.set(targets)
    return True


def _symmetric(entries: list[dict], key: str, terms: dict) -> dict[str, set[str]]:
    """Each term's links of kind `key`, both ways (« A ne pas confondre avec B » is also
    « B ne pas confondre avec A »), so that a second load finds nothing to change."""
    links: dict[str, set[str]] = {entry["slug"]: set() for entry in entries}
    for entry in entries:
        for other in entry.get(key, []):
            if other not in terms:
                raise GlossaryDataError(f"{entry['slug']} : terme inconnu « {other} »")
            links[entry["slug"]].add(other)
            links[other].add(entry["slug"])
    return links


def _link_terms(entries: list[dict], terms: dict, schemes: dict) -> set[str]:
    """Schemes, « voir aussi » and « ne pas confondre avec » as given; the slugs changed."""
    related = _symmetric(entries, "related", terms)
    confusions = _symmetric(entries, "not_to_confuse", terms)
    changed = set()
    for entry in entries:
        term = terms[entry["slug"]]
        linked = [schemes[slug] for slug in entry.get("schemes", []) if slug in schemes]
        changes = [
            _set_if_different(term.schemes, linked),
            _set_if_different(term.related, [terms[s] for s in related[term.slug]]),
            _set_if_different(term.not_to_confuse, [terms[s] for s in confusions[term.slug]]),
        ]
        if any(changes):
            changed.add(term.slug)
    return changed


@transaction.atomic
def load_glossary(data: dict) -> dict:
    """Create or update every term of `data["terms"]`; counts of created, updated, unchanged.
    Schemes the directory does not have are skipped (the glossary does not need them)."""
    spheres = {sphere.slug: sphere for sphere in Sphere.objects.all()}
    schemes = {scheme.slug: scheme for scheme in Scheme.objects.all()}
    terms, states = {}, {}
    for entry in data["terms"]:
        term, state = _save_term(entry)
        terms[term.slug] = term
        states[term.slug] = state
        if _save_views(term, entry.get("views", {}), spheres) and state == "unchanged":
            states[term.slug] = "updated"
    for slug in _link_terms(data["terms"], terms, schemes):
        if states[slug] == "unchanged":
            states[slug] = "updated"
    bump_generation()
    counts = {"created": 0, "updated": 0, "unchanged": 0}
    for state in states.values():
        counts[state] += 1
    return {"termes": counts}
