"""What the forms of the site share: one-line text boxes refuse control characters, lists of
ids refuse ids no database row can have.

A line break typed (or pasted, or posted by hand) in a name ends up in e-mail subjects, page
titles and exports; a form refuses it with a French message instead."""

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from mailleurs.text import CONTROL_CHARACTERS


def validate_single_line(value) -> None:
    """Refuse line breaks, tabs and the other control characters (Unicode Cc, and the line and
    paragraph separators)."""
    if isinstance(value, str) and CONTROL_CHARACTERS.search(value):
        raise ValidationError(
            _(
                "Ce champ tient sur une ligne : retirez les retours à la ligne, tabulations "
                "et autres caractères de contrôle."
            ),
            code="control_characters",
        )


def is_single_line(field: forms.Field) -> bool:
    """A text field typed in a one-line box (text, e-mail, address, phone…)."""
    return isinstance(field, forms.CharField) and not isinstance(
        field.widget, forms.Textarea | forms.HiddenInput
    )


class SingleLineMixin:
    """Every one-line text field of the form gets `validate_single_line` (each form instance
    has its own copy of its fields, so the class is left as it is)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if is_single_line(field) and validate_single_line not in field.validators:
                field.validators.append(validate_single_line)


class SingleLineModelForm(SingleLineMixin, forms.ModelForm):
    """A model form whose one-line text fields refuse control characters."""


# The range of the integer primary keys (PostgreSQL's bigint, SQLite's INTEGER).
LARGEST_ID = 2**63 - 1


class ModelIdsField(forms.ModelMultipleChoiceField):
    """Django's field for a list of rows, refusing an id too large for the database as any
    unknown id: Django lets it through to a `pk__in` query, where SQLite fails (OverflowError)
    instead of finding nothing."""

    def _check_values(self, value):
        key = self.to_field_name or "pk"
        meta = self.queryset.model._meta
        target = meta.pk if key == "pk" else meta.get_field(key)
        if isinstance(target, models.IntegerField):
            for item in value:
                try:
                    number = int(str(item).strip())
                except ValueError:
                    continue  # Django's own check says it is not an id
                if abs(number) > LARGEST_ID:
                    raise ValidationError(
                        self.error_messages["invalid_pk_value"],
                        code="invalid_pk_value",
                        params={"pk": item},
                    )
        return super()._check_values(value)
