"""How a sheet's parts are named on pages, in spreadsheets and in the open data: one place, so
the three always say the same."""

from django.urls import reverse
from django.utils.translation import gettext as _


def function_url(function) -> str:
    """The grid function on the reference page of its version (expects `axis__version`)."""
    version = reverse("grid:version", kwargs={"number": function.axis.version.number})
    return f"{version}#{function.anchor}"


def period(sheet) -> str:
    """« 2021 – 2023 », « depuis 2022 », « 2022 » or nothing."""
    start, end = sheet.started_on, sheet.ended_on
    if start and end:
        if start.year == end.year:
            return str(start.year)
        return f"{start.year} – {end.year}"
    if start:
        return _("depuis %(year)s") % {"year": start.year}
    if end:
        return _("jusqu’en %(year)s") % {"year": end.year}
    return ""


def involvement_text(involvement) -> str:
    """« Centre social du Diois (porteur) »."""
    return f"{involvement.actor.name} ({involvement.get_role_display().lower()})"
