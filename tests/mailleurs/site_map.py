"""Every URL of the site, read from the URL resolver, with real objects for its arguments, and
every form the pages show (its fields, their choices and first values): what
test_no_server_error.py sends random query strings and bodies to.

A new URL with arguments has to be added to `ARGUMENTS` (the test says so); a new form is found
on its page without anything to add."""

from dataclasses import dataclass, field
from datetime import date
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

from django.contrib.auth.tokens import default_token_generator
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import URLPattern, URLResolver, get_resolver, resolve, reverse
from django.urls.exceptions import Resolver404
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from actors.models import Actor, ActorProposal, Contact, StructureMembership
from actors.spreadsheets import imports
from glossary.models import TermProposal
from glossary.spreadsheets.imports import run_glossary_import
from mailleurs.background.models import Job
from mailleurs.grid import services as grid_services
from mailleurs.grid.models import ActionItem, Criterion
from mailleurs.grid.reference_data import load_grid_version
from tests.actors.factories import (
    ActorFactory,
    ActorTypeFactory,
    CompetenceFactory,
    ContactFactory,
    EpciFactory,
    ParticipationFactory,
    ProfessionFactory,
    RelationFactory,
    SchemeFactory,
    SphereFactory,
    ThemeFactory,
)
from tests.experiences.factories import (
    ExperienceActorFactory,
    ExperienceFactory,
    ExperienceLinkFactory,
    TestimonyFactory,
)
from tests.experiences.site_objects_editing import ARGUMENTS as SHEET_WRITING_ARGUMENTS
from tests.experiences.site_objects_editing import sheet_objects
from tests.glossary.factories import TermCommentFactory, TermViewFactory
from tests.grid.helpers import grid_v1_data

# Django's own admin is left out: its pages are Django's, tested there.
EXCLUDED_NAMESPACES = {"admin"}
# Downloads that need a file on disk: none (an import keeps its file in the database).
EXCLUDED_ROUTES: set[str] = set()


@dataclass(frozen=True)
class Route:
    name: str  # "namespace:name"
    parameters: tuple[str, ...]


def site_routes() -> list[Route]:
    """Every named URL pattern of the site, admin aside, in the resolver's order."""
    found: list[Route] = []

    def walk(patterns, namespace: str, outer: tuple[str, ...]) -> None:
        for pattern in patterns:
            # An include() may name arguments too (`evaluations/<int:pk>/…`).
            parameters = outer + tuple(pattern.pattern.regex.groupindex)
            if isinstance(pattern, URLResolver):
                if pattern.namespace in EXCLUDED_NAMESPACES:
                    continue
                inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
                walk(pattern.url_patterns, inner, parameters)
            elif isinstance(pattern, URLPattern) and pattern.name:
                name = f"{namespace}{pattern.name}"
                if name not in EXCLUDED_ROUTES:
                    found.append(Route(name, parameters))

    walk(get_resolver().url_patterns, "", ())
    return found


