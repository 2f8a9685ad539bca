import time
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from actors.cache import bump_generation
from actors.directory.search_index import rebuild_search_terms
from actors.reference_data.loader import (
    ReferenceDataError,
    load_demo,
    load_schemes,
    load_vocabularies,
    read_json,
)
from actors.territories.loader import load_territory_records


class Command(BaseCommand):
    help = (
        "Charge les données de référence de fixtures/ (territoires, vocabulaires, dispositifs) "
        "et, avec --demo, les acteurs de démonstration. Peut être relancée sans rien dupliquer."
    )

    def add_arguments(self, parser):
        parser.add_argument("--demo", action="store_true", help="Charger aussi fixtures/demo.json.")
        parser.add_argument(
            "--fixtures-dir",
            default=str(Path(settings.BASE_DIR) / "fixtures"),
            help="Dossier des fichiers JSON (par défaut : fixtures/).",
        )

    def handle(self, *args, **options):
        folder = Path(options["fixtures_dir"])
        steps = [
            ("territories.json", load_territory_records),
            ("vocabularies.json", load_vocabularies),
            ("schemes.json", load_schemes),
        ]
        if options["demo"]:
            steps.append(("demo.json", load_demo))
        for filename, loader in steps:
            path = folder / filename
            if not path.exists():
                raise CommandError(f"Fichier introuvable : {path}")
            started = time.perf_counter()
            try:
                counts = loader(read_json(path))
            except (ReferenceDataError, KeyError, ValueError) as error:
                raise CommandError(f"{filename} : {error}") from error
            elapsed = time.perf_counter() - started
            summary = " ; ".join(
                f"{name} : {c['created']} créé(s), {c['updated']} modifié(s), "
                f"{c['unchanged']} inchangé(s)"
                for name, c in counts.items()
            )
            self.stdout.write(f"{filename} ({elapsed:.1f} s) — {summary}")
        terms = rebuild_search_terms()
        bump_generation()
        self.stdout.write(f"Mots connus pour les suggestions de recherche : {terms}")
