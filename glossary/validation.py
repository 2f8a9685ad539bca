"""The checks a term must pass however it arrives (the browser's forms, a spreadsheet): one
spelling is one term, a sphere's view says something, and « voir aussi » never loops back on
the term nor contradicts « ne pas confondre avec ». Each check returns French messages."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from glossary.matching import folded_words
from glossary.models import Term


def folded(spelling: str) -> str:
    """A spelling as the glossary compares it: accents, case, punctuation and plurals aside."""
    return " ".join(folded_words(spelling))


def spellings_of(word: str, acronym: str, variants: str) -> list[str]:
    lines = [line.strip() for line in (variants or "").splitlines()]
    return [spelling for spelling in (word, acronym, *lines) if spelling and spelling.strip()]


def spelling_clashes(word: str, acronym: str = "", variants: str = "", *, exclude=None) -> list:
    """A message for each spelling typed that another term already has (as its word, acronym
    or a variant): the same word must not become two terms."""
    typed = {folded(spelling): spelling for spelling in spellings_of(word, acronym, variants)}
    typed.pop("", None)
    others = Term.objects.only("word", "acronym", "variants", "slug")
    if exclude is not None and exclude.pk:
        others = others.exclude(pk=exclude.pk)
    problems = []
    for other in others:
        for spelling in spellings_of(other.word, other.acronym, other.variants):
            key = folded(spelling)
            if key in typed:
                problems.append(
                    _("« %(typed)s » est déjà dans le glossaire, sous « %(word)s ».")
                    % {"typed": typed.pop(key), "word": other.word}
                )
    return problems


def view_problem(text: str) -> str | None:
    if not (text or "").strip():
        return _("Ce regard est vide : écrivez ce que le mot évoque pour cette sphère.")
    return None


BOTH_LISTS = _lazy(
    "« %(word)s » ne peut pas être à la fois dans « voir aussi » et dans « ne pas confondre avec »."
)


def link_problems(term, related, not_to_confuse) -> list[str]:
    """« Voir aussi » and « ne pas confondre avec » name other terms, each in one list only."""
    problems = []
    if term is not None and term.pk:
        if any(other.pk == term.pk for other in related):
            problems.append(_("Un terme ne peut pas renvoyer à lui-même dans « voir aussi »."))
        if any(other.pk == term.pk for other in not_to_confuse):
            problems.append(_("Un terme ne peut pas être à ne pas confondre avec lui-même."))
    confused = {other.pk for other in not_to_confuse}
    for other in related:
        if other.pk in confused:
            problems.append(BOTH_LISTS % {"word": other.word})
    return problems