def site_objects(*, member, moderator, staff_user) -> dict:
    """One of each thing a URL names: fiches in every state, a scheme and a local scheme,
    relations, contacts, a proposal, memberships, an import, a background job, vocabulary terms,
    a glossary term and messages of its discussion."""
    epci = EpciFactory()
    actor = ActorFactory(name="Centre social du Diois", slug="centre-social")
    managed = ActorFactory(name="Épicerie solidaire", slug="epicerie")
    participation = ParticipationFactory(actor=actor)
    participation.local_scheme.territories.set([epci])
    RelationFactory(source=actor, target=managed)
    ContactFactory(actor=actor, visibility=Contact.Visibility.MEMBERS)
    memberships = [
        StructureMembership.objects.create(actor=managed, user=member, status="accepted",
                                           is_manager=True),
        StructureMembership.objects.create(actor=actor, user=member, status="requested"),
        StructureMembership.objects.create(actor=managed, user=moderator, status="requested"),
    ]  # fmt: skip
    grid = _grid_objects(actor=managed, manager=member)
    sheets = _experience_objects(actor=actor, author=member, territory=epci)
    term = TermViewFactory(term__slug="copil", term__word="Comité de pilotage").term
    upload = SimpleUploadedFile("acteurs.csv", b"Nom;Type\nMaison;Inconnu\n")
    record, _report = imports.preview(kind="acteurs", upload=upload, user=staff_user)
    glossary_upload = SimpleUploadedFile(
        "glossaire.csv", "slug;définition\ncopil;Nouvelle.\n".encode()
    )
    glossary_record, _report = imports.preview(
        kind="glossaire", upload=glossary_upload, user=staff_user, run=run_glossary_import
    )
    return {
        "actor": actor,
        "actors": [
            actor,
            managed,
            ActorFactory(status="draft", created_by=member),
            ActorFactory(status="review", created_by=member),
            ActorFactory(status="archived"),
        ],
        "local_scheme": participation.local_scheme,
        "scheme": participation.local_scheme.scheme,
        "territories": [actor.commune, epci, epci.departement, epci.region],
        "proposal": ActorProposal.objects.create(
            actor=actor, author=member, data={"pitch": "Nouveau"}, base_version=1
        ),
        "memberships": memberships,
        "import": record,
        "job": Job.objects.create(owner=member, kind="export-acteurs", label="Export en attente"),
        "terms": {
            "spheres": SphereFactory(),
            "types": ActorTypeFactory(),
            "themes": ThemeFactory(),
            "competences": CompetenceFactory(),
            "metiers": ProfessionFactory(),
        },  # fmt: skip
        "user": member,
        "other_scheme": SchemeFactory(slug="autre", name="Autre dispositif", acronym="AD"),
        "grid": grid,
        "experiences": sheets,
        "glossary_term": term,
        "glossary_proposal": TermProposal.objects.create(
            term=term,
            author=member,
            data={"sphere": ["x"], "text": ["Un regard"]},
            base_version=1,
            kind=TermProposal.Kind.VIEW,
        ),
        "glossary_comments": _glossary_comments(term=term, member=member, moderator=moderator),
        "glossary_import": glossary_record,
        "sheets": sheet_objects(member=member, managed_actor=managed),
    }


def _glossary_comments(*, term, member, moderator) -> list:
    """A member's message under the term, and one a moderator hid: the term page then shows
    the form to hide a message and the one to show it again."""
    shown = TermCommentFactory(term=term, author=member)
    hidden = TermCommentFactory(
        term=term,
        author=member,
        hidden_by=moderator,
        hidden_at=timezone.now(),
        hidden_reason="Hors sujet",
    )
    return [shown, hidden]


def _grid_objects(*, actor, manager) -> dict:
    """Version 1 of the grid and a round of `actor` opened by its manager, with a partner
    invited by private link, one answer and one item of « le pas d'après »."""
    load_grid_version(grid_v1_data())
    round = grid_services.round_open(
        actor=actor,
        user=manager,
        data=grid_services.RoundData(
            title="Évaluation", period_start=date(2026, 1, 1), period_end=date(2026, 3, 31)
        ),
    )
    partner, token = grid_services.respondent_invite(
        round=round,
        user=manager,
        invitation=grid_services.Invitation(role="elu", label="Élu"),
    )
    criterion = Criterion.objects.filter(function__axis__version=round.grid_version).first()
    item = ActionItem.objects.create(round=round, criterion=criterion, action="Agir", owner="Nous")
    return {"round": round, "partner": partner, "token": token, "criterion": criterion,
            "item": item}  # fmt: skip


def _experience_objects(*, actor, author, territory) -> list:
    """A published sheet with an actor, a testimony and a link, and one in each other state."""
    published = ExperienceFactory(slug="garage", territory=territory)
    ExperienceActorFactory(experience=published, actor=actor, phases=["emergence"])
    TestimonyFactory(experience=published)
    ExperienceLinkFactory(experience=published)
    return [published] + [
        ExperienceFactory(status=status, created_by=author)
        for status in ("draft", "review", "archived")
    ]


