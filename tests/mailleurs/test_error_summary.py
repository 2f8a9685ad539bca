"""A refused form opens on a summary of its errors (« Le formulaire contient N erreurs »), each
linked to its input; inputs are described only by help texts and errors the page holds; groups
of checkboxes are fieldsets named by their legend. The same on every kind of form: the fiche,
the glossary term and the experience sheet."""

import pytest
from django.urls import reverse

from tests.actors.factories import CommuneFactory, ThemeFactory
from tests.actors.fiche_data import form_data
from tests.experiences.sheet_data import sheet_post
from tests.mailleurs.form_markup import read_form

pytestmark = pytest.mark.django_db


def _assert_accessible_errors(response, *, errors: int):
    assert response.status_code == 400
    page = read_form(response)
    content = response.content.decode()
    wording = "erreur" if errors == 1 else "erreurs"
    assert f"Le formulaire contient {errors} {wording}" in content
    assert 'id="erreurs" tabindex="-1" autofocus' in content  # the focus opens there
    assert len(page.summary_links) == errors
    assert set(page.summary_targets) <= page.ids, "a summary link leads nowhere"
    assert set(page.described_by) <= page.ids, "aria-describedby names a missing id"
    assert page.empty_label_for == 0
    assert page.checkboxes_outside_fieldset == []  # each group of boxes is a fieldset
    return page


def test_the_fiche_form_sums_up_its_errors_with_links_to_each_field(client, member, world):
    ThemeFactory(name="Mobilité")
    client.force_login(member)
    data = form_data(world, name="", spheres=[], siret="123", commune="Nulle-Part")
    response = client.post(reverse("actors:actor_create"), data)
    page = _assert_accessible_errors(response, errors=4)
    assert page.summary_targets == ["id_name", "id_spheres_0", "id_commune", "id_siret"]
    assert {"id_siret_helptext", "id_siret_error"} <= set(page.described_by)
    assert "Nulle-Part" in response.content.decode()  # what was typed is kept


def test_a_contact_error_links_to_the_contact_field(client, member, world):
    client.force_login(member)
    contact = {
        "contacts-TOTAL_FORMS": "1",
        "contacts-0-name": "Awa",
        "contacts-0-email": "pas-une-adresse",
        "contacts-0-visibility": "public",
    }
    response = client.post(reverse("actors:actor_create"), form_data(world, **contact))
    page = _assert_accessible_errors(response, errors=1)
    assert page.summary_targets == ["id_contacts-0-email"]
    assert "Contact n° 1 — " in response.content.decode()


def test_the_glossary_term_form_sums_up_its_errors(client, member):
    client.force_login(member)
    response = client.post(reverse("glossary:propose"), {"word": "", "definition": ""})
    page = _assert_accessible_errors(response, errors=len(read_form(response).summary_links))
    assert "id_word" in page.summary_targets


def test_the_experience_form_sums_up_its_errors(client, member):
    die = CommuneFactory(name="Die", code="26113", key="26113")
    client.force_login(member)
    data = sheet_post(die, title="", territory="Nulle-Part")
    response = client.post(reverse("experiences:create"), data)
    page = _assert_accessible_errors(response, errors=2)
    assert page.summary_targets == ["id_title", "id_territory"]


def test_a_form_without_errors_has_no_summary(client, member, world):
    client.force_login(member)
    response = client.get(reverse("actors:actor_create"))
    page = read_form(response)
    assert 'id="erreurs"' not in response.content.decode()
    assert set(page.described_by) <= page.ids
    assert page.empty_label_for == 0
    assert page.checkboxes_outside_fieldset == []
