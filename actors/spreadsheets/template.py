"""The import templates: headers and an example row on the first sheet, and on a second sheet
each column's meaning, whether it is required and the values it allows."""

import tempfile

from django.utils.translation import gettext as _

from actors.models import (
    ActorType,
    Competence,
    LocalScheme,
    Participation,
    Profession,
    PublicationStatus,
    Relation,
    Sphere,
    Territory,
    Theme,
)

SEP = " ; "


def _names(model) -> str:
    return SEP.join(model.objects.order_by("position", "name").values_list("name", flat=True))


def _labels(choices) -> str:
    return SEP.join(str(label) for _code, label in choices)


def actor_columns() -> list[tuple[str, str, str, str]]:
    """(column, meaning, required, allowed values)."""
    yes, no, new = _("oui"), _("non"), _("pour une nouvelle fiche")
    return [
        ("Nom", _("Nom de la structure."), yes, _("200 caractères au plus.")),
        ("Sigle", _("Sigle ou nom court."), no, _("40 caractères au plus.")),
        (
            "Identifiant",
            _(
                "Adresse de la fiche sur le site (/acteurs/<identifiant>/). Sert à retrouver une "
                "fiche existante ; jamais modifié par un import."
            ),
            no,
            _("Lettres minuscules, chiffres et tirets. Vide : créé à partir du nom."),
        ),
        ("Type", _("Type d’acteur."), new, _names(ActorType)),
        ("Sphères", _("Sphères professionnelles de la structure."), new, _names(Sphere)),
        (
            "En une phrase",
            _("Ce que fait la structure, en une phrase."),
            new,
            _("300 caractères au plus."),
        ),
        ("Missions", _("Missions, en texte libre (Markdown)."), no, ""),
        ("Thèmes", _("Thèmes de travail, séparés par « ; »."), no, _names(Theme)),
        (
            "Compétences",
            _("Compétences offertes aux autres, séparées par « ; »."),
            no,
            _names(Competence),
        ),
        ("Adresse", _("Numéro et rue."), no, ""),
        ("Code postal", "", no, _("5 chiffres.")),
        (
            "Code INSEE",
            _("Code officiel de la commune où est la structure."),
            new,
            _("5 caractères, par exemple 26113 pour Die."),
        ),
        (
            "Commune",
            _(
                "Nom de la commune, lu seulement quand le code INSEE manque (le code postal "
                "départage les homonymes)."
            ),
            no,
            "",
        ),
        (
            "Latitude",
            _("Position de la structure. Vide : le centre de la commune."),
            no,
            _("Nombre décimal, par exemple 44,7536."),
        ),
        ("Longitude", "", no, _("Nombre décimal, par exemple 5,3700.")),
        (
            "Territoires d’intervention",
            _("Territoires sur lesquels la structure agit, séparés par « ; »."),
            no,
            _(
                "Le code, puis le nom si vous voulez : « 26 Drôme ; 200040442 CC du Diois ». "
                "Régions : R84 ; départements : leur numéro ; EPCI : leur SIREN ; communes : leur "
                "code INSEE."
            ),
        ),
        ("Site web", "", no, _("Adresse complète, avec https://")),
        ("Courriel", _("Courriel de la structure (pas d’une personne)."), no, ""),
        (
            "Téléphone",
            _("Téléphone de la structure."),
            no,
            _("Par exemple 04 75 22 11 00 ou +33 4 75 22 11 00."),
        ),
        ("SIRET", _("Sert à retrouver une fiche existante en priorité."), no, _("14 chiffres.")),
        (
            "Contacts publics",
            _("Contacts visibles de tous, séparés par « ; »."),
            no,
            _(
                "Nom / fonction / métier : … / courriel / téléphone ; les parties vides sont "
                "omises. Métiers : %(names)s"
            )
            % {"names": _names(Profession)},
        ),
        (
            "Contacts réservés aux membres",
            _("Contacts visibles des membres connectés seulement."),
            no,
            _("Même forme que les contacts publics."),
        ),
        ("Présentation", _("Présentation longue (Markdown)."), no, ""),
        (
            "Statut",
            _("État de la fiche. Vide : publiée pour une nouvelle fiche, inchangé sinon."),
            no,
            _labels(PublicationStatus.choices),
        ),
        ("Fiche fictive", _("Données de démonstration."), no, _("oui ou non")),
        (
            "Vérifiée le",
            _("Dernière confirmation que la fiche est à jour."),
            no,
            _("Date : 21/11/2026 ou 2026-11-21."),
        ),
    ]


