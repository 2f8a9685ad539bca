import json
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from experiences.loader import ExperienceDataError, load_experiences


class Command(BaseCommand):
    help = (
        "Charge les fiches expérience de fixtures/experiences/sheets.json, publiées, après les "
        "données de démonstration (load_reference_data --demo) et la grille (load_grid). Peut "
        "être relancée sans rien dupliquer."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--file",
            default=str(Path(settings.BASE_DIR) / "fixtures" / "experiences" / "sheets.json"),
            help="Le fichier JSON des fiches (par défaut : fixtures/experiences/sheets.json).",
        )

    def handle(self, *args, **options):
        path = Path(options["file"])
        if not path.exists():
            raise CommandError(f"Fichier introuvable : {path}")
        try:
            result = load_experiences(json.loads(path.read_text(encoding="utf-8")))
        except (ExperienceDataError, KeyError, ValueError) as error:
            raise CommandError(f"{path.name} : {error}") from error
        for warning in result.warnings:
            self.stderr.write(self.style.WARNING(f"Attention : {warning}"))
        self.stdout.write(
            f"{path.name} — fiches expérience : {result.created} créé(s), "
            f"{result.updated} modifié(s), {result.unchanged} inchangé(s)"
        )
