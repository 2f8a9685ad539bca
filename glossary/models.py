"""The shared glossary: a term, its shared definition, and what it evokes in each sphere."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from actors.directory.folding import SORT_NAME_LENGTH, sort_name
from actors.models import Scheme, Sphere
from glossary.matching import search_text_of
from mailleurs.proposals import Proposal


class Term(models.Model):
    class Category(models.TextChoices):
        SCHEME = "dispositif", _("Dispositif")
        INSTANCE = "instance", _("Instance et gouvernance")
        FUNDING = "financement", _("Financement")
        TERRITORY = "territoire", _("Territoire et institution")
        NOTION = "notion", _("Notion et approche")
        ACTOR = "acteur", _("Acteur et structure")

    word = models.CharField(_("mot"), max_length=120, unique=True)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    acronym = models.CharField(_("sigle"), max_length=30, blank=True)
    variants = models.TextField(
        _("variantes"),
        blank=True,
        help_text=_("Une par ligne : pluriel, sans accents, forme développée d’un sigle…"),
    )
    definition = models.TextField(_("définition commune"), help_text=_("Courte. Markdown."))
    category = models.CharField(_("catégorie"), max_length=20, choices=Category.choices)
    sources = models.TextField(
        _("sources et glossaires"),
        blank=True,
        help_text=_("Une par ligne : un intitulé, ou « intitulé | https://… »."),
    )
    schemes = models.ManyToManyField(
        Scheme, verbose_name=_("dispositifs"), blank=True, related_name="glossary_terms"
    )
    related = models.ManyToManyField(
        "self", verbose_name=_("voir aussi"), blank=True, symmetrical=True
    )
    not_to_confuse = models.ManyToManyField(
        "self", verbose_name=_("ne pas confondre avec"), blank=True, symmetrical=True
    )
    search_text = models.TextField(editable=False, blank=True)
    # The word in French alphabetical order (`folding.sort_name`): « Éducation populaire »
    # among the E, on both databases.
    sort_word = models.CharField(max_length=SORT_NAME_LENGTH, editable=False, default="")
    updated_at = models.DateTimeField(_("mis à jour le"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("mis à jour par"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    version = models.PositiveIntegerField(_("version"), default=1)
    history = HistoricalRecords(
        excluded_fields=["search_text", "sort_word", "updated_at"],
        m2m_fields=[schemes],
        verbose_name=_("version de terme"),
    )

    class Meta:
        verbose_name = _("terme du glossaire")
        verbose_name_plural = _("termes du glossaire")
        ordering = ["sort_word", "id"]
        permissions = [
            ("contribute_term", _("Proposer des termes et des regards, discuter d’un terme")),
            ("moderate_term", _("Publier les propositions du glossaire")),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(version__gte=1), name="term_version_positive"),
        ]

    def __str__(self) -> str:
        return self.word

    def save(self, *args, **kwargs):
        self.search_text = search_text_of(self.word, self.acronym, self.variants)
        self.sort_word = sort_name(self.word)
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("glossary:term", kwargs={"slug": self.slug})

    @property
    def variant_list(self) -> list[str]:
        return [line.strip() for line in self.variants.splitlines() if line.strip()]

    @property
    def source_list(self) -> list[dict]:
        """Each source line as {"label", "url"}: « intitulé | https://… » or a plain title."""
        found = []
        for line in self.sources.splitlines():
            label, _sep, url = (part.strip() for part in line.partition("|"))
            if not label and not url:
                continue
            if not url.startswith(("https://", "http://")):
                label, url = (line.strip(), "")
            found.append({"label": label or url, "url": url})
        return found


class TermView(models.Model):
    """What a term evokes in one professional sphere."""

    term = models.ForeignKey(
        Term, verbose_name=_("terme"), on_delete=models.CASCADE, related_name="views"
    )
    sphere = models.ForeignKey(
        Sphere, verbose_name=_("sphère"), on_delete=models.PROTECT, related_name="+"
    )
    text = models.TextField(_("ce que le mot évoque"), help_text=_("Markdown."))
    history = HistoricalRecords(verbose_name=_("version de regard"))

    class Meta:
        verbose_name = _("regard d’une sphère")
        verbose_name_plural = _("regards des sphères")
        ordering = ["sphere__position", "sphere__name"]
        constraints = [
            models.UniqueConstraint(fields=["term", "sphere"], name="termview_unique_sphere"),
        ]

    def __str__(self) -> str:
        return f"{self.term} — {self.sphere}"


class TermProposal(Proposal):
    """A member's proposal for the glossary, published by a moderator: a new term (`term` is
    empty), a change to a term, or the view of one sphere on a term. `data` is the form as it
    was typed; it is checked again when a moderator accepts it."""

    class Kind(models.TextChoices):
        TERM = "terme", _("Terme")
        VIEW = "regard", _("Regard d’une sphère")

    term = models.ForeignKey(
        Term,
        verbose_name=_("terme"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="proposals",
    )
    kind = models.CharField(_("nature"), max_length=10, choices=Kind.choices, default=Kind.TERM)

    class Meta(Proposal.Meta):
        verbose_name = _("proposition pour le glossaire")
        verbose_name_plural = _("propositions pour le glossaire")

    def __str__(self) -> str:
        return f"{self.subject} — {self.get_status_display()}"

    def notice(self) -> dict:
        """What the e-mail telling its author of the decision names."""
        if self.term_id is None:
            word, url = "".join(self.data.get("word", [])), reverse("glossary:index")
        else:
            word, url = self.term.word, self.term.get_absolute_url()
        return {"name": word, "what": _("pour le glossaire, sur le terme"), "url": url}

    @property
    def subject(self) -> str:
        """What the proposal is about, as a moderator reads it in the queue."""
        if self.term_id is None:
            return _("Nouveau terme « %(word)s »") % {"word": "".join(self.data.get("word", []))}
        if self.kind == self.Kind.VIEW:
            return _("Regard sur « %(word)s »") % {"word": self.term.word}
        return _("Modification de « %(word)s »") % {"word": self.term.word}


# The discussion's model lives with the discussion; importing it here registers it with the app.
from glossary.discussion.models import TermComment  # noqa: E402, F401
