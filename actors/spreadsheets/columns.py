"""The columns of the spreadsheets Mailleurs writes and reads back, declared once: the actors
export and import, the relations and participations exports and imports, and the import
templates with their « Colonnes » sheet.

A column's key is the attribute its import field fills (or, for a column the import reads only
beside another, what it names). Headers are the files' format, matched by the import: plain
text, never translated."""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

from actors import policies
from actors.models import (
    ActorType,
    Competence,
    Contact,
    LocalScheme,
    Participation,
    Profession,
    PublicationStatus,
    Relation,
    Sphere,
    Theme,
)
from actors.spreadsheets.formatting import SEPARATOR, contact_text, day, joined

# Who downloads an export: each audience sees the columns of the ones before it too.
# Moderators see drafts and fiches in review: their exports say each fiche's « Statut ».
PUBLIC, MEMBERS, MODERATORS, STAFF = 0, 1, 2, 3

# The template's « Obligatoire ».
REQUIRED, OPTIONAL, FOR_NEW_FICHE = _("oui"), _("non"), _("pour une nouvelle fiche")


def audience_of(user) -> int:
    if policies.can_export_all_columns(user):
        return STAFF
    if policies.can_see_member_contacts(user):
        return MODERATORS if policies.sees_every_fiche(user) else MEMBERS
    return PUBLIC


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    # The template's « Signification », « Obligatoire » and « Valeurs permises »; a callable
    # reads the vocabularies when a template is downloaded, not when the site starts.
    meaning: str = ""
    required: str = OPTIONAL
    allowed: str | Callable[[], str] = ""
    audience: int = PUBLIC
    # How the actors export writes it from a record (see `records`); the relations and
    # participations exports write their rows from model instances.
    value: Callable[[dict], object] | None = None
    in_template: bool = True
    # The values a cell takes from a vocabulary, read when a template is downloaded: the
    # template's drop-down list, and its « Valeurs permises » when `allowed` says nothing.
    choices: Callable[[], list[str]] | None = None
    several: bool = False  # several values in a cell, separated by « ; »

    def allowed_values(self) -> str:
        if self.choices and not self.allowed:
            return SEPARATOR.join(self.choices())
        return str(self.allowed() if callable(self.allowed) else self.allowed)


@dataclass(frozen=True)
class Sheet:
    kind: str  # what an import holds (`ImportRecord.Kind`), and the template's name
    columns: tuple[Column, ...]
    # At least one of these in the first line makes it a line of headers, not of data.
    markers: tuple[str, ...]
    # Other headers people give a column in the lists they keep by hand, by column key
    # (compared as `headers.fold_header` does: case, accents, spaces and punctuation aside).
    synonyms: dict[str, tuple[str, ...]] = field(default_factory=dict)

    def header(self, key: str) -> str:
        for column in self.columns:
            if column.key == key:
                return column.header
        raise KeyError(key)

    def headers(self) -> list[str]:
        return [column.header for column in self.columns]

    def marker_headers(self) -> list[str]:
        return [self.header(key) for key in self.markers]

    def for_audience(self, audience: int) -> list[Column]:
        return [column for column in self.columns if column.audience <= audience]

    def template_columns(self) -> list[Column]:
        return [column for column in self.columns if column.in_template]


def _names_of(model) -> str:
    return SEPARATOR.join(_names(model))


def _names(model) -> list[str]:
    return list(model.objects.order_by("position", "name").values_list("name", flat=True))


def _labels(choices) -> Callable[[], list[str]]:
    return lambda: [str(label) for _code, label in choices]


def _contacts(record: dict, visibility: str) -> str:
    return joined(
        contact_text(*contact[:-1]) for contact in record["contacts"] if contact[-1] == visibility
    )


def _contact_form() -> str:
    return _(
        "Nom / fonction / métier : … / courriel / téléphone ; les parties vides sont "
        "omises. Métiers : %(names)s"
    ) % {"names": _names_of(Profession)}


def _local_scheme_slugs() -> str:
    return SEPARATOR.join(_slugs_in_order()[:60])


def _all_local_scheme_slugs() -> list[str]:
    return list(_slugs_in_order())


def _slugs_in_order():
    return LocalScheme.objects.order_by("sort_name", "id").values_list("slug", flat=True)


STATUS_LABELS = dict(PublicationStatus.choices)

