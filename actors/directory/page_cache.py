"""The directory's result pages kept until the directory changes.

A broad search (« centre social », « culture ») matches thousands of fiches: ranking them costs
the database hundreds of milliseconds, and people ask the same first pages again and again. A
page's fiche ids (and distances) are kept under the directory's generation, so any write to the
directory retires them; the fiches themselves are read fresh for each view (a few rows by key).
A visitor's whole page is kept too (`visitor_page`): the same search asked again is one read.
"""

import zlib
from collections.abc import Callable, Sequence

from django.conf import settings
from django.contrib.messages import get_messages
from django.core.cache import cache
from django.http import HttpResponse
from django.utils.cache import patch_vary_headers
from django.utils.translation import get_language

from actors.cache import cached, digest, generation_key
from actors.models import Actor
from mailleurs.htmx import HTMX_HEADERS, wants_fragment

# Members also see their own fiches in review, and joining a structure does not move the
# generation: their pages are kept briefly. Visitors' and moderators' follow the generation only.
SHARED_VISIBILITIES = {"public", "moderation", "published"}
SHARED_SECONDS = 3600
PERSONAL_SECONDS = 120


def cache_seconds(visibility: str) -> int:
    return SHARED_SECONDS if visibility in SHARED_VISIBILITIES else PERSONAL_SECONDS


def query_digest(data, visibility: str, *, ignored=("page",)) -> str:
    """The search's parameters (order kept out, empty values dropped) and who is asking."""
    items = sorted(
        (key, value) for key in data if key not in ignored for value in data.getlist(key) if value
    )
    return digest(items, visibility)


def has_matches(queryset, data, visibility: str) -> bool:
    """Whether the search finds anything (to decide on a « vouliez-vous dire » suggestion)."""
    key = generation_key("any", query_digest(data, visibility))
    return cached(key, queryset.exists, seconds=cache_seconds(visibility))


def fiches_for_cards(rows: list[tuple[int, float | None]]) -> list[Actor]:
    """The fiches of (id, squared distance) rows, in that order, with what a card shows."""
    fiches = Actor.objects.for_cards().in_bulk([pk for pk, _distance in rows])
    page = []
    for pk, distance_sq in rows:
        if pk in fiches:
            fiches[pk].distance_sq = distance_sq
            page.append(fiches[pk])
    return page


class CachedResults(Sequence):
    """The ordered results of a search for `Paginator`: a slice is one page, whose ids are
    cached; its fiches are read with what a card shows. The total comes from elsewhere
    (the facet counts) or is counted once and kept like the pages."""

    def __init__(self, queryset, *, data, visibility: str, total: int | None):
        self.queryset = queryset
        self.key = query_digest(data, visibility)
        self.seconds = cache_seconds(visibility)
        if total is None:  # not in the facet counts (a type is ticked): counted once, kept
            total = cached(generation_key("count", self.key), queryset.count, seconds=self.seconds)
        self.total = total

    def __len__(self) -> int:
        return self.total

    def count(self) -> int:
        return self.total

    def __getitem__(self, bounds):
        if not isinstance(bounds, slice):
            raise TypeError("CachedResults is read one page (a slice) at a time.")
        key = generation_key("page", self.key, bounds.start, bounds.stop)
        rows = cached(key, lambda: self._page_rows(bounds), seconds=self.seconds)
        return fiches_for_cards(rows)

    def _page_rows(self, bounds: slice) -> list[tuple[int, float | None]]:
        page = self.queryset[bounds]
        if "distance_sq" in self.queryset.query.annotations:
            return list(page.values_list("pk", "distance_sq"))
        return [(pk, None) for pk in page.values_list("pk", flat=True)]


def visitor_page(request, build: Callable[[], HttpResponse]) -> HttpResponse:
    """The page `build` makes, kept for visitors until the directory changes: everyone who is
    not signed in sees the same page for the same address. Built afresh for signed-in people
    (their fiches in review, their name, the logout form's token) and for a request with a
    message to show; only a 200 is kept. `DIRECTORY_PAGE_SECONDS` = 0 turns it off."""
    seconds = settings.DIRECTORY_PAGE_SECONDS
    if not seconds or request.user.is_authenticated or get_messages(request):
        return build()
    page_or_fragment = "fragment" if wants_fragment(request) else "page"
    parts = (request.get_full_path(), page_or_fragment, get_language())
    key = generation_key("visitor-page", digest(*parts))
    kept = cache.get(key)
    if kept is not None:
        response = HttpResponse(zlib.decompress(kept))
        patch_vary_headers(response, HTMX_HEADERS)
        return response
    response = build()
    if response.status_code == 200:
        # Compressed: a page of results is about 60 KB of HTML, 8 KB once compressed.
        cache.set(key, zlib.compress(response.content, 1), seconds)
    return response
