"""Keeps `Experience.search_text` in step with the sheet and what it links to.

The column holds the sheet's words folded (accents, case and plural marks dropped, as the
glossary does) in three sections, the weightiest first, split by markers no folded word
contains:

    " <title> | <summary, themes, territory> # <the story, actors, schemes> "

so one `contains` finds a word on SQLite and PostgreSQL alike, and the position of its first
occurrence tells the weightiest section holding it (see `search.py`).
"""

from collections.abc import Iterable

from django.db import transaction
from django.db.models import Prefetch

from experiences.models import Experience, ExperienceActor
from glossary.matching import folded_words

TITLE_END = "|"
SUMMARY_END = "#"
BATCH_SIZE = 200


def _words(*texts: str) -> str:
    return " ".join(word for text in texts for word in folded_words(text or ""))


def search_text_of(experience: Experience) -> str:
    """Expects themes, schemes, local schemes and involvements' actors prefetched."""
    middle = _words(
        experience.summary,
        *(theme.name for theme in experience.themes.all()),
        experience.territory.name,
    )
    story = _words(
        experience.need, experience.steps, experience.results, experience.levers,
        experience.blockers, experience.conditions, experience.cost, experience.funding,
        *(f"{i.actor.name} {i.actor.acronym}" for i in experience.involvements.all()),
        *(f"{scheme.name} {scheme.acronym}" for scheme in experience.schemes.all()),
        *(local.name for local in experience.local_schemes.all()),
    )  # fmt: skip
    return f" {_words(experience.title)} {TITLE_END} {middle} {SUMMARY_END} {story} "


def refresh_search_text(experience_ids: Iterable[int]) -> int:
    """Recompute the column for these sheets; returns how many changed."""
    ids = sorted(set(experience_ids))
    changed = 0
    for start in range(0, len(ids), BATCH_SIZE):
        batch = (
            Experience.objects.filter(pk__in=ids[start : start + BATCH_SIZE])
            .select_related("territory")
            .prefetch_related(
                "themes",
                "schemes",
                "local_schemes",
                Prefetch("involvements", ExperienceActor.objects.select_related("actor")),
            )
        )
        stale = []
        for experience in batch:
            text = search_text_of(experience)
            if text != experience.search_text:
                experience.search_text = text
                stale.append(experience)
        with transaction.atomic():
            Experience.objects.bulk_update(stale, ["search_text"])
        changed += len(stale)
    return changed


def refresh_all() -> int:
    """Every sheet: after a load that bypassed the signals (fixtures are saved « raw »)."""
    return refresh_search_text(Experience.objects.values_list("pk", flat=True))
