"""Readable history of a fiche: who changed what, when, with old and new values (its
contacts' too). The reading of versions is `mailleurs.history`."""

from actors.fiches.diff import contact_version
from actors.models import Actor, Contact
from mailleurs.history import Version, rows_by_version, versions_of

# Book-keeping columns nobody edits by hand.
HIDDEN_FIELDS = {"version", "created_at", "created_by", "updated_by", "location_source"}


def _contact_changes(actor: Actor, records: list) -> dict:
    ever_here = Contact.history.filter(actor_id=actor.pk).values("id")
    contact_records = (
        Contact.history.filter(id__in=ever_here)
        .select_related("profession")
        .order_by("history_date", "history_id")
    )
    return rows_by_version(
        records, contact_records, owner_field="actor_id", owner_pk=actor.pk,
        describe=contact_version,
    )  # fmt: skip


def actor_versions(actor: Actor) -> list[Version]:
    return versions_of(
        actor,
        hidden_fields=HIDDEN_FIELDS,
        row_changes=lambda records: _contact_changes(actor, records),
    )
