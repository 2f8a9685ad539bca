import pytest


@pytest.fixture
def sample(sample):
    """The shared sample (tests/actors/conftest.py), the garage working in social action too:
    a search by that sphere then finds actors in two communes, for bounding boxes and clusters."""
    sample["garage"].spheres.add(sample["social"])
    return sample
