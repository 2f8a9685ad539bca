"""Changes shown side by side (a proposal under review, a save in conflict, the history): only
what really changes, field by field and contact by contact, as text with the changed words
marked. Every piece of text is escaped here; only the <del>, <ins> and <br> are markup."""

import copy
import difflib
import re
from dataclasses import dataclass, field

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from actors.fiches.services import FicheData, apply_to
from actors.models import Actor, Contact
from mailleurs.rows import RowChange
from mailleurs.text import unix_lines

WORDS = re.compile(r"\s*\S+\s*|\s+")  # a word with the spaces around it: e-mails, "Diois."
MAX_ITEMS = 3000  # longer texts (lines or words) are marked whole: difflib is quadratic
CONTACT_FIELDS = ("name", "profession", "role", "email", "phone", "visibility")
LOCATION_FIELDS = {"latitude", "longitude", "location_source"}


def word_diff(old: str, new: str) -> tuple[SafeString, SafeString]:
    """`old` and `new` escaped, with the words only one of them has in <del> and <ins>:
    paragraphs compared first, then the words of those that differ."""
    a, b = unix_lines(old).splitlines(keepends=True), unix_lines(new).splitlines(keepends=True)
    old_html, new_html = [], []
    for tag, i1, i2, j1, j2 in _opcodes(a, b):
        if tag == "equal":
            old_html.append(escape("".join(a[i1:i2])))
            new_html.append(escape("".join(b[j1:j2])))
        else:
            old_part, new_part = _words_diff("".join(a[i1:i2]), "".join(b[j1:j2]))
            old_html += old_part
            new_html += new_part
    return _html(old_html), _html(new_html)


def _words_diff(old: str, new: str) -> tuple[list[str], list[str]]:
    a, b = WORDS.findall(old), WORDS.findall(new)
    opcodes = _opcodes(a, b)
    old_html = [_marked("del", a[i1:i2], tag != "equal") for tag, i1, i2, _j1, _j2 in opcodes]
    new_html = [_marked("ins", b[j1:j2], tag != "equal") for tag, _i1, _i2, j1, j2 in opcodes]
    return old_html, new_html


def _opcodes(a: list[str], b: list[str]) -> list[tuple]:
    if a == b:
        return [("equal", 0, len(a), 0, len(b))]
    if len(a) + len(b) > MAX_ITEMS:
        return [("replace", 0, len(a), 0, len(b))]
    return difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes()


def _marked(tag: str, words: list[str], changed: bool) -> str:
    """The words escaped; when `changed`, in `tag`, the spaces around them left outside."""
    text = "".join(words)
    core = text.strip()
    if not changed or not core:
        return escape(text)
    start = text.index(core)
    return f"{escape(text[:start])}<{tag}>{escape(core)}</{tag}>{escape(text[start + len(core) :])}"


def _html(parts: list[str]) -> SafeString:
    # Each part was escaped by _marked or word_diff; the tags around them are ours.
    return mark_safe("".join(parts).replace("\n", "<br>"))


@dataclass
class Change:
    """One field that changes: its label, the old and new values as text, and both marked."""

    label: str
    old: str
    new: str
    old_html: SafeString = field(init=False, repr=False)
    new_html: SafeString = field(init=False, repr=False)

    def __post_init__(self):
        self.old_html, self.new_html = word_diff(self.old, self.new)


def text_of(instance, model_field) -> str:
    """A field of `instance` (a model instance or a history record) as a reader would say it;
    empty values are ""."""
    value = getattr(instance, model_field.attname)
    if value is None or value == "":
        return ""
    if model_field.is_relation:
        return str(getattr(instance, model_field.name))
    if model_field.choices:
        return str(dict(model_field.flatchoices).get(value, value))
    if isinstance(value, bool):
        return str(_("oui") if value else _("non"))
    return unix_lines(str(value))


def same(old, new) -> bool:
    """Equal once empty values and line endings are set aside."""
    old, new = ("" if old is None else old), ("" if new is None else new)
    if isinstance(old, str) and isinstance(new, str):
        return unix_lines(old) == unix_lines(new)
    return old == new


def fiche_changes(actor: Actor, data: FicheData) -> list[Change]:
    """What saving `data` would change on the fiche as stored: its own fields and links in the
    fiche's order (where it stands included), then its contacts."""
    current = Actor.objects.get(pk=actor.pk)
    after = copy.copy(current)
    apply_to(after, data)
    after.fill_point_from_commune()
    wanted = set(data.fields) | set(data.links) | LOCATION_FIELDS
    model_fields = [f for f in Actor._meta.get_fields() if f.name in wanted and f.concrete]
    changes = []
    for model_field in sorted(model_fields, key=lambda f: f.creation_counter):
        label = capfirst(model_field.verbose_name)
        if model_field.many_to_many:
            old = list(getattr(current, model_field.name).all())
            new = list(data.links[model_field.name])
            if {item.pk for item in old} != {item.pk for item in new}:
                changes.append(Change(label, names(old), names(new)))
        elif not same(getattr(current, model_field.attname), getattr(after, model_field.attname)):
            changes.append(
                Change(label, text_of(current, model_field), text_of(after, model_field))
            )
    return changes + contact_changes(current, data.contacts)


def names(items) -> str:
    return ", ".join(sorted(str(item) for item in items))


def contact_changes(actor: Actor, rows: tuple[RowChange, ...]) -> list[Change]:
    """What `rows` would change on the fiche's contacts: each field of each contact added,
    changed or removed."""
    existing = {contact.pk: contact for contact in actor.contacts.select_related("profession")}
    changes = []
    for row in rows:
        before = existing.get(row.id)
        if row.id is not None and before is None:
            continue  # not one of this fiche's contacts: the form refuses it
        after = None if row.delete else _contact_after(before, row.fields)
        changes += contact_version(before, after)
    return changes


def _contact_after(before: Contact | None, fields: dict) -> Contact:
    after = copy.copy(before) if before is not None else Contact()
    for name, value in fields.items():
        setattr(after, name, value)
    return after


def contact_version(before, after) -> list[Change]:
    """The fields that differ between two states of a contact (a contact or a history
    record; None before it was added or after it was removed)."""
    if before is None:
        label, name = _("Nouveau contact « %(name)s » — %(field)s"), after.name
    elif after is None:
        label, name = _("Contact supprimé « %(name)s » — %(field)s"), before.name
    else:
        label, name = _("Contact « %(name)s » — %(field)s"), before.name
    changes = []
    for field_name in CONTACT_FIELDS:
        model_field = Contact._meta.get_field(field_name)
        old = getattr(before, model_field.attname) if before is not None else None
        new = getattr(after, model_field.attname) if after is not None else None
        if not same(old, new):
            changes.append(
                Change(
                    label % {"name": name, "field": model_field.verbose_name},
                    text_of(before, model_field) if before is not None else "",
                    text_of(after, model_field) if after is not None else "",
                )
            )
    return changes
