from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ExperiencesConfig(AppConfig):
    name = "experiences"
    verbose_name = _("Fiches expérience")

    def ready(self):
        from experiences import signals  # noqa: F401
        from experiences.models import ExperienceProposal
        from mailleurs.proposals import register_pending_counter

        # /moderation/ counts the members' changes to sheets waiting for review.
        register_pending_counter(
            "experiences_pending",
            lambda: ExperienceProposal.objects.filter(
                status=ExperienceProposal.Status.PENDING
            ).count(),
        )
