import pytest
from django.urls import reverse

from actors.models import Contact
from tests.actors.factories import (
    ActorFactory,
    CommuneFactory,
    ContactFactory,
    EpciFactory,
    LocalSchemeFactory,
    ParticipationFactory,
    ProfessionFactory,
    RelationFactory,
    SchemeFactory,
    ThemeFactory,
)
from tests.pages import assert_page_shows

pytestmark = pytest.mark.django_db


def test_published_fiche_shows_what_is_known(client):
    actor = ActorFactory(
        name="Centre social des Trois Rivières",
        pitch="Un lieu d’accueil pour tous les habitants.",
        description="## Nos actions\n\n- épicerie solidaire\n- café des habitants",
        themes=[ThemeFactory(name="Mobilité")],
    )
    partner = ActorFactory(name="Collectif Vivre Ensemble")
    RelationFactory(source=actor, target=partner)
    ParticipationFactory(actor=actor, local_scheme=LocalSchemeFactory(name="CTG du Diois"))

    response = client.get(actor.get_absolute_url())

    assert_page_shows(
        response,
        "Centre social des Trois Rivières",
        "<li>épicerie solidaire</li>",
        "Mobilité",
        "Collectif Vivre Ensemble",
        "CTG du Diois",
    )


def test_fiche_lists_its_territories_in_french_alphabetical_order(client):
    """Ordered as the database compares names, « Écully » came after « Lyon »."""
    names = ["Lyon", "Écully", "Bron"]
    communes = [CommuneFactory(name=name, code=f"69{i:03d}") for i, name in enumerate(names)]
    actor = ActorFactory()
    actor.intervention_territories.set(communes)
    page = client.get(actor.get_absolute_url()).content.decode()
    listed = page[page.index("Territoires d’intervention") :]
    assert listed.index("Bron") < listed.index("Écully") < listed.index("Lyon")


def test_fiche_of_unpublished_actor_is_not_found_for_visitors(client):
    actor = ActorFactory(status="review")
    assert_page_shows(client.get(actor.get_absolute_url()), "Page introuvable", status=404)


def test_members_only_contacts_are_hidden_from_visitors(client, member):
    actor = ActorFactory()
    ContactFactory(actor=actor, email="public@example.org", visibility=Contact.Visibility.PUBLIC)
    ContactFactory(actor=actor, email="reseau@example.org", visibility=Contact.Visibility.MEMBERS)

    visitor_page = client.get(actor.get_absolute_url()).content.decode()
    client.force_login(member)
    member_page = client.get(actor.get_absolute_url()).content.decode()

    assert "public@example.org" in visitor_page
    assert "reseau@example.org" not in visitor_page
    assert "reseau@example.org" in member_page


def test_contacts_show_in_their_order_with_their_job_and_role(client, member):
    actor = ActorFactory()
    job = ProfessionFactory(name="Référente famille")
    ContactFactory(actor=actor, name="Zoé Second", position=1, role="Animatrice")
    ContactFactory(actor=actor, name="Yann Premier", position=0, role="", profession=job)
    ContactFactory(actor=actor, name="Alix Premier", position=0, role="Directrice")
    ContactFactory(
        actor=actor, name="Réseau Seul", position=0, visibility=Contact.Visibility.MEMBERS
    )

    visitor_page = client.get(actor.get_absolute_url()).content.decode()
    client.force_login(member)
    member_page = client.get(actor.get_absolute_url()).content.decode()

    names = ["Alix Premier", "Yann Premier", "Zoé Second"]
    assert sorted(names, key=visitor_page.index) == names
    assert "<strong>Alix Premier</strong>, Directrice" in visitor_page
    assert '<strong>Yann Premier</strong><br><span class="muted">Référente famille</span>' in (
        visitor_page
    )
    assert "Réseau Seul" not in visitor_page
    assert sorted(["Réseau Seul", *names], key=member_page.index) == [
        "Alix Premier",
        "Réseau Seul",
        "Yann Premier",
        "Zoé Second",
    ]
    assert member_page.count("visible des membres") == 1


def test_script_in_description_is_rendered_inert(client):
    actor = ActorFactory(
        description=(
            '<script>alert(1)</script> [lien](javascript:alert(2)) <img src=x onerror="alert(3)">'
        )
    )
    content = client.get(actor.get_absolute_url()).content.decode()
    assert "<script>alert(1)" not in content
    assert "javascript:alert" not in content
    assert "onerror" not in content


