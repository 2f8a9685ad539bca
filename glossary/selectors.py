"""Reads of the glossary: one function per page need."""

from dataclasses import dataclass, field
from itertools import groupby

from django.db.models import Prefetch, Q

from actors.models import Scheme, Sphere
from glossary.matching import folded_words
from glossary.models import Term, TermView


@dataclass
class Letter:
    letter: str
    terms: list = field(default_factory=list)


def letter_of(term: Term) -> str:
    first = term.sort_word[:1].upper()  # « Œuvre » under O, as it sorts
    return first if first.isalpha() else "#"


def search_terms(*, query: str = "", sphere: Sphere | None = None, category: str = ""):
    """The terms whose word, acronym or variants hold every word typed (accents, case and
    plurals aside), that a sphere has a view on, of a category."""
    terms = Term.objects.all()
    for word in folded_words(query):
        terms = terms.filter(Q(search_text__contains=f" {word}"))
    if sphere is not None:
        terms = terms.filter(views__sphere=sphere)
    if category:
        terms = terms.filter(category=category)
    return terms.order_by("sort_word", "pk").distinct()


def index_letters(terms) -> list[Letter]:
    """The terms under their first letter (accents aside), A to Z."""
    ordered = sorted(terms, key=lambda term: (term.sort_word, term.pk))
    return [Letter(letter, list(group)) for letter, group in groupby(ordered, key=letter_of)]


def term_detail(*, slug: str) -> Term | None:
    views = TermView.objects.select_related("sphere")
    return (
        Term.objects.prefetch_related(
            Prefetch("views", queryset=views),
            Prefetch("schemes", queryset=Scheme.objects.order_by("position", "name")),
            Prefetch("related", queryset=Term.objects.order_by("sort_word", "pk")),
            Prefetch("not_to_confuse", queryset=Term.objects.order_by("sort_word", "pk")),
        )
        .filter(slug=slug)
        .first()
    )


def printable_terms(*, sphere: Sphere | None = None) -> list[Term]:
    """The whole glossary, or the terms one sphere has a view on, with only that view."""
    views = TermView.objects.select_related("sphere")
    terms = Term.objects.order_by("sort_word", "pk")
    if sphere is not None:
        terms = terms.filter(views__sphere=sphere)
        views = views.filter(sphere=sphere)
    return list(
        terms.prefetch_related(
            Prefetch("views", queryset=views),
            Prefetch("not_to_confuse", queryset=Term.objects.order_by("sort_word", "pk")),
        ).distinct()
    )


def open_data_terms() -> list[Term]:
    return list(
        Term.objects.order_by("sort_word", "pk").prefetch_related(
            Prefetch("views", queryset=TermView.objects.select_related("sphere")),
            "schemes",
            "related",
            "not_to_confuse",
        )
    )


def spheres_with_views():
    return Sphere.objects.filter(pk__in=TermView.objects.values("sphere")).order_by(
        "position", "name"
    )
