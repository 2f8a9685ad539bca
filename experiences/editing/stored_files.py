"""Files of the sheet's images and documents on disk, in step with the database: a file is
written only once the version check passed, and taken away again when the save fails; the
file of a deleted row goes once the deletion is committed."""

from contextlib import contextmanager
from dataclasses import replace

from django.core.files.base import ContentFile
from django.db import transaction

from mailleurs.rows import RowChange

FILE_FIELD = "file"


@contextmanager
def written_files(rows_by_kind: dict, models: dict):
    """`with written_files(data.rows, {"images": ExperienceImage, …}) as rows:` the files of
    new rows are written and `rows` name them; if the block fails they are removed."""
    written: list[tuple] = []
    try:
        yield {
            kind: tuple(_written(change, models[kind], written) for change in changes)
            if kind in models
            else changes
            for kind, changes in rows_by_kind.items()
        }
    except BaseException:
        for storage, name in written:
            storage.delete(name)
        raise


def _written(change: RowChange, model, written: list) -> RowChange:
    content = change.fields.get(FILE_FIELD)
    if change.id is not None or change.delete:
        # An existing row keeps its file: only its texts change.
        return replace(change, fields={k: v for k, v in change.fields.items() if k != FILE_FIELD})
    if not isinstance(content, ContentFile):
        return change
    file_field = model._meta.get_field(FILE_FIELD)
    name = file_field.storage.save(file_field.generate_filename(None, content.name), content)
    written.append((file_field.storage, name))
    fields = {**change.fields, FILE_FIELD: name}
    if any(f.name == "size" for f in model._meta.concrete_fields):
        fields["size"] = content.size
    return replace(change, fields=fields)


def remove_after_commit(rows, changes: tuple[RowChange, ...]) -> None:
    """Once the transaction is committed, remove the files of the rows `changes` deletes."""
    deleted = [change.id for change in changes if change.delete]
    for row in rows.filter(pk__in=deleted):
        if row.file:
            storage, name = row.file.storage, row.file.name
            transaction.on_commit(lambda storage=storage, name=name: storage.delete(name))