def test_fiche_query_count_does_not_grow_with_relations(client, django_assert_max_num_queries):
    actor = ActorFactory()
    for _ in range(15):
        RelationFactory(source=actor)
        RelationFactory(target=actor)
        ParticipationFactory(actor=actor)
        ContactFactory(actor=actor)
    with django_assert_max_num_queries(16):
        response = client.get(actor.get_absolute_url())
    assert response.status_code == 200
    assert len(response.context["actor"].relations_out_list) == 15
    assert len(response.context["actor"].relations_in_list) == 15
    assert len(response.context["actor"].participations.all()) == 15
    assert len(response.context["contacts"]) == 15


def test_a_fiche_with_no_links_reads_only_what_it_has(client, django_assert_max_num_queries):
    actor = ActorFactory(name="Épicerie du bourg")
    client.get(actor.get_absolute_url())  # the vocabularies, read once for every page
    with django_assert_max_num_queries(1):
        content = client.get(actor.get_absolute_url()).content.decode()
    assert "Épicerie du bourg" in content
    assert "Aucun lien renseigné." in content


def test_links_with_unpublished_fiches_stay_hidden_on_the_fiche(client):
    actor = ActorFactory(name="Centre social du Diois")
    RelationFactory(source=actor, target=ActorFactory(name="Partenaire publié"))
    RelationFactory(source=actor, target=ActorFactory(name="Brouillon sortant", status="review"))
    RelationFactory(source=ActorFactory(name="Financeur publié"), target=actor, kind="finance")
    RelationFactory(source=ActorFactory(name="Brouillon entrant", status="review"), target=actor)

    content = client.get(actor.get_absolute_url()).content.decode()

    assert "Partenaire publié" in content and "Financeur publié" in content
    assert "Brouillon" not in content


def test_scheme_page_lists_local_instances_and_participants(client):
    scheme = SchemeFactory()
    local = LocalSchemeFactory(scheme=scheme, name="CTG de la CC du Diois 2023-2027")
    ParticipationFactory(local_scheme=local, actor=ActorFactory(name="CAF de démonstration"))

    response = client.get(reverse("actors:scheme_detail", kwargs={"slug": "ctg"}))
    assert_page_shows(
        response, "Convention territoriale globale", "CTG de la CC du Diois 2023-2027"
    )

    local_page = client.get(local.get_absolute_url()).content.decode()
    assert "CAF de démonstration" in local_page


def test_scheme_list_groups_by_family(client):
    SchemeFactory()
    content = client.get(reverse("actors:scheme_list")).content.decode()
    assert "Action sociale et familles" in content
    assert "Convention territoriale globale (CTG)" in content


def test_territory_page_shows_located_and_covering_actors(client):
    epci = EpciFactory()
    commune = CommuneFactory(name="Die", epci=epci)
    ActorFactory(name="Association installée à Die", commune=commune)
    covering = ActorFactory(name="Réseau qui intervient sur le Diois")
    covering.intervention_territories.add(epci)

    content = client.get(epci.get_absolute_url()).content.decode()
    assert "Association installée à Die" in content
    assert "Réseau qui intervient sur le Diois" in content


def test_directory_finds_words_without_accents_and_paginates(client):
    ActorFactory(name="École de la mobilité")
    ActorFactory(name="Autre structure")
    response = client.get(reverse("actors:actor_list"), {"q": "ecole mobilite"})
    content = response.content.decode()
    assert "École de la mobilité" in content
    assert "Autre structure" not in content
    assert "1 acteur" in content


@pytest.mark.parametrize("page", ["abc", "-1", "999999", "1e9", ""])
def test_malformed_page_numbers_fall_back_to_a_valid_page(client, page):
    ActorFactory()
    response = client.get(reverse("actors:actor_list"), {"page": page})
    assert response.status_code == 200


def test_overlong_query_gets_a_french_error(client):
    response = client.get(reverse("actors:actor_list"), {"q": "x" * 2000})
    assert_page_shows(response, "La recherche est trop longue", status=400)


def test_unknown_territory_scheme_and_fiche_are_french_404(client):
    for url in ["/territoires/99999/", "/dispositifs/inconnu/", "/acteurs/inconnu/"]:
        assert_page_shows(client.get(url), "Page introuvable", status=404)
