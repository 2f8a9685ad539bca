"""Script, event-handler and javascript: payloads typed in any free-text field come out inert
on every page that shows that text."""

import re

import pytest
from django.urls import reverse

from actors.models import ActorProposal
from tests.actors.factories import (
    ActorFactory,
    CommuneFactory,
    ContactFactory,
    DepartementFactory,
    EpciFactory,
    LocalSchemeFactory,
    ParticipationFactory,
    RelationFactory,
    SchemeFactory,
    SphereFactory,
    ThemeFactory,
)

pytestmark = pytest.mark.django_db

PAYLOAD = (
    '"><script>alert("x")</script><img src=x onerror=alert(1)>'
    '<a href="javascript:alert(2)">lien</a>[clic](javascript:alert(3))'
)
DANGEROUS = [
    re.compile(r"<script>alert", re.I),
    re.compile(r"<img[^>]*onerror", re.I),
    re.compile(r"""href=["']?\s*javascript:""", re.I),
    re.compile(r"<a href=\"javascript", re.I),
]


def assert_inert(content: str, where: str) -> None:
    for pattern in DANGEROUS:
        assert not pattern.search(content), f"{pattern.pattern} found in {where}"


@pytest.fixture
def poisoned(db):
    drome = DepartementFactory()
    epci = EpciFactory(departement=drome)
    die = CommuneFactory(name="Die", code="26113", key="26113", epci=epci, departement=drome)
    theme = ThemeFactory(name=f"Thème {PAYLOAD}"[:120], slug="theme-poison")
    sphere = SphereFactory(name=f"Sphère {PAYLOAD}"[:120], slug="action-sociale")
    actor = ActorFactory(
        name=f"Structure {PAYLOAD}"[:200],
        acronym='<b onmouseover="alert(4)">',
        pitch=PAYLOAD[:300],
        description=PAYLOAD,
        missions=PAYLOAD,
        address=PAYLOAD[:250],
        commune=die,
        spheres=[sphere],
        themes=[theme],
    )
    partner = ActorFactory(name="Partenaire", commune=die, spheres=[sphere], themes=[theme])
    ContactFactory(actor=actor, name=PAYLOAD[:150], role=PAYLOAD[:150])
    RelationFactory(source=actor, target=partner, note=PAYLOAD[:300])
    scheme = SchemeFactory(description=PAYLOAD, national_carrier=PAYLOAD[:250])
    local = LocalSchemeFactory(
        scheme=scheme, name=f"CTG {PAYLOAD}"[:250], description=PAYLOAD, territories=[epci]
    )
    ParticipationFactory(actor=actor, local_scheme=local, note=PAYLOAD[:250])
    ParticipationFactory(actor=partner, local_scheme=local)
    return {"actor": actor, "scheme": scheme, "local": local, "epci": epci}


def test_payloads_are_inert_on_every_page(client, poisoned, moderator):
    actor, scheme, local = poisoned["actor"], poisoned["scheme"], poisoned["local"]
    client.force_login(moderator)
    proposal = ActorProposal.objects.create(
        actor=actor, data={"name": [PAYLOAD[:200]], "pitch": [PAYLOAD]}, base_version=1
    )
    pages = [
        actor.get_absolute_url(),
        reverse("actors:actor_list"),
        reverse("actors:actor_list") + "?q=structure",
        reverse("search") + "?q=structure",
        reverse("home"),
        scheme.get_absolute_url(),
        local.get_absolute_url(),
        poisoned["epci"].get_absolute_url(),
        reverse("actors:maillage") + f"?territoire={poisoned['epci'].key}",
        reverse("actors:map"),
        reverse("actors:actor_history", kwargs={"slug": actor.slug}),
        reverse("actors:actor_edit", kwargs={"slug": actor.slug}),
        reverse("actors:actor_links", kwargs={"slug": actor.slug}),
        reverse("actors:moderation"),
        reverse("actors:proposal", kwargs={"pk": proposal.pk}),
        reverse("actors:vocabularies"),
    ]
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
        assert_inert(response.content.decode(), url)


def test_map_data_is_json_not_html(client, poisoned):
    response = client.get(reverse("actors:actors_geojson"), {"bbox": "4,44,6,46", "zoom": "12"})
    assert response["Content-Type"].startswith("application/json")
    names = [f["properties"]["name"] for f in response.json()["features"]]
    assert poisoned["actor"].name in names  # kept as text; the map script inserts it as text
