"""Import a spreadsheet from the command line, as /import/ does: for files whose import would
outlast a web request. ``import_spreadsheet acteurs.xlsx --kind acteurs [--confirm]
[--mapping colonnes.json | --mapping "Fichier du réseau Drôme"]``."""

import json
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.core.management.base import BaseCommand, CommandError

from actors.models import ImportMapping
from actors.spreadsheets import imports

ERRORS_PRINTED = 50


class Command(BaseCommand):
    help = (
        "Prévisualise un tableur (CSV, XLSX, ODS) d’acteurs, de relations ou de participations, "
        "puis l’importe avec --confirm. L’import est enregistré comme ceux de /import/."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="Chemin du fichier.")
        parser.add_argument(
            "--kind", choices=imports.DIRECTORY_KINDS, default="acteurs", help="Contenu."
        )
        parser.add_argument("--confirm", action="store_true", help="Importer pour de vrai.")
        parser.add_argument(
            "--valid-rows-only", action="store_true", help="Laisser de côté les lignes en erreur."
        )
        parser.add_argument("--user", help="Nom d’utilisateur inscrit comme auteur de l’import.")
        parser.add_argument(
            "--mapping",
            help=(
                'Correspondance des colonnes : un fichier JSON {"En-tête du fichier": '
                '"clé de colonne"} ("" pour ignorer une colonne), ou le nom d’une '
                "correspondance enregistrée sur le site."
            ),
        )
        parser.add_argument(
            "--max-megabytes",
            type=int,
            help="Taille maximale du fichier (par défaut IMPORT_MAX_MEGABYTES, comme sur le site).",
        )

    def handle(
        self, *args, path, kind, confirm, valid_rows_only, user, max_megabytes, mapping=None,
        **options,
    ):  # fmt: skip
        file = Path(path)
        if not file.is_file():
            raise CommandError(f"Fichier introuvable : {file}")
        author = None
        if user:
            author = get_user_model().objects.filter(username=user).first()
            if author is None:
                raise CommandError(f"Aucun compte ne s’appelle « {user} ».")
        upload = ContentFile(file.read_bytes(), name=file.name)
        record, report = imports.preview(
            kind=kind,
            upload=upload,
            user=author,
            max_megabytes=max_megabytes,
            mapping=_mapping(mapping, kind) if mapping else None,
        )
        if record is None:
            raise CommandError(report.file_error)
        if confirm:
            report = imports.confirm(record=record, user=author, valid_rows_only=valid_rows_only)
        counts = report.counts
        self.stdout.write(
            f"Import n° {record.pk} : {counts['new']} nouvelles, {counts['updated']} modifiées, "
            f"{counts['unchanged']} inchangées, {counts['invalid']} en erreur."
        )
        for error in report.errors[:ERRORS_PRINTED]:
            self.stdout.write(
                f"  ligne {error['line']}, {error['column'] or '—'} : {error['message']}"
            )
        if len(report.errors) > ERRORS_PRINTED:
            self.stdout.write(f"  … et {len(report.errors) - ERRORS_PRINTED} autres erreurs.")
        if not confirm:
            self.stdout.write("Aperçu seulement : relancez avec --confirm pour importer.")
        elif report.written:
            self.stdout.write(self.style.SUCCESS("Importé."))
        else:
            raise CommandError("Rien n’a été importé : des lignes sont en erreur.")


def _mapping(given: str, kind: str) -> dict[str, str]:
    """A JSON file's mapping, or the one saved on the site under that name."""
    path = Path(given)
    if path.suffix.lower() == ".json" or path.is_file():
        try:
            columns = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
            raise CommandError(f"Correspondance illisible ({path}) : {error}") from error
        if not isinstance(columns, dict) or not all(
            isinstance(key, str) and isinstance(value, str) for key, value in columns.items()
        ):
            raise CommandError(
                'La correspondance doit être un objet JSON {"En-tête du fichier": "clé"}.'
            )
        return columns
    saved = ImportMapping.objects.filter(kind=kind, name=given).first()
    if saved is None:
        raise CommandError(f"Aucune correspondance enregistrée ne s’appelle « {given} ».")
    return saved.columns
