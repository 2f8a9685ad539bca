"""The directory search as one object: the list page, the map data and the exports use it."""

import math
from dataclasses import dataclass, field

from django.http import QueryDict

from actors import policies
from actors.directory.facets import facet_counts, listed_counts, matching_total
from actors.directory.filters import ActorFilterSet, SortOrder
from actors.directory.page_cache import CachedResults, has_matches
from actors.directory.search import suggest
from actors.directory.word_matches import FacetedMatches, answerable, matches_for
from actors.models import Actor


@dataclass
class DirectorySearch:
    filterset: ActorFilterSet
    # The filtered, ordered queryset when it is not the filter set's own (see `actors`).
    chosen_actors: object = field(default=None, repr=False)
    query: str = ""
    suggestion: str | None = None
    showing_suggestion: bool = False
    errors: dict = field(default_factory=dict)
    # The search answered from its text's cached matches (`word_matches`), once worked out.
    faceted: FacetedMatches | None = field(default=None, repr=False)
    faceted_known: bool = field(default=False, repr=False)

    @property
    def actors(self):
        """The filtered, ordered queryset, built on first use: a directory page answered from
        its word's cached matches never reads it, and building it costs Django a few ms."""
        if self.chosen_actors is None:
            self.chosen_actors = self.filterset.qs
        return self.chosen_actors

    @property
    def is_valid(self) -> bool:
        return not self.errors

    @property
    def around(self):
        return self.filterset.form.cleaned_data.get("autour") if self.is_valid else None


def run_search(
    data: QueryDict,
    *,
    user,
    request=None,
    allow_suggestion: bool = True,
    published_only: bool = False,
    directory_page: bool = False,
):
    """The fiches `user` may see that match the filters; with `published_only`, the published
    ones alone, whoever asks (the open data, a spreadsheet without a « Statut » column).
    `directory_page`: the directory's page, which reads its word's cached matches anyway."""
    base = Actor.objects.published() if published_only else Actor.objects.visible_to(user)
    filterset = ActorFilterSet(data, queryset=base, request=request)
    if not filterset.is_valid():
        return DirectorySearch(
            filterset=filterset, chosen_actors=base.none(), errors=filterset.errors
        )
    query = (filterset.form.cleaned_data.get("q") or "").strip()
    search = DirectorySearch(filterset=filterset, query=query)
    visibility = "published" if published_only else policies.visibility_key(user)
    page = directory_page and not published_only
    if query and allow_suggestion and not _finds_any(search, data, visibility, user, request, page):
        search.suggestion = suggest(query)
        if search.suggestion:
            corrected = data.copy()
            corrected["q"] = search.suggestion
            retry = ActorFilterSet(corrected, queryset=base, request=request)
            if retry.is_valid() and retry.qs.exists():
                search.chosen_actors = retry.qs
                search.showing_suggestion = True
                search.faceted, search.faceted_known = None, True  # the word's own, not these
            else:
                # The known words come from every fiche: offer only what finds visible ones.
                search.suggestion = None
    return search


def _finds_any(search: DirectorySearch, data, visibility: str, user, request, page) -> bool:
    """Whether the search finds anything: for the directory's page, from its word's cached
    matches when they answer it (the page reads them next anyway), else asked to the database,
    once per generation."""
    if page and (faceted := faceted_matches(search, user=user, request=request)) is not None:
        return len(faceted) > 0
    return has_matches(search.actors, data, visibility)


def _searched_data(search: DirectorySearch, data: QueryDict) -> QueryDict:
    """The query string the results come from: with the suggested word when it is shown."""
    if not search.showing_suggestion:
        return data
    data = data.copy()
    data["q"] = search.suggestion
    return data


def faceted_matches(search: DirectorySearch, *, user, request=None) -> FacetedMatches | None:
    """The search answered from its text's cached matches, when only facets filter it."""
    if not search.faceted_known:
        search.faceted_known = True
        if search.is_valid and not search.showing_suggestion and answerable(search.filterset):
            matches = matches_for(
                search.query,
                base_queryset=Actor.objects.visible_to(user),
                request=request,
                visibility=policies.visibility_key(user),
            )
            if matches is not None:
                search.faceted = FacetedMatches(matches, search.filterset, user)
    return search.faceted


def facets_for(search: DirectorySearch, data: QueryDict, *, user, request=None, values=None):
    """{facet: [(value, count, selected)]}; `values`: `facets.facet_values()` if already read."""
    if not search.is_valid:
        return {}
    if (faceted := faceted_matches(search, user=user, request=request)) is not None:
        return listed_counts(faceted.facet_counts(), data, values)
    return facet_counts(
        ActorFilterSet,
        _searched_data(search, data),
        base_queryset=Actor.objects.visible_to(user),
        request=request,
        visibility=policies.visibility_key(user),
        values=values,
    )


def total_for(search: DirectorySearch, data: QueryDict, *, user, request=None) -> int | None:
    """The number of results, taken from the facet counts when they hold it (None: count)."""
    if not search.is_valid:
        return None
    if (faceted := faceted_matches(search, user=user, request=request)) is not None:
        return len(faceted)
    return matching_total(
        ActorFilterSet,
        _searched_data(search, data),
        base_queryset=Actor.objects.visible_to(user),
        request=request,
        visibility=policies.visibility_key(user),
    )


def results_for(search: DirectorySearch, data: QueryDict, *, user, total: int | None):
    """The ordered results as `paginate` reads them: each page's ids kept until the directory
    changes (see `page_cache`), or read from the text's cached matches (see `word_matches`)."""
    if (faceted := faceted_matches(search, user=user)) is not None:
        return faceted
    return CachedResults(
        search.actors, data=data, visibility=policies.visibility_key(user), total=total
    )


def with_distances(actors, search: DirectorySearch) -> list:
    """Page items with `distance_km` set when the search is around a commune."""
    items = list(actors)
    for actor in items:
        squared = getattr(actor, "distance_sq", None)
        actor.distance_km = math.sqrt(squared) if squared is not None else None
    return items


SORT_CHOICES = SortOrder.CHOICES
