import pytest

from tests.mailleurs.background.jobs import TEST_KIND


@pytest.fixture(autouse=True)
def _jobs_in_this_process(settings, tmp_path):
    """The worker runs in the test's process: a local progress cache, files in a temporary
    folder, and a progress published every 3 rows."""
    settings.CACHES = {
        **settings.CACHES,
        settings.TASKS_PROGRESS_CACHE: {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "taches-de-test",
        },
    }
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.TASKS_PROGRESS_EVERY = 3


@pytest.fixture
def test_kind(monkeypatch):
    """Registers the test's work under TEST_KIND: `test_kind(function)`."""
    from mailleurs.background import kinds

    def register(work):
        monkeypatch.setitem(kinds.KINDS, TEST_KIND, f"{work.__module__}.{work.__qualname__}")

    return register
