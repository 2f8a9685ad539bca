from django.db import models
from django.db.models import Q

from actors.models import PublicationStatus


class ExperienceQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=PublicationStatus.PUBLISHED)

    def visible_to(self, user):
        """Published sheets for everyone; moderators also see drafts and reviews; a member sees
        the sheets they wrote while those are drafts or in review."""
        from experiences import policies  # policies reads the models, which import this module

        if policies.sees_every_sheet(user):
            return self.exclude(status=PublicationStatus.ARCHIVED)
        if user.is_authenticated:
            return self.filter(
                Q(status=PublicationStatus.PUBLISHED)
                | Q(created_by=user, status__in=[PublicationStatus.DRAFT, PublicationStatus.REVIEW])
            )
        return self.published()
