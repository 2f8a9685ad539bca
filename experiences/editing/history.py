"""Readable history of a sheet: its versions (`mailleurs.history`) with the changes of its
actors involved and testimonies under the version they were saved with."""

from functools import partial

from experiences.editing.diff import row_version
from experiences.models import Experience, ExperienceActor, Testimony
from mailleurs.history import Version, rows_by_version, versions_of

# Book-keeping columns nobody edits by hand.
HIDDEN_FIELDS = {"version", "created_at", "created_by", "updated_by", "slug"}
# The lists of rows that keep a history, and what to read with them.
ROWS_WITH_HISTORY = {
    "involvements": (ExperienceActor, "actor"),
    "testimonies": (Testimony, "sphere"),
}


def _row_changes(experience: Experience, records: list) -> dict:
    grouped: dict = {}
    for kind, (model, related) in ROWS_WITH_HISTORY.items():
        row_records = (
            model.history.filter(experience_id=experience.pk)
            .select_related(related)
            .order_by("history_date", "history_id")
        )
        found = rows_by_version(
            records, row_records, owner_field="experience_id", owner_pk=experience.pk,
            describe=partial(row_version, kind),
        )  # fmt: skip
        for history_id, changes in found.items():
            grouped.setdefault(history_id, []).extend(changes)
    return grouped


def sheet_versions(experience: Experience) -> list[Version]:
    return versions_of(
        experience,
        hidden_fields=HIDDEN_FIELDS,
        row_changes=lambda records: _row_changes(experience, records),
    )