def relation_columns():
    yes, no = _("oui"), _("non")
    return [
        ("Acteur", _("Nom de l’acteur, lu quand l’identifiant manque."), no, ""),
        (
            "Identifiant",
            _("Identifiant de l’acteur."),
            yes,
            _("Celui de la colonne « Identifiant » de l’export des acteurs."),
        ),
        ("Nature", _("Nature du lien."), yes, _labels(Relation.Kind.choices)),
        ("Acteur lié", _("Nom de l’acteur lié, lu quand l’identifiant manque."), no, ""),
        ("Identifiant lié", _("Identifiant de l’acteur lié."), yes, ""),
        ("Depuis", _("Année de début."), no, _("Quatre chiffres.")),
        ("Précision", "", no, _("300 caractères au plus.")),
    ]


def participation_columns():
    yes, no = _("oui"), _("non")
    return [
        ("Dispositif", _("Pour vous repérer ; non lu."), no, ""),
        ("Dispositif local", _("Nom du dispositif local, lu quand l’identifiant manque."), no, ""),
        (
            "Identifiant",
            _("Identifiant du dispositif local (il doit exister sur le site)."),
            yes,
            SEP.join(LocalScheme.objects.order_by("name").values_list("slug", flat=True)[:60]),
        ),
        ("Acteur", _("Nom de l’acteur, lu quand l’identifiant manque."), no, ""),
        ("Identifiant de l’acteur", "", yes, ""),
        (
            "Rôle",
            _("Rôle de l’acteur dans le dispositif."),
            yes,
            _labels(Participation.Role.choices),
        ),
        ("Précision", "", no, _("250 caractères au plus.")),
    ]


def _example_actor() -> list[str]:
    actor_type = ActorType.objects.select_related("sphere").order_by("position", "name").first()
    commune = Territory.objects.filter(kind=Territory.Kind.COMMUNE, key="26113").first() or (
        Territory.objects.filter(kind=Territory.Kind.COMMUNE).order_by("key").first()
    )
    theme_names = list(
        Theme.objects.order_by("position", "name").values_list("name", flat=True)[:2]
    )
    values = {
        "Nom": _("Maison des projets du Val (exemple à remplacer)"),
        "Type": actor_type.name if actor_type else "",
        "Sphères": actor_type.sphere.name if actor_type and actor_type.sphere_id else "",
        "En une phrase": _("Accueille les habitants et accompagne leurs projets collectifs."),
        "Thèmes": SEP.join(theme_names),
        "Code INSEE": commune.key if commune else "",
        "Commune": commune.name if commune else "",
        "Contacts publics": _("Accueil / Chargée d’accueil / accueil@example.org / 04 75 00 00 00"),
        "Statut": str(PublicationStatus.PUBLISHED.label),
        "Fiche fictive": _("oui"),
        "Vérifiée le": "21/11/2026",
    }
    return [values.get(column, "") for column, *_rest in actor_columns()]


TEMPLATES = {
    "acteurs": (actor_columns, _example_actor),
    "relations": (
        relation_columns,
        lambda: ["", "exemple-acteur", "Partenariat", "", "exemple-acteur-lie", "2021", ""],
    ),
    "participations": (
        participation_columns,
        lambda: ["", "", "exemple-dispositif-local", "", "exemple-acteur", "Partenaire", ""],
    ),
}


def workbook(kind: str):
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    columns_of, example_of = TEMPLATES[kind]
    columns = columns_of()
    book = Workbook()
    data = book.active
    data.title = kind.capitalize()
    data.append([column for column, *_rest in columns])
    data.append(example_of())
    for cell in data[1]:
        cell.font = Font(bold=True)
    data.freeze_panes = "A2"
    help_sheet = book.create_sheet(_("Colonnes"))
    help_sheet.append([_("Colonne"), _("Signification"), _("Obligatoire"), _("Valeurs permises")])
    for cell in help_sheet[1]:
        cell.font = Font(bold=True)
    for row in columns:
        help_sheet.append(list(row))
    help_sheet.append([])
    help_sheet.append(
        [
            _(
                "Une colonne absente ne change rien ; une cellule vide efface la valeur. Les "
                "valeurs des listes sont reconnues sans tenir compte des majuscules ni des "
                "accents. Les formules sont refusées."
            )
        ]
    )
    for letter, width in zip("ABCD", (28, 60, 18, 90), strict=True):
        help_sheet.column_dimensions[letter].width = width
    for row in help_sheet.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    handle = tempfile.TemporaryFile()  # noqa: SIM115  FileResponse closes it once sent
    book.save(handle)
    handle.seek(0)
    return handle
