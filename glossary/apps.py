from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GlossaryConfig(AppConfig):
    name = "glossary"
    verbose_name = _("Glossaire")

    def ready(self):
        from glossary import signals  # noqa: F401
        from glossary.models import TermProposal
        from mailleurs.proposals import register_pending_counter

        register_pending_counter(
            "glossary_pending",
            lambda: TermProposal.objects.filter(status=TermProposal.Status.PENDING).count(),
        )
