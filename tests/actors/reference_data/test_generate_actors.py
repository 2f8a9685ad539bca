"""generate_actors: synthetic, reproducible actors for scale work."""

import random
import re
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db.models import Count, F

from actors.directory.facet_keys import facet_keys_of
from actors.models import (
    Actor,
    ActorType,
    Competence,
    Contact,
    LocalScheme,
    Participation,
    Profession,
    Relation,
    Scheme,
    Sphere,
    Territory,
    Theme,
)
from actors.reference_data.synthetic.actor_drafts import JITTER_DEGREES, build_actor
from actors.reference_data.synthetic.reference import (
    CommuneRef,
    Reference,
    SchemeRef,
    Term,
    TypeRef,
)
from actors.reference_data.synthetic.words import de
from mailleurs.text import normalize


def make_vocabularies():
    spheres = {
        slug: Sphere.objects.create(name=name, slug=slug, position=i)
        for i, (slug, name) in enumerate(
            [
                ("action-sociale", "Action sociale"),
                ("developpement-local", "Développement local"),
                ("institution-financeur", "Institution / financeur"),
                ("tetes-de-reseau", "Têtes de réseau"),
            ]
        )
    }
    for slug, name, sphere in [
        ("centre-social", "Centre social", "action-sociale"),
        ("association", "Association", "developpement-local"),
        ("collectif-habitants", "Collectif d’habitants", "developpement-local"),
        ("tiers-lieu", "Tiers-lieu", "developpement-local"),
        ("communaute-de-communes", "Communauté de communes", "institution-financeur"),
        ("federation", "Fédération", "tetes-de-reseau"),
    ]:
        ActorType.objects.create(name=name, slug=slug, sphere=spheres[sphere])
    for name in ["Alimentation", "Mobilité", "Jeunesse", "Accès aux droits", "Habitat"]:
        Theme.objects.create(name=name, slug=normalize(name).replace(" ", "-"))
    for name in ["Animation de réseau", "Ingénierie de projet", "Médiation"]:
        Competence.objects.create(name=name, slug=normalize(name).replace(" ", "-"))
    for name in ["Agent de développement local", "Conseillère en ESF"]:
        Profession.objects.create(
            name=name, slug=normalize(name).replace(" ", "-"), sphere=spheres["action-sociale"]
        )
    Scheme.objects.create(
        name="Convention territoriale globale",
        acronym="CTG",
        slug="ctg",
        family=Scheme.Family.SOCIAL,
        description="Contrat entre la CAF et une collectivité.",
        national_carrier="CNAF",
    )


def make_territories():
    region = Territory.objects.create(
        kind=Territory.Kind.REGION, code="84", key="R84", name="Auvergne-Rhône-Alpes", slug="ara"
    )
    departement = Territory.objects.create(
        kind=Territory.Kind.DEPARTEMENT,
        code="26",
        key="26",
        name="Drôme",
        slug="drome",
        region=region,
    )
    epci = Territory.objects.create(
        kind=Territory.Kind.EPCI,
        code="242600252",
        key="242600252",
        name="CC du Diois",
        slug="cc-du-diois",
        region=region,
        departement=departement,
    )
    for code, name, population, lat, lon in [
        ("26113", "Die", 4400, 44.753, 5.370),
        ("26108", "Crest", 8500, 44.728, 5.022),
        ("26220", "Le Poët-Laval", 950, 44.530, 5.020),
    ]:
        Territory.objects.create(
            kind=Territory.Kind.COMMUNE,
            code=code,
            key=code,
            name=name,
            slug=normalize(name).replace(" ", "-"),
            region=region,
            departement=departement,
            epci=epci,
            population=population,
            postcodes=f"{code[:2]}150 {code[:2]}400",
            latitude=lat,
            longitude=lon,
        )


@pytest.fixture
def reference_data():
    make_vocabularies()
    make_territories()


def generate(count=50, seed=7):
    out = StringIO()
    call_command("generate_actors", count=count, seed=seed, stdout=out)
    return out.getvalue()


def snapshot(seed):
    return list(
        Actor.objects.filter(slug__startswith=f"synth-{seed}-")
        .order_by("slug")
        .values_list("slug", "name", "commune__key", "latitude", "longitude")
    )


def delete_generated():
    LocalScheme.objects.filter(slug__startswith="synth-").delete()
    Actor.objects.filter(slug__startswith="synth-").delete()


@pytest.mark.django_db
def test_creates_the_requested_number_of_located_typed_actors(reference_data):
    output = generate(count=50)

    actors = Actor.objects.annotate(
        n_spheres=Count("spheres", distinct=True), n_themes=Count("themes", distinct=True)
    )
    assert actors.count() == 50
    for actor in actors:
        assert actor.commune.kind == Territory.Kind.COMMUNE
        assert actor.latitude is not None and actor.longitude is not None
        assert abs(actor.latitude - actor.commune.latitude) <= JITTER_DEGREES + 1e-9
        assert actor.n_spheres >= 1
        assert actor.actor_type_id is not None
        assert 2 <= actor.n_themes <= 4
        assert actor.is_fictional and actor.status == "published" and actor.version == 1
        assert actor.siret == ""
        assert actor.search_text == actor.build_search_text()
        assert re.fullmatch(r"synth-7-\d+", actor.slug)
        assert actor.intervention_territories.filter(pk=actor.commune_id).exists()
    assert "Acteurs créés : 50" in output
    assert "Terminé en" in output


