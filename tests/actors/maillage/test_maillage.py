import re
from functools import partial
from itertools import cycle

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.cache import cache
from django.urls import reverse

from actors.maillage import views as maillage_views
from actors.maillage.build import build_maillage
from actors.models import Relation
from tests.actors.factories import (
    ActorFactory,
    CommuneFactory,
    DepartementFactory,
    EpciFactory,
    LocalSchemeFactory,
    ParticipationFactory,
    RelationFactory,
    SphereFactory,
    ThemeFactory,
)

pytestmark = pytest.mark.django_db

URL = reverse("actors:maillage")


@pytest.fixture
def drome():
    return DepartementFactory()


@pytest.fixture
def ardeche():
    return DepartementFactory(key="07", code="07", name="Ardèche", slug="ardeche")


@pytest.fixture
def social():
    return SphereFactory(slug="action-sociale", name="Action sociale", color="#d55e00")


@pytest.fixture
def local():
    return SphereFactory(slug="developpement-local", name="Développement local", color="#009e73")


def get_page(client, **params):
    response = client.get(URL, params)
    return response, response.content.decode()


def svg_of(content: str) -> str:
    return content[content.index("<svg") : content.index("</svg>")]


def test_page_without_parameters_shows_the_form_and_an_explanation(client):
    response, content = get_page(client)
    assert response.status_code == 200
    assert 'name="territoire"' in content
    assert 'name="theme"' in content
    assert "Comprendre le maillage" in content
    assert "<svg" not in content
    assert "errorlist" not in content


def test_empty_territory_is_not_an_error(client):
    response, content = get_page(client, territoire="")
    assert response.status_code == 200
    assert "errorlist" not in content


def test_unknown_territory_is_a_400_with_a_french_message(client, drome):
    response, content = get_page(client, territoire="99999")
    assert response.status_code == 400
    assert "Territoire inconnu : « 99999 »" in content
    assert 'aria-invalid="true"' in content


def test_unknown_theme_is_a_400_with_a_french_message(client, drome):
    response, content = get_page(client, territoire="26", theme="<script>")
    assert response.status_code == 400
    assert "Thème inconnu" in content


def test_post_is_refused(client):
    assert client.post(URL, {"territoire": "26"}).status_code == 405


def test_territory_shows_its_actors_and_relations_but_not_actors_elsewhere(client, drome, ardeche):
    centre = ActorFactory(name="Centre social de Die")
    mairie = ActorFactory(name="Mairie de Crest")
    ailleurs = ActorFactory(
        name="Association d’Aubenas", commune=CommuneFactory(code="07019", departement=ardeche)
    )
    RelationFactory(source=centre, target=mairie, kind=Relation.Kind.FINANCE, since=2019)
    RelationFactory(source=centre, target=ailleurs)

    response, content = get_page(client, territoire="26")

    assert response.status_code == 200
    assert "Centre social de Die" in content
    assert "Mairie de Crest" in content
    assert "Association d’Aubenas" not in content
    assert "finance →" in content
    assert "depuis 2019" in content
    maillage = response.context["maillage"]
    assert maillage.total_nodes == 2
    assert len(maillage.relation_edges) == 1


def test_links_table_lists_relations_by_first_actor_then_kind_then_second_actor(
    client, drome, ardeche
):
    alpha, bravo, charlie = (ActorFactory(name=name) for name in ("Alpha", "Bravo", "Charlie"))
    ailleurs = ActorFactory(
        name="Association d’Aubenas", commune=CommuneFactory(code="07019", departement=ardeche)
    )
    # Written in no particular order, with links leaving the territory both ways.
    RelationFactory(source=charlie, target=alpha, kind=Relation.Kind.PARTENARIAT)
    RelationFactory(source=alpha, target=ailleurs, kind=Relation.Kind.FINANCE)
    RelationFactory(source=alpha, target=charlie, kind=Relation.Kind.PARTENARIAT)
    RelationFactory(source=ailleurs, target=bravo, kind=Relation.Kind.FINANCE)
    RelationFactory(source=alpha, target=charlie, kind=Relation.Kind.FINANCE)
    RelationFactory(source=alpha, target=bravo, kind=Relation.Kind.PARTENARIAT)

    _, content = get_page(client, territoire="26")

    rows = re.findall(
        r'<tr class="row-relation">\s*<td><a [^>]*>([^<]*)</a></td>\s*<td>([^<]*) →</td>'
        r"\s*<td><a [^>]*>([^<]*)</a></td>",
        content,
    )
    assert rows == [
        ("Alpha", "finance", "Charlie"),
        ("Alpha", "partenariat", "Bravo"),
        ("Alpha", "partenariat", "Charlie"),
        ("Charlie", "partenariat", "Alpha"),
    ]


