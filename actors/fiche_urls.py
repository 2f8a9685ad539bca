"""A fiche's address without a `reverse` per fiche: a page lists dozens of fiches (directory
cards, a fiche's neighbours and relations, the maillage's thousands of nodes), and each
`reverse` cost about 40 µs. The address is reversed once with a mark in place of the slug,
then the mark replaced."""

import re

from django.conf import settings
from django.urls import get_script_prefix, get_urlconf, reverse

_SLUG_MARK = "slug-of-the-fiche"
# What the `slug` path converter accepts, and `reverse` writes unchanged.
_PLAIN_SLUG = re.compile(r"[-a-zA-Z0-9_]+")
_patterns: dict[tuple[str, str], str] = {}


def fiche_url(slug: str) -> str:
    if not _PLAIN_SLUG.fullmatch(slug or ""):
        return reverse("actors:actor_detail", kwargs={"slug": slug})  # its own error, as ever
    where = (get_script_prefix(), str(get_urlconf() or settings.ROOT_URLCONF))
    pattern = _patterns.get(where)
    if pattern is None:
        pattern = _patterns[where] = reverse("actors:actor_detail", kwargs={"slug": _SLUG_MARK})
    return pattern.replace(_SLUG_MARK, slug)
