"""What the relations and participations resources share."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from import_export.results import RowResult

from actors.spreadsheets.resources.base import SpreadsheetResource
from actors.spreadsheets.resources.references import ReferenceField


class LinkResource(SpreadsheetResource):
    """Relations and participations: a row is matched on its whole key (both ends and the
    kind or role); only the other columns can change."""

    KEY: tuple[str, ...] = ()

    class Meta:
        skip_unchanged = True
        skip_diff = True
        report_skipped = True
        use_transactions = True

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.seen: dict[tuple, int] = {}

    def get_instance(self, instance_loader, row):
        return None  # found in `import_instance`, once the key columns are read

    def import_field(self, field, instance, row, is_m2m=False, **kwargs):
        # An end of the link may be named by its identifier or by its name column alone.
        if isinstance(field, ReferenceField) or field.column_name in row:
            field.save(instance, row, is_m2m, **kwargs)

    def import_instance(self, instance, row, **kwargs):
        super().import_instance(instance, row, **kwargs)
        key = tuple(
            getattr(instance, f"{name}_id", None) or getattr(instance, name) for name in self.KEY
        )
        line = self.seen.setdefault(key, kwargs["row_number"])
        if line != kwargs["row_number"]:
            raise ValidationError(
                _("Même lien qu’à la ligne %(line)s : une seule ligne par lien.")
                % {"line": self.line_of(line)}
            )
        existing = self._meta.model.objects.filter(
            **{name: getattr(instance, name) for name in self.KEY}
        ).first()
        instance._import_changes = None
        self._last_changes = []
        if existing is not None:
            changes = [
                field.column_name
                for field in self.import_fields
                if field.attribute not in self.KEY
                and field.column_name in row
                and getattr(existing, field.attribute) != getattr(instance, field.attribute)
            ]
            instance.pk = existing.pk
            instance._state.adding = False
            instance._import_changes = self._last_changes = changes
            read = {f.attribute for f in self.import_fields if f.column_name in row}
            for field in self._meta.model._meta.concrete_fields:
                if field.name not in read and field.name not in self.KEY:
                    setattr(instance, field.attname, getattr(existing, field.attname))

    def after_import_row(self, row, row_result, **kwargs):
        row_result.changes = getattr(self, "_last_changes", [])
        if row_result.import_type == RowResult.IMPORT_TYPE_NEW and row_result.changes:
            row_result.import_type = RowResult.IMPORT_TYPE_UPDATE

    def skip_row(self, instance, original, row, import_validation_errors=None):
        if import_validation_errors:
            return False
        return instance._import_changes is not None and not instance._import_changes

    def validate_instance(self, instance, import_validation_errors=None, validate_unique=True):
        errors = dict(import_validation_errors or {})
        choice = self.KEY[-1]  # the nature of the link or the role: part of its key
        if choice not in errors and not getattr(instance, choice):
            errors[choice] = ValidationError(_("Cette colonne est obligatoire."))
        try:
            instance.full_clean(
                exclude=list(errors), validate_unique=False, validate_constraints=False
            )
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        if errors:
            raise ValidationError(errors)

    def do_instance_save(self, instance, is_create):
        instance._change_reason = self.reason
        instance._history_user = self.user
        instance.save(force_insert=instance._state.adding)
