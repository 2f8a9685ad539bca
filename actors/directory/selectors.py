"""What the home page reads: key figures and the latest fiches, kept until the directory
changes (counting every published fiche, commune and relation costs the database a third of a
second at 100,000 fiches)."""

from actors.cache import cached, generation_key
from actors.directory.page_cache import SHARED_SECONDS, fiches_for_cards
from actors.models import Actor, LocalScheme, PublicationStatus, Relation, Scheme


def _count_key_figures() -> dict[str, int]:
    published = Actor.objects.published()
    return {
        "actors": published.count(),
        "communes": published.values("commune").distinct().count(),
        "schemes": Scheme.objects.count(),
        "local_schemes": LocalScheme.objects.count(),
        "relations": Relation.objects.filter(
            source__status=PublicationStatus.PUBLISHED,
            target__status=PublicationStatus.PUBLISHED,
        ).count(),
    }


def key_figures() -> dict[str, int]:
    return cached(generation_key("key-figures"), _count_key_figures, seconds=SHARED_SECONDS)


def latest_actors(limit: int = 6) -> list[Actor]:
    def latest_ids():
        latest = Actor.objects.published().order_by("-updated_at", "-pk")[:limit]
        return [(pk, None) for pk in latest.values_list("pk", flat=True)]

    rows = cached(generation_key("latest", limit), latest_ids, seconds=SHARED_SECONDS)
    return fiches_for_cards(rows)