ACTOR_SYNONYMS = {
    "name": ("Nom de la structure", "Structure", "Nom structure", "Raison sociale",
             "Organisme", "Dénomination", "Acteur", "Nom de l’acteur", "Intitulé"),
    "acronym": ("Acronyme", "Nom court"),
    "actor_type": ("Type d’acteur", "Type de structure", "Catégorie", "Nature"),
    "spheres": ("Sphère professionnelle", "Sphères professionnelles", "Domaine"),
    "pitch": ("Résumé", "Description courte", "Accroche", "En une ligne", "Activité"),
    "themes": ("Thématique", "Thématiques", "Thème de travail"),
    "competences": ("Compétences offertes", "Savoir-faire"),
    "address": ("Adresse postale", "Rue", "Voie", "N° et rue"),
    "postcode": ("CP", "C.P.", "Code post."),
    "commune": ("INSEE", "Code commune", "Code INSEE commune"),
    "commune_name": ("Ville", "Localité", "Nom de la commune", "Commune (nom)"),
    "intervention_territories": ("Territoire", "Territoires", "Zone d’intervention",
                                 "Territoire d’action"),
    "website": ("Site", "Site internet", "Internet", "Web", "URL", "Adresse web"),
    "email": ("E-mail", "Email", "Mail", "Adresse mail", "Adresse électronique", "Mél"),
    "phone": ("Tél", "Tel", "Téléphone fixe", "N° de téléphone", "Numéro de téléphone",
              "Portable"),
    "siret": ("N° SIRET", "Numéro SIRET"),
    "description": ("Description", "Présentation longue"),
    "is_fictional": ("Fictive",),
    "last_checked_at": ("Date de vérification", "Dernière vérification"),
}  # fmt: skip

ACTORS = Sheet(
    kind="acteurs",
    markers=("name", "slug", "siret"),
    synonyms=ACTOR_SYNONYMS,
    columns=(
        Column("name", "Nom", _("Nom de la structure."), REQUIRED,
               _("200 caractères au plus."), value=lambda r: r["name"]),
        Column("acronym", "Sigle", _("Sigle ou nom court."), OPTIONAL,
               _("40 caractères au plus."), value=lambda r: r["acronym"]),
        Column("slug", "Identifiant",
               _("Adresse de la fiche sur le site (/acteurs/<identifiant>/). Sert à retrouver "
                 "une fiche existante ; jamais modifié par un import."), OPTIONAL,
               _("Lettres minuscules, chiffres et tirets. Vide : créé à partir du nom."),
               value=lambda r: r["slug"]),
        Column("actor_type", "Type", _("Type d’acteur."), FOR_NEW_FICHE,
               choices=lambda: _names(ActorType), value=lambda r: r["actor_type__name"]),
        Column("spheres", "Sphères", _("Sphères professionnelles de la structure."),
               FOR_NEW_FICHE, choices=lambda: _names(Sphere), several=True,
               value=lambda r: joined(r["spheres"])),
        Column("pitch", "En une phrase", _("Ce que fait la structure, en une phrase."),
               FOR_NEW_FICHE, _("300 caractères au plus."), value=lambda r: r["pitch"]),
        Column("missions", "Missions", _("Missions, en texte libre (Markdown)."),
               value=lambda r: r["missions"]),
        Column("themes", "Thèmes", _("Thèmes de travail, séparés par « ; »."), OPTIONAL,
               choices=lambda: _names(Theme), several=True,
               value=lambda r: joined(r["themes"])),
        Column("competences", "Compétences",
               _("Compétences offertes aux autres, séparées par « ; »."), OPTIONAL,
               choices=lambda: _names(Competence), several=True,
               value=lambda r: joined(r["competences"])),
        Column("address", "Adresse", _("Numéro et rue."), value=lambda r: r["address"]),
        Column("postcode", "Code postal", "", OPTIONAL, _("5 chiffres."),
               value=lambda r: r["postcode"]),
        Column("commune", "Code INSEE", _("Code officiel de la commune où est la structure."),
               FOR_NEW_FICHE, _("5 caractères, par exemple 26113 pour Die."),
               value=lambda r: r["commune__key"]),
        Column("commune_name", "Commune",
               _("Nom de la commune, lu seulement quand le code INSEE manque (le code postal "
                 "départage les homonymes)."), value=lambda r: r["commune__name"]),
        Column("latitude", "Latitude",
               _("Position de la structure. Vide : le centre de la commune."), OPTIONAL,
               _("Nombre décimal, par exemple 44,7536."), value=lambda r: r["latitude"]),
        Column("longitude", "Longitude", "", OPTIONAL, _("Nombre décimal, par exemple 5,3700."),
               value=lambda r: r["longitude"]),
        Column("intervention_territories", "Territoires d’intervention",
               _("Territoires sur lesquels la structure agit, séparés par « ; »."), OPTIONAL,
               _("Le code, puis le nom si vous voulez : « 26 Drôme ; 200040442 CC du Diois ». "
                 "Régions : R84 ; départements : leur numéro ; EPCI : leur SIREN ; communes : "
                 "leur code INSEE."), value=lambda r: joined(r["territories"])),
        Column("website", "Site web", "", OPTIONAL, _("Adresse complète, avec https://"),
               value=lambda r: r["website"]),
        Column("email", "Courriel", _("Courriel de la structure (pas d’une personne)."),
               value=lambda r: r["email"]),
        Column("phone", "Téléphone", _("Téléphone de la structure."), OPTIONAL,
               _("Par exemple 04 75 22 11 00 ou +33 4 75 22 11 00."),
               value=lambda r: r["phone"]),
        Column("siret", "SIRET", _("Sert à retrouver une fiche existante en priorité."),
               OPTIONAL, _("14 chiffres."), value=lambda r: r["siret"]),
        # Not in the template nor read by the import: the date of a change is the import's own.
        Column("updated_at", "Mise à jour", value=lambda r: day(r["updated_at"]),
               in_template=False),
        Column("contacts_public", "Contacts publics",
               _("Contacts visibles de tous, séparés par « ; »."), OPTIONAL, _contact_form,
               value=lambda r: _contacts(r, Contact.Visibility.PUBLIC)),
        Column("contacts_members", "Contacts réservés aux membres",
               _("Contacts visibles des membres connecté·e·s seulement."), OPTIONAL,
               _("Même forme que les contacts publics."), audience=MEMBERS,
               value=lambda r: _contacts(r, Contact.Visibility.MEMBERS)),
        Column("description", "Présentation", _("Présentation longue (Markdown)."),
               audience=STAFF, value=lambda r: r["description"]),
        Column("status", "Statut",
               _("État de la fiche. Vide : publiée pour une nouvelle fiche, inchangé sinon."),
               OPTIONAL, choices=_labels(PublicationStatus.choices), audience=MODERATORS,
               value=lambda r: STATUS_LABELS.get(r["status"], r["status"])),
        Column("is_fictional", "Fiche fictive", _("Données de démonstration."), OPTIONAL,
               _("oui ou non"), choices=lambda: [str(_("oui")), str(_("non"))], audience=STAFF,
               value=lambda r: "oui" if r["is_fictional"] else "non"),
        Column("last_checked_at", "Vérifiée le",
               _("Dernière confirmation que la fiche est à jour."), OPTIONAL,
               _("Date : 21/11/2026 ou 2026-11-21."), audience=STAFF,
               value=lambda r: day(r["last_checked_at"])),
    ),
)  # fmt: skip

