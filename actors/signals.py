"""Signal receivers that keep the search columns fresh whatever path writes the data."""

from django.db.models.signals import m2m_changed, post_delete, post_migrate, post_save
from django.dispatch import receiver

from actors.cache import bump_generation
from actors.directory.search_index import (
    add_search_terms,
    refresh_located_fiches,
    schedule_refresh,
)
from actors.models import (
    Actor,
    ActorType,
    Competence,
    Contact,
    LocalScheme,
    Participation,
    Profession,
    Relation,
    Scheme,
    Sphere,
    Territory,
    Theme,
)


@receiver(post_save, sender=Actor, dispatch_uid="actors.actor_saved")
def actor_saved(sender, instance, raw=False, **kwargs):
    if raw:  # a fixture loaded: its search columns are refreshed by whoever loads it
        bump_generation()
        return
    actors_written([instance])


@receiver(post_delete, sender=Actor, dispatch_uid="actors.actor_deleted")
def actor_deleted(sender, instance, **kwargs):
    bump_generation([instance.pk])


@receiver(post_migrate, dispatch_uid="actors.migrated")
def migrated(sender, **kwargs):
    """A migration may rewrite search columns in SQL: nothing kept before it stands (once per
    `migrate`, on this app's signal)."""
    if sender.name == "actors":
        bump_generation()


def actors_written(actors: list[Actor], *, search_columns_filled: bool = False) -> None:
    """What a save does for each fiche, for fiches written in bulk (which sends no signal).
    `search_columns_filled`: their search vocabulary and facet keys were computed before the
    insert, with their links (an import's new fiches): no need to read them back."""
    if not search_columns_filled:
        schedule_refresh([actor.pk for actor in actors])
    add_search_terms([actor.name for actor in actors])
    bump_generation(actor.pk for actor in actors)


def _actor_links_changed(sender, instance, action, reverse, pk_set, **kwargs):
    if action not in {"post_add", "post_remove", "post_clear"}:
        return
    if not reverse:
        schedule_refresh([instance.pk])
        bump_generation([instance.pk])
        return
    if pk_set:
        schedule_refresh(pk_set)
    # A value cleared of all its fiches (post_clear) does not say which they were.
    bump_generation(pk_set if action != "post_clear" else None)


for _through in (Actor.spheres.through, Actor.themes.through, Actor.competences.through):
    m2m_changed.connect(
        _actor_links_changed, sender=_through, dispatch_uid=f"actors.links.{_through.__name__}"
    )


@receiver(post_save, sender=Contact, dispatch_uid="actors.contact_saved")
@receiver(post_delete, sender=Contact, dispatch_uid="actors.contact_deleted")
def contact_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        schedule_refresh([instance.actor_id])
        bump_generation([instance.actor_id])


@receiver(post_save, sender=Participation, dispatch_uid="actors.participation_saved")
@receiver(post_delete, sender=Participation, dispatch_uid="actors.participation_deleted")
def participation_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        schedule_refresh([instance.actor_id])  # its schemes are a facet
        bump_generation([instance.actor_id])


@receiver(post_save, sender=LocalScheme, dispatch_uid="actors.local_scheme_saved")
def local_scheme_saved(sender, instance, created, raw=False, **kwargs):
    """A local scheme moved to another scheme moves its participants in the scheme facet."""
    if not created and not raw:
        schedule_refresh(set(instance.participations.values_list("actor_id", flat=True)))
        bump_generation()


@receiver(post_save, sender=Relation, dispatch_uid="actors.relation_saved")
@receiver(post_delete, sender=Relation, dispatch_uid="actors.relation_deleted")
def links_changed(sender, raw=False, **kwargs):
    """A link between fiches shows on their pages and the maillage, not in their search rows:
    a searched word's kept matches stand (no fiche named)."""
    if not raw:
        bump_generation(())


def _vocabulary_renamed(sender, instance, created, raw=False, **kwargs):
    if created or raw:
        return
    if sender is Profession:
        actors = Contact.objects.filter(profession=instance).values_list("actor_id", flat=True)
    else:
        actors = instance.actors.values_list("pk", flat=True)
    schedule_refresh(set(actors))
    add_search_terms([instance.name])
    bump_generation()


for _model in (Sphere, ActorType, Theme, Competence, Profession):
    post_save.connect(
        _vocabulary_renamed, sender=_model, dispatch_uid=f"actors.renamed.{_model.__name__}"
    )


def _vocabulary_listed(sender, raw=False, **kwargs):
    """A value created or deleted (a scheme also renamed) changes the facets' lists and the
    home page's figures, kept until the generation moves (actors.directory.facets.facet_values,
    actors.directory.selectors.key_figures)."""
    if not raw:
        bump_generation()


def _vocabulary_created(sender, created, raw=False, **kwargs):
    if created:
        _vocabulary_listed(sender, raw=raw)


for _model in (Sphere, ActorType, Theme, Competence, Profession, Scheme, LocalScheme):
    _name = _model.__name__
    post_delete.connect(_vocabulary_listed, sender=_model, dispatch_uid=f"actors.deleted.{_name}")
    saved = _vocabulary_listed if _model is Scheme else _vocabulary_created
    post_save.connect(saved, sender=_model, dispatch_uid=f"actors.listed.{_name}")


def _areas_changed(sender, action, **kwargs):
    """Territory pages keep their list of local schemes (on the territory, around it, on its
    parts) until the generation moves. No fiche's search row holds them (a search by place
    goes through SQL): a searched word's kept matches stand."""
    if action in {"post_add", "post_remove", "post_clear"}:
        bump_generation(())


def _territory_saved(sender, instance, created, raw=False, **kwargs):
    """A commune's name is in the search words of the fiches located there: a renamed commune
    refreshes them, and only they can change a searched word's matches."""
    if not raw:
        bump_generation([] if created else refresh_located_fiches([instance.pk]))


def _territory_deleted(sender, raw=False, **kwargs):
    # A commune with fiches cannot be deleted (PROTECT): no search row changes.
    bump_generation(())


for _through in (LocalScheme.territories.through, Territory.communes.through):
    m2m_changed.connect(_areas_changed, sender=_through, dispatch_uid=f"actors.areas.{_through}")
post_save.connect(_territory_saved, sender=Territory, dispatch_uid="actors.territory_saved")
post_delete.connect(_territory_deleted, sender=Territory, dispatch_uid="actors.territory_deleted")
