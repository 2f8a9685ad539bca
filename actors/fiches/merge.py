"""Merging two fiches of the same structure: everything moves to the one kept."""

from dataclasses import dataclass

from django.db import transaction

from actors.models import (
    Actor,
    ActorProposal,
    ActorRedirect,
    Contact,
    Participation,
    PublicationStatus,
    Relation,
    StructureMembership,
)
from mailleurs.versioning import locked, stamp

LINKS = ("spheres", "themes", "competences", "intervention_territories")


@dataclass
class MergeReport:
    contacts: int = 0
    relations: int = 0
    relations_already_there: int = 0
    participations: int = 0
    participations_already_there: int = 0
    memberships: int = 0
    history: int = 0


def _move_relations(kept: Actor, removed: Actor, report: MergeReport) -> None:
    for relation in Relation.objects.filter(source=removed) | Relation.objects.filter(
        target=removed
    ):
        source = kept if relation.source_id == removed.pk else relation.source
        target = kept if relation.target_id == removed.pk else relation.target
        duplicate = (
            source.pk == target.pk
            or Relation.objects.filter(source=source, target=target, kind=relation.kind)
            .exclude(pk=relation.pk)
            .exists()
        )
        if duplicate:
            # Kept fiche already says it (or it would point to itself): nothing new to keep.
            relation.delete()
            report.relations_already_there += 1
        else:
            relation.source, relation.target = source, target
            relation.save()
            report.relations += 1


def _move_participations(kept: Actor, removed: Actor, report: MergeReport) -> None:
    for participation in Participation.objects.filter(actor=removed):
        exists = Participation.objects.filter(
            local_scheme=participation.local_scheme_id, actor=kept, role=participation.role
        ).exists()
        if exists:
            participation.delete()
            report.participations_already_there += 1
        else:
            participation.actor = kept
            participation.save()
            report.participations += 1


@transaction.atomic
def actor_merge(*, kept: Actor, removed: Actor, user) -> MergeReport:
    if kept.pk == removed.pk:
        raise ValueError("Une fiche ne peut pas être fusionnée avec elle-même.")
    kept = locked(kept)
    removed = locked(removed)
    report = MergeReport()
    report.contacts = Contact.objects.filter(actor=removed).update(actor=kept)
    _move_relations(kept, removed, report)
    _move_participations(kept, removed, report)
    for field in LINKS:
        getattr(kept, field).add(*getattr(removed, field).all())
    known = StructureMembership.objects.filter(actor=kept).values("user")
    report.memberships = (
        StructureMembership.objects.filter(actor=removed).exclude(user__in=known).update(actor=kept)
    )
    ActorProposal.objects.filter(actor=removed).update(actor=kept)
    report.history = Actor.history.model.objects.filter(id=removed.pk).update(id=kept.pk)
    for field in ("acronym", "description", "missions", "address", "website", "email", "phone",
                  "siret"):  # fmt: skip
        if not getattr(kept, field) and getattr(removed, field):
            if field == "siret":
                removed_siret, removed.siret = removed.siret, ""
                removed.save(update_fields=["siret"])
                kept.siret = removed_siret
            else:
                setattr(kept, field, getattr(removed, field))
    stamp(kept, user=user, reason=f"Fusion avec « {removed.name} » ({removed.slug})")
    kept.save()
    removed.status = PublicationStatus.ARCHIVED
    removed.updated_by = user
    removed._change_reason = f"Fusionnée dans « {kept.name} » ({kept.slug})"
    removed.save()
    ActorRedirect.objects.update_or_create(old_slug=removed.slug, defaults={"actor": kept})
    ActorRedirect.objects.filter(actor=removed).update(actor=kept)
    return report
