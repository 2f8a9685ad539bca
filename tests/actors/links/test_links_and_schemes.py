import pytest
from django.urls import reverse

from actors.models import LocalScheme, Participation, Relation, Scheme
from tests.actors.factories import ActorFactory, EpciFactory, LocalSchemeFactory, SchemeFactory

pytestmark = pytest.mark.django_db


def links_data(relations=(), participations=()):
    data = {
        "relations-TOTAL_FORMS": str(len(relations)),
        "relations-INITIAL_FORMS": "0",
        "relations-MIN_NUM_FORMS": "0",
        "relations-MAX_NUM_FORMS": "100",
        "participations-TOTAL_FORMS": str(len(participations)),
        "participations-INITIAL_FORMS": "0",
        "participations-MIN_NUM_FORMS": "0",
        "participations-MAX_NUM_FORMS": "100",
    }
    for index, row in enumerate(relations):
        data.update({f"relations-{index}-{key}": value for key, value in row.items()})
    for index, row in enumerate(participations):
        data.update({f"participations-{index}-{key}": value for key, value in row.items()})
    return data


def test_moderator_adds_a_relation_and_a_participation(client, moderator):
    actor = ActorFactory(name="Centre social du Diois")
    partner = ActorFactory(name="CAF de démonstration", slug="caf-demo")
    local = LocalSchemeFactory(name="CTG du Diois")
    client.force_login(moderator)
    response = client.post(
        reverse("actors:actor_links", kwargs={"slug": actor.slug}),
        links_data(
            relations=[{"kind": "partenariat", "target": "CAF de démonstration (caf-demo)"}],
            participations=[{"local_scheme": str(local.pk), "role": "partenaire"}],
        ),
    )
    assert response.status_code == 302
    assert Relation.objects.filter(source=actor, target=partner, kind="partenariat").exists()
    assert Participation.objects.filter(actor=actor, local_scheme=local, role="partenaire").exists()


def test_link_to_itself_or_unknown_actor_gets_a_french_error(client, moderator):
    actor = ActorFactory(slug="moi")
    client.force_login(moderator)
    url = reverse("actors:actor_links", kwargs={"slug": actor.slug})
    response = client.post(url, links_data(relations=[{"kind": "partenariat", "target": "moi"}]))
    assert response.status_code == 400
    assert "liée à elle-même" in response.content.decode()
    response = client.post(url, links_data(relations=[{"kind": "finance", "target": "fantome"}]))
    assert "Acteur inconnu" in response.content.decode()
    assert not Relation.objects.exists()


def test_plain_member_cannot_change_links_directly(client, member):
    actor, partner = ActorFactory(), ActorFactory(slug="autre")
    client.force_login(member)
    url = reverse("actors:actor_links", kwargs={"slug": actor.slug})
    assert "l’équipe de modération" in client.get(url).content.decode()
    response = client.post(url, links_data(relations=[{"kind": "finance", "target": "autre"}]))
    assert response.status_code == 403
    assert not Relation.objects.filter(target=partner).exists()


def test_member_creates_a_local_scheme_and_a_moderator_edits_a_scheme(client, member, moderator):
    scheme = SchemeFactory()
    epci = EpciFactory()
    client.force_login(member)
    response = client.post(
        reverse("actors:local_scheme_create"),
        {
            "scheme": scheme.pk,
            "name": "CTG du Diois 2023-2027",
            "territories": epci.key,
            "start_date": "2023-01-01",
            "end_date": "2027-12-31",
            "status": "active",
        },
    )
    local = LocalScheme.objects.get()
    assert response.status_code == 302
    assert local.slug == "ctg-du-diois-2023-2027"
    assert list(local.territories.all()) == [epci]
    bad = client.post(
        reverse("actors:local_scheme_create"),
        {"scheme": scheme.pk, "name": "X", "territories": epci.key, "status": "active",
         "start_date": "2027-01-01", "end_date": "2023-01-01"},
    )  # fmt: skip
    assert bad.status_code == 400
    assert "La fin ne peut pas précéder le début." in bad.content.decode()

    client.force_login(moderator)
    client.post(
        reverse("actors:scheme_edit", kwargs={"slug": scheme.slug}),
        {
            "name": scheme.name,
            "acronym": "CTG",
            "slug": scheme.slug,
            "family": "social",
            "description": "Nouvelle description.",
            "national_carrier": scheme.national_carrier,
            "official_url": "",
        },
    )
    assert Scheme.objects.get().description == "Nouvelle description."


