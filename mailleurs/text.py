"""Text helpers shared by models, search and imports."""

import unicodedata

from django.utils.text import slugify


def normalize(text: str) -> str:
    """Lower case, accents stripped, spaces folded: what the SQLite search compares."""
    decomposed = unicodedata.normalize("NFKD", text or "")
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(stripped.lower().replace("’", "'").split())


def unix_lines(text: str) -> str:
    """Line endings as \\n: browsers send \\r\\n, files and fixtures hold \\n."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


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
