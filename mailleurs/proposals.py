"""Changes proposed by members and decided by a moderator, for any kind of content (a fiche, a
glossary term): the stored proposal, the decision with its locks, and the decision as a form
post. Each kind of content keeps its own model (its target, its data) on `Proposal`."""

from django.conf import settings
from django.contrib import messages
from django.db import models
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from mailleurs.versioning import VersionConflict, locked


class Proposal(models.Model):
    """What a member typed (`data`), against the version they saw (`base_version`); the
    content stays as it is until a moderator accepts it."""

    class Status(models.TextChoices):
        PENDING = "pending", gettext_lazy("En attente")
        ACCEPTED = "accepted", gettext_lazy("Acceptée")
        REJECTED = "rejected", gettext_lazy("Refusée")

    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=gettext_lazy("auteur"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    data = models.JSONField(gettext_lazy("modifications proposées"))
    base_version = models.PositiveIntegerField(gettext_lazy("version de départ"))
    status = models.CharField(
        gettext_lazy("état"),
        max_length=10,
        choices=Status.choices,
        default=Status.PENDING,
        db_index=True,
    )
    created_at = models.DateTimeField(gettext_lazy("proposée le"), auto_now_add=True)
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=gettext_lazy("relue par"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    reviewed_at = models.DateTimeField(gettext_lazy("relue le"), null=True, blank=True)
    comment = models.TextField(gettext_lazy("commentaire de la relecture"), blank=True)

    class Meta:
        abstract = True
        ordering = ["created_at", "pk"]

    @property
    def is_pending(self) -> bool:
        return self.status == self.Status.PENDING


# The moderation page counts what waits in every kind of content: each app registers its
# counter here (`name` is the template variable) rather than the page importing every app.
PENDING_COUNTERS: dict = {}


def register_pending_counter(name: str, count) -> None:
    PENDING_COUNTERS[name] = count


def pending_counts() -> dict[str, int]:
    return {name: count() for name, count in PENDING_COUNTERS.items()}


class AlreadyDecided(Exception):
    """Another moderator decided this proposal first: nothing was written."""


def lock_pending(proposal: Proposal) -> None:
    """Two moderators on the same proposal: the second one finds it decided."""
    if locked(proposal).status != Proposal.Status.PENDING:
        raise AlreadyDecided


def record_decision(proposal: Proposal, *, reviewer, status: str, comment: str) -> None:
    proposal.status = status
    proposal.reviewer, proposal.reviewed_at, proposal.comment = reviewer, timezone.now(), comment
    proposal.save()


def acceptance_reason(proposal: Proposal, reviewer) -> str:
    """What the history says of an accepted proposal (100 characters at most there)."""
    names = {"author": _short_name(proposal.author), "reviewer": _short_name(reviewer)}
    if proposal.author is None:
        return _("Proposition d’un compte supprimé acceptée par %(reviewer)s") % names
    return _("Proposition de %(author)s acceptée par %(reviewer)s") % names


def _short_name(user) -> str:
    return Truncator(user.get_username()).chars(30) if user is not None else ""


def reviewed_version(post) -> int | None:
    """The version the review page showed; None when not sent (accepted against the content
    as it is), 0 when unreadable (versions start at 1: refused as stale)."""
    text = post.get("version")
    if text is None:
        return None
    return int(text) if text.isdigit() and len(text) < 10 else 0


CHANGED_DURING_REVIEW = gettext_lazy(
    "Le contenu a changé pendant votre relecture : rien n’est publié. Relisez les différences "
    "avant d’accepter."
)


def decide_from_post(
    request, *, accept, reject, accepted_message: str, changed_message=CHANGED_DURING_REVIEW
) -> str | None:
    """Carry out the moderator's decision sent by the review form: `accept(comment=…,
    expected_version=…)` when the proposal is valid (`accept` is None when it is not), or
    `reject(comment=…)`, a comment being required to refuse. Returns "decided" when written,
    "taken" when another moderator decided first, None to show the review again."""
    comment = request.POST.get("commentaire", "").strip()[:2000]
    decision = request.POST.get("decision")
    try:
        if decision == "accepter" and accept is not None:
            accept(comment=comment, expected_version=reviewed_version(request.POST))
            messages.success(request, accepted_message)
            return "decided"
        if decision == "refuser":
            if not comment:
                messages.error(
                    request, _("Expliquez en un mot pourquoi la proposition est refusée.")
                )
                return None
            reject(comment=comment)
            messages.success(
                request, _("Proposition refusée ; la personne qui l’a faite est prévenue.")
            )
            return "decided"
    except VersionConflict:
        messages.error(request, changed_message)
        return None
    except AlreadyDecided:
        messages.warning(
            request,
            _("Quelqu’un d’autre de l’équipe de modération vient de traiter cette proposition."),
        )
        return "taken"
    return None
