"""Chainable read queries for the actors app."""

from django.db import models
from django.db.models import Q


class TerritoryQuerySet(models.QuerySet):
    def communes(self):
        return self.filter(kind="commune")

    def official(self):
        return self.filter(kind__in=["region", "departement", "epci", "commune"])

    def covering_communes_of(self, territory):
        """The communes a territory stands for: itself, its members, or its perimeter."""
        kind = territory.kind
        if kind == "commune":
            return self.filter(pk=territory.pk)
        if kind == "region":
            return self.communes().filter(region=territory)
        if kind == "departement":
            return self.communes().filter(departement=territory)
        if kind == "epci":
            return self.communes().filter(epci=territory)
        return self.communes().filter(perimeters=territory)

    def related_to(self, territory):
        """The territory, those it lies within, and those that lie within it."""
        within = Q(pk=territory.pk)
        for parent in ("region", "departement", "epci"):
            parent_id = getattr(territory, f"{parent}_id")
            if parent_id:
                within |= Q(pk=parent_id)
        if territory.kind == "commune":
            within |= Q(communes=territory)  # custom perimeters holding the commune
        elif territory.kind in ("region", "departement", "epci"):
            within |= Q(**{territory.kind: territory})
        else:
            within |= Q(perimeters=territory)
        return self.filter(within).distinct()


class ActorQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=self.model.Status.PUBLISHED)

    def visible_to(self, user):
        """Published fiches for everyone; moderators also see drafts and reviews, and a member
        sees the fiches they created while those wait for review."""
        from actors import policies  # policies reads the models, which import this module

        status = self.model.Status
        if policies.sees_every_fiche(user):
            return self.exclude(status=status.ARCHIVED)
        if user.is_authenticated:
            return self.filter(
                Q(status=status.PUBLISHED)
                | Q(created_by=user, status__in=[status.DRAFT, status.REVIEW])
            )
        return self.published()

    def located_in(self, territory):
        kind = territory.kind
        if kind == "commune":
            return self.filter(commune=territory)
        if kind == "region":
            return self.filter(commune__region=territory)
        if kind == "departement":
            return self.filter(commune__departement=territory)
        if kind == "epci":
            return self.filter(commune__epci=territory)
        return self.filter(commune__perimeters=territory)

    def in_territory(self, territory):
        """Actors located in the territory, or intervening on it, on a part of it, or on a
        territory that contains it: the directory's rule, so the list, the territory pages and
        the maillage always count the same actors."""
        territories = type(territory).objects
        communes = territories.covering_communes_of(territory).values("pk")
        related = territories.related_to(territory).values("pk")
        intervening = self.model.intervention_territories.through.objects.filter(
            territory__in=related
        ).values("actor_id")
        return self.filter(Q(commune__in=communes) | Q(pk__in=intervening))

    def for_cards(self):
        """With what a card shows (and a directory page's « Correspond à » reads): its spheres
        come from `facet_keys` (`Actor.listed_spheres`), the long search columns stay out."""
        return self.select_related("actor_type", "commune__departement").only(*CARD_FIELDS)


CARD_FIELDS = (
    *("name", "acronym", "slug", "pitch", "missions", "description", "status", "facet_keys"),
    *("actor_type__name", "actor_type__slug"),
    *("commune__name", "commune__kind", "commune__key", "commune__departement__code"),
)


class LocalSchemeQuerySet(models.QuerySet):
    def with_details(self):
        return self.select_related("scheme").prefetch_related("territories")
