from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ActorsConfig(AppConfig):
    name = "actors"
    verbose_name = _("Acteurs et territoires")

    def ready(self):
        from actors import signals  # noqa: F401
        from actors.cache import connect_request_signals

        connect_request_signals()
