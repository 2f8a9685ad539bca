"""The directory: French text search, filters, facets, sort, distance — same tests on SQLite
and PostgreSQL."""

import pytest
from django.urls import reverse

from actors.directory.folding import sort_name
from actors.directory.search_index import rebuild_search_terms
from actors.models import Participation
from tests.actors.factories import (
    ActorFactory,
    ActorTypeFactory,
    CompetenceFactory,
    ContactFactory,
    DepartementFactory,
    EpciFactory,
    LocalSchemeFactory,
    ParticipationFactory,
    ProfessionFactory,
    SchemeFactory,
    ThemeFactory,
)

pytestmark = pytest.mark.django_db
URL = reverse("actors:actor_list")


def names(response) -> list[str]:
    return [actor.name for actor in response.context["page"].object_list]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("ecole", "École des parents du Diois"),  # accents and case
        ("ÉCOLE", "École des parents du Diois"),
        ("ecoles", "École des parents du Diois"),  # plural
        ("mobilites", "Garage solidaire"),  # plural, through the theme
        ("Mobilité", "Garage solidaire"),
        ("voitures", "Garage solidaire"),  # in the pitch
    ],
)
def test_text_search_ignores_accents_case_and_plurals(client, sample, query, expected):
    response = client.get(URL, {"q": query})
    assert response.status_code == 200
    assert names(response) == [expected]


def test_typo_finds_results_and_says_what_was_searched(client, sample):
    rebuild_search_terms()
    response = client.get(URL, {"q": "mobilté"})
    content = response.content.decode()
    assert names(response) == ["Garage solidaire"]
    assert "Aucun résultat pour « mobilté »" in content
    assert "Résultats pour « mobilité »" in content


def test_nothing_close_gives_an_empty_result_with_advice(client, sample):
    rebuild_search_terms()
    response = client.get(URL, {"q": "zzqxw"})
    assert response.status_code == 200
    assert names(response) == []
    assert "Aucun acteur ne correspond" in response.content.decode()


def test_quoted_phrase_and_exclusion(client, sample):
    ActorFactory(name="Parents solidaires", commune=sample["die"])
    assert names(client.get(URL, {"q": '"garage solidaire"'})) == ["Garage solidaire"]
    assert names(client.get(URL, {"q": "solidaire -garage"})) == ["Parents solidaires"]


def test_name_ranks_before_pitch(client, sample):
    ActorFactory(name="Épicerie du coin", pitch="Nous aimons les voitures anciennes")
    ActorFactory(name="Voitures partagées du Vercors", pitch="Autopartage")
    response = client.get(URL, {"q": "voitures"})
    assert names(response)[0] == "Voitures partagées du Vercors"


def test_filters_combine_sphere_and_theme(client, sample):
    other = ActorFactory(name="Autre garage", spheres=[sample["garage"].spheres.first()])
    response = client.get(URL, {"sphere": "developpement-local", "theme": "mobilite"})
    assert names(response) == ["Garage solidaire"]
    assert other.name not in names(response)


def test_filters_by_type_competence_profession_and_scheme(client, sample):
    centre = ActorTypeFactory(name="Centre social", slug="centre-social")
    diag = CompetenceFactory(name="Diagnostic territorial", slug="diagnostic-territorial")
    agent = ProfessionFactory(name="Agent de développement local", slug="agent-dl")
    target = ActorFactory(name="Centre social du Diois", actor_type=centre)
    target.competences.add(diag)
    ContactFactory(actor=target, profession=agent)
    ParticipationFactory(actor=target, local_scheme=LocalSchemeFactory(scheme=SchemeFactory()))
    for params in (
        {"type": "centre-social"},
        {"competence": "diagnostic-territorial"},
        {"profession": "agent-dl"},
        {"dispositif": "ctg"},
    ):
        assert names(client.get(URL, params)) == ["Centre social du Diois"], params


def test_territory_matches_located_and_covering_actors(client, sample):
    drome = DepartementFactory()
    diois = EpciFactory(departement=drome)
    sample["die"].epci = diois
    sample["die"].departement = drome
    sample["die"].save()
    covering = ActorFactory(name="Réseau départemental", commune=sample["lyon"])
    covering.intervention_territories.add(drome)
    response = client.get(URL, {"territoire": diois.key})
    assert set(names(response)) == {"École des parents du Diois", "Réseau départemental"}


def test_distance_around_a_commune_sorted_nearest_first(client, sample):
    response = client.get(URL, {"autour": "26113", "rayon": "40"})
    assert names(response) == ["École des parents du Diois", "Garage solidaire"]
    assert "à 27,6 km" in response.content.decode()


