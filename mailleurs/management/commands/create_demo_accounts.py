from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError

from mailleurs.roles import FACILITATOR, MEMBER, MODERATOR, STAFF, sync_role_groups

DEMO_PASSWORD = "demo-mailleurs-2026"
DEMO_ACCOUNTS = [
    # username, group, is_staff (admin access), label
    ("membre", MEMBER, False, "membre du groupe de travail"),
    ("moderateur", MODERATOR, False, "modérateur"),
    ("equipe", STAFF, True, "équipe Cap Rural (import, export complet, comptes)"),
    ("accompagnateur", FACILITATOR, False, "accompagnateur·rice d’une fédération (grille)"),
]


class Command(BaseCommand):
    help = "Crée un compte de démonstration par rôle (uniquement avec DEBUG, sauf --force)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--force", action="store_true", help="Créer les comptes même si DEBUG est désactivé."
        )

    def handle(self, *args, **options):
        if not settings.DEBUG and not options["force"]:
            raise CommandError(
                "Les comptes de démonstration ne sont créés qu’avec DEBUG=1 (ou --force)."
            )
        sync_role_groups()
        user_model = get_user_model()
        self.stdout.write(f"Comptes de démonstration (mot de passe : {DEMO_PASSWORD}) :")
        for username, group_name, is_staff, label in DEMO_ACCOUNTS:
            user, created = user_model.objects.get_or_create(
                username=username, defaults={"email": f"{username}@example.org"}
            )
            if created:
                user.set_password(DEMO_PASSWORD)
            user.is_staff = is_staff
            user.save()
            user.groups.set([Group.objects.get(name=group_name)])
            self.stdout.write(f"  {username:<15} {label}")
