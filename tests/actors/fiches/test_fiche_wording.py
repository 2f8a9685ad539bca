"""A fiche reads as French sentences: relations from either side, the status after a colon in
lower case, and the site's inclusive writing."""

import json
import re
from pathlib import Path

import pytest
from django.conf import settings

from actors.models import Relation
from tests.actors.factories import (
    ActorFactory,
    CommuneFactory,
    DepartementFactory,
    EpciFactory,
    RelationFactory,
)
from tests.pages import assert_page_shows

pytestmark = pytest.mark.django_db


def _text(content: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", content).split())


@pytest.mark.parametrize(
    ("kind", "sentence"),
    [
        (Relation.Kind.PARTENARIAT, "Mission locale est partenaire de cette structure"),
        (Relation.Kind.MEMBRE_DE, "Mission locale est membre de cette structure"),
        (Relation.Kind.FINANCE, "Mission locale finance cette structure"),
        (Relation.Kind.ACCOMPAGNE, "Mission locale accompagne cette structure"),
        (Relation.Kind.CO_ANIME, "Mission locale co-anime des actions avec cette structure"),
        (Relation.Kind.ORIENTE, "Mission locale oriente des publics vers cette structure"),
    ],
)
def test_a_relation_reads_as_a_sentence_on_the_other_fiche(client, kind, sentence):
    source = ActorFactory(name="Mission locale")
    target = ActorFactory(name="Centre social")
    RelationFactory(source=source, target=target, kind=kind)
    assert sentence in _text(client.get(target.get_absolute_url()).content.decode())


def test_a_partnership_reads_as_a_sentence_on_its_own_fiche_too(client):
    source = ActorFactory(name="Mission locale")
    RelationFactory(source=source, target=ActorFactory(name="Centre social"))
    text = _text(client.get(source.get_absolute_url()).content.decode())
    assert "Partenaire de Centre social" in text
    assert "Partenariat Centre social" not in text


def test_the_status_of_an_unpublished_fiche_is_in_lower_case_after_the_colon(client, moderator):
    client.force_login(moderator)
    actor = ActorFactory(status="review")
    assert_page_shows(client.get(actor.get_absolute_url()), "Fiche non publiée : en relecture.")


def test_visitors_read_inclusive_writing_on_a_fiche(client):
    text = _text(client.get(ActorFactory().get_absolute_url()).content.decode())
    assert "Les membres connecté·e·s voient aussi" in text


# Masculine-only forms once written in the templates, and how the site writes them now.
MASCULINE_ONLY = [
    "n’êtes rattaché à",
    "n'êtes rattaché",
    "encore rattaché à",
    "membres connectés voient",
    "relue par un modérateur",
    "lue par les modérateurs",
    "membres rattachés à",
]


def test_no_template_keeps_a_masculine_only_form():
    found = [
        (path.name, form)
        for path in Path(settings.BASE_DIR, "templates").rglob("*.html")
        for form in MASCULINE_ONLY
        if form in path.read_text()
    ]
    assert found == []


def test_links_list_its_own_relations_by_kind_then_others_by_name_published_only(client):
    fiche = ActorFactory(name="Centre social")
    RelationFactory(source=fiche, target=ActorFactory(name="Mairie"), kind=Relation.Kind.ORIENTE)
    RelationFactory(source=fiche, target=ActorFactory(name="CAF"), kind=Relation.Kind.FINANCE)
    RelationFactory(source=ActorFactory(name="Zèbre"), target=fiche, since=2019)
    RelationFactory(source=ActorFactory(name="Amicale"), target=fiche)
    RelationFactory(source=fiche, target=ActorFactory(name="Brouillon", status="draft"))
    RelationFactory(source=ActorFactory(name="Archive", status="archived"), target=fiche)
    content = client.get(fiche.get_absolute_url()).content.decode()
    links = _text(content.split("Liens avec d’autres acteurs")[1].split("</ul>")[0])
    assert links == (
        "Finance CAF Oriente des publics vers Mairie "
        "Amicale est partenaire de cette structure "
        "Zèbre est partenaire de cette structure (depuis 2019)"
    )
    mairie = Relation.objects.get(target__name="Mairie").target
    assert f'href="{mairie.get_absolute_url()}"' in content


def test_intervention_territories_are_listed_by_name_with_their_kind(client):
    epci, drome = EpciFactory(), DepartementFactory()
    fiche = ActorFactory(commune=CommuneFactory(name="Die"))
    fiche.intervention_territories.add(drome, epci)
    content = client.get(fiche.get_absolute_url()).content.decode()
    listed = _text(content.split("Territoires d’intervention")[1].split("</ul>")[0])
    assert listed == "CC du Diois (EPCI) Drôme (Département)"
    assert f'href="{drome.get_absolute_url()}"' in content
    described = json.loads(content.split('application/ld+json">')[1].split("</script>")[0])
    assert described["areaServed"] == ["CC du Diois", "Drôme"]


def test_a_fiche_without_intervention_territories_names_its_commune(client):
    fiche = ActorFactory(commune=CommuneFactory(name="Die"))
    content = client.get(fiche.get_absolute_url()).content.decode()
    assert _text(content.split("Territoires d’intervention")[1].split("</ul>")[0]) == "Die"
    assert "areaServed" not in content
