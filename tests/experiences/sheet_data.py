"""POST data of the sheet form (experiences:create, experiences:edit) as a browser sends it:
the sheet's fields and its five lists of rows, with their management forms."""

PREFIXES = ("acteurs", "temoignages", "liens", "images", "documents")


def _rows(prefix: str, rows) -> dict:
    data = {
        f"{prefix}-TOTAL_FORMS": str(len(rows)),
        f"{prefix}-INITIAL_FORMS": "0",
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "30",
    }
    for index, row in enumerate(rows):
        data.update({f"{prefix}-{index}-{name}": value for name, value in row.items()})
    return data


def sheet_post(place, *, actors=(), testimonies=(), links=(), images=(), documents=(),
               **fields) -> dict:  # fmt: skip
    """A new sheet on `place` (a territory), valid as it is; `actors` are (actor, role,
    phases), the other lists dicts of fields; `fields` replace or add fields."""
    data = {
        "title": "Un lieu de répit pour les aidants",
        "summary": "Des habitants, un centre social et la CAF ouvrent un lieu de répit.",
        "territory": f"{place.name} ({place.key})",
        "started_on": "2024-09-01",
        "ended_on": "",
        "cooperation_mode": "action-commune",
        "need": "Les aidants s’épuisent.",
        "steps": "Un diagnostic partagé, puis un lieu ouvert deux après-midi par semaine.",
        "results": "",
        "levers": "Un élu référent qui suit le projet",
        "blockers": "Pas de local adapté au début",
        "conditions": "",
        "cost": "",
        "funding": "",
        "contact_actor": "",
    }
    rows = [
        {"actor": f"{actor.name} ({actor.slug})", "role": role, "phases": list(phases),
         "note": ""}
        for actor, role, phases in actors
    ]  # fmt: skip
    for prefix, given in zip(PREFIXES, (rows, testimonies, links, images, documents), strict=True):
        data.update(_rows(prefix, list(given)))
    data.update(fields)
    return data
