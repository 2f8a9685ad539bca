"""How a typed search meets the glossary: accents, case and plurals ignored (the directory's
approach: mailleurs.text.normalize, then the plural marks dropped)."""

from actors.directory.search import singular
from mailleurs.text import normalize


def folded_words(text: str) -> list[str]:
    """The words of `text`, normalised and in the singular."""
    cleaned = "".join(ch if ch.isalnum() else " " for ch in normalize(text))
    return [singular(word) for word in cleaned.split()]


def search_text_of(*texts: str) -> str:
    """What a term's search compares: its word, acronym and variants, folded, one space apart
    and with a space at both ends so that a query word can be matched from its start."""
    words = [word for text in texts for word in folded_words(text)]
    return f" {' '.join(words)} " if words else ""
