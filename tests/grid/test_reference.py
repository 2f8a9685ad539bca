"""Version 1 of the grid as loaded from fixtures/grid/, and the /grille/ reference page."""

import re
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from mailleurs.grid import models as grid_models
from mailleurs.grid.models import Axis, Criterion, GridFunction, GridVersion
from mailleurs.grid.reference_data import load_grid_version
from tests.grid.helpers import GRID_V1, grid_v1_data
from tests.pages import assert_page_shows

pytestmark = pytest.mark.django_db


def test_version_1_has_3_axes_12_functions_32_criteria(grid_v1):
    assert grid_v1.is_published
    assert Axis.objects.filter(version=grid_v1).count() == 3
    assert GridFunction.objects.filter(axis__version=grid_v1).count() == 12
    assert Criterion.objects.filter(version=grid_v1).count() == 32
    per_function = [f.criteria.count() for f in GridFunction.objects.filter(axis__version=grid_v1)]
    assert per_function == [5, 2, 2, 3, 3, 3, 3, 2, 3, 2, 2, 2]


def test_functions_in_the_order_of_the_brochure_not_of_the_extracted_text(grid_v1):
    functions = {f.code: f.title for f in GridFunction.objects.select_related("axis")}
    assert functions["2.2"] == "Observatoire des besoins"
    assert functions["2.4"] == "Projet commun"
    assert functions["3.1"] == "Légitimité / impartialité et interdépendance"
    assert functions["3.4"] == "Codécision"
    first = Criterion.objects.filter(function__axis__number=1, function__number=1)
    assert [c.title for c in first.order_by("number")] == [
        "Des lieux pour permettre",
        "Un fonctionnement qui favorise la contribution",
        "Conserver la mémoire collective",
        "Des invitations à travers lesquelles chacun·e se sent concerné·e",
        "Savoir animer des rencontres",
    ]


def test_every_criterion_has_indicators_and_every_function_testimonies(grid_v1):
    for criterion in Criterion.objects.all():
        assert len(criterion.indicator_list) >= 2, criterion
        assert criterion.help_text, criterion
    for function in GridFunction.objects.all():
        assert function.testimonies.exists(), function


def test_the_fixture_names_no_person_and_gives_no_contact():
    text = GRID_V1.read_text(encoding="utf-8")
    assert "@" not in text
    assert not re.search(r"\d{2}[ .]\d{2}[ .]\d{2}[ .]\d{2}", text)
    for name in ("Bisillon", "Gratacap", "Cécile", "Olivier"):
        assert name not in text


def test_loading_twice_changes_nothing(grid_v1):
    counts = load_grid_version(grid_v1_data())
    assert all(c["created"] == 0 and c["updated"] == 0 for c in counts.values())
    assert Criterion.objects.count() == 32
    assert grid_models.Testimony.objects.count() == sum(
        len(f["testimonies"]) for a in grid_v1_data()["axes"] for f in a["functions"]
    )


def test_a_wording_fix_updates_in_place(grid_v1):
    data = grid_v1_data()
    data["axes"][0]["functions"][0]["criteria"][0]["help"] = "Nouvelle aide."
    load_grid_version(data)
    criterion = Criterion.objects.get(function__axis__number=1, function__number=1, number=1)
    assert criterion.help_text == "Nouvelle aide."
    assert Criterion.objects.count() == 32


def test_the_command_loads_the_grid(db):
    out = StringIO()
    call_command("load_grid", stdout=out)
    assert "grid-v1.json" in out.getvalue()
    assert GridVersion.objects.current().number == 1


def test_the_reference_page_shows_the_whole_grid(client, grid_v1):
    content = assert_page_shows(
        client.get(reverse("grid:reference")),
        "Constituer et/ou animer un réseau d&#x27;acteurs",
        "Fonctionnement interne et externe",
        "Observatoire des besoins",
        "Savoir animer des rencontres",
        "Indicateurs",
        "Technicien·ne de collectivité",
        "Partenaire institutionnel",
        "Élu·e",
        "Je ne sais pas",
        "Imprimer la grille",
    )
    assert content.count('class="criteria"') == 12
    assert 'id="critere-2-2-3"' in content
    assert "@media print" not in content  # print rules live in the stylesheet


def test_the_navigation_leads_to_the_grid(client, grid_v1):
    content = client.get(reverse("home")).content.decode()
    assert f'href="{reverse("grid:reference")}"' in content
    assert ">Grille<" in content


def test_without_a_published_version_the_page_says_so(client, db):
    response = client.get(reverse("grid:reference"))
    assert response.status_code == 404


def test_a_draft_version_is_for_staff_only(client, grid_v1, staff_user, member):
    from mailleurs.grid import services

    draft = services.version_draft_from(version=grid_v1, user=staff_user)
    url = reverse("grid:version", kwargs={"number": draft.number})
    assert client.get(url).status_code == 404
    client.force_login(member)
    assert client.get(url).status_code == 404
    client.force_login(staff_user)
    assert_page_shows(client.get(url), "brouillon")
    # The reference stays on the published version until the draft is published.
    assert client.get(reverse("grid:reference")).context["version"] == grid_v1


def test_bad_version_numbers_are_404(client, grid_v1):
    assert client.get("/grille/version-99/").status_code == 404
    assert client.get("/grille/version-abc/").status_code == 404
