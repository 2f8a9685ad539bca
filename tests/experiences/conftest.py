import pytest
from django.utils import timezone

from mailleurs.grid.models import Axis, GridFunction, GridVersion
from tests.actors.factories import CommuneFactory, DepartementFactory, EpciFactory


@pytest.fixture(autouse=True)
def _media_in_a_temporary_folder(settings, tmp_path):
    # Images and documents made by the factories land here, not in the project's var/.
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def places(db):
    """Die in the CC du Diois in the Drôme (Auvergne-Rhône-Alpes), and Privas in the Ardèche."""
    diois = EpciFactory()
    ardeche = DepartementFactory(code="07", key="07", name="Ardèche", slug="ardeche")
    return {
        "die": CommuneFactory(name="Die", code="26113", key="26113", epci=diois),
        "diois": diois,
        "drome": diois.departement,
        "region": diois.region,
        "privas": CommuneFactory(name="Privas", code="07186", key="07186", departement=ardeche),
        "ardeche": ardeche,
    }


@pytest.fixture
def grid_functions(db):
    """Functions 1.1 and 1.2 of a published version 1 of the grid."""
    version = GridVersion.objects.create(number=1, title="Grille", published_at=timezone.now())
    axis = Axis.objects.create(version=version, number=1, title="Connaître le territoire")
    return [
        GridFunction.objects.create(axis=axis, number=1, title="Repérer les ressources"),
        GridFunction.objects.create(axis=axis, number=2, title="Faire se rencontrer"),
    ]
