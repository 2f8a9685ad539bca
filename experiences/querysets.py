from django.db import models
from django.db.models import Q

from actors.models import PublicationStatus

OFFICIAL_KINDS = ("region", "departement", "epci", "commune")


class ExperienceQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=PublicationStatus.PUBLISHED)

    def visible_to(self, user):
        """Published sheets for everyone; moderators also see drafts and reviews; a member sees
        the sheets they wrote while those are drafts or in review."""
        from experiences import policies  # policies reads the models, which import this module

        if policies.sees_every_sheet(user):
            return self.exclude(status=PublicationStatus.ARCHIVED)
        if user.is_authenticated:
            return self.filter(
                Q(status=PublicationStatus.PUBLISHED)
                | Q(created_by=user, status__in=[PublicationStatus.DRAFT, PublicationStatus.REVIEW])
            )
        return self.published()

    def in_territory(self, territory):
        """Sheets on the territory or on a part of it: a sheet on a commune counts for its EPCI,
        département and région, one on an EPCI for its département and région; a custom
        perimeter (GAL, PETR…) counts for the official territories holding one of its communes,
        and its own communes count for it."""
        territories = type(territory).objects
        communes = territories.covering_communes_of(territory).values("pk")
        parts = Q(pk=territory.pk) | Q(pk__in=communes)
        if territory.kind in ("region", "departement"):
            parts |= Q(kind__in=["departement", "epci"], **{territory.kind: territory})
        if territory.kind in ("region", "departement", "epci"):
            parts |= Q(pk__in=territories.exclude(kind__in=OFFICIAL_KINDS)
                       .filter(communes__in=communes).values("pk"))  # fmt: skip
        return self.filter(territory__in=territories.filter(parts).values("pk"))
