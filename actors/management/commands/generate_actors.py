"""Create reproducible synthetic actors for scale work: ``generate_actors --count N --seed S``."""

import time

from django.core.management.base import BaseCommand, CommandError

from actors.cache import bump_generation
from actors.directory.search_index import rebuild_search_terms
from actors.reference_data.synthetic.generate import MAX_COUNT, generate_actors
from actors.reference_data.synthetic.reference import ReferenceDataMissing


def french_int(value: int) -> str:
    return f"{value:,}".replace(",", "\u202f")


class Command(BaseCommand):
    help = (
        "Crée des acteurs fictifs reproductibles (avec relations, contacts et participations à des "
        "dispositifs locaux) pour les essais de charge. Les données de référence doivent être "
        "chargées. Relancer avec la même graine ne crée que ce qui manque."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--count", type=int, required=True, help="Nombre d’acteurs (1 à 1 000 000)."
        )
        parser.add_argument("--seed", type=int, default=1, help="Graine du tirage (1 par défaut).")
        parser.add_argument(
            "--batch-size", type=int, default=2000, help="Acteurs écrits par transaction (2000)."
        )

    def handle(self, *args, count, seed, batch_size, **options):
        if not 1 <= count <= MAX_COUNT:
            raise CommandError(
                "Le nombre d’acteurs (--count) doit être compris entre 1 et "
                f"{french_int(MAX_COUNT)} (reçu : {count})."
            )
        if seed < 0:
            raise CommandError(
                f"La graine (--seed) doit être un entier positif ou nul (reçu : {seed})."
            )
        if not 1 <= batch_size <= 20_000:
            raise CommandError(
                f"La taille des lots (--batch-size) doit être comprise entre 1 et 20 000 "
                f"(reçu : {batch_size})."
            )
        progress = self.stdout if options["verbosity"] >= 1 else None
        started = time.perf_counter()
        try:
            stats = generate_actors(count=count, seed=seed, batch_size=batch_size, stdout=progress)
            rebuild_search_terms()
            bump_generation()
        except ReferenceDataMissing as error:
            raise CommandError(str(error)) from error
        elapsed = time.perf_counter() - started
        lines = [
            ("Acteurs créés", stats["actors"]),
            ("Acteurs déjà présents (ignorés)", stats["skipped"]),
            ("Relations créées", stats["relations"]),
            ("Contacts créés", stats["contacts"]),
            ("Liens sphères, thèmes, compétences et territoires", stats["links"]),
            ("Dispositifs locaux créés", stats["local_schemes"]),
            ("Participations créées", stats["participations"]),
        ]
        for label, value in lines:
            self.stdout.write(f"{label} : {french_int(value)}")
        seconds = f"{elapsed:.1f}".replace(".", ",")
        self.stdout.write(self.style.SUCCESS(f"Terminé en {seconds} s (graine {seed})."))
