"""Main navigation. An entry appears once its page exists, so no link leads to a 404."""

from functools import cache

from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

MAIN_NAVIGATION = [
    (_("Acteurs"), "actors:actor_list"),
    (_("Carte"), "actors:map"),
    (_("Maillage"), "actors:maillage"),
    (_("Dispositifs"), "actors:scheme_list"),
    (_("Glossaire"), "glossary:index"),
    (_("Expériences"), "experiences:index"),
    (_("Grille"), "grid:reference"),
]


@cache
def _available_entries() -> tuple[tuple[str, str], ...]:
    entries = []
    for label, url_name in MAIN_NAVIGATION:
        try:
            entries.append((label, reverse(url_name)))
        except NoReverseMatch:
            continue
    return tuple(entries)


def main_navigation(current_path: str) -> list[dict]:
    return [
        {"label": label, "url": url, "current": current_path.startswith(url)}
        for label, url in _available_entries()
    ]
