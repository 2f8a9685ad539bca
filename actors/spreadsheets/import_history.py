"""History of the fiches an import writes, in bulk.

django-simple-history records a version on every save, and for each list of links reads the
fiche back and its links one query at a time: about twenty queries a row. An import instead
saves each fiche without history, then writes all the versions and their links (and the new
fiches' links themselves) at the end, a few queries per thousand rows. The versions are the
same as a form's: one per fiche and row, links included, with the import's author and reason."""

from django.apps import apps

from actors.models import Actor, Contact

BATCH = 1000


def _m2m_history_model(field):
    return apps.get_model(Actor._meta.app_label, f"Historical{Actor.__name__}_{field.name}")


class HistoryBatch:
    def __init__(self, *, user, reason: str):
        self.user = user
        self.reason = reason
        self.created: list[Actor] = []
        self.updated: list[Actor] = []
        self.new_contacts: list[Contact] = []
        self.new_links: dict[type, list] = {}

    def add_links(self, through, links: list) -> None:
        self.new_links.setdefault(through, []).extend(links)

    def add(self, actor: Actor, *, created: bool) -> None:
        (self.created if created else self.updated).append(actor)

    def add_contacts(self, contacts: list[Contact]) -> None:
        self.new_contacts += contacts

    def flush(self) -> None:
        for through, links in self.new_links.items():
            through.objects.bulk_create(links, batch_size=BATCH)
        versions = []
        for actors, update in ((self.created, False), (self.updated, True)):
            if actors:
                versions += Actor.history.bulk_history_create(
                    actors,
                    batch_size=BATCH,
                    update=update,
                    default_user=self.user,
                    default_change_reason=self.reason,
                )
        if self.new_contacts:
            Contact.history.bulk_history_create(
                self.new_contacts,
                batch_size=BATCH,
                default_user=self.user,
                default_change_reason=self.reason,
            )
        self._link_versions(versions)
        self.created, self.updated, self.new_contacts, self.new_links = [], [], [], {}

    @staticmethod
    def _link_versions(versions) -> None:
        """Each version holds the links the fiche has now, as simple-history would store them."""
        version_of = {version.id: version.pk for version in versions}
        ids = list(version_of)
        for field in Actor.history.model._history_m2m_fields:
            through = getattr(Actor, field.name).through
            target = field.m2m_reverse_name()
            history_model = _m2m_history_model(field)
            rows = []
            for start in range(0, len(ids), BATCH):
                links = through.objects.filter(actor_id__in=ids[start : start + BATCH])
                for link_id, actor_id, target_id in links.values_list("id", "actor_id", target):
                    rows.append(
                        history_model(
                            id=link_id,
                            actor_id=actor_id,
                            history_id=version_of[actor_id],
                            **{target: target_id},
                        )
                    )
            history_model.objects.bulk_create(rows, batch_size=BATCH)