def _sheet_slugs(objects):
    return [{"slug": sheet.slug} for sheet in objects["experiences"]] + [{"slug": "inconnue"}]


def _grid_rounds(objects):
    return [{"pk": objects["grid"]["round"].pk}, {"pk": 999999}]


def _grid_answering(prefix: str):
    """The four answering screens, by private link (`link`) or with an account (`answer`)."""

    def arguments(objects, extra):
        grid = objects["grid"]
        owner = {"token": grid["token"]} if prefix == "link" else {"pk": grid["round"].pk}
        forged = {"token": "jeton-forge"} if prefix == "link" else {"pk": 999999}
        return [{**owner, **extra(grid)}, {**forged, **extra(grid)}]

    def function(grid):
        return {"axis": 1, "number": 1}

    return {
        f"grid:{prefix}_overview": lambda o: arguments(o, lambda g: {}),
        f"grid:{prefix}_function": lambda o: (
            arguments(o, function) + arguments(o, lambda g: {"axis": 9, "number": 9})
        ),
        f"grid:{prefix}_criterion": lambda o: arguments(
            o, lambda g: {"criterion_id": g["criterion"].pk}
        ),
        f"grid:{prefix}_finish": lambda o: arguments(o, lambda g: {}),
    }


def _actor_slugs(objects):
    return [{"slug": actor.slug} for actor in objects["actors"]] + [{"slug": "inconnue"}]


def _memberships(objects):
    return [{"slug": m.actor.slug, "pk": m.pk} for m in objects["memberships"]]


def _history(objects):
    actor: Actor = objects["actor"]
    return [{"slug": actor.slug, "history_id": actor.history.first().history_id}]


def _reset_links(objects):
    uid = urlsafe_base64_encode(force_bytes(objects["user"].pk))
    token = default_token_generator.make_token(objects["user"])
    return [
        {"uidb64": uid, "token": token},
        {"uidb64": uid, "token": "set-password"},
        {"uidb64": "AA", "token": "jeton-perime"},
    ]


def _glossary_comment_urls(objects):
    """Each message under its term, then under another slug, then an unknown one (404)."""
    slug = objects["glossary_term"].slug
    found = [{"slug": slug, "pk": comment.pk} for comment in objects["glossary_comments"]]
    return [*found, {"slug": "inconnu", "pk": found[0]["pk"]}, {"slug": slug, "pk": 999999}]


