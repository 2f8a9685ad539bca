"""How a spreadsheet cell becomes a value: vocabularies matched without regard to case or
accents, territories by code, French dates and decimals, contacts written as the export writes
them. Every refusal is a ValueError whose French message the preview shows beside the column."""

import datetime
import difflib
import math
import re
import unicodedata

from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator, URLValidator
from django.utils.translation import gettext as _
from import_export import widgets

from actors.validators import validate_phone
from mailleurs.text import normalize

SEPARATOR = re.compile(r"\s*;\s*")
WORDS = re.compile(r"\w+")
PROFESSION_MARK = re.compile(r"metier\s*:")  # « Métier : », « métier: », normalised
MAX_CONTACTS = 100
YES = {"oui", "o", "vrai", "true", "1", "x", "yes", "ok", "✓", "✔"}
# Spaces a spreadsheet puts in numbers it formats (« 1 234 », « 26 400 »), and dots people type.
NUMBER_SPACES = re.compile(r"[\s\u00a0\u202f]")
# Excel counts days from 30 December 1899: a date cell read as a number (45363 is 12/03/2024).
EXCEL_EPOCH = datetime.date(1899, 12, 30)
EXCEL_SERIALS = range(10_000, 100_000)  # 1927 to 2173
NO = {"non", "n", "faux", "false", "0", "no", ""}


def split_list(value: str) -> list[str]:
    return [part for part in SEPARATOR.split(value or "") if part.strip()]


class Lookup:
    """Names (and slugs or codes) of one table, normalised, loaded once per import."""

    def __init__(self, queryset, *, keys=("name", "slug"), label: str, shown="name", hint=""):
        # `label` says the value is unknown, agreed in gender: "thème inconnu", "sphère inconnue".
        # `shown` is what a close match is suggested by (a slug where the cell holds slugs);
        # `hint` where to find the values allowed, when none is close.
        self.label = label
        self.hint = hint
        self.suggested: dict[str, str] = {}  # each unknown value met (normalised) → a name
        self.by_key: dict[str, object] = {}
        self.names: list[str] = []
        self.rank: dict[int, int] = {}  # each row's place in the table's own order
        for obj in queryset:
            self.rank[obj.pk] = len(self.rank)
            for key in keys:
                self.by_key.setdefault(normalize(str(getattr(obj, key))), obj)
            self.names.append(str(getattr(obj, shown)))

    def get(self, text: str):
        found = self.by_key.get(normalize(text))
        if found is not None:
            return found
        message = _("« %(value)s » : %(unknown)s.") % {"value": text, "unknown": self.label}
        close = self.suggestion(text)
        if close:
            self.suggested[normalize(text)] = close
            message += " " + _("Vouliez-vous dire « %(name)s » ?") % {"name": close}
        else:
            message += " " + str(
                self.hint or _("Les valeurs permises sont dans la feuille « Colonnes » du modèle.")
            )
        raise ValueError(message)

    def suggestion(self, text: str) -> str:
        """The name `text` is close to: a slip of the keyboard (« Centre socal »), or the start
        of a longer name (« Parentalité » for « Parentalité, familles »); the shortest wins."""
        close = difflib.get_close_matches(text, self.names, n=1, cutoff=0.75)
        if close:
            return close[0]
        words = set(WORDS.findall(normalize(text)))
        if not words:
            return ""
        containing = [n for n in self.names if words <= set(WORDS.findall(normalize(n)))]
        return min(containing, key=len, default="")


class TextWidget(widgets.Widget):
    def __init__(self, max_length: int | None = None, **kwargs):
        self.max_length = max_length
        super().__init__(**kwargs)

    def clean(self, value, row=None, **kwargs):
        # Browsers send \r\n, XLSX and ODS keep \n: compared and stored as \n.
        text = (value or "").strip().replace("\r\n", "\n")
        if self.max_length and len(text) > self.max_length:
            raise ValueError(
                _("%(count)s caractères : %(max)s au plus.")
                % {"count": len(text), "max": self.max_length}
            )
        return text


class LookupWidget(widgets.Widget):
    """One value of a vocabulary; `lookup` is a callable so tables load once per import."""

    def __init__(self, lookup, *, required: bool = False, **kwargs):
        self.lookup = lookup
        self.required = required
        super().__init__(**kwargs)

    def clean(self, value, row=None, **kwargs):
        text = (value or "").strip()
        if not text:
            if self.required:
                raise ValueError(_("Cette colonne est obligatoire."))
            return None
        return self.lookup().get(text)


