import json
from pathlib import Path

import pytest
from django.conf import settings

from actors.reference_data.loader import load_schemes, load_vocabularies, read_json
from glossary.services import load_glossary

FIXTURES = Path(settings.BASE_DIR) / "fixtures"


def glossary_data() -> dict:
    return json.loads((FIXTURES / "glossary" / "terms.json").read_text(encoding="utf-8"))


@pytest.fixture
def reference(db):
    """The spheres and schemes of fixtures/, as `make setup-demo` loads them."""
    load_vocabularies(read_json(FIXTURES / "vocabularies.json"))
    load_schemes(read_json(FIXTURES / "schemes.json"))


@pytest.fixture
def glossary(reference):
    """The reference glossary of fixtures/glossary/terms.json, loaded."""
    return load_glossary(glossary_data())
