"""The maillage as an elected official reads it: whole names, a shape per sphere, a list of the
actors, filters for a large territory, and its figures explained in plain words."""

import re

import pytest
from django.urls import reverse

from actors.maillage.labels import label_lines
from tests.actors.factories import (
    ActorFactory,
    DepartementFactory,
    RelationFactory,
    SphereFactory,
)

pytestmark = pytest.mark.django_db

URL = reverse("actors:maillage")
LONG_NAME = "Centre social Le Fil de Drôme et des vallées du Diois"


@pytest.fixture
def spheres():
    DepartementFactory()
    return (
        SphereFactory(slug="action-sociale", name="Action sociale", color="#d55e00"),
        SphereFactory(slug="developpement-local", name="Développement local", color="#009e73"),
    )


@pytest.fixture
def four_actors(spheres):
    social, local = spheres
    centre = ActorFactory(name=LONG_NAME, spheres=[social])
    mairie = ActorFactory(name="Mairie de Die", spheres=[local])
    agence = ActorFactory(name="Agence de développement", spheres=[local])
    lonely = ActorFactory(name="Épicerie sans lien", spheres=[social])
    RelationFactory(source=centre, target=mairie)
    RelationFactory(source=centre, target=agence)
    return centre, mairie, agence, lonely


def page(client, **params):
    response = client.get(URL, {"territoire": "26", **params})
    return response, response.content.decode()


def written_names(content: str) -> list[str]:
    """The names written on the drawing, lines of a name joined back."""
    labels = content[content.index('class="maillage-labels"') : content.index("</svg>")]
    return [
        "".join(re.findall(r"<tspan[^>]*>([^<]*)</tspan>", text))
        for text in re.findall(r"<text[^>]*>(.*?)</text>", labels)
    ]


def test_with_few_actors_every_name_is_written_whole(client, four_actors):
    _, content = page(client)
    names = written_names(content)
    assert LONG_NAME in names  # on two lines, never cut
    assert set(names) == {a.name for a in four_actors}
    assert "…" not in content[content.index("<svg") : content.index("</svg>")]


def test_a_long_name_is_split_on_two_lines_at_a_space():
    assert label_lines(LONG_NAME) == [
        "Centre social Le Fil de Drôme",
        "et des vallées du Diois",
    ]
    assert label_lines("Mairie de Die") == ["Mairie de Die"]


def test_each_sphere_has_its_own_shape_in_the_drawing_and_the_legend(client, four_actors):
    centre, mairie, *_ = four_actors
    _, content = page(client)
    svg = content[content.index("<svg") : content.index("</svg>")]

    def shape_of(actor):
        node = re.search(rf'data-node="{actor.pk}"[^>]*>.*?<use href="#forme-([a-z-]+)"', svg, re.S)
        return node.group(1)

    assert shape_of(centre) != shape_of(mairie)
    legend = content[content.index('class="maillage-legend"') :].split("</ul>")[0]
    assert f'href="#forme-{shape_of(centre)}" fill="#d55e00"' in legend
    assert f'href="#forme-{shape_of(mairie)}" fill="#009e73"' in legend
    assert "Action sociale" in legend and "Développement local" in legend


def test_the_actors_are_listed_as_buttons_that_name_their_node(client, four_actors):
    _, content = page(client)
    picker = content[content.index("data-node-picker") :].split("</section>")[0]
    for actor in four_actors:
        assert re.search(
            rf'<button type="button" class="node-button" data-node="{actor.pk}" '
            rf'aria-pressed="false">.*?<span>{actor.name}</span>',
            picker,
            re.S,
        )
    assert "(2 acteurs reliés)" in picker  # the centre
    assert "Échap efface la sélection" in picker
    assert 'aria-live="polite"' in picker
    assert "js/maillage.js" in content


def test_sphere_filter_says_how_many_actors_it_hides(client, four_actors, spheres):
    social, _ = spheres
    response, content = page(client, sphere=social.slug)
    assert response.status_code == 200
    assert {node.name for node in response.context["maillage"].nodes} == {
        LONG_NAME,
        "Épicerie sans lien",
    }
    assert "2 acteurs masqués par les filtres" in content
    assert 'href="?territoire=26">Afficher tous les acteurs</a>' in content


def test_minimum_links_filter_keeps_the_most_linked(client, four_actors):
    response, content = page(client, liens="2")
    assert [node.name for node in response.context["maillage"].nodes] == [LONG_NAME]
    assert "3 acteurs masqués par les filtres" in content


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("deux", "Saisissez un nombre entier de liens, par exemple 2."),
        ("-1", "Le nombre de liens ne peut pas être négatif."),
        ("1000", "99 liens au plus."),
    ],
)
def test_a_wrong_number_of_links_is_explained_next_to_the_field(client, spheres, value, message):
    response, content = page(client, liens=value)
    assert response.status_code == 400
    field = content[content.index('class="field field-links"') :].split("</div>\n  <div")[0]
    assert message in field
    assert f'value="{value}"' in content  # what was typed is kept


def test_unknown_sphere_is_explained(client, spheres):
    response, content = page(client, sphere="<b>")
    assert response.status_code == 400
    assert "Sphère inconnue : choisissez une sphère de la liste." in content


def test_density_and_betweenness_are_explained_in_plain_words(client, four_actors):
    _, content = page(client)
    figures = content[content.index('class="figures maillage-figures"') :]
    figures = figures[: figures.index("<figure")]
    # 2 linked pairs out of 6 possible pairs: 33.3 %.
    assert "Sur 100 paires d’acteurs qui pourraient travailler ensemble, 33,3 le font déjà" in (
        figures
    )
    assert "À quel point un acteur fait le pont" in figures


def test_a_crowded_territory_suggests_a_filter(client, spheres, monkeypatch):
    from actors.maillage import build

    monkeypatch.setattr(build, "CROWDED", 3)
    for _ in range(4):
        ActorFactory()
    _, content = page(client)
    assert "4 acteurs : pour un graphique plus lisible" in content
    assert 'href="?territoire=26&amp;liens=3"' in content


def test_a_page_served_from_the_cache_keeps_its_title_and_its_drawing(client, four_actors):
    first, first_content = page(client)
    again, again_content = page(client)
    for content in (first_content, again_content):
        assert "<title>Maillage : Drôme" in content
        assert "js/maillage.js" in content
    assert again_content.count('class="node-button"') == 4


def test_a_territory_without_actors_loads_no_drawing_script(client, spheres):
    for _visit in range(2):
        response, content = page(client)
        assert response.status_code == 200
        assert "<title>Maillage : Drôme" in content
        assert "js/maillage.js" not in content
