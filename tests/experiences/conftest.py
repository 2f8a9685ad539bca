import pytest


@pytest.fixture(autouse=True)
def _media_in_a_temporary_folder(settings, tmp_path):
    # Images and documents made by the factories land here, not in the project's var/.
    settings.MEDIA_ROOT = tmp_path / "media"