def test_actors_intervening_on_a_parent_or_a_part_of_the_territory_are_included(drome, ardeche):
    epci = EpciFactory(departement=drome)
    die = CommuneFactory(name="Die", epci=epci)
    regional = ActorFactory(
        name="Réseau régional", commune=CommuneFactory(code="07186", departement=ardeche)
    )
    regional.intervention_territories.add(drome.region)
    on_die = ActorFactory(
        name="Service itinérant", commune=CommuneFactory(code="07010", departement=ardeche)
    )
    on_die.intervention_territories.add(die)
    elsewhere = ActorFactory(
        name="Service ardéchois", commune=CommuneFactory(code="07011", departement=ardeche)
    )
    elsewhere.intervention_territories.add(ardeche)

    def names(territory):
        maillage = build_maillage(territory=territory, user=AnonymousUser())
        return {node.name for node in maillage.nodes}

    assert names(die) == {"Réseau régional", "Service itinérant"}
    assert names(epci) == {"Réseau régional", "Service itinérant"}
    assert names(drome) == {"Réseau régional", "Service itinérant"}
    assert "Service ardéchois" in names(ardeche)


def test_shared_local_schemes_make_one_dashed_edge_per_pair(client, drome):
    caf = ActorFactory(name="CAF de démonstration")
    centre = ActorFactory(name="Centre social du Diois")
    ctg = LocalSchemeFactory(name="CTG du Diois 2023-2027")
    leader = LocalSchemeFactory(name="LEADER Diois")
    for scheme in (ctg, leader):
        ParticipationFactory(local_scheme=scheme, actor=caf)
        ParticipationFactory(local_scheme=scheme, actor=centre)
    ParticipationFactory(local_scheme=ctg, actor=centre, role="pilote")  # a second role

    response, content = get_page(client, territoire="26")

    maillage = response.context["maillage"]
    assert len(maillage.scheme_edges) == 1
    edge = maillage.scheme_edges[0]
    assert edge.weight == 2
    assert {edge.source.name, edge.target.name} == {
        "CAF de démonstration",
        "Centre social du Diois",
    }
    assert content.count('class="edge edge-scheme"') == 1
    assert "2 dispositifs partagés" in content
    assert ctg.get_absolute_url() in content


def test_isolated_actor_is_listed_as_isolated(client, drome):
    a, b = ActorFactory(name="Relié A"), ActorFactory(name="Relié B")
    RelationFactory(source=a, target=b)
    lonely = ActorFactory(name="Structure sans lien")

    response, content = get_page(client, territoire="26")

    maillage = response.context["maillage"]
    assert [node.name for node in maillage.isolated] == ["Structure sans lien"]
    isolated_section = content[content.index('id="isoles"') : content.index('id="tableau-liens"')]
    assert lonely.get_absolute_url() in isolated_section
    assert a.get_absolute_url() not in isolated_section
    assert "1 acteur isolé" in content.replace("<strong>", "").replace("</strong>", "")


