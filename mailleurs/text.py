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


def slug_base(text: str, *, max_length: int = 80) -> str:
    """What `unique_slug` starts from: `text` slugified and cut to `max_length`."""
    return slugify(text)[:max_length].strip("-") or "fiche"


def slug_candidates(base: str, *, max_length: int = 80):
    """`base`, then `base-2`, `base-3`… (cut short to stay within `max_length`)."""
    yield base
    counter = 2
    while True:
        suffix = f"-{counter}"
        yield f"{base[: max_length - len(suffix)]}{suffix}"
        counter += 1


def unique_slug(model, text: str, *, max_length: int = 80, exclude_pk=None) -> str:
    """A slug for `text` not yet used by another row of `model` (suffixes -2, -3…)."""
    rows = model._default_manager.all()
    if exclude_pk is not None:
        rows = rows.exclude(pk=exclude_pk)
    for candidate in slug_candidates(slug_base(text, max_length=max_length), max_length=max_length):
        if not rows.filter(slug=candidate).exists():
            return candidate
