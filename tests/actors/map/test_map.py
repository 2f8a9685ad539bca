"""The map: /api/acteurs.geojson (the directory's search plus bbox and zoom) and /carte/."""

from urllib.parse import urlencode

import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import QueryDict
from django.urls import reverse

from actors.directory.query import run_search
from actors.map.data import cell_size
from tests.actors.factories import (
    ActorFactory,
    ActorTypeFactory,
    LocalSchemeFactory,
    ParticipationFactory,
    SchemeFactory,
    ThemeFactory,
)

pytestmark = pytest.mark.django_db
API = reverse("actors:actors_geojson")
MAP = reverse("actors:map")
AROUND_DIE = "5.3,44.7,5.45,44.8"


def slugs(response) -> set[str]:
    return {feature["properties"]["slug"] for feature in response.json()["features"]}


@pytest.mark.parametrize(
    "filters",
    [
        {},
        {"q": "garage"},
        {"sphere": "action-sociale"},
        {"sphere": "developpement-local", "theme": "mobilite"},
        {"q": "diois", "sphere": "action-sociale"},
        {"autour": "26113", "rayon": "40"},
        {"territoire": "26108"},
        {"q": "aucun-acteur-ne-porte-ce-mot"},
    ],
)
def test_geojson_shows_the_directory_actors_for_the_same_filters(client, sample, filters):
    data = QueryDict(urlencode(filters))
    expected = {actor.slug for actor in run_search(data, user=AnonymousUser()).actors}
    response = client.get(API, filters)
    assert response.status_code == 200
    assert slugs(response) == expected
    assert response.json()["total"] == len(expected)


def test_point_properties_are_short_and_carry_the_first_sphere_colour(client, sample):
    response = client.get(API, {"bbox": AROUND_DIE, "zoom": 12})
    data = response.json()
    assert data["clustered"] is False
    [feature] = data["features"]
    assert feature["geometry"] == {"type": "Point", "coordinates": [5.37, 44.753]}
    assert feature["properties"] == {
        "name": "École des parents du Diois",
        "slug": "ecole-des-parents",
        "url": reverse("actors:actor_detail", kwargs={"slug": "ecole-des-parents"}),
        "type": "Association",
        "commune": "Die",
        "sphere": "action-sociale",
        "color": "#d55e00",
        "shape": "circle",
    }
    assert "max-age=60" in response["Cache-Control"]


def test_each_sphere_has_its_own_marker_shape_on_the_map_and_in_the_legend(client, sample):
    """Colour alone does not tell the spheres apart: the markers' shapes do, and the legend
    draws them."""
    features = client.get(API).json()["features"]
    shapes = {feature["properties"]["slug"]: feature["properties"]["shape"] for feature in features}
    assert shapes["ecole-des-parents"] == "circle"
    assert shapes[sample["lyon_actor"].slug] == "square"

    page = client.get(MAP).content.decode()
    assert '<li data-shape="circle"><svg class="marker-shape"' in page
    assert '<li data-shape="square"><svg class="marker-shape"' in page
    assert "Marqueurs : une forme et une couleur par sphère" in page


def test_bbox_leaves_out_actors_outside(client, sample):
    assert slugs(client.get(API, {"bbox": AROUND_DIE, "zoom": 11})) == {"ecole-des-parents"}
    drome = client.get(API, {"bbox": "4.6,44.1,5.9,45.4", "zoom": 9})
    assert slugs(drome) == {"ecole-des-parents", sample["garage"].slug}
    assert client.get(API, {"bbox": "-1,47,0,48", "zoom": 9}).json()["features"] == []


@pytest.mark.parametrize("corner", ["1e-320", "5e-324"])
def test_a_box_too_narrow_for_any_zoom_is_shown_at_the_closest_zoom(client, sample, corner):
    response = client.get(API, {"bbox": f"0,0,{corner},{corner}"})
    assert response.status_code == 200
    assert response.json()["features"] == []