def test_visitors_cannot_edit_schemes(client):
    scheme = SchemeFactory()
    response = client.post(reverse("actors:scheme_edit", kwargs={"slug": scheme.slug}), {})
    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]


def test_actor_autocomplete(client):
    ActorFactory(name="Épicerie solidaire", slug="epicerie")
    results = client.get(reverse("actors:actors_autocomplete"), {"q": "epi"}).json()["resultats"]
    assert results[0]["cle"] == "epicerie"


def test_the_same_row_twice_is_refused_in_french(client, moderator):
    actor = ActorFactory()
    ActorFactory(slug="autre")
    local = LocalSchemeFactory()
    client.force_login(moderator)
    url = reverse("actors:actor_links", kwargs={"slug": actor.slug})
    twice = [{"kind": "finance", "target": "autre"}] * 2
    response = client.post(url, links_data(relations=twice))
    assert response.status_code == 400
    assert "Corrigez les données en double" in response.content.decode()
    same_role = [{"local_scheme": str(local.pk), "role": "pilote"}] * 2
    response = client.post(url, links_data(participations=same_role))
    assert response.status_code == 400
    assert "Corrigez les données en double" in response.content.decode()
    assert not Relation.objects.exists() and not Participation.objects.exists()


def test_the_form_saves_unchanged_with_a_relation_to_an_archived_fiche(client, moderator):
    actor = ActorFactory()
    archived = ActorFactory(name="Ancienne CAF", slug="ancienne-caf", status="archived")
    other = ActorFactory(name="Mairie", slug="mairie")
    kept = Relation.objects.create(source=actor, target=archived, kind="finance")
    moved = Relation.objects.create(source=actor, target=other, kind="partenariat")
    client.force_login(moderator)
    url = reverse("actors:actor_links", kwargs={"slug": actor.slug})
    page = client.get(url).content.decode()
    assert 'value="Ancienne CAF (ancienne-caf)"' in page
    rows = [
        {"id": str(kept.pk), "kind": "finance", "target": "Ancienne CAF (ancienne-caf)"},
        {"id": str(moved.pk), "kind": "partenariat", "target": "Mairie (mairie)", "note": "2024"},
    ]
    data = links_data(relations=rows) | {"relations-INITIAL_FORMS": "2"}
    response = client.post(url, data)
    assert response.status_code == 302
    assert Relation.objects.get(pk=kept.pk).target == archived
    assert Relation.objects.get(pk=moved.pk).note == "2024"
    # The archived fiche is still refused anywhere else: another row, a new row.
    rows[1]["target"] = "ancienne-caf"
    response = client.post(url, links_data(relations=rows) | {"relations-INITIAL_FORMS": "2"})
    assert response.status_code == 400 and "Acteur inconnu" in response.content.decode()
    new_row = {"kind": "partenariat", "target": "Ancienne CAF (ancienne-caf)"}
    response = client.post(url, links_data(relations=[new_row]))
    assert response.status_code == 400 and "Acteur inconnu" in response.content.decode()
    assert Relation.objects.get(pk=moved.pk).target == other


def test_a_forged_number_of_rows_builds_a_bounded_number_of_forms(client, moderator):
    actor = ActorFactory()
    client.force_login(moderator)
    data = links_data() | {"relations-TOTAL_FORMS": "9" * 20, "participations-TOTAL_FORMS": "5000"}
    response = client.post(reverse("actors:actor_links", kwargs={"slug": actor.slug}), data)
    assert response.status_code == 400
    assert "au plus 100 formulaires" in response.content.decode()
    assert len(response.context["relations"].forms) <= 110
    assert len(response.context["participations"].forms) <= 110


def test_local_schemes_follow_french_alphabetical_order_on_the_scheme_page(client):
    scheme = SchemeFactory()
    for name in ["Vivre ensemble 2024-2028", "École et familles 2023-2027", "accueil du Diois"]:
        LocalSchemeFactory(scheme=scheme, name=name)
    response = client.get(reverse("actors:scheme_detail", kwargs={"slug": scheme.slug}))
    page = response.content.decode()
    in_order = ["accueil du Diois", "École et familles 2023-2027", "Vivre ensemble 2024-2028"]
    places = [page.index(name) for name in in_order]
    assert places == sorted(places)
    renamed = LocalScheme.objects.get(name="accueil du Diois")
    renamed.name = "Zone rurale 2025"
    renamed.save()
    assert list(LocalScheme.objects.values_list("name", flat=True)) == [
        "École et familles 2023-2027",
        "Vivre ensemble 2024-2028",
        "Zone rurale 2025",
    ]
