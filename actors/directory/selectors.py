"""What the home page reads: key figures and the latest fiches."""

from actors.models import Actor, LocalScheme, PublicationStatus, Relation, Scheme


def key_figures() -> dict[str, int]:
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


def latest_actors(limit: int = 6):
    return Actor.objects.published().for_cards().order_by("-updated_at", "-pk")[:limit]
