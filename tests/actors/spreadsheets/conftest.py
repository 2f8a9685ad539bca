import pytest

from tests.actors.factories import ActorTypeFactory, CommuneFactory, SphereFactory, ThemeFactory


@pytest.fixture
def vocab(db):
    """The vocabulary and the commune the rows of `helpers.HEADERS` name."""
    social = SphereFactory(name="Action sociale", slug="action-sociale")
    return {
        "sphere": social,
        "type": ActorTypeFactory(name="Centre social", slug="centre-social", sphere=social),
        "theme": ThemeFactory(name="Mobilité", slug="mobilite"),
        "food": ThemeFactory(name="Alimentation", slug="alimentation"),
        "commune": CommuneFactory(key="26113", name="Die"),
    }
