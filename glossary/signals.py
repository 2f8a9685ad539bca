"""Any write to a term or to a sphere's view of it (admin, services, loaders, shell) moves the
shared cache's generation on: the matcher that links terms in texts is read again."""

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from actors.cache import bump_generation
from glossary.models import Term, TermView


@receiver(post_save, sender=Term, dispatch_uid="glossary.term_saved")
@receiver(post_delete, sender=Term, dispatch_uid="glossary.term_deleted")
@receiver(post_save, sender=TermView, dispatch_uid="glossary.termview_saved")
@receiver(post_delete, sender=TermView, dispatch_uid="glossary.termview_deleted")
def glossary_changed(sender, **kwargs):
    # Raw saves (loaddata) too: unlike the directory's search columns, nothing here needs the
    # related rows to exist yet. Now, so that the rest of this transaction sees its own write,
    # and again once committed: another process may have read the terms in between, before
    # the commit, and cached them under the new generation.
    bump_generation()
    transaction.on_commit(bump_generation)
