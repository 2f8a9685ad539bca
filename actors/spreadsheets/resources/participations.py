"""The participations resource: a row per actor taking part in a local scheme, with its role."""

from functools import partial

from django.utils.translation import gettext_lazy

from actors.models import Participation
from actors.spreadsheets import cells as w
from actors.spreadsheets.columns import PARTICIPATIONS
from actors.spreadsheets.resources.base import column_field
from actors.spreadsheets.resources.links import LinkResource
from actors.spreadsheets.resources.references import (
    actor_reference,
    local_scheme_by_reference,
    reference,
)

column = partial(column_field, PARTICIPATIONS)


class ParticipationResource(LinkResource):
    sheet = PARTICIPATIONS
    KEY = ("local_scheme", "actor", "role")

    local_scheme = reference(
        PARTICIPATIONS, "local_scheme", "local_scheme_name", resolve=local_scheme_by_reference
    )
    actor = actor_reference(PARTICIPATIONS, "actor", "actor_name", label=gettext_lazy("l’acteur"))
    role = column("role", widget=w.ChoiceWidget(Participation.Role.choices))
    note = column("note", widget=w.TextWidget(250))

    class Meta(LinkResource.Meta):
        model = Participation
        fields = ("local_scheme", "actor", "role", "note")