# The arguments of each URL that has some: real objects first, then unknown ones (404).
ARGUMENTS = {
    "accounts:password_reset_confirm": _reset_links,
    "actors:actors_export": lambda o: [{"extension": e} for e in ("csv", "xlsx", "ods")],
    "actors:table_export": lambda o: [
        {"table": t, "extension": "csv"} for t in ("dispositifs", "dispositifs-locaux", "relations")
    ],
    "actors:import_detail": lambda o: [{"pk": o["import"].pk}, {"pk": 999999}],
    "background:job_detail": lambda o: [{"pk": o["job"].pk}, {"pk": 999999}],
    "background:job_cancel": lambda o: [{"pk": o["job"].pk}],
    "background:job_file": lambda o: [{"pk": o["job"].pk}],
    "actors:import_confirm": lambda o: [{"pk": o["import"].pk}],
    "actors:import_file": lambda o: [{"pk": o["import"].pk}],
    "actors:import_columns": lambda o: [{"pk": o["import"].pk}, {"pk": 999999}],
    "actors:import_suggestion": lambda o: [{"pk": o["import"].pk}],
    "actors:import_template": lambda o: [
        {"kind": k} for k in ("acteurs", "relations", "participations")
    ],
    "actors:actor_detail": _actor_slugs,
    "actors:actor_edit": _actor_slugs,
    "actors:actor_publish": _actor_slugs,
    "actors:actor_refuse": _actor_slugs,
    "actors:actor_archive": _actor_slugs,
    "actors:actor_merge": _actor_slugs,
    "actors:actor_unarchive": _actor_slugs,
    "actors:actor_history": _actor_slugs,
    "actors:actor_links": _actor_slugs,
    "actors:actor_report": _actor_slugs,
    "actors:structure_join": _actor_slugs,
    "actors:structure_team": _actor_slugs,
    "actors:structure_confirm_up_to_date": _actor_slugs,
    "actors:actor_restore_version": _history,
    "actors:proposal": lambda o: [{"pk": o["proposal"].pk}, {"pk": 999999}],
    "actors:scheme_detail": lambda o: [{"slug": o["scheme"].slug}, {"slug": "inconnu"}],
    "actors:scheme_edit": lambda o: [{"slug": o["scheme"].slug}],
    "actors:local_scheme_detail": lambda o: [
        {"scheme_slug": o["scheme"].slug, "slug": o["local_scheme"].slug},
        {"scheme_slug": "autre", "slug": o["local_scheme"].slug},
    ],
    "actors:local_scheme_edit": lambda o: [
        {"scheme_slug": o["scheme"].slug, "slug": o["local_scheme"].slug}
    ],
    "actors:structure_decide": _memberships,
    "actors:structure_make_manager": _memberships,
    "actors:structure_leave": _memberships,
    "actors:vocabulary_create": lambda o: [{"name": n} for n in o["terms"]] + [{"name": "x"}],
    "actors:vocabulary_edit": lambda o: [{"name": n, "pk": t.pk} for n, t in o["terms"].items()],
    "experiences:detail": _sheet_slugs,
    "experiences:print": _sheet_slugs,
    "experiences:export": lambda o: [{"extension": e} for e in ("csv", "xlsx", "ods")],
    "actors:territory_detail": lambda o: (
        [{"key": t.key} for t in o["territories"]] + [{"key": "inconnu"}]
    ),
    **{
        f"glossary:{name}": lambda o: [{"slug": o["glossary_term"].slug}, {"slug": "inconnu"}]
        for name in ("term", "edit", "propose_view", "history", "comment_post")
    },
    "glossary:restore": lambda o: [
        {"slug": o["glossary_term"].slug, "history_id": o["glossary_term"].history.first().pk},
        {"slug": o["glossary_term"].slug, "history_id": 999999},
    ],
    "glossary:proposal": lambda o: [{"pk": o["glossary_proposal"].pk}, {"pk": 999999}],
    "glossary:comment_hide": _glossary_comment_urls,
    "glossary:comment_show": _glossary_comment_urls,
    "glossary:export": lambda o: [{"extension": e} for e in ("csv", "xlsx", "ods")],
    "glossary:import_detail": lambda o: [{"pk": o["glossary_import"].pk}, {"pk": 999999}],
    "glossary:import_confirm": lambda o: [{"pk": o["glossary_import"].pk}],
    "grid:version": lambda o: [{"number": 1}, {"number": 99}],
    "grid:round_create": lambda o: [{"slug": "epicerie"}, {"slug": "inconnue"}],
    **{
        f"grid:{name}": _grid_rounds
        for name in (
            "round",
            "round_edit",
            "round_invite",
            "round_answer_myself",
            "round_status",
            "results",
            "results_print",
            "results_export",
            "action_add",
        )
    },  # fmt: skip
    "grid:respondent_link": lambda o: [
        {"pk": o["grid"]["round"].pk, "respondent": o["grid"]["partner"].pk},
        {"pk": o["grid"]["round"].pk, "respondent": 999999},
    ],
    "grid:action_change": lambda o: [
        {"pk": o["grid"]["round"].pk, "item": o["grid"]["item"].pk},
        {"pk": o["grid"]["round"].pk, "item": 999999},
    ],
    **_grid_answering("link"),
    **_grid_answering("answer"),
    **SHEET_WRITING_ARGUMENTS,
}


# What the pages alone do not show: fields sent by JavaScript, and forms that appear only once
# a first form is filled in (the merge confirmation).
EXTRA_FIELDS = {
    "actors:markdown_preview": {"texte": ["# Titre\n\n*texte*"]},
    "actors:actor_merge": {"autre": ["epicerie"], "confirmer": ["oui"]},
}


