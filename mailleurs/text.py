"""Text helpers shared by models, search and imports."""

import re
import unicodedata

from django.utils.text import slugify

# Control characters (Unicode category Cc: C0, DEL, C1) and the line and paragraph separators:
# none belongs in a one-line text.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def normalize(text: str) -> str:
    """Lower case, accents stripped, spaces folded: what the SQLite search compares."""
    decomposed = unicodedata.normalize("NFKD", text or "")
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(stripped.lower().replace("’", "'").split())


def unix_lines(text: str) -> str:
    """Line endings as \\n: browsers send \\r\\n, files and fixtures hold \\n."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def one_line(text: str) -> str:
    """``text`` on one line: control characters become spaces, runs of spaces one space (for
    e-mail subjects and other headers, whatever the stored text holds)."""
    return " ".join(CONTROL_CHARACTERS.sub(" ", str(text or "")).split())


def unique_slug(model, text: str, *, max_length: int = 80, exclude_pk=None) -> str:
    """A slug for `text` not yet used by another row of `model` (suffixes -2, -3…)."""
    base = slugify(text)[:max_length].strip("-") or "fiche"
    candidate, counter = base, 2
    rows = model._default_manager.all()
    if exclude_pk is not None:
        rows = rows.exclude(pk=exclude_pk)
    while rows.filter(slug=candidate).exists():
        suffix = f"-{counter}"
        candidate = f"{base[: max_length - len(suffix)]}{suffix}"
        counter += 1
    return candidate
