"""Writes of the glossary. `load_glossary` takes the plain data of fixtures/glossary/terms.json
(see `glossary.entries`) and can run again without duplicating anything nor adding a version
when nothing changed; the spreadsheet import writes through it too, in the importer's name."""

from django.db import transaction

from actors.cache import bump_generation
from actors.models import Scheme, Sphere
from actors.spreadsheets.import_history import record_versions
from glossary.entries import clean_text, entry_fields
from glossary.models import Term, TermView
from mailleurs.versioning import stamp


class GlossaryDataError(ValueError):
    """The glossary's data names something unknown (a sphere, a term)."""


def _save_term(entry: dict, user) -> tuple[Term, str]:
    """The term's own fields. A new term is saved (its views and links need it), a changed one
    only once its views and links are written too: see `_record_versions`."""
    values = entry_fields(entry)
    term = Term.objects.filter(slug=entry["slug"]).first()
    if term is None:
        term = Term(slug=entry["slug"], updated_by=user, **values)
        term.skip_history_when_saving = True
        term.save()
        return term, "created"
    term.skip_history_when_saving = True
    if entry_fields(_stored_fields(term)) == values:
        return term, "unchanged"
    for name, value in values.items():
        setattr(term, name, value)
    return term, "updated"


def _stored_fields(term: Term) -> dict:
    names = ("word", "acronym", "variants", "definition", "category", "sources")
    return {name: getattr(term, name) for name in names}


def _signed(row, user, reason):
    if user is not None:
        row._history_user = user
    if reason:
        row._change_reason = reason
    return row


def _save_views(term: Term, views: dict, spheres: dict, *, user=None, reason=None) -> bool:
    """The term's sphere views as given (an empty text removes the sphere's view; a sphere
    not named keeps its own); True when one was added, changed or removed."""
    changed = False
    for sphere_slug, given in views.items():
        if sphere_slug not in spheres:
            raise GlossaryDataError(f"{term.slug} : sphère inconnue « {sphere_slug} »")
        text, sphere = clean_text(given), spheres[sphere_slug]
        view = TermView.objects.filter(term=term, sphere=sphere).first()
        if view is None and text:
            _signed(TermView(term=term, sphere=sphere, text=text), user, reason).save()
        elif view is not None and not text:
            _signed(view, user, reason).delete()
        elif view is not None and clean_text(view.text) != text:
            view.text = text
            _signed(view, user, reason).save()
        else:
            continue
        changed = True
    return changed


def _set_if_different(manager, targets) -> bool:
    wanted = {target.pk for target in targets}
    if set(manager.values_list("pk", flat=True)) == wanted:
        return False
    manager.set(targets)
    return True


def symmetric_links(entries: list[dict], key: str) -> dict[str, set[str]]:
    """Each entry's links of kind `key`, both ways (« A ne pas confondre avec B » is also
    « B ne pas confondre avec A »), so that a second load finds nothing to change. A term not
    among the entries gets its link from the entry that names it (the relation is symmetrical)."""
    links: dict[str, set[str]] = {entry["slug"]: set() for entry in entries}
    for entry in entries:
        for other in entry.get(key, []):
            links[entry["slug"]].add(other)
            if other in links:
                links[other].add(entry["slug"])
    return links


def _linkable_terms(entries: list[dict], terms: dict) -> dict:
    """The entries' terms and the stored ones their links name; an unknown slug is refused."""
    named = {other for entry in entries for key in ("related", "not_to_confuse")
             for other in entry.get(key, [])}  # fmt: skip
    found = {term.slug: term for term in Term.objects.filter(slug__in=named - set(terms))}
    linkable = {**found, **terms}
    for entry in entries:
        for key in ("related", "not_to_confuse"):
            for other in entry.get(key, []):
                if other not in linkable:
                    raise GlossaryDataError(f"{entry['slug']} : terme inconnu « {other} »")
    return linkable


def _link_terms(entries: list[dict], terms: dict, schemes: dict) -> set[str]:
    """Schemes, « voir aussi » and « ne pas confondre avec » as given; the slugs changed."""
    linkable = _linkable_terms(entries, terms)
    related = symmetric_links(entries, "related")
    confusions = symmetric_links(entries, "not_to_confuse")
    changed = set()
    for entry in entries:
        term = terms[entry["slug"]]
        linked = [schemes[slug] for slug in entry.get("schemes", []) if slug in schemes]
        changes = [
            _set_if_different(term.schemes, linked),
            _set_if_different(term.related, [linkable[s] for s in related[term.slug]]),
            _set_if_different(term.not_to_confuse, [linkable[s] for s in confusions[term.slug]]),
        ]
        if any(changes):
            changed.add(term.slug)
    return changed


def _record_versions(terms: dict, states: dict, *, user, reason) -> None:
    """One version per created or changed term, links included, in `user`'s name; a changed
    term's version number moves on by one (`mailleurs.versioning.stamp`)."""
    created, updated = [], []
    for slug, term in terms.items():
        if states[slug] == "updated":
            stamp(term, user=user, reason=reason)
            term.save()  # still without history: recorded below, with its links
            updated.append(term)
        elif states[slug] == "created":
            created.append(term)
        del term.skip_history_when_saving
    record_versions(Term, created, update=False, user=user, reason=reason or "")
    record_versions(Term, updated, update=True, user=user, reason=reason or "")


@transaction.atomic
def load_glossary(data: dict, *, user=None, reason: str | None = None) -> dict:
    """Create or update every term of `data["terms"]`; counts of created, updated, unchanged.
    Schemes the directory does not have are skipped (the glossary does not need them). Links
    may name stored terms that `data` leaves out. With `user` (and `reason`), the history
    credits that user with every term and view it writes."""
    spheres = {sphere.slug: sphere for sphere in Sphere.objects.all()}
    schemes = {scheme.slug: scheme for scheme in Scheme.objects.all()}
    terms, states = {}, {}
    for entry in data["terms"]:
        term, state = _save_term(entry, user)
        terms[term.slug] = term
        states[term.slug] = state
        views_changed = _save_views(term, entry.get("views", {}), spheres, user=user, reason=reason)
        if views_changed and state == "unchanged":
            states[term.slug] = "updated"
    for slug in _link_terms(data["terms"], terms, schemes):
        if states[slug] == "unchanged":
            states[slug] = "updated"
    _record_versions(terms, states, user=user, reason=reason)
    bump_generation()
    counts = {"created": 0, "updated": 0, "unchanged": 0}
    for state in states.values():
        counts[state] += 1
    return {"termes": counts}
