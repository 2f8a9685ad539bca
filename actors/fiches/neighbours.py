"""The fiches near a fiche that share its themes, as its page lists them."""

from dataclasses import dataclass
from functools import cache

from django.db import connection

from actors import policies
from actors.cache import cached, generation_key
from actors.directory.page_cache import cache_seconds
from actors.fiches.selectors import ACTORS_TABLE, visible_condition
from actors.models import Actor, Territory
from actors.territories import geo
from mailleurs.prepared_sql import prepared_cursor


@dataclass(frozen=True)
class Neighbour:
    """A fiche nearby as the fiche page lists it (kept whole in the cache: no query on a hit)."""

    name: str
    acronym: str
    slug: str
    type_name: str
    commune_name: str
    distance_km: float

    # The fiche's own wording and address: they read only the name, acronym and slug.
    display_name = Actor.display_name
    get_absolute_url = Actor.get_absolute_url


def nearby_actors_on_same_themes(*, actor, user, radius_km: float = 15, limit: int = 6):
    """Published actors close by that share at least one theme, most shared themes first,
    kept until the directory changes (the search costs more than the rest of the fiche)."""
    visibility = policies.visibility_key(user)
    return cached(
        generation_key("neighbours", actor.pk, visibility, radius_km, limit),
        lambda: _neighbours(actor=actor, user=user, radius_km=radius_km, limit=limit),
        seconds=cache_seconds(visibility),
    )


def _neighbours(*, actor, user, radius_km: float, limit: int) -> list[Neighbour]:
    """Candidates come from the communes around (a small table, then the actors' commune
    index), so the cost does not depend on how many actors the directory holds elsewhere;
    their shared themes are counted in `facet_keys` (no link-table subquery per candidate),
    which PostgreSQL also uses to skip those sharing none.

    One statement, written here and prepared: built with the ORM, it cost Django 1.5 ms and
    PostgreSQL 1 ms of planning, for 2–3 ms of work. The nearest fiches are searched in a
    derived table (which keeps the search's index-only scan), then joined to the names their
    lines show."""
    themes = sorted(key for key in actor.facet_keys if key.startswith("theme:"))
    if not themes or actor.latitude is None:
        return []
    box = geo.around(actor.latitude, actor.longitude, radius_km)
    shared, shared_params = _keys_among(themes)
    distance, distance_params = _squared_distance(actor.latitude, actor.longitude)
    visible, visible_params = visible_condition(user)
    if connection.vendor == "postgresql":
        # `?|` keeps only the fiches sharing a theme, through the index; counting them in the
        # condition as well would count each candidate's themes twice.
        sharing, sharing_params = f"{ACTORS_TABLE}.facet_keys ?| %s", [themes]
    else:
        sharing, sharing_params = f"{shared} > 0", shared_params
    sql = _neighbours_sql().format(
        shared=shared, distance=distance, visible=visible, sharing=sharing
    )
    params = [
        *shared_params,
        *distance_params,
        *(box.south, box.north, box.west, box.east, Territory.Kind.COMMUNE.value),
        *visible_params,
        actor.pk,
        *distance_params,
        radius_km * radius_km,
        *sharing_params,
        limit,
    ]
    with prepared_cursor() as cursor:
        cursor.execute(sql, params)
        return [Neighbour(*card, distance_km=distance_sq**0.5) for *card, distance_sq in cursor]


@cache  # the same text for every fiche, its conditions left as {fields}
def _neighbours_sql() -> str:
    quote = connection.ops.quote_name
    territories = quote(Territory._meta.db_table)
    types = quote(Actor._meta.get_field("actor_type").related_model._meta.db_table)
    actors = quote(ACTORS_TABLE)
    return (
        "SELECT a.name, a.acronym, a.slug, t.name, c.name, n.distance_sq FROM ("
        f"SELECT {actors}.id AS pk, {{shared}} AS shared_themes, {{distance}} AS distance_sq "
        f"FROM {actors} WHERE {actors}.commune_id IN ("
        f"SELECT id FROM {territories} WHERE latitude >= %s AND latitude <= %s "
        "AND longitude >= %s AND longitude <= %s AND kind = %s) "
        f"AND {{visible}} AND {actors}.id <> %s AND {{distance}} <= %s AND {{sharing}} "
        f"ORDER BY shared_themes DESC, distance_sq, {actors}.sort_name, {actors}.id LIMIT %s) n "
        f"JOIN {actors} a ON a.id = n.pk "
        f"JOIN {types} t ON t.id = a.actor_type_id "
        f"JOIN {territories} c ON c.id = a.commune_id "
        "ORDER BY n.shared_themes DESC, n.distance_sq, a.sort_name, a.id"
    )


def _squared_distance(latitude: float, longitude: float) -> tuple[str, tuple]:
    """`geo.squared_distance_km` written out for the candidates' own table: Django spent
    more time resolving the arithmetic expression than the database takes to run it."""
    kx, ky = geo.km_per_degree(latitude)
    sql = (
        f"(({ACTORS_TABLE}.longitude - %s) * %s) * (({ACTORS_TABLE}.longitude - %s) * %s) + "
        f"(({ACTORS_TABLE}.latitude - %s) * %s) * (({ACTORS_TABLE}.latitude - %s) * %s)"
    )
    return f"({sql})", (longitude, kx, longitude, kx, latitude, ky, latitude, ky)


def _keys_among(keys: list[str]) -> tuple[str, tuple]:
    """How many of `keys` the row's `facet_keys` holds."""
    if connection.vendor == "postgresql":
        # One `?` test per key: unpacking the list into rows and counting them took three
        # times longer over the thousand candidates of a town.
        tests = " + ".join([f"({ACTORS_TABLE}.facet_keys ? %s)::int"] * len(keys))
        return f"({tests})", tuple(keys)
    marks = ", ".join(["%s"] * len(keys))
    return (
        f"(SELECT count(*) FROM json_each({ACTORS_TABLE}.facet_keys) WHERE value IN ({marks}))",
        tuple(keys),
    )
