"""A search of the sheets as one object: the list page, the exports and the open data use it."""

from dataclasses import dataclass, field

from django.http import QueryDict

from experiences.models import Experience
from experiences.reading.filters import ExperienceFilterSet


@dataclass
class SheetSearch:
    filterset: ExperienceFilterSet
    sheets: object  # the filtered, ordered queryset
    query: str = ""
    errors: dict = field(default_factory=dict)

    @property
    def is_valid(self) -> bool:
        return not self.errors

    @property
    def error_lines(self) -> list[str]:
        """« Filter : message » for each refused filter, in French."""
        form = self.filterset.form
        return [
            f"{form[name].label} : {' '.join(messages)}" for name, messages in self.errors.items()
        ]


def run_search(data: QueryDict, *, user, published_only: bool = False) -> SheetSearch:
    """The sheets `user` may see that match the filters; with `published_only`, the published
    ones alone, whoever asks (the open data)."""
    base = Experience.objects.published() if published_only else Experience.objects.visible_to(user)
    filterset = ExperienceFilterSet(data, queryset=base)
    if not filterset.is_valid():
        return SheetSearch(filterset=filterset, sheets=base.none(), errors=filterset.errors)
    query = (filterset.form.cleaned_data.get("q") or "").strip()
    return SheetSearch(filterset=filterset, sheets=filterset.qs, query=query)
