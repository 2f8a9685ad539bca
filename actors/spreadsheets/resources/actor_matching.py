"""Which fiche each row of an actors file updates."""

from django.utils.translation import gettext as _

from actors.models import Actor, ActorRedirect
from actors.spreadsheets import cells as w
from actors.spreadsheets.columns import ACTORS
from actors.spreadsheets.communes import find_commune
from actors.spreadsheets.resources.actor_fields import COMMUNE_NAME, INSEE_CODE, POSTCODE
from mailleurs.text import normalize

NAME = ACTORS.header("name")
SLUG = ACTORS.header("slug")
SIRET = ACTORS.header("siret")
SIRET_DIGITS = w.DigitsWidget(14)
POSTCODE_DIGITS = w.DigitsWidget(5)
AMBIGUOUS = -1  # two existing fiches bear this name in this commune


class ActorMatcher:
    """Finds, for every row of a file, the fiche it updates, with four queries in all; the rows
    that describe a structure already described higher up; and the rows whose keys disagree."""

    def __init__(self, dataset):
        self.headers = dataset.headers or []
        self.named_communes: dict[tuple, str] = {}
        rows = [dict(zip(self.headers, values, strict=False)) for values in dataset]
        self._read_existing_keys(rows)
        pks = [self.existing_pk(row) for row in rows]
        self.matched = list(dict.fromkeys(pk for pk in pks if pk and pk != AMBIGUOUS))
        self.position = {pk: index for index, pk in enumerate(self.matched)}
        self._find_duplicates(rows)

    def _read_existing_keys(self, rows: list[dict]) -> None:
        """The fiches the file's SIRETs, identifiers, and names in communes designate."""
        sirets = {self._siret(row) for row in rows} - {""}
        slugs = {self._slug(row) for row in rows} - {""}
        self.by_siret = dict(Actor.objects.filter(siret__in=sirets).values_list("siret", "pk"))
        # The old address of a merged fiche leads to the fiche it was merged into.
        self.by_slug = dict(
            ActorRedirect.objects.filter(old_slug__in=slugs).values_list("old_slug", "actor_id")
        )
        self.by_slug.update(Actor.objects.filter(slug__in=slugs).values_list("slug", "pk"))
        communes = {
            self.commune_key(row) for row in rows if not self._siret(row) and not self._slug(row)
        } - {""}
        self.by_name: dict[tuple, int] = {}
        named = Actor.objects.filter(commune__key__in=communes).values_list(
            "name", "commune__key", "pk"
        )
        for name, commune, pk in named.iterator(chunk_size=5000):
            key = (normalize(name), commune)
            self.by_name[key] = AMBIGUOUS if key in self.by_name else pk

    def _find_duplicates(self, rows: list[dict]) -> None:
        self.first_line: dict[object, int] = {}
        self.duplicates: dict[int, int] = {}
        for number, row in enumerate(rows, 1):
            for key in self._keys(row):
                if key in self.first_line:
                    self.duplicates[number] = self.first_line[key]
                    break
            else:
                for key in self._keys(row):
                    self.first_line[key] = number

    @staticmethod
    def _siret(row) -> str:
        return SIRET_DIGITS.clean(row.get(SIRET, ""))

    @staticmethod
    def _slug(row) -> str:
        return (row.get(SLUG) or "").strip()

    def _keys(self, row) -> list:
        """What makes two rows the same structure: the fiche they update, or the same SIRET or
        identifier; name and commune only for rows that give neither."""
        keys = []
        pk = self.existing_pk(row)
        if pk and pk != AMBIGUOUS:
            keys.append(("pk", pk))
        siret, slug = self._siret(row), self._slug(row)
        if siret:
            keys.append(("siret", siret))
        if slug:
            keys.append(("slug", slug))
        name, commune = normalize(row.get(NAME, "")), self.commune_key(row)
        if not siret and not slug and name and commune:
            keys.append(("name", name, commune))
        return keys

    def existing_pk(self, row) -> int | None:
        """By SIRET, else by identifier; by name and commune only when the row gives neither
        (an unknown SIRET or identifier is a new fiche, even if another one bears its name)."""
        siret, slug = self._siret(row), self._slug(row)
        if siret in self.by_siret:
            return self.by_siret[siret]
        if slug:
            return self.by_slug.get(slug)
        if siret:
            return None
        key = (normalize(row.get(NAME, "")), self.commune_key(row))
        return self.by_name.get(key)

    def commune_key(self, row) -> str:
        """The INSEE code of the row's commune: its own, or the one its name designates (the
        commune's column says why when none does)."""
        code = w.pad_code(row.get(INSEE_CODE, ""))
        name = (row.get(COMMUNE_NAME) or "").strip()
        if code or not name:
            return code
        key = (normalize(name), (row.get(POSTCODE) or "").strip())
        if key not in self.named_communes:
            try:
                self.named_communes[key] = find_commune(name, POSTCODE_DIGITS.clean(key[1])).key
            except ValueError:
                self.named_communes[key] = ""
        return self.named_communes[key]

    def problem_of(self, row) -> str:
        """Why the fiche this row updates cannot be told, if it cannot."""
        siret, slug = self._siret(row), self._slug(row)
        if (
            siret in self.by_siret
            and self.by_slug.get(slug, self.by_siret[siret]) != (self.by_siret[siret])
        ):
            return _(
                "Le SIRET et l’identifiant désignent deux fiches différentes : corrigez l’un "
                "des deux."
            )
        if self.existing_pk(row) == AMBIGUOUS:
            return _(
                "Plusieurs fiches portent ce nom dans cette commune : donnez l’identifiant ou le "
                "SIRET de celle à mettre à jour."
            )
        return ""

    def upcoming(self, pk: int, count: int) -> list[int]:
        """This fiche and the next ones the file updates, in the file's order."""
        start = self.position[pk]
        return self.matched[start : start + count]

    def duplicate_of(self, row_number: int) -> int | None:
        """The data line (1 = first row under the headers) this row repeats, if any."""
        return self.duplicates.get(row_number)