def test_facets_count_each_value_for_the_current_search(client, sample):
    response = client.get(URL, {"q": "solidaire"})
    facets = {name: values for name, _label, values, _ticked in response.context["facets"]}
    sphere_counts = {value.slug: count for value, count, _ in facets["sphere"]}
    assert sphere_counts == {"developpement-local": 1}


def test_sort_by_name_and_by_last_update(client, sample):
    by_name = names(client.get(URL, {"tri": "nom"}))
    assert by_name == sorted(by_name, key=sort_name)
    # French order: the accented initial files with its letter, not after « Z ».
    assert by_name.index("École des parents du Diois") < by_name.index("Garage solidaire")
    sample["lyon_actor"].save()
    assert names(client.get(URL, {"tri": "maj"}))[0] == "Réseau régional"


def test_the_url_keeps_every_filter_for_the_next_page(client, sample):
    for index in range(25):
        ActorFactory(name=f"Garage associatif {index:02d}", commune=sample["crest"])
    response = client.get(URL, {"q": "garage", "autour": "26108", "rayon": "10"})
    content = response.content.decode()
    assert "q=garage" in content and "autour=26108" in content and "page=2" in content


def test_htmx_request_gets_only_the_directory_fragment(client, sample):
    response = client.get(URL, {"q": "garage"}, headers={"HX-Request": "true"})
    content = response.content.decode()
    assert '<div id="annuaire"' in content
    assert "<html" not in content


def test_the_page_and_its_fragment_say_they_vary_with_hx_request(client, sample):
    # One URL, two answers: caches must keep them apart (django-htmx's advice).
    page = client.get(URL, {"q": "garage"})
    fragment = client.get(URL, {"q": "garage"}, headers={"HX-Request": "true"})
    refused = client.get(URL, {"tri": "n'importe"}, headers={"HX-Request": "true"})
    for response in (page, fragment, refused):
        vary = {part.strip().lower() for part in response["Vary"].split(",")}
        assert "hx-request" in vary, response.status_code
    assert "<html" in page.content.decode() and "<html" not in fragment.content.decode()


def test_an_htmx_history_restore_gets_the_whole_page(client, sample):
    headers = {"HX-Request": "true", "HX-History-Restore-Request": "true"}
    assert "<html" in client.get(URL, {"q": "garage"}, headers=headers).content.decode()


def test_drafts_are_not_in_the_directory(client, sample):
    ActorFactory(name="Garage brouillon", status="draft")
    assert "Garage brouillon" not in names(client.get(URL, {"q": "garage"}))


def test_participation_role_filter_by_local_scheme(client, sample):
    local = LocalSchemeFactory()
    ParticipationFactory(actor=sample["garage"], local_scheme=local, role=Participation.Role.PILOTE)
    assert names(client.get(URL, {"dispositif_local": local.slug})) == ["Garage solidaire"]


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"sphere": "inconnue"}, "Sélectionnez un choix valide"),
        ({"theme": "x"}, "Sélectionnez un choix valide"),
        ({"territoire": "00000"}, "Territoire inconnu"),
        ({"autour": "99999"}, "Commune inconnue"),
        ({"autour": "26113", "rayon": "5000"}, "inférieure ou égale à 200"),
        ({"rayon": "abc"}, "Saisissez un nombre"),
        ({"tri": "hasard"}, "Sélectionnez un choix valide"),
        ({"q": "x" * 2000}, "La recherche est trop longue"),
    ],
)
def test_bad_filter_values_get_a_400_with_a_french_message(client, sample, params, message):
    response = client.get(URL, params)
    assert response.status_code == 400
    assert message in response.content.decode()


@pytest.mark.parametrize(
    "query",
    ['"', "'", "-", "!", "&", "|", "(", ")", ":*", "a & b | !c", '"non fermé', "OR OR", "\\"],
)
def test_operators_and_quotes_in_the_query_never_break_the_search(client, sample, query):
    assert client.get(URL, {"q": query}).status_code == 200


def test_directory_query_count_does_not_grow_with_results(
    client, sample, django_assert_max_num_queries
):
    for index in range(40):
        actor = ActorFactory(name=f"Association {index}", themes=[ThemeFactory()])
        ContactFactory(actor=actor)
    with django_assert_max_num_queries(22):
        response = client.get(URL, {"q": "association", "sphere": "action-sociale"})
    assert response.status_code == 200
    with django_assert_max_num_queries(22):
        client.get(URL)
