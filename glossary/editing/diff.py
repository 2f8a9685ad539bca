"""What saving a term would change (a proposal under review), and the changes of its views
between two versions (the history): field by field, marked by `mailleurs.diff`."""

from django.utils.text import capfirst
from django.utils.translation import gettext as _

from glossary.editing.services import TermData
from glossary.models import Term, TermView
from mailleurs.diff import Change, names, same, text_of


def view_label(sphere) -> str:
    return _("Regard : %(sphere)s") % {"sphere": sphere}


def term_changes(term: Term | None, data: TermData) -> list[Change]:
    """Against the term as stored (nothing, for a new term): its fields, links and views."""
    current = Term.objects.get(pk=term.pk) if term is not None else Term()
    changes = []
    for name, value in data.fields.items():
        model_field = Term._meta.get_field(name)
        if not same(getattr(current, model_field.attname), value):
            after = Term(**{name: value})
            changes.append(
                Change(capfirst(model_field.verbose_name), text_of(current, model_field),
                       text_of(after, model_field))
            )  # fmt: skip
    for name, values in data.links.items():
        old = list(getattr(current, name).all()) if current.pk else []
        if {item.pk for item in old} != {item.pk for item in values}:
            label = capfirst(Term._meta.get_field(name).verbose_name)
            changes.append(Change(label, names(old), names(values)))
    stored = {view.sphere_id: view.text for view in current.views.all()} if current.pk else {}
    for sphere, text in data.views.items():
        if not same(stored.get(sphere.pk, ""), text.strip()):
            changes.append(Change(view_label(sphere), stored.get(sphere.pk, ""), text.strip()))
    return changes


def view_version(before: TermView | None, after: TermView | None) -> list[Change]:
    """What changed between two states of a view (history records; None when absent)."""
    some = after if after is not None else before
    old = before.text if before is not None else ""
    new = after.text if after is not None else ""
    if same(old, new):
        return []
    return [Change(view_label(some.sphere), old, new)]
