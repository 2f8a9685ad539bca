import pytest

from tests.actors.factories import (
    ActorFactory,
    ActorTypeFactory,
    CommuneFactory,
    SphereFactory,
    ThemeFactory,
)


@pytest.fixture
def sample(db):
    """Three actors in three communes, for searches: a school in Die (social action), a
    garage in Crest (local development, mobility), a network in Lyon (local development)."""
    die = CommuneFactory(name="Die", code="26113", key="26113", latitude=44.753, longitude=5.370)
    crest = CommuneFactory(
        name="Crest", code="26108", key="26108", latitude=44.728, longitude=5.022
    )
    lyon = CommuneFactory(name="Lyon", code="69123", key="69123", latitude=45.758, longitude=4.835)
    mobility = ThemeFactory(name="Mobilité", slug="mobilite")
    social = SphereFactory(name="Action sociale", slug="action-sociale", color="#d55e00")
    local = SphereFactory(name="Développement local", slug="developpement-local", color="#009e73")
    return {
        "die": die,
        "crest": crest,
        "lyon": lyon,
        "social": social,
        "local": local,
        "ecole": ActorFactory(
            name="École des parents du Diois",
            slug="ecole-des-parents",
            commune=die,
            spheres=[social],
            actor_type=ActorTypeFactory(name="Association", slug="association"),
        ),
        "garage": ActorFactory(
            name="Garage solidaire",
            pitch="Réparer les voitures des familles",
            commune=crest,
            spheres=[local],
            themes=[mobility],
        ),
        "lyon_actor": ActorFactory(name="Réseau régional", commune=lyon, spheres=[local]),
    }
