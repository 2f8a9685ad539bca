"""What a visitor reads in the glossary: the A–Z index, its search and filters, a term page,
the scheme page's way back, the printable « fiche technique » and the open data."""

import pytest
from django.urls import reverse

from actors.models import Scheme
from glossary.models import Term
from tests.glossary.factories import TermFactory

pytestmark = pytest.mark.django_db


def _words(client, **query) -> str:
    response = client.get(reverse("glossary:index"), query)
    assert response.status_code == 200
    return response.content.decode()


def _link(slug: str) -> str:
    return f'href="{reverse("glossary:term", kwargs={"slug": slug})}"'


def test_the_index_lists_every_term_under_its_letter(client, glossary):
    page = _words(client)
    assert 'id="lettre-C"' in page and 'id="lettre-E"' in page
    assert "Convention territoriale globale" in page
    # « Établissement public… » sits under E, not after Z
    assert (
        page.index('id="lettre-E"')
        < page.index("Établissement public")
        < page.index('id="lettre-G"')
    )
    assert 'href="/glossaire/fiche-technique/"' in page


def test_the_glossary_is_in_the_navigation(client, glossary):
    page = client.get(reverse("home")).content.decode()
    assert f'href="{reverse("glossary:index")}"' in page


@pytest.mark.parametrize(
    ("typed", "found"),
    [
        ("ctg", "Convention territoriale globale"),
        ("CTG", "Convention territoriale globale"),
        ("developpement social", "Développement social"),
        ("DÉVELOPPEMENT LOCAL", "Développement local"),
        ("centres sociaux", "Centre social"),
        ("intercommunalites", "Établissement public de coopération intercommunale"),
        ("leader", "Groupe d’action locale"),
        ("appels a projets", "Appel à projets"),
    ],
)
def test_search_ignores_accents_case_and_plurals(client, glossary, typed, found):
    page = _words(client, q=typed)
    assert found in page


def test_search_keeps_only_matching_terms(client, glossary):
    page = _words(client, q="copil")
    assert _link("copil") in page
    assert _link("ctg") not in page
    assert "Aucun terme ne correspond" in _words(client, q="zzzz")


def test_filters_by_sphere_and_category(client, glossary):
    by_sphere = _words(client, sphere="tetes-de-reseau")
    assert _link("maillage") in by_sphere and _link("copil") not in by_sphere
    by_category = _words(client, categorie="instance")
    assert _link("cotech") in by_category and _link("maillage") not in by_category


def test_the_term_page_shows_definition_sphere_views_and_links(client, glossary):
    page = client.get(reverse("glossary:term", kwargs={"slug": "evs"})).content.decode()
    assert "Espace de vie sociale" in page and "agréée par la CAF" in page
    assert 'id="regard-action-sociale"' in page
    assert 'id="regard-citoyennete-collectifs-dhabitants"' in page
    assert "Ne pas confondre avec" in page
    assert reverse("glossary:term", kwargs={"slug": "centre-social"}) in page
    assert reverse("actors:scheme_detail", kwargs={"slug": "evs"}) in page
    assert 'href="https://www.caf.fr"' in page


def test_the_scheme_page_links_back_to_its_terms(client, glossary):
    scheme = Scheme.objects.get(slug="ctg")
    page = client.get(scheme.get_absolute_url()).content.decode()
    assert "Dans le glossaire" in page
    assert reverse("glossary:term", kwargs={"slug": "ctg"}) in page


def test_the_fiche_technique_prints_the_whole_glossary_or_one_sphere(client, glossary):
    whole = client.get(reverse("glossary:print")).content.decode()
    assert "Comité de pilotage" in whole and "Maillage" in whole
    assert "css/glossary.css" in whole and "data-print" in whole
    one = client.get(reverse("glossary:print"), {"sphere": "tetes-de-reseau"}).content.decode()
    assert 'id="terme-maillage"' in one and 'id="terme-copil"' not in one
    assert "Relier les projets" not in one  # only the chosen sphere's view


def test_the_fiche_technique_lists_terms_in_french_alphabetical_order(client, glossary):
    """Accents aside: ordered as the database compares words, « Éducation populaire » came
    after « Transversalité », « Diagnostic partagé » before « Développement local »,
    « Tête de réseau » after « Tiers-lieu »."""
    whole = client.get(reverse("glossary:print")).content.decode()
    slugs = [
        "developpement-local",
        "developpement-social",
        "diagnostic-partage",
        "education-populaire",
        "evs",  # Espace de vie sociale
        "epci",  # Établissement public de coopération intercommunale
        "federation-des-centres-sociaux",
        "france-services",
        "tete-de-reseau",
        "tiers-lieu",
    ]
    positions = [whole.index(f'id="terme-{slug}"') for slug in slugs]
    assert positions == sorted(positions)


def test_see_also_lists_and_letters_follow_french_alphabetical_order(client, db):
    term = TermFactory(word="Maillage", slug="maillage")
    others = [
        TermFactory(word=word, slug=slug)
        for word, slug in [
            ("Zonage", "zonage"),
            ("Écosystème", "ecosysteme"),
            ("Atelier", "atelier"),
        ]
    ]
    term.related.set(others)
    page = client.get(term.get_absolute_url()).content.decode()
    see_also = page[page.index('id="voir-aussi"') :]
    assert see_also.index("Atelier") < see_also.index("Écosystème") < see_also.index("Zonage")

    for word, slug in [
        ("Objectif", "objectif"),
        ("Œuvre collective", "oeuvre"),
        ("Outil", "outil"),
    ]:
        TermFactory(word=word, slug=slug)
    index = _words(client)
    # « Œuvre » files under O, between « Objectif » and « Outil », not under a letter of its own
    assert 'id="lettre-Œ"' not in index
    assert (
        index.index('id="lettre-O"')
        < index.index(_link("objectif"))
        < index.index(_link("oeuvre"))
        < index.index(_link("outil"))
        < index.index('id="lettre-Z"')
    )


def test_the_open_data_carries_every_term_with_its_views_and_licence(client, glossary):
    response = client.get(reverse("glossary:json"))
    assert response.status_code == 200
    data = response.json()
    assert "Licence Ouverte" in data["licence"]
    ctg = next(term for term in data["termes"] if term["slug"] == "ctg")
    assert ctg["sigle"] == "CTG"
    assert {view["sphere_slug"] for view in ctg["regards"]} >= {"action-sociale", "elus"}
    assert ctg["url"].endswith(reverse("glossary:term", kwargs={"slug": "ctg"}))
    assert len(data["termes"]) == Term.objects.count() >= 40


@pytest.mark.parametrize(
    ("name", "query"),
    [
        ("glossary:index", {"sphere": "inconnue"}),
        ("glossary:index", {"categorie": "rien"}),
        ("glossary:index", {"q": "x" * 300}),
        ("glossary:index", {"q": "ligne\nsuivante"}),
        ("glossary:print", {"sphere": "inconnue"}),
    ],
)
def test_bad_filters_get_a_french_400(client, glossary, name, query):
    response = client.get(reverse(name), query)
    assert response.status_code == 400
    assert "Demande incorrecte" in response.content.decode()


def test_an_unknown_term_is_a_french_404(client, glossary):
    response = client.get(reverse("glossary:term", kwargs={"slug": "inconnu"}))
    assert response.status_code == 404