RELATIONS = Sheet(
    kind="relations",
    markers=("kind",),
    columns=(
        Column("source_name", "Acteur", _("Nom de l’acteur, lu quand l’identifiant manque.")),
        Column("source", "Identifiant", _("Identifiant de l’acteur."), REQUIRED,
               _("Celui de la colonne « Identifiant » de l’export des acteurs.")),
        Column("kind", "Nature", _("Nature du lien."), REQUIRED,
               choices=_labels(Relation.Kind.choices)),
        Column("target_name", "Acteur lié",
               _("Nom de l’acteur lié, lu quand l’identifiant manque.")),
        Column("target", "Identifiant lié", _("Identifiant de l’acteur lié."), REQUIRED),
        Column("since", "Depuis", _("Année de début."), OPTIONAL, _("Quatre chiffres.")),
        Column("note", "Précision", "", OPTIONAL, _("300 caractères au plus.")),
    ),
)  # fmt: skip

# One row per participant: the local scheme's own columns are there for reading, not read back.
PARTICIPATIONS = Sheet(
    kind="participations",
    markers=("role",),
    columns=(
        Column("scheme", "Dispositif", _("Pour vous repérer ; non lu.")),
        Column("local_scheme_name", "Dispositif local",
               _("Nom du dispositif local, lu quand l’identifiant manque.")),
        Column("local_scheme", "Identifiant",
               _("Identifiant du dispositif local (il doit exister sur le site)."), REQUIRED,
               _local_scheme_slugs, choices=_all_local_scheme_slugs),
        Column("territories", "Territoires", in_template=False),
        Column("start_date", "Début", in_template=False),
        Column("end_date", "Fin", in_template=False),
        Column("local_scheme_status", "État", in_template=False),
        Column("actor_name", "Acteur", _("Nom de l’acteur, lu quand l’identifiant manque.")),
        Column("actor", "Identifiant de l’acteur", "", REQUIRED),
        Column("role", "Rôle", _("Rôle de l’acteur dans le dispositif."), REQUIRED,
               choices=_labels(Participation.Role.choices)),
        Column("note", "Précision", "", OPTIONAL, _("250 caractères au plus.")),
    ),
)  # fmt: skip

SHEETS = {sheet.kind: sheet for sheet in (ACTORS, RELATIONS, PARTICIPATIONS)}

# What names a row of an import report when it made no object, whatever its sheet.
ROW_LABEL_HEADERS = (ACTORS.header("name"), RELATIONS.header("source_name"), ACTORS.header("slug"))