def test_above_the_threshold_the_server_returns_clusters_whose_counts_add_up(
    client, sample, settings
):
    settings.MAP_CLUSTER_THRESHOLD = 2
    for latitude in (44.70, 44.71, 44.72):
        ActorFactory(commune=sample["die"], latitude=latitude, longitude=5.30)
    response = client.get(API, {"bbox": "4.6,44.1,5.9,45.4", "zoom": 9})
    data = response.json()
    assert data["clustered"] is True
    assert data["total"] == 5
    assert all(feature["properties"]["cluster"] for feature in data["features"])
    assert sum(feature["properties"]["count"] for feature in data["features"]) == 5
    assert len(data["features"]) >= 2  # Crest and the Diois fall in different cells
    # Under the threshold again (a narrower search): points.
    narrow = client.get(API, {"bbox": "4.6,44.1,5.9,45.4", "zoom": 9, "q": "garage"}).json()
    assert narrow["clustered"] is False and narrow["total"] == 1


def test_cluster_colour_is_the_usual_sphere_of_the_actors_types(client, sample, settings):
    settings.MAP_CLUSTER_THRESHOLD = 1
    kind = ActorTypeFactory(name="Centre social", slug="centre-social", sphere=sample["social"])
    for _ in range(3):
        ActorFactory(commune=sample["die"], actor_type=kind)
    data = client.get(API, {"bbox": AROUND_DIE, "zoom": 12}).json()
    [cluster] = data["features"]
    assert cluster["properties"] == {"cluster": True, "count": 4, "color": "#d55e00"}


def test_grid_cell_halves_with_each_zoom_level():
    assert cell_size(0) == 90
    assert cell_size(6) == pytest.approx(1.40625)
    assert cell_size(9) == pytest.approx(cell_size(8) / 2)


def test_drafts_are_hidden_from_visitors_and_shown_to_moderators(client, sample, moderator):
    ActorFactory(name="Brouillon du Diois", slug="brouillon", commune=sample["die"], status="draft")
    assert "brouillon" not in slugs(client.get(API, {"bbox": AROUND_DIE}))
    client.force_login(moderator)
    assert "brouillon" in slugs(client.get(API, {"bbox": AROUND_DIE}))


def test_a_point_not_yet_published_says_its_status(client, sample, moderator):
    ActorFactory(name="Brouillon du Diois", slug="brouillon", commune=sample["die"], status="draft")
    ActorFactory(
        name="Relecture du Diois", slug="relecture", commune=sample["die"], status="review"
    )
    client.force_login(moderator)
    features = client.get(API, {"bbox": AROUND_DIE}).json()["features"]
    statuses = {f["properties"]["slug"]: f["properties"].get("status") for f in features}
    assert statuses.pop("brouillon") == "Brouillon"
    assert statuses.pop("relecture") == "En relecture"
    assert statuses and set(statuses.values()) == {None}  # published: nothing to say


@pytest.mark.parametrize(
    ("params", "field", "words"),
    [
        ({"bbox": "1,2,3"}, "bbox", "quatre nombres"),
        ({"bbox": "a,b,c,d"}, "bbox", "quatre nombres"),
        ({"bbox": "1,2,nan,4"}, "bbox", "quatre nombres"),
        ({"bbox": "200,0,210,10"}, "bbox", "sort du globe"),
        ({"bbox": "0,-95,10,10"}, "bbox", "sort du globe"),
        ({"bbox": "10,0,5,10"}, "bbox", "l’ouest doit précéder l’est"),
        ({"bbox": "0,10,5,10"}, "bbox", "le sud le nord"),
        ({"zoom": "x"}, "zoom", "nombre entier entre 0 et 20"),
        ({"zoom": "99"}, "zoom", "nombre entier entre 0 et 20"),
        ({"zoom": "-1"}, "zoom", "nombre entier entre 0 et 20"),
        ({"zoom": "6.5"}, "zoom", "nombre entier entre 0 et 20"),
        ({"sphere": "sphere-inconnue"}, "sphere", "choix valide"),
        ({"territoire": "99999"}, "territoire", "Territoire inconnu"),
        ({"rayon": "5000", "autour": "26113"}, "rayon", "inférieure ou égale"),
        ({"q": "x" * 2000}, "q", "trop longue"),
    ],
)
def test_malformed_parameters_give_a_400_in_french(client, sample, params, field, words):
    response = client.get(API, params)
    assert response.status_code == 400
    errors = response.json()["erreurs"]
    assert field in errors
    assert words in " ".join(errors[field])


