from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class MailleursConfig(AppConfig):
    name = "mailleurs"
    verbose_name = _("Site Mailleurs")

    def ready(self):
        from mailleurs.roles import sync_role_groups

        # After the last app has migrated, so every permission exists.
        post_migrate.connect(sync_role_groups, dispatch_uid="mailleurs.sync_role_groups")
