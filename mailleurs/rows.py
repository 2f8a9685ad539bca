"""Lists of rows edited on one page (a fiche's contacts, its relations, its participations) as
plain data: the form side turns a formset into `RowChange`s, the service side writes them."""

from dataclasses import dataclass, field


@dataclass(frozen=True)
class RowChange:
    """One row of a list: new (`id` None), changed, or to delete."""

    id: int | None
    fields: dict = field(default_factory=dict)
    delete: bool = False


def row_changes(formset) -> tuple[RowChange, ...]:
    """The rows of a valid model formset that change, in the order typed: what `formset.save()`
    would write (deleted rows, changed rows, new non-empty rows)."""
    parent_key = formset.fk.name if hasattr(formset, "fk") else None  # set by the service
    changes = []
    for form in formset.forms:
        existing = form.instance.pk
        if formset.can_delete and formset._should_delete_form(form):
            if existing:
                changes.append(RowChange(id=existing, delete=True))
        elif form.has_changed():
            values = {
                name: form.cleaned_data[name] for name in form._meta.fields if name != parent_key
            }
            changes.append(RowChange(id=existing, fields=values))
    return tuple(changes)


def apply_row_changes(
    rows, changes: tuple[RowChange, ...], *, history_user=None, reason=None, **parent
) -> None:
    """Write `changes` to `rows` (the parent's rows, e.g. `actor.contacts.all()`); a row id
    outside them is refused by `get`, new rows get `parent` (e.g. `actor=actor`). With
    `history_user` (and `reason`), the rows' history credits that user, not the request's."""
    for change in changes:
        if change.id is None:
            row = rows.model(**parent, **change.fields)
            _sign(row, history_user, reason)
            row.save(force_insert=True)
            continue
        row = rows.get(pk=change.id)
        _sign(row, history_user, reason)
        if change.delete:
            row.delete()
            continue
        for name, value in change.fields.items():
            setattr(row, name, value)
        row.save()


def _sign(row, history_user, reason) -> None:
    if history_user is not None:
        row._history_user = history_user
    if reason:
        row._change_reason = reason
