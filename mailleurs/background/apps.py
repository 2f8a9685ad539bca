from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BackgroundConfig(AppConfig):
    name = "mailleurs.background"
    label = "background"
    verbose_name = _("Tâches en arrière-plan")
