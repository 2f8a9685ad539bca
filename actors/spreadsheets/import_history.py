"""History of the fiches an import writes, in bulk.

django-simple-history records a version on every save, and for each list of links reads the
fiche back and its links one query at a time: about twenty queries a row. An import instead
saves each fiche without history, then writes all the versions and their links (and the new
fiches themselves, their links and contacts) at the end, a few queries per thousand rows. The
versions are the same as a form's: one per fiche and row, links included, with the import's
author and reason.
`record_versions` does the same for any model with history (the glossary's loader uses it)."""

from django.apps import apps

from actors.models import Actor, Contact
from actors.signals import actors_written

BATCH = 1000


def _m2m_history_model(model, field):
    return apps.get_model(model._meta.app_label, f"Historical{model.__name__}_{field.name}")


def record_versions(model, instances: list, *, update: bool, user, reason: str) -> list:
    """One version of each instance (saved without history), with the links it has now: what a
    save with history would record, for a whole list at once. Fiches and glossary terms use it."""
    if not instances:
        return []
    versions = model.history.bulk_history_create(
        instances, batch_size=BATCH, update=update, default_user=user,
        default_change_reason=reason,
    ) or []  # fmt: skip
    link_versions(model, versions)
    return versions


def link_versions(model, versions) -> None:
    """Each version holds the links the instance has now, as simple-history would store them."""
    version_of = {version.id: version.pk for version in versions}
    ids = list(version_of)
    for field in model.history.model._history_m2m_fields:
        through = getattr(model, field.name).through
        source, target = field.m2m_column_name(), field.m2m_reverse_name()
        history_model = _m2m_history_model(model, field)
        rows = []
        for start in range(0, len(ids), BATCH):
            links = through.objects.filter(**{f"{source}__in": ids[start : start + BATCH]})
            for link_id, owner_id, target_id in links.values_list("id", source, target):
                rows.append(
                    history_model(
                        id=link_id,
                        history_id=version_of[owner_id],
                        **{source: owner_id, target: target_id},
                    )
                )
        history_model.objects.bulk_create(rows, batch_size=BATCH)


class HistoryBatch:
    def __init__(self, *, user, reason: str):
        self.user = user
        self.reason = reason
        self.created: list[Actor] = []
        self.updated: list[Actor] = []
        self.new_contacts: list[Contact] = []
        self.unsaved_contacts: list[Contact] = []
        self.new_links: dict[type, list] = {}

    def add_links(self, through, links: list) -> None:
        self.new_links.setdefault(through, []).extend(links)

    def add(self, actor: Actor, *, created: bool) -> None:
        """A fiche the row updated, or created: a new fiche is not written yet (see `flush`)."""
        (self.created if created else self.updated).append(actor)

    def add_contacts(self, contacts: list[Contact]) -> None:
        self.new_contacts += contacts

    def add_new_contacts(self, contacts: list[Contact]) -> None:
        """Contacts not written yet (a new fiche's): written by `flush`, then recorded."""
        self.unsaved_contacts += contacts

    def flush(self, *, versions: bool = True) -> None:
        """Writes the new fiches, their links and contacts, then the versions of every fiche
        and contact. `versions=False` for a preview: it is rolled back whatever happens, and
        its report never shows them (a third of the time of a preview of new fiches)."""
        # The new fiches first, a few queries per thousand (their links and contacts need
        # their ids); a bulk insert sends no signal: what a save does for each is done here.
        # Their search columns were filled from their rows (`fill_search_columns`).
        if self.created:
            Actor.objects.bulk_create(self.created, batch_size=BATCH)
            actors_written(self.created, search_columns_filled=True)
        for through, links in self.new_links.items():
            through.objects.bulk_create(links, batch_size=BATCH)
        self.new_contacts += Contact.objects.bulk_create(self.unsaved_contacts, batch_size=BATCH)
        if versions:
            self._record_versions()
        self.created, self.updated, self.new_contacts, self.new_links = [], [], [], {}
        self.unsaved_contacts = []

    def _record_versions(self) -> None:
        for actors, update in ((self.created, False), (self.updated, True)):
            record_versions(Actor, actors, update=update, user=self.user, reason=self.reason)
        if self.new_contacts:
            Contact.history.bulk_history_create(
                self.new_contacts,
                batch_size=BATCH,
                default_user=self.user,
                default_change_reason=self.reason,
            )