# The query string parameters of the pages that have no search form to read them from.
DIRECTORY_FILTERS = [
    "q", "sphere", "type", "theme", "competence", "profession", "dispositif",
    "dispositif_local", "territoire", "autour", "rayon", "tri", "page",
]  # fmt: skip
EXPERIENCE_FILTERS = [
    "q", "territoire", "theme", "sphere", "dispositif", "cooperation", "fonction", "tri", "page",
]  # fmt: skip
QUERY_KEYS_OF = {
    "experiences:export": EXPERIENCE_FILTERS,
    "experiences:json": EXPERIENCE_FILTERS,
    "actors:actors_json": [*DIRECTORY_FILTERS, "taille", "curseur"],
    "actors:data_inclusion_structures": DIRECTORY_FILTERS,
    "actors:actors_geojson": [*DIRECTORY_FILTERS, "bbox", "zoom"],
    "actors:map": [*DIRECTORY_FILTERS, "vue"],
    "actors:actors_export": DIRECTORY_FILTERS,
    "actors:actors_autocomplete": ["q"],
    "actors:communes_autocomplete": ["q"],
    "actors:commune_point": ["commune"],
    "actors:territories_autocomplete": ["q"],
    "actors:local_scheme_create": ["dispositif"],
    "accounts:login": ["next"],
    "glossary:print": ["sphere"],
}


def route_urls(route: Route, objects) -> list[str]:
    """The addresses of `route` with each set of arguments `ARGUMENTS` gives."""
    if not route.parameters:
        return [reverse(route.name)]
    if route.name not in ARGUMENTS:
        raise AssertionError(f"{route.name} : ajoutez ses arguments à ARGUMENTS (site_map.py)")
    return [reverse(route.name, kwargs=kwargs) for kwargs in ARGUMENTS[route.name](objects)]


@dataclass
class Form:
    """A form found on a page: where it posts, and each field's values seen (first: the value
    the page fills in; then the choices)."""

    route: str
    method: str
    fields: dict[str, list[str]] = field(default_factory=dict)
    files: set[str] = field(default_factory=set)


class _FormParser(HTMLParser):
    def __init__(self, page_url: str):
        super().__init__()
        self.page_url = page_url
        self.forms: list[tuple[str, str, dict, set]] = []
        self._select: str | None = None

    def handle_starttag(self, tag, attrs):
        attributes = {key: value or "" for key, value in attrs}
        if tag == "form":
            action = urljoin(self.page_url, attributes.get("action", ""))
            method = attributes.get("method", "get").lower()
            self.forms.append((action, method, {}, set()))
            return
        if not self.forms:
            return
        fields, files = self.forms[-1][2], self.forms[-1][3]
        name = attributes.get("name")
        if tag in {"input", "textarea", "button"} and name:
            if attributes.get("type") == "file":
                files.add(name)
            fields.setdefault(name, []).append(attributes.get("value", ""))
        elif tag == "select" and name:
            self._select = name
            fields.setdefault(name, [])
        elif tag == "option" and self._select:
            fields[self._select].append(attributes.get("value", ""))

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None


def forms_on(page_url: str, html: str) -> list[Form]:
    """The forms of a page, each under the route its action resolves to."""
    parser = _FormParser(page_url)
    parser.feed(html)
    found = []
    for action, method, fields, files in parser.forms:
        try:
            match = resolve(urlsplit(action).path)
        except Resolver404:
            continue
        found.append(Form(match.view_name, method, fields, files))
    return found


def merge_forms(forms: list[Form]) -> dict[str, Form]:
    """One form per (route, method), with every field and value seen for it."""
    merged: dict[str, Form] = {}
    for form in forms:
        target = merged.setdefault(f"{form.method} {form.route}", Form(form.route, form.method))
        for name, values in form.fields.items():
            known = target.fields.setdefault(name, [])
            known.extend(value for value in values if value not in known)
        target.files |= form.files
    return merged
