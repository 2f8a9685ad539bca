"""Chainable reads of the grid app; "who sees what" comes from `mailleurs.grid.policies`."""

from django.db import models

from mailleurs.grid.links import looks_like_token, token_hash


class GridVersionQuerySet(models.QuerySet):
    def published(self):
        return self.filter(published_at__isnull=False)

    def current(self):
        """The latest published version (new rounds are made with it), or None."""
        return self.published().order_by("-number").first()


class RoundQuerySet(models.QuerySet):
    def visible_to(self, user):
        """The rounds a user may open: see `policies.round_visibility`."""
        from mailleurs.grid import policies  # policies reads the models, which import this

        if not user.is_authenticated:
            return self.none()
        return self.filter(pk__in=self.model.objects.filter(policies.round_visibility(user)))

    def with_published_results(self):
        return self.filter(results_published_at__isnull=False)


class RespondentQuerySet(models.QuerySet):
    def by_token(self, token: str):
        """The respondent a link names (valid or not: the caller says which), or none."""
        if not looks_like_token(token):
            return self.none()
        return self.filter(token_hash=token_hash(token))
