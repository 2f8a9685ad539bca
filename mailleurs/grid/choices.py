"""The grid's fixed lists: the answer scale, the respondents' roles and the views they form,
the speakers of testimonies."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Level(models.IntegerChoices):
    """The 4-level scale, plus « je ne sais pas » (0: never counted in a score)."""

    DONT_KNOW = 0, _("Je ne sais pas")
    NOT_STARTED = 1, _("Pas encore engagé")
    FIRST_STEPS = 2, _("Premiers pas")
    IN_PLACE = 3, _("En place, à consolider")
    SHARED = 4, _("Installé et partagé")


LEVEL_HINTS = {
    Level.NOT_STARTED: _("Rien n’est fait sur ce point, ou ce n’est qu’une idée."),
    Level.FIRST_STEPS: _("Des essais ponctuels, portés par quelques personnes."),
    Level.IN_PLACE: _("Une pratique régulière, pas encore partagée par tout le réseau."),
    Level.SHARED: _("Une pratique établie, connue et partagée avec les partenaires."),
    Level.DONT_KNOW: _("Vous n’avez pas les éléments pour en juger : c’est utile à savoir."),
}
SCALE_MAX = Level.SHARED.value


class Speaker(models.TextChoices):
    ELECTED = "elu", _("Élu·e")
    AUTHORITY_STAFF = "technicien_collectivite", _("Technicien·ne de collectivité")
    INSTITUTIONAL = "partenaire_institutionnel", _("Partenaire institutionnel")
    NETWORK_MEMBER = "membre_reseau", _("Membre d’un réseau local")


class RespondentRole(models.TextChoices):
    TEAM = "equipe", _("Équipe de la structure")
    BOARD = "benevole", _("Administrateur·rice ou bénévole")
    INSTITUTIONAL = "partenaire_institutionnel", _("Partenaire institutionnel")
    AUTHORITY_STAFF = "technicien_collectivite", _("Technicien·ne de collectivité")
    ELECTED = "elu", _("Élu·e")
    RESIDENT = "habitant", _("Habitant·e")


class View(models.TextChoices):
    """The sides an assessment is seen from: the structure's own view, its partners', the
    residents', and everyone together."""

    STRUCTURE = "structure", _("la structure")
    PARTNERS = "partenaires", _("les partenaires")
    RESIDENTS = "habitants", _("les habitant·e·s")
    EVERYONE = "ensemble", _("l’ensemble des répondant·e·s")


VIEW_ROLES: dict[str, tuple[str, ...]] = {
    View.STRUCTURE: (RespondentRole.TEAM, RespondentRole.BOARD),
    View.PARTNERS: (
        RespondentRole.INSTITUTIONAL,
        RespondentRole.AUTHORITY_STAFF,
        RespondentRole.ELECTED,
    ),
    View.RESIDENTS: (RespondentRole.RESIDENT,),
    View.EVERYONE: tuple(RespondentRole.values),
}
