"""Validators for French identifiers and contact details; messages in French."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# La Poste's establishments share a SIREN whose SIRETs do not follow the Luhn rule;
# INSEE documents the exception: the digits add up to a multiple of 5 instead.
LA_POSTE_SIREN = "356000000"

PHONE_ALLOWED = re.compile(r"^\+?[0-9 .()-]{6,25}$")


def luhn_valid(digits: str) -> bool:
    total = 0
    for index, char in enumerate(reversed(digits)):
        value = int(char)
        if index % 2 == 1:
            value *= 2
            if value > 9:
                value -= 9
        total += value
    return total % 10 == 0


def validate_siren(value: str) -> None:
    if not re.fullmatch(r"\d{9}", value or ""):
        raise ValidationError(_("Un SIREN compte exactement 9 chiffres."), code="siren_format")
    if not luhn_valid(value):
        raise ValidationError(
            _("Ce SIREN n’est pas valide (la clé de contrôle ne correspond pas)."),
            code="siren_checksum",
        )


def validate_siret(value: str) -> None:
    compact = (value or "").replace(" ", "")
    if not re.fullmatch(r"\d{14}", compact):
        raise ValidationError(_("Un SIRET compte exactement 14 chiffres."), code="siret_format")
    if compact.startswith(LA_POSTE_SIREN):
        if sum(int(c) for c in compact) % 5 == 0:
            return
    elif luhn_valid(compact):
        return
    raise ValidationError(
        _("Ce SIRET n’est pas valide (la clé de contrôle ne correspond pas)."),
        code="siret_checksum",
    )


def normalize_phone(value: str) -> str:
    """Digits of a French number, grouped by two ("04 75 22 11 00"), or the input untouched."""
    raw = (value or "").strip()
    digits = re.sub(r"\D", "", raw)
    if raw.startswith("+33") and len(digits) == 11:
        digits = "0" + digits[2:]
    if len(digits) == 10 and digits.startswith("0"):
        return " ".join(digits[i : i + 2] for i in range(0, 10, 2))
    return raw


def validate_phone(value: str) -> None:
    raw = (value or "").strip()
    digits = re.sub(r"\D", "", raw)
    if not PHONE_ALLOWED.fullmatch(raw) or not 8 <= len(digits) <= 15:
        raise ValidationError(
            _(
                "Numéro de téléphone invalide : écrivez par exemple 04 75 22 11 00 "
                "ou +33 4 75 22 11 00."
            ),
            code="phone",
        )
    if raw.startswith("0") and len(digits) != 10:
        raise ValidationError(
            _("Un numéro français commençant par 0 compte 10 chiffres."), code="phone_length"
        )
