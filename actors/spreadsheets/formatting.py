"""How a value becomes the text of an exported cell: lists joined with " ; ", French dates,
contacts as the import reads them back, formulas neutralised."""

from django.utils import timezone

SEPARATOR = " ; "
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
PROFESSION_PREFIX = "métier : "


def neutralise(value) -> str:
    """A cell a spreadsheet will show as text, never run: formulas get a leading apostrophe."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def joined(items) -> str:
    return SEPARATOR.join(str(item) for item in items)


def day(value) -> str:
    return timezone.localtime(value).strftime("%d/%m/%Y") if value else ""


def contact_text(name, role, profession, email, phone) -> str:
    """« Nom / fonction / métier : … / courriel / téléphone », empty parts left out. The prefix
    tells the métier from a fonction that bears the same words, so the import reads it back."""
    profession = f"{PROFESSION_PREFIX}{profession}" if profession else ""
    return " / ".join(part for part in (name, role, profession, email, phone) if part)