class LookupListWidget(LookupWidget):
    """Several values joined with « ; », as the export writes them."""

    def clean(self, value, row=None, **kwargs):
        items = split_list(value)
        if not items and self.required:
            raise ValueError(_("Donnez au moins une valeur."))
        lookup = self.lookup()
        found, errors = [], []
        for item in items:
            try:
                obj = lookup.get(item)
            except ValueError as error:
                errors.append(str(error))
                continue
            if obj not in found:
                found.append(obj)
        if errors:
            raise ValueError(" ".join(errors))
        return found


class TerritoryListWidget(LookupListWidget):
    """« 26 Drôme ; 200040442 CC du Diois »: the code is read, the name is for people."""

    def clean(self, value, row=None, **kwargs):
        lookup = self.lookup()
        found, errors = [], []
        for item in split_list(value):
            code = item.split(" ", 1)[0]
            territory = lookup.by_key.get(normalize(code)) or lookup.by_key.get(normalize(item))
            if territory is None:
                errors.append(_("Territoire inconnu : « %(value)s ».") % {"value": item})
            elif territory not in found:
                found.append(territory)
        if errors:
            raise ValueError(" ".join(errors))
        return found


class ChoiceWidget(widgets.Widget):
    """A choice given by its French label or its code, case and accents ignored."""

    def __init__(self, choices, **kwargs):
        self.by_text = {}
        for code, label in choices:
            self.by_text[normalize(str(label))] = code
            self.by_text[normalize(code)] = code
        self.labels = [str(label) for _code, label in choices]
        super().__init__(**kwargs)

    def clean(self, value, row=None, **kwargs):
        text = (value or "").strip()
        if not text:
            return None
        try:
            return self.by_text[normalize(text)]
        except KeyError:
            raise ValueError(
                _("« %(value)s » n’est pas permis ici. Valeurs permises : %(choices)s.")
                % {"value": text, "choices": ", ".join(self.labels)}
            ) from None


class YesNoWidget(widgets.Widget):
    def clean(self, value, row=None, **kwargs):
        text = normalize(value or "")
        if text in YES:
            return True
        if text in NO:
            return False
        raise ValueError(_("Répondez « oui » ou « non »."))


class DecimalNumberWidget(widgets.Widget):
    """44,93 or 44.93."""

    def clean(self, value, row=None, **kwargs):
        text = NUMBER_SPACES.sub("", value or "").replace(",", ".")
        if not text:
            return None
        try:
            number = float(text)
        except ValueError:
            number = math.nan
        if not math.isfinite(number):
            raise ValueError(
                _("« %(value)s » n’est pas un nombre (exemple : 44,93).") % {"value": value}
            )
        return number


class YearWidget(widgets.Widget):
    def clean(self, value, row=None, **kwargs):
        text = (value or "").strip()
        if not text:
            return None
        if not re.fullmatch(r"\d{4}", text):
            raise ValueError(_("Donnez une année sur quatre chiffres (exemple : 2019)."))
        return int(text)


def parse_date(text: str) -> datetime.date | None:
    """21/11/2026, 21-11-2026, 21.11.2026, 2026-11-21, or the day number a spreadsheet shows
    when a date cell was saved as a number."""
    text = (text or "").strip()
    if not text:
        return None
    if text.isdigit() and int(text) in EXCEL_SERIALS:
        return EXCEL_EPOCH + datetime.timedelta(days=int(text))
    for pattern in ("%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%Y-%m-%d", "%d/%m/%y"):
        try:
            return datetime.datetime.strptime(text[:10], pattern).date()
        except ValueError:
            continue
    raise ValueError(
        _("« %(value)s » n’est pas une date : écrivez-la 21/11/2026 ou 2026-11-21.")
        % {"value": text}
    )


class FrenchDateWidget(widgets.Widget):
    def clean(self, value, row=None, **kwargs):
        return parse_date(value)


class FrenchDateTimeWidget(widgets.Widget):
    """A date alone is read as noon, local time, so that it shows as the same day everywhere."""

    def clean(self, value, row=None, **kwargs):
        from django.utils import timezone

        day = parse_date(value)
        if day is None:
            return None
        return timezone.make_aware(datetime.datetime.combine(day, datetime.time(12)))


class DigitsWidget(widgets.Widget):
    """Codes typed as numbers lose their leading zeros in spreadsheets: put back one or two (a
    SIREN in the SIRET column stays short, and is refused as such)."""

    def __init__(self, length: int, **kwargs):
        self.length = length
        super().__init__(**kwargs)

    def clean(self, value, row=None, **kwargs):
        text = NUMBER_SPACES.sub("", value or "")
        if re.fullmatch(r"[\d.]+", text):  # « 123.456.789.00012 »
            text = text.replace(".", "")
        if text.isdigit() and self.length - 2 <= len(text) < self.length:
            text = text.zfill(self.length)
        return text


