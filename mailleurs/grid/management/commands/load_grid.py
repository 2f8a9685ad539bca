import json
import re
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from mailleurs.grid.demo import load_demo_rounds
from mailleurs.grid.reference_data import GridDataError, load_grid_version

DEMO_FILE = "demo-rounds.json"
VERSION_FILE = re.compile(r"grid-v(\d+)\.json")


def version_files(folder: Path) -> list[Path]:
    """fixtures/grid/grid-v<n>.json, oldest version first (a mapping needs the older one)."""
    found = [(int(m.group(1)), path) for path in folder.glob("grid-v*.json")
             if (m := VERSION_FILE.fullmatch(path.name))]  # fmt: skip
    return [path for _number, path in sorted(found)]


def summary(counts: dict) -> str:
    return " ; ".join(
        f"{name} : {c['created']} créé(s), {c['updated']} modifié(s), {c['unchanged']} inchangé(s)"
        for name, c in counts.items()
    )


class Command(BaseCommand):
    help = (
        "Charge la grille « fonction mailleur » (fixtures/grid/grid-v*.json) et, avec --demo, "
        "les évaluations de démonstration. Peut être relancée sans rien dupliquer."
    )

    def add_arguments(self, parser):
        parser.add_argument("--demo", action="store_true", help="Charger aussi les évaluations.")
        parser.add_argument(
            "--fixtures-dir",
            default=str(Path(settings.BASE_DIR) / "fixtures" / "grid"),
            help="Dossier des fichiers JSON (par défaut : fixtures/grid/).",
        )

    def handle(self, *args, **options):
        folder = Path(options["fixtures_dir"])
        files = version_files(folder)
        if not files:
            raise CommandError(f"Aucune version de la grille dans {folder}")
        for path in files:
            try:
                counts = load_grid_version(json.loads(path.read_text(encoding="utf-8")))
            except (GridDataError, KeyError, ValueError) as error:
                raise CommandError(f"{path.name} : {error}") from error
            self.stdout.write(f"{path.name} — {summary(counts)}")
        if options["demo"]:
            path = folder / DEMO_FILE
            try:
                counts = load_demo_rounds(json.loads(path.read_text(encoding="utf-8")))
            except (OSError, GridDataError, KeyError, ValueError) as error:
                raise CommandError(f"{path.name} : {error}") from error
            self.stdout.write(f"{path.name} — {summary(counts)}")
