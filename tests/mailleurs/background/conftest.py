import pytest

from tests.mailleurs.background.jobs import TEST_KIND, run_jobs_in_this_process


@pytest.fixture(autouse=True)
def _jobs_in_this_process(settings, tmp_path):
    run_jobs_in_this_process(settings, tmp_path)


@pytest.fixture
def test_kind(monkeypatch):
    """Registers the test's work under TEST_KIND: `test_kind(function)`."""
    from mailleurs.background import kinds

    def register(work):
        monkeypatch.setitem(kinds.KINDS, TEST_KIND, f"{work.__module__}.{work.__qualname__}")

    return register