def pad_code(text: str) -> str:
    """An INSEE code read as a number (1053 for 01053)."""
    text = (text or "").strip()
    return text.zfill(5) if text.isdigit() and len(text) == 4 else text


class ValidatedTextWidget(TextWidget):
    def __init__(self, validator, **kwargs):
        self.validator = validator
        super().__init__(**kwargs)

    def clean(self, value, row=None, **kwargs):
        text = super().clean(value, row=row, **kwargs)
        if text:
            try:
                self.validator(text)
            except ValidationError as error:
                raise ValueError(" ".join(error.messages)) from None
        return text


def url_widget():
    return ValidatedTextWidget(URLValidator(message=_("Adresse web invalide.")), max_length=300)


def email_widget():
    return ValidatedTextWidget(EmailValidator(message=_("Courriel invalide.")), max_length=254)


def with_leading_zero(phone: str) -> str:
    """A French number typed in a cell formatted as a number lost its leading zero
    (475280000): it is given back, in pairs (04 75 28 00 00); any other text is kept."""
    digits = NUMBER_SPACES.sub("", phone or "").replace(".", "")
    if re.fullmatch(r"[1-9]\d{8}", digits):
        return " ".join(re.findall(r"\d\d", "0" + digits))
    return phone


class PhoneWidget(ValidatedTextWidget):
    def clean(self, value, row=None, **kwargs):
        return super().clean(with_leading_zero(value), row=row, **kwargs)


def phone_widget():
    return PhoneWidget(validate_phone, max_length=25)


class ContactsWidget(widgets.Widget):
    """« Nom / fonction / métier : … / courriel / téléphone ; contact suivant », parts left out
    when empty, as the export writes them. The courriel holds an @, the téléphone only digits
    and signs; the métier is the part that starts with « métier : », or the second of two
    parts between the name and them."""

    def __init__(self, professions, **kwargs):
        self.professions = professions
        super().__init__(**kwargs)

    def clean(self, value, row=None, **kwargs):
        contacts, errors = [], []
        items = split_list(value)
        if len(items) > MAX_CONTACTS:
            raise ValueError(
                _("%(count)s contacts : %(max)s au plus par colonne.")
                % {"count": len(items), "max": MAX_CONTACTS}
            )
        for number, item in enumerate(items, 1):
            try:
                contacts.append(self._contact(item))
            except ValueError as error:
                errors.append(
                    _("Contact %(number)s (« %(text)s ») : %(error)s")
                    % {"number": number, "text": item, "error": error}
                )
        if errors:
            raise ValueError(" ".join(errors))
        return contacts

    def _contact(self, item: str) -> dict:
        parts = [part.strip() for part in item.split(" / ")]
        contact = {"name": parts.pop(0), "role": "", "profession": None, "email": "", "phone": ""}
        if parts and re.fullmatch(r"\+?[0-9 .()-]{6,25}", parts[-1]):
            contact["phone"] = with_leading_zero(parts.pop())
            try:
                validate_phone(contact["phone"])
            except ValidationError as error:
                raise ValueError(" ".join(error.messages)) from None
        if parts and "@" in parts[-1]:
            contact["email"] = parts.pop()
            try:
                EmailValidator()(contact["email"])
            except ValidationError:
                raise ValueError(_("courriel invalide.")) from None
            if len(contact["email"]) > 254:
                raise ValueError(_("courriel trop long (254 caractères au plus)."))
        marked = [p for p in parts if PROFESSION_MARK.match(normalize(p))]
        if len(marked) > 1 or len(parts) > 2:
            raise ValueError(
                _(
                    "écrivez « Nom / fonction / métier : … / courriel / téléphone », "
                    "séparés par « / »."
                )
            )
        if marked:
            parts.remove(marked[0])
            named = unicodedata.normalize("NFKC", marked[0]).split(":", 1)[-1].strip()
            contact["profession"] = self.professions().get(named)
            if parts:
                contact["role"] = parts[0]
        elif len(parts) == 2:
            contact["role"] = parts[0]
            contact["profession"] = self.professions().get(parts[1])
        elif parts:
            contact["role"] = parts[0]
        if not contact["name"]:
            raise ValueError(_("le nom manque."))
        if len(contact["name"]) > 150 or len(contact["role"]) > 150:
            raise ValueError(_("150 caractères au plus pour le nom et la fonction."))
        return contact
