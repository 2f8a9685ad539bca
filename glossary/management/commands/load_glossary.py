import json
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from glossary.services import GlossaryDataError, load_glossary


class Command(BaseCommand):
    help = (
        "Charge le glossaire de référence (fixtures/glossary/terms.json) après les données de "
        "référence. Peut être relancée sans rien dupliquer."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--file",
            default=str(Path(settings.BASE_DIR) / "fixtures" / "glossary" / "terms.json"),
            help="Le fichier JSON du glossaire (par défaut : fixtures/glossary/terms.json).",
        )

    def handle(self, *args, **options):
        path = Path(options["file"])
        if not path.exists():
            raise CommandError(f"Fichier introuvable : {path}")
        try:
            counts = load_glossary(json.loads(path.read_text(encoding="utf-8")))
        except (GlossaryDataError, KeyError, ValueError) as error:
            raise CommandError(f"{path.name} : {error}") from error
        c = counts["termes"]
        self.stdout.write(
            f"{path.name} — termes : {c['created']} créé(s), {c['updated']} modifié(s), "
            f"{c['unchanged']} inchangé(s)"
        )
