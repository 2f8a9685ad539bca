"""Keep the sheets' search column in step whatever path writes a sheet or what it names
(edit pages, services, the admin, imports): see `experiences.reading.search_index`."""

from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver

from actors.models import Actor, LocalScheme, Scheme, Territory, Theme
from experiences.models import Experience, ExperienceActor
from experiences.reading.search_index import refresh_search_text


@receiver(post_save, sender=Experience, dispatch_uid="experiences.sheet_saved")
def sheet_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        refresh_search_text([instance.pk])


@receiver(post_save, sender=ExperienceActor, dispatch_uid="experiences.involvement_saved")
@receiver(post_delete, sender=ExperienceActor, dispatch_uid="experiences.involvement_deleted")
def involvement_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        refresh_search_text([instance.experience_id])


def _links_changed(sender, instance, action, reverse, pk_set, **kwargs):
    if action not in {"post_add", "post_remove", "post_clear"}:
        return
    if not reverse:
        refresh_search_text([instance.pk])
    elif action == "post_clear":
        # The other side cleared: which sheets lost it is no longer known, so all are checked.
        refresh_search_text(Experience.objects.values_list("pk", flat=True))
    elif pk_set:
        refresh_search_text(pk_set)


for _field in ("themes", "schemes", "local_schemes"):
    _through = getattr(Experience, _field).through
    m2m_changed.connect(
        _links_changed, sender=_through, dispatch_uid=f"experiences.links.{_through.__name__}"
    )

# A renamed actor, theme, scheme, local scheme or territory: the sheets naming it.
NAMED_BY_SHEETS = {
    Actor: lambda pk: ExperienceActor.objects.filter(actor_id=pk).values_list(
        "experience_id", flat=True
    ),
    Theme: lambda pk: Experience.objects.filter(themes=pk).values_list("pk", flat=True),
    Scheme: lambda pk: Experience.objects.filter(schemes=pk).values_list("pk", flat=True),
    LocalScheme: lambda pk: Experience.objects.filter(local_schemes=pk).values_list(
        "pk", flat=True
    ),
    Territory: lambda pk: Experience.objects.filter(territory=pk).values_list("pk", flat=True),
}


def _named_thing_saved(sender, instance, created, raw=False, **kwargs):
    if created or raw:
        return
    ids = list(NAMED_BY_SHEETS[sender](instance.pk))
    if ids:
        refresh_search_text(ids)


for _model in NAMED_BY_SHEETS:
    post_save.connect(
        _named_thing_saved, sender=_model, dispatch_uid=f"experiences.renamed.{_model.__name__}"
    )