def test_passerelles_by_both_definitions(client, drome, social, local):
    both = ActorFactory(name="Centre social et agence", spheres=[social, local])
    bridge = ActorFactory(name="Tiers-lieu passeur", spheres=[SphereFactory()])
    social_actor = ActorFactory(name="Épicerie solidaire", spheres=[social])
    local_actor = ActorFactory(name="Agence de développement", spheres=[local])
    RelationFactory(source=bridge, target=social_actor)
    RelationFactory(source=bridge, target=local_actor)
    # Linked to a single actor of both spheres: not a bridge between two actors.
    only_one = ActorFactory(name="Voisin d’un seul acteur")
    RelationFactory(source=only_one, target=both)

    response, content = get_page(client, territoire="26")

    found = {p.node.name: p for p in response.context["maillage"].passerelles}
    assert set(found) == {"Centre social et agence", "Tiers-lieu passeur"}
    assert found["Centre social et agence"].both_spheres
    assert not found["Centre social et agence"].links_spheres
    assert found["Tiers-lieu passeur"].links_spheres
    assert not found["Tiers-lieu passeur"].both_spheres
    # Ranked by betweenness: the bridge sits on the path between the two spheres.
    assert list(found)[0] == "Tiers-lieu passeur"
    section = content[content.index('id="passerelles"') : content.index('id="isoles"')]
    assert bridge.get_absolute_url() in section
    assert "relie les deux sphères" in section
    assert "appartient aux deux sphères" in section


def test_theme_filter_keeps_only_actors_with_the_theme(client, drome):
    mobilite = ThemeFactory(slug="mobilite", name="Mobilité")
    ActorFactory(name="Plateforme mobilité", themes=[mobilite])
    ActorFactory(name="Crèche parentale")

    response, content = get_page(client, territoire="26", theme="mobilite")

    assert response.status_code == 200
    assert "Plateforme mobilité" in content
    assert "Crèche parentale" not in content
    assert "thème « Mobilité »" in content


def test_node_cap_keeps_the_most_linked_and_says_so(client, drome, monkeypatch):
    hub = ActorFactory(name="Tête de réseau")
    spokes = [ActorFactory(name=f"Membre {n}") for n in range(3)]
    for spoke in spokes:
        RelationFactory(source=spoke, target=hub, kind=Relation.Kind.MEMBRE_DE)
    RelationFactory(source=spokes[0], target=spokes[1])
    ActorFactory(name="Structure seule")

    maillage = build_maillage(territory=drome, user=AnonymousUser(), max_nodes=3)
    assert (maillage.shown_nodes, maillage.total_nodes) == (3, 5)
    assert {node.name for node in maillage.nodes} == {"Tête de réseau", "Membre 0", "Membre 1"}
    assert all(
        {edge.source.name, edge.target.name} <= {"Tête de réseau", "Membre 0", "Membre 1"}
        for edge in maillage.relation_edges
    )

    monkeypatch.setattr(maillage_views, "build_maillage", partial(build_maillage, max_nodes=3))
    response, content = get_page(client, territoire="26")
    assert "3 acteurs affichés sur 5" in content


def test_draft_actors_are_hidden_from_visitors_but_not_from_moderators(client, drome, moderator):
    published = ActorFactory(name="Fiche publiée")
    draft = ActorFactory(name="Fiche en brouillon", status="draft")
    RelationFactory(source=published, target=draft)

    _, visitor_page = get_page(client, territoire="26")
    client.force_login(moderator)
    _, moderator_page = get_page(client, territoire="26")

    assert "Fiche publiée" in visitor_page
    assert "Fiche en brouillon" not in visitor_page
    assert "Fiche en brouillon" in moderator_page


