"""Words folded the same way on both sides of a search: accents, case and plural marks dropped.

No model imports here: `Actor.save()` folds its own text with these helpers.
"""

import re

from mailleurs.text import normalize

# What is not a letter or a digit (`str.isalnum`): `\w` is exactly those, and "_".
NOT_ALPHANUMERIC = re.compile(r"[\W_]")


# Ligatures NFKD leaves whole: « Œuvre » files under « oe », as French dictionaries do.
LIGATURES = str.maketrans({"œ": "oe", "æ": "ae"})
SORT_NAME_LENGTH = 200


def sort_name(name: str) -> str:
    """A name as French alphabetical order reads it: « École » between « Dojo » and « Foyer »,
    « L'Œuvre » as « l oeuvre ». Letters and digits only, without accents or case, so that a
    plain comparison of characters (SQLite's, PostgreSQL's "C") orders names the same way on
    every database, whatever the server's language."""
    words = NOT_ALPHANUMERIC.sub(" ", normalize(name).translate(LIGATURES)).split()
    return " ".join(words)[:SORT_NAME_LENGTH]


def singular(word: str) -> str:
    """French plural marks dropped: "mobilites" → "mobilite"."""
    if len(word) > 4 and word.endswith("aux"):
        return word[:-3] + "a"  # "sociaux" → "socia" matches "social"
    if len(word) > 3 and word[-1] in "sx":
        return word[:-1]
    return word


def folded_words(text: str) -> list[str]:
    """The words of `text`, normalised and in the singular."""
    return [singular(word) for word in NOT_ALPHANUMERIC.sub(" ", normalize(text)).split()]


def spaced_words(*texts: str) -> str:
    """The folded words of `texts`, one space apart and with a space at both ends, so that
    `contains(" word")` finds a word from its start and `contains(" word ")` a whole word."""
    words = [word for text in texts for word in folded_words(text or "")]
    return f" {' '.join(words)} " if words else ""


# Markers between the sections of an actor's `search_text`; no folded word holds them.
NAME_END = "|"
PITCH_END = "#"


def sectioned_words(name: str, pitch: str, text: str) -> str:
    """ " <name words> | <pitch words> # <other words> ": one `contains` finds a word, and the
    position of its first occurrence says the weightiest section holding it (relevance)."""
    name_words, pitch_words, text_words = (" ".join(folded_words(t)) for t in (name, pitch, text))
    return f" {name_words} {NAME_END} {pitch_words} {PITCH_END} {text_words} "


def actor_search_text(actor) -> str:
    """An actor's own text for `Actor.search_text` (also used by a data migration)."""
    return sectioned_words(
        f"{actor.name} {actor.acronym}", actor.pitch, f"{actor.missions} {actor.description}"
    )
