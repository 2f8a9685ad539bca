"""``build_search_postings``: the posting snapshot a one-word search reads (PostgreSQL)."""

from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from actors.directory.postings.build import WritesKeptTheLock, build_snapshot, is_current


class Command(BaseCommand):
    help = (
        "Construit les listes de mots de la recherche des fiches publiées (PostgreSQL) : une "
        "recherche d’un seul mot les lit au lieu de classer chaque fiche trouvée. Le travailleur "
        "(manage.py db_worker) les reconstruit de lui-même quand assez de fiches ont changé."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--if-stale",
            action="store_true",
            help="Ne rien faire si aucune fiche n’a changé depuis la dernière construction.",
        )

    def handle(self, *args, if_stale, **options):
        if connection.vendor != "postgresql":
            self.stdout.write(
                "Les listes de mots ne servent qu’avec PostgreSQL : rien à construire sur SQLite."
            )
            return
        if if_stale and is_current():
            self.stdout.write("Listes de mots à jour : rien à reconstruire.")
            return
        try:
            snapshot = build_snapshot()
        except WritesKeptTheLock as error:
            raise CommandError(
                "Des écritures de fiches n’ont pas laissé la place à la construction (une "
                "importation longue ?) : relancez la commande une fois qu’elles sont finies."
            ) from error
        self.stdout.write(
            f"Listes de mots construites : {snapshot.fiches} fiches publiées en "
            f"{snapshot.seconds:.1f} s."
        )
