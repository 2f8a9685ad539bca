"""A commune as people write it in a list: « Buis les Baronnies », « St-Jean », « CREST »,
« 26400 Crest » or « 26400 » alone. Names are read as `territories.lookup` reads them (case,
accents, hyphens aside), with « St »/« Ste » for « Saint »/« Sainte »; the postal code chooses
among namesakes; a name still ambiguous is refused with the communes it could be."""

import re

from django.utils.translation import gettext as _

from actors.models import Territory
from actors.territories.lookup import MAX_CANDIDATES, fold, place_label, resolve_place

POSTCODE = re.compile(r"\d{5}")
WITH_POSTCODE = re.compile(r"^\s*(\d{5})\b\s*(.*)$|^(.*?)\s*\(?(\d{5})\)?\s*$")
ABBREVIATIONS = {"st": "saint", "ste": "sainte", "sts": "saints", "stes": "saintes"}


def written_out(name: str) -> str:
    """« St-Jean en Royans » → « saint jean en royans »."""
    return " ".join(ABBREVIATIONS.get(word, word) for word in fold(name.replace(".", " ")).split())


def split_postcode(text: str) -> tuple[str, str]:
    """« 26400 Crest » or « Crest (26400) » → (« Crest », « 26400 »)."""
    match = WITH_POSTCODE.match(text or "")
    if not match:
        return (text or "").strip(), ""
    if match.group(1):
        return match.group(2).strip(" -,"), match.group(1)
    return match.group(3).strip(" -,"), match.group(4)


def find_commune(text: str, postcode: str = "") -> Territory:
    """The one commune `text` (a name, with or without a postal code) and `postcode` designate;
    a ValueError in French otherwise."""
    name, written_code = split_postcode(text)
    postcode = written_code or (postcode or "").strip()
    communes = Territory.objects.filter(kind=Territory.Kind.COMMUNE)
    if postcode and POSTCODE.fullmatch(postcode):
        candidates = _named(name, communes.filter(postcodes__contains=postcode), postcode)
        if len(candidates) == 1 or (candidates and not name):
            return _one(candidates, name or postcode)
    if not name:
        raise ValueError(_("Aucune commune n’a le code postal « %(code)s ».") % {"code": postcode})
    return _one(_named(name, communes, ""), name)


def _named(name: str, communes, postcode: str) -> list[Territory]:
    if postcode:  # `postcodes` holds several codes: the whole code, not a part of another
        communes = [c for c in communes if postcode in c.postcodes.split()]
        if not name:
            return communes[: MAX_CANDIDATES + 1]
        folded = written_out(name)
        exact = [c for c in communes if written_out(c.name) == folded]
        return exact or [c for c in communes if folded in written_out(c.name)]
    return resolve_place(written_out(name), communes)


def _one(candidates: list[Territory], written: str) -> Territory:
    if len(candidates) == 1:
        return candidates[0]
    if not candidates:
        raise ValueError(
            _("Commune « %(name)s » introuvable : vérifiez son nom ou donnez son code INSEE.")
            % {"name": written}
        )
    shown = candidates[:MAX_CANDIDATES]
    listed = ", ".join(f"{place_label(c)} {c.key}" for c in shown)
    if len(candidates) > MAX_CANDIDATES:
        listed += "…"
    raise ValueError(
        _(
            "Commune « %(name)s » ambiguë : ce peut être %(candidates)s. Donnez son code "
            "postal ou son code INSEE."
        )
        % {"name": written, "candidates": listed}
    )