@pytest.mark.django_db
def test_collectivity_types_are_marked_synthetic(reference_data):
    generate(count=50)

    public = Actor.objects.filter(actor_type__slug="communaute-de-communes")
    assert public.exists()
    assert all(name.endswith("(synthétique)") for name in public.values_list("name", flat=True))


@pytest.mark.django_db
def test_relations_contacts_and_participations_are_fictional_and_consistent(reference_data):
    generate(count=50)

    assert Relation.objects.count() > 0
    assert not Relation.objects.filter(source=F("target")).exists()
    for contact in Contact.objects.all():
        assert contact.email.endswith("@example.org")
        assert contact.phone == "" or contact.phone.startswith("04 65 71 ")
        assert contact.visibility in {"public", "members"}
    local_schemes = LocalScheme.objects.filter(slug__startswith="synth-7-ls-")
    assert local_schemes.count() == 1
    local_scheme = local_schemes.get()
    assert local_scheme.is_fictional
    assert local_scheme.territories.get().kind in {"epci", "departement"}
    assert 3 <= Participation.objects.filter(local_scheme=local_scheme).count() <= 12


@pytest.mark.django_db
def test_same_seed_gives_the_same_actors(reference_data):
    generate(count=50, seed=3)
    first = snapshot(3)
    delete_generated()
    assert not Actor.objects.exists()

    generate(count=50, seed=3)

    assert snapshot(3) == first


@pytest.mark.django_db
def test_second_run_with_the_same_seed_adds_nothing(reference_data):
    generate(count=50)
    counts = [m.objects.count() for m in (Actor, Relation, Contact, LocalScheme, Participation)]

    output = generate(count=50)

    assert [m.objects.count() for m in (Actor, Relation, Contact, LocalScheme, Participation)] == (
        counts
    )
    assert "Acteurs créés : 0" in output
    assert "Acteurs déjà présents (ignorés) : 50" in output


@pytest.mark.django_db
def test_a_larger_count_adds_only_the_missing_actors(reference_data):
    generate(count=20, seed=5)
    first = snapshot(5)

    generate(count=30, seed=5)

    assert Actor.objects.count() == 30
    assert [row for row in snapshot(5) if row[0] in {r[0] for r in first}] == first


@pytest.mark.django_db
def test_different_seeds_differ(reference_data):
    generate(count=50, seed=1)
    generate(count=50, seed=2)

    names_1 = [row[1:] for row in snapshot(1)]
    names_2 = [row[1:] for row in snapshot(2)]
    assert Actor.objects.count() == 100
    assert names_1 != names_2


@pytest.mark.parametrize("count", [0, -3, 1_000_001])
@pytest.mark.django_db
def test_count_out_of_range_is_refused_in_french(reference_data, count):
    with pytest.raises(CommandError, match="doit être compris entre 1 et"):
        generate(count=count)
    assert not Actor.objects.exists()


@pytest.mark.parametrize(
    ("load_only", "said_missing"),
    [
        pytest.param(
            make_vocabularies, ["Données de référence manquantes", "communes"], id="no-communes"
        ),
        pytest.param(make_territories, ["sphères", "types d’acteurs"], id="no-vocabularies"),
    ],
)
@pytest.mark.django_db
def test_missing_reference_data_asks_to_load_it(load_only, said_missing):
    load_only()

    with pytest.raises(CommandError, match="load_reference_data") as error:
        generate()
    for words in said_missing:
        assert words in str(error.value)


def test_builders_are_pure_and_seeded():
    ref = Reference(
        spheres=[Term(1, "Action sociale")],
        actor_types=[TypeRef(1, "Tiers-lieu", 1, "tiers_lieu", False)],
        themes=[Term(i, f"Thème {i}") for i in range(1, 6)],
        competences=[Term(1, "Médiation")],
        professions=[Term(1, "Animatrice")],
        schemes=[SchemeRef(1, "CTG")],
        communes=[CommuneRef(1, "Annonay", 45.24, 4.67, "07100", None, None)],
        commune_cum_weights=[1.0],
        territory_names={},
    )

    def draw(seed):
        actor = build_actor(random.Random(seed), ref, seed=seed, index=1).actor
        return actor.name, actor.pitch, actor.latitude, actor.slug

    assert draw(9) == draw(9)
    assert draw(9)[0].startswith("Tiers-lieu ")
    assert de("Le Teil") == "du Teil"
    assert de("Annonay") == "d'Annonay"


@pytest.mark.django_db
def test_generated_fiches_are_filed_under_their_facets_as_saved_ones_are(reference_data):
    generate(count=50)

    stored = dict(Actor.objects.values_list("pk", "facet_keys"))
    expected = facet_keys_of(list(stored))
    assert stored == {pk: expected.get(pk, []) for pk in stored}
    with_scheme = Participation.objects.values_list("actor_id", flat=True).first()
    assert any(key.startswith("dispositif:") for key in stored[with_scheme])
    assert all(any(key.startswith("type:") for key in keys) for keys in stored.values())