def test_svg_is_accessible_and_links_every_node_to_its_fiche_out_of_the_tab_order(client, drome):
    actors = [ActorFactory() for _ in range(4)]
    RelationFactory(source=actors[0], target=actors[1])
    ParticipationFactory(actor=actors[1])
    ParticipationFactory(actor=actors[2], local_scheme=actors[1].participations.get().local_scheme)

    _, content = get_page(client, territoire="26")
    svg = svg_of(content)

    # A named group, not an image: an image's children are presentational, so its node links
    # would be hidden from screen readers (axe: nested-interactive).
    assert 'role="group"' in svg
    assert 'aria-labelledby="maillage-svg-titre maillage-svg-desc"' in svg
    assert '<title id="maillage-svg-titre">' in svg
    for actor in actors:
        # A link for the mouse, out of the Tab order (the list of actors is the keyboard's way).
        assert f'<a href="{actor.get_absolute_url()}" class="node" tabindex="-1"' in svg
    assert 'class="edge edge-relation"' in svg
    assert 'class="edge edge-scheme"' in svg
    # Coordinates are written with a dot whatever the language of the page.
    assert not re.search(r'(cx|cy|x1|y2|r)="\d+,\d', svg)
    assert "<script" not in content.split("</footer>")[0].split("<main")[1]


def test_layout_is_deterministic(drome):
    actors = [ActorFactory() for _ in range(12)]
    for a, b in zip(actors, actors[1:], strict=False):
        RelationFactory(source=a, target=b)
    RelationFactory(source=actors[0], target=actors[6])

    def coordinates():
        maillage = build_maillage(territory=drome, user=AnonymousUser())
        return [(node.pk, node.x, node.y, node.radius) for node in maillage.nodes]

    first = coordinates()
    cache.clear()  # the layout is cached: compute it again
    assert first == coordinates()
    assert len({(x, y) for _, x, y, _ in first}) == len(first)  # no two actors on one spot
    assert all(0 <= x <= 1000 and 0 <= y <= 700 for _, x, y, _ in first)


def test_territory_can_be_typed_by_its_name(client, drome):
    ActorFactory(name="Centre social de Nyons")
    response, content = get_page(client, territoire="drome")
    assert response.status_code == 200
    assert "Centre social de Nyons" in content


def _network(size: int, relations: int) -> None:
    sphere_cycle = cycle(
        [
            SphereFactory(slug="action-sociale", name="Action sociale"),
            SphereFactory(slug="developpement-local", name="Développement local"),
        ]
    )
    actors = [ActorFactory(spheres=[next(sphere_cycle)]) for _ in range(size)]
    kinds = cycle(Relation.Kind.values)
    made = 0
    for step in range(1, size):
        for index, source in enumerate(actors):
            if made == relations:
                break
            RelationFactory(source=source, target=actors[(index + step) % size], kind=next(kinds))
            made += 1
    for scheme_index in range(3):
        scheme = LocalSchemeFactory()
        for actor in actors[scheme_index::3]:
            ParticipationFactory(local_scheme=scheme, actor=actor)


@pytest.mark.parametrize(("size", "relations"), [(5, 4), (30, 60)])
def test_query_count_does_not_grow_with_the_network(
    client, drome, django_assert_max_num_queries, size, relations
):
    ThemeFactory(slug="mobilite")
    _network(size, relations)
    # territory, theme, actors, spheres, relations, participations, suggestions (7 today).
    with django_assert_max_num_queries(8):
        response = client.get(URL, {"territoire": "26"})
    assert response.status_code == 200
    assert response.context["maillage"].total_nodes == size


def test_the_built_maillage_is_reused_until_the_directory_changes(client, drome, monkeypatch):
    centre = ActorFactory(name="Centre social de Die")
    mairie = ActorFactory(name="Mairie de Crest")
    builds = []

    def counted_build(**kwargs):
        builds.append(kwargs["territory"].key)
        return build_maillage(**kwargs)

    monkeypatch.setattr(maillage_views, "build_maillage", counted_build)
    get_page(client, territoire="26")
    _, again = get_page(client, territoire="26")
    assert builds == ["26"]
    assert "finance →" not in again

    # A new link moves the directory's generation: the next visitor sees it.
    RelationFactory(source=centre, target=mairie, kind=Relation.Kind.FINANCE)
    _, after_edit = get_page(client, territoire="26")
    assert builds == ["26", "26"]
    assert "finance →" in after_edit
