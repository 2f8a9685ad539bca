"""Changes shown side by side (a proposal under review, a save in conflict, the history of a
fiche or a glossary term): only what really changes, as text with the changed words marked.
Every piece of text is escaped here; only the <del>, <ins> and <br> are markup."""

import difflib
import re
from dataclasses import dataclass, field

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from mailleurs.text import unix_lines

WORDS = re.compile(r"\s*\S+\s*|\s+")  # a word with the spaces around it: e-mails, "Diois."
MAX_ITEMS = 3000  # longer texts (lines or words) are marked whole: difflib is quadratic


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


def names(items) -> str:
    return ", ".join(sorted(str(item) for item in items))
