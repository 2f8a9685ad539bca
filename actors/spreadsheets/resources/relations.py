"""The relations resource: a row per link between two actors."""

from functools import partial

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from actors.models import Relation
from actors.spreadsheets import cells as w
from actors.spreadsheets.columns import RELATIONS
from actors.spreadsheets.resources.base import column_field
from actors.spreadsheets.resources.links import LinkResource
from actors.spreadsheets.resources.references import actor_reference

column = partial(column_field, RELATIONS)


class RelationResource(LinkResource):
    sheet = RELATIONS
    KEY = ("source", "target", "kind")

    source = actor_reference(RELATIONS, "source", "source_name", label=gettext_lazy("l’acteur"))
    kind = column("kind", widget=w.ChoiceWidget(Relation.Kind.choices))
    target = actor_reference(RELATIONS, "target", "target_name", label=gettext_lazy("l’acteur lié"))
    since = column("since", widget=w.YearWidget())
    note = column("note", widget=w.TextWidget(300))

    class Meta(LinkResource.Meta):
        model = Relation
        fields = ("source", "kind", "target", "since", "note")

    def validate_instance(self, instance, import_validation_errors=None, validate_unique=True):
        errors = dict(import_validation_errors or {})
        if not errors and instance.source_id == instance.target_id:
            errors["target"] = ValidationError(
                _("Une structure ne peut pas être liée à elle-même.")
            )
        super().validate_instance(instance, errors or None, validate_unique)
