"""How a typed search meets the glossary: accents, case and plurals ignored (the directory's
approach: mailleurs.text.normalize, then the plural marks dropped)."""

from actors.directory.folding import folded_words, spaced_words

__all__ = ["folded_words", "search_text_of"]


def search_text_of(*texts: str) -> str:
    """What a term's search compares: its word, acronym and variants, folded, one space apart
    and with a space at both ends so that a query word can be matched from its start."""
    return spaced_words(*texts)
