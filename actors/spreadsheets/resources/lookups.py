"""Vocabulary tables and communes, read once per import (reset by `reset_lookups`)."""

import threading

from django.utils.translation import gettext as _

from actors.models import ActorType, Competence, Profession, Sphere, Territory, Theme
from actors.spreadsheets import cells as w

_cache = threading.local()


def _lookup(name: str, build):
    tables = getattr(_cache, "tables", None)
    if tables is None:
        tables = _cache.tables = {}
    if name not in tables:
        tables[name] = build()
    return tables[name]


def reset_lookups() -> None:
    _cache.tables = {}


def spheres():
    return _lookup("spheres", lambda: w.Lookup(Sphere.objects.all(), label=_("sphère inconnue")))


def actor_types():
    return _lookup(
        "types", lambda: w.Lookup(ActorType.objects.all(), label=_("type d’acteur inconnu"))
    )


def themes():
    return _lookup("themes", lambda: w.Lookup(Theme.objects.all(), label=_("thème inconnu")))


def competences():
    return _lookup(
        "competences", lambda: w.Lookup(Competence.objects.all(), label=_("compétence inconnue"))
    )


def professions():
    return _lookup(
        "professions", lambda: w.Lookup(Profession.objects.all(), label=_("métier inconnu"))
    )


def territories():
    return _lookup(
        "territories",
        lambda: w.Lookup(
            Territory.objects.only("pk", "key", "name", "slug"),
            keys=("key",),
            label=_("territoire inconnu"),
        ),
    )


def communes() -> dict:
    """Communes by INSEE code, filled as codes are met (None for an unknown code)."""
    return _lookup("communes", dict)


def named_communes() -> dict:
    """Communes by (name as written, postal code): the commune, or why none fits."""
    return _lookup("named_communes", dict)
