"""Loading the experience sheets of fixtures/experiences/sheets.json.

Each sheet is matched by its slug: a new slug creates a sheet, a known one is brought back to
what the file says; a sheet the file leaves as it is gets no new version and no history row, so
the loader runs again without duplicating anything. The file is read and checked first
(`experiences.loader_references`); sheets are published; images and PDF documents are not in
the file and are left as they are.
"""

from django.db import transaction

from actors.cache import bump_generation
from experiences.loader_references import (
    LINKS,
    ExperienceDataError,
    LoadResult,
    SheetData,
    resolve_all,
)
from experiences.models import Experience, ExperienceActor, ExperienceLink, Testimony

__all__ = ["ExperienceDataError", "LoadResult", "load_experiences"]


def _rows_in_order(rows_now: list, wanted: list[dict], *, make, values_of) -> bool:
    """Bring the existing rows (matched by order) to `wanted`: update, create the missing ones,
    delete the extra ones. True when something changed."""
    changed = False
    for index, values in enumerate(wanted):
        row = rows_now[index] if index < len(rows_now) else None
        if row is None:
            make(**values).save()
            changed = True
        elif values_of(row) != values:
            for name, value in values.items():
                setattr(row, name, value)
            row.save()
            changed = True
    for row in rows_now[len(wanted) :]:
        row.delete()
        changed = True
    return changed


def _write_involvements(experience: Experience, wanted: list[dict]) -> bool:
    existing = {row.actor_id: row for row in experience.involvements.select_related("actor")}
    changed = False
    for values in wanted:
        row = existing.pop(values["actor"].pk, None)
        if row is None:
            ExperienceActor.objects.create(experience=experience, **values)
            changed = True
            continue
        current = {
            "actor": row.actor,
            "role": row.role,
            "phases": row.phases,
            "note": row.note,
            "position": row.position,
        }
        if current != values:
            for name, value in values.items():
                setattr(row, name, value)
            row.save()
            changed = True
    for row in existing.values():
        row.delete()
        changed = True
    return changed


def _write_testimonies(experience: Experience, wanted: list[dict]) -> bool:
    names = ["quote", "speaker_role", "sphere", "speaker_name", "name_consent", "position"]
    return _rows_in_order(
        list(experience.testimonies.select_related("sphere")),
        wanted,
        make=lambda **values: Testimony(experience=experience, **values),
        values_of=lambda row: {name: getattr(row, name) for name in names},
    )


def _write_web_links(experience: Experience, wanted: list[dict]) -> bool:
    names = ["url", "title", "is_video", "position"]
    return _rows_in_order(
        list(experience.links.all()),
        wanted,
        make=lambda **values: ExperienceLink(experience=experience, **values),
        values_of=lambda row: {name: getattr(row, name) for name in names},
    )


def _set_links(experience: Experience, links: dict) -> bool:
    changed = False
    for name in LINKS:
        manager = getattr(experience, name)
        wanted = {item.pk for item in links[name]}
        if set(manager.values_list("pk", flat=True)) != wanted:
            manager.set(links[name])
            changed = True
    return changed


def _save_sheet(sheet: SheetData) -> str:
    """Write one sheet; "created", "updated" or "unchanged". The sheet's history gets one
    row, links included, and only when something changed."""
    experience = Experience.objects.filter(slug=sheet.slug).first()
    created = experience is None
    if created:
        experience = Experience(slug=sheet.slug)
    fields_changed = created or any(
        getattr(experience, name) != value for name, value in sheet.fields.items()
    )
    for name, value in sheet.fields.items():
        setattr(experience, name, value)
    experience.skip_history_when_saving = True
    try:
        if created:
            experience.save()
        links_changed = _set_links(experience, sheet.links)
    finally:
        del experience.skip_history_when_saving
    rows_changed = [
        _write_involvements(experience, sheet.involvements),
        _write_testimonies(experience, sheet.testimonies),
        _write_web_links(experience, sheet.web_links),
    ]
    if not (fields_changed or links_changed or any(rows_changed)):
        return "unchanged"
    if not created:
        experience.version += 1
    experience.save()
    return "created" if created else "updated"


@transaction.atomic
def load_experiences(data: dict) -> LoadResult:
    """Create or update every sheet of `data["sheets"]`, published; nothing is written when a
    sheet names something unknown (`ExperienceDataError`)."""
    sheets, warnings = resolve_all(data)
    result = LoadResult(warnings=warnings)
    for sheet in sheets:
        outcome = _save_sheet(sheet)
        setattr(result, outcome, getattr(result, outcome) + 1)
    if result.created or result.updated:
        bump_generation()
    return result
