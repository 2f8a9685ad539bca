"""Which line of a file holds its headers, and which column of a sheet each header names.

A list kept by hand has a title above its headers (« Annuaire des acteurs – Drôme »), headers
in capitals (« NOM »), with dots (« Tél. ») or in its own words (« Ville », « CP »): headers are
compared folded (case, accents, spaces, punctuation and a final « s » aside), against the
sheet's own headers and their usual synonyms. A mapping chosen by a person (« this column is
the commune's name, that one is ignored ») comes first."""

import re

from django.utils.translation import gettext as _

from actors.spreadsheets.columns import Sheet
from actors.spreadsheets.reading import ImportFileError
from mailleurs.text import normalize

IGNORED = ""  # what a mapping gives a column the import does not read


def fold_header(text: str) -> str:
    """« Tél. », « TEL », « tél » → « tel »; « Sphères » → « sphere »; « E-mail » → « email »."""
    words = re.split(r"[^a-z0-9]+", normalize(text))
    return "".join(word[:-1] if len(word) > 3 and word[-1] in "sx" else word for word in words)


class HeaderMatcher:
    """Matches a file's headers to `sheet`'s columns (their keys); `mapping` (a file header →
    a column key, or `IGNORED`) overrides what the names alone say."""

    def __init__(self, sheet: Sheet, mapping: dict[str, str] | None = None):
        self.sheet = sheet
        self.mapping = {" ".join(h.split()): key for h, key in (mapping or {}).items()}
        keys = {column.key for column in sheet.columns}
        unknown = sorted(set(self.mapping.values()) - keys - {IGNORED})
        if unknown:
            raise ImportFileError(
                _("Correspondance des colonnes : « %(keys)s » n’est pas une colonne connue.")
                % {"keys": "», « ".join(unknown)}
            )
        self.by_folded: dict[str, str] = {}
        for column in sheet.columns:  # the sheet's own headers win over any synonym
            self.by_folded.setdefault(fold_header(column.header), column.key)
        for key, synonyms in sheet.synonyms.items():
            for synonym in synonyms:
                self.by_folded.setdefault(fold_header(synonym), key)

    def key_of(self, header: str) -> str:
        """The column key `header` names, or `IGNORED`."""
        header = " ".join(header.split())
        if header in self.mapping:
            return self.mapping[header]
        return self.by_folded.get(fold_header(header), IGNORED) if header else IGNORED

    def header_row(self, rows: list[list[str]]) -> int:
        """The line (0 for the first) naming the most columns; the first of equals."""
        scores = [len({self.key_of(cell) for cell in row} - {IGNORED}) for row in rows]
        return max(range(len(scores)), key=lambda index: (scores[index], -index))

    def columns(self, headers: list[str]) -> list[tuple[str, str]]:
        """Each header of the file with the column key it fills, or `IGNORED`; when two
        headers name the same column, the first one fills it and the others are ignored."""
        taken: set[str] = set()
        found = []
        for header in headers:
            key = self.key_of(header)
            if key in taken:
                key = IGNORED
            taken.add(key)
            found.append((header, key))
        return found
