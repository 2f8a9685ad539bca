"""Text helpers shared by models, search and imports."""

import re
import sys
import unicodedata
from functools import cache

from django.utils.text import slugify

# Control characters (Unicode category Cc: C0, DEL, C1) and the line and paragraph separators:
# none belongs in a one-line text.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")


# Characters beyond the Basic Multilingual Plane: rare, so their combining marks get a pass of
# their own (one character class spanning both planes is ten times slower on every text).
BEYOND_BMP = re.compile("[\U00010000-\U0010ffff]")


def normalize(text: str) -> str:
    """Lower case, accents stripped, spaces folded: what the SQLite search compares."""
    text = text or ""
    if not text.isascii():
        # Decomposed, then every combining mark dropped by regular expressions: a loop over
        # the characters in Python cost an import of 10,000 fiches seconds.
        basic, beyond = _combining_marks()
        text = basic.sub("", unicodedata.normalize("NFKD", text))
        if BEYOND_BMP.search(text):
            text = beyond.sub("", text)
    return " ".join(text.lower().replace("’", "'").split())


@cache
def _combining_marks() -> tuple[re.Pattern, re.Pattern]:
    """The characters `unicodedata.combining` says are combining marks (about 900 code
    points, listed once per process), as two character classes of ranges: those of the Basic
    Multilingual Plane, and those beyond it."""
    codes = [code for code in range(sys.maxunicode + 1) if unicodedata.combining(chr(code))]
    basic = [code for code in codes if code <= 0xFFFF]
    return _character_class(basic), _character_class(codes[len(basic) :])


def _character_class(codes: list[int]) -> re.Pattern:
    """One regular expression matching any of `codes` (sorted), written as ranges."""
    ranges, start = [], codes[0]
    for previous, code in zip(codes, [*codes[1:], None], strict=True):
        if code != previous + 1:
            ranges.append(f"{re.escape(chr(start))}-{re.escape(chr(previous))}")
            start = code
    return re.compile(f"[{''.join(ranges)}]")


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
