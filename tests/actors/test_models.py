from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from actors.models import Actor, Participation, Relation, Territory
from actors.validators import normalize_phone, validate_phone, validate_siren, validate_siret
from tests.actors.factories import (
    ActorFactory,
    CommuneFactory,
    LocalSchemeFactory,
    ParticipationFactory,
    RelationFactory,
)

pytestmark = pytest.mark.django_db


def test_territory_key_is_unique():
    CommuneFactory(code="26113", key="26113", name="Die")
    with pytest.raises(IntegrityError), transaction.atomic():
        Territory.objects.create(kind="epci", code="200000001", key="26113", name="X", slug="x")


def test_official_code_is_unique_per_kind():
    CommuneFactory(code="26113", key="26113")
    with pytest.raises(IntegrityError), transaction.atomic():
        Territory.objects.create(kind="commune", code="26113", key="autre", name="X", slug="x")


def test_official_territory_needs_a_code_and_custom_perimeter_has_none():
    with pytest.raises(IntegrityError), transaction.atomic():
        Territory.objects.create(kind="commune", code="", key="sans-code", name="X", slug="x")
    with pytest.raises(IntegrityError), transaction.atomic():
        Territory.objects.create(kind="gal", code="12", key="gal-x", name="GAL X", slug="gal-x")
    perimeter = Territory.objects.create(kind="gal", key="gal-diois", name="GAL", slug="gal")
    assert not perimeter.is_official


@pytest.mark.parametrize(("latitude", "longitude"), [(91, 5), (-91, 5), (44, 181), (44, -181)])
def test_actor_coordinates_out_of_range_are_refused_by_the_database(latitude, longitude):
    actor = ActorFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Actor.objects.filter(pk=actor.pk).update(latitude=latitude, longitude=longitude)


def test_actor_latitude_without_longitude_is_refused():
    actor = ActorFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Actor.objects.filter(pk=actor.pk).update(latitude=44.0, longitude=None)


def test_actor_without_point_takes_the_commune_point_and_is_flagged_approximate():
    commune = CommuneFactory(latitude=44.7537, longitude=5.3701)
    actor = ActorFactory(commune=commune)
    assert (actor.latitude, actor.longitude) == (44.7537, 5.3701)
    assert actor.has_approximate_location


def test_actor_search_text_holds_words_without_accents_case_or_hyphens():
    actor = ActorFactory(name="École du Vivre-Ensemble", pitch="Mobilité SOLIDAIRE")
    assert " ecole du vivre ensemble " in actor.search_text
    assert " mobilite solidaire " in actor.search_text


def test_siret_must_be_unique_when_given():
    ActorFactory(siret="73282932000074")
    ActorFactory(siret="")
    ActorFactory(siret="")
    with pytest.raises(IntegrityError), transaction.atomic():
        ActorFactory(siret="73282932000074")


def test_one_participation_per_actor_and_role():
    participation = ParticipationFactory(role=Participation.Role.PILOTE)
    ParticipationFactory(
        local_scheme=participation.local_scheme,
        actor=participation.actor,
        role=Participation.Role.FINANCEUR,
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        ParticipationFactory(
            local_scheme=participation.local_scheme,
            actor=participation.actor,
            role=Participation.Role.PILOTE,
        )


def test_relation_to_itself_is_refused():
    actor = ActorFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Relation.objects.create(source=actor, target=actor, kind=Relation.Kind.PARTENARIAT)


def test_same_relation_twice_is_refused():
    relation = RelationFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        RelationFactory(source=relation.source, target=relation.target, kind=relation.kind)


def test_local_scheme_period_must_be_ordered():
    with pytest.raises(IntegrityError), transaction.atomic():
        LocalSchemeFactory(start_date=date(2027, 1, 1), end_date=date(2023, 1, 1))


@pytest.mark.parametrize("siret", ["73282932000074", "732 829 320 00074", "35600000049837"])
def test_valid_siret_passes(siret):
    validate_siret(siret)


@pytest.mark.parametrize(
    ("siret", "message"),
    [
        ("73282932000075", "clé de contrôle"),
        ("1234", "14 chiffres"),
        ("7328293200007A", "14 chiffres"),
    ],
)
def test_invalid_siret_gets_a_french_message(siret, message):
    with pytest.raises(ValidationError) as error:
        validate_siret(siret)
    assert message in error.value.messages[0]


def test_siren_checksum():
    validate_siren("200040442")
    with pytest.raises(ValidationError, match="clé de contrôle"):
        validate_siren("200040443")


@pytest.mark.parametrize("phone", ["04 75 22 11 00", "+33 4 75 22 11 00", "0475221100"])
def test_valid_phones(phone):
    validate_phone(phone)
    assert normalize_phone(phone) == "04 75 22 11 00"


@pytest.mark.parametrize("phone", ["04 75", "appelez-nous", "04 75 22 11 00 99"])
def test_invalid_phones_get_a_french_message(phone):
    with pytest.raises(ValidationError, match="[Nn]uméro"):
        validate_phone(phone)


def test_full_clean_reports_bad_email_url_and_siret_in_french():
    actor = ActorFactory.build(
        commune=CommuneFactory(),
        actor_type=ActorFactory().actor_type,
        email="pas-un-courriel",
        website="pas une url",
        siret="12345678901234",
    )
    with pytest.raises(ValidationError) as error:
        actor.full_clean()
    errors = error.value.message_dict
    assert "Saisissez une adresse de courriel valide." in errors["email"]
    assert "Saisissez une URL valide." in errors["website"]
    assert "clé de contrôle" in errors["siret"][0]