def test_filter_and_view_errors_are_reported_together(client, sample):
    response = client.get(API, {"sphere": "inconnue", "bbox": "x", "zoom": "y"})
    assert response.status_code == 400
    assert set(response.json()["erreurs"]) == {"sphere", "bbox", "zoom"}


@pytest.mark.parametrize("size", [3, 40])
@pytest.mark.parametrize("threshold", [2000, 2])
def test_a_bounded_number_of_queries_whatever_the_number_of_actors(
    client, sample, settings, django_assert_max_num_queries, size, threshold
):
    settings.MAP_CLUSTER_THRESHOLD = threshold
    theme = ThemeFactory(name="Jeunesse", slug="jeunesse")
    for _ in range(size):
        ActorFactory(
            commune=sample["die"], spheres=[sample["social"], sample["local"]], themes=[theme]
        )
    params = {"bbox": "4.6,44.1,5.9,45.4", "zoom": 9, "sphere": "action-sociale"}
    with django_assert_max_num_queries(4):
        response = client.get(API, params)
    assert response.json()["total"] == size + 2
    assert response.json()["clustered"] is (size + 2 > threshold)


def test_the_map_data_ignores_the_page_view_parameter(client, sample):
    with_view = client.get(API, {"sphere": "action-sociale", "vue": "44.7,5.3,9"})
    assert with_view.status_code == 200
    assert slugs(with_view) == slugs(client.get(API, {"sphere": "action-sociale"}))


def test_map_page_has_the_filters_the_legend_and_the_list_without_javascript(client, sample):
    response = client.get(MAP, {"sphere": "action-sociale", "vue": "44.75,5.2,10"})
    assert response.status_code == 200
    content = response.content.decode()
    # Legend: every sphere with its colour.
    assert "Action sociale" in content and "#d55e00" in content
    assert "Développement local" in content and "#009e73" in content
    # The list of the search's actors, with links, for visitors without JavaScript.
    list_html = content.split('id="carte-liste"')[1].split("</ol>")[0]
    assert sample["ecole"].get_absolute_url() in list_html
    assert sample["garage"].get_absolute_url() in list_html
    assert sample["lyon_actor"].get_absolute_url() not in list_html
    # The map keeps the filters for its data and the view from the URL.
    assert 'data-filters="sphere=action-sociale"' in content
    assert 'data-view="44.75,5.2,10"' in content
    assert f'href="{reverse("actors:actor_list")}?sphere=action-sociale"' in content
    assert 'value="action-sociale" checked' in content
    assert "js/map.js" in content and "leaflet-markercluster/leaflet.markercluster.js" in content


def test_map_page_with_a_bad_filter_says_so(client, sample):
    response = client.get(MAP, {"sphere": "inconnue", "vue": "nimporte,quoi"})
    assert response.status_code == 400
    assert "Recherche impossible" in response.content.decode()
    assert 'data-view=""' in response.content.decode()


def test_map_page_lists_at_most_fifty_actors(client, sample):
    for _ in range(52):
        ActorFactory(commune=sample["die"])
    response = client.get(MAP)
    assert len(response.context["actors"]) == 50
    assert "55 acteurs pour cette recherche" in response.content.decode()


def test_directory_links_to_the_map_with_the_same_filters(client, sample):
    response = client.get(reverse("actors:actor_list"), {"q": "garage", "sphere": "action-sociale"})
    assert f'href="{MAP}?q=garage&amp;sphere=action-sociale"' in response.content.decode()


def test_scheme_page_shows_its_participants_on_a_map(client, sample):
    scheme = SchemeFactory()
    ParticipationFactory(actor=sample["garage"], local_scheme=LocalSchemeFactory(scheme=scheme))
    response = client.get(reverse("actors:scheme_detail", kwargs={"slug": scheme.slug}))
    content = response.content.decode()
    assert 'id="carte-participants"' in content
    assert f'data-filters="dispositif={scheme.slug}"' in content
    assert slugs(client.get(API, {"dispositif": scheme.slug})) == {sample["garage"].slug}
