import pytest
from django.contrib import admin
from django.urls import reverse

import mailleurs.admin_site  # noqa: F401  the admin registers its models on import
from experiences.models import Experience, ExperienceActor, ExperienceLink
from experiences.models import Testimony as SheetTestimony
from mailleurs.grid.reference_data import load_grid_version
from tests.actors.factories import (
    ActorFactory,
    CommuneFactory,
    LocalSchemeFactory,
    ParticipationFactory,
    RelationFactory,
    SphereFactory,
)
from tests.grid.helpers import grid_v1_data

pytestmark = pytest.mark.django_db

ACTOR_MODELS = [model for model in admin.site._registry if model._meta.app_label == "actors"]


def test_every_actors_model_is_in_the_admin():
    names = {model._meta.model_name for model in ACTOR_MODELS}
    assert names == {
        "territory", "sphere", "actortype", "theme", "competence", "profession", "actor",
        "contact", "scheme", "localscheme", "participation", "relation", "actorproposal",
        "structuremembership", "actorredirect", "searchterm", "importrecord", "importmapping",
    }  # fmt: skip


@pytest.mark.parametrize("model", ACTOR_MODELS, ids=lambda m: m._meta.model_name)
def test_admin_list_search_and_add_pages_open(admin_client, model):
    ParticipationFactory(local_scheme=LocalSchemeFactory())
    RelationFactory()
    info = (model._meta.app_label, model._meta.model_name)
    changelist = reverse("admin:{}_{}_changelist".format(*info))
    assert admin_client.get(changelist).status_code == 200
    assert admin_client.get(changelist, {"q": "Die"}).status_code == 200
    # Import records are made on /import/ only: their admin is read-only.
    add_status = 403 if model._meta.model_name == "importrecord" else 200
    assert admin_client.get(reverse("admin:{}_{}_add".format(*info))).status_code == add_status
    instance = model.objects.first()
    if instance is not None:
        change = reverse("admin:{}_{}_change".format(*info), args=[instance.pk])
        assert admin_client.get(change).status_code == 200


def test_autocomplete_of_communes_answers(admin_client):
    ParticipationFactory()
    response = admin_client.get(
        reverse("admin:autocomplete"),
        {"app_label": "actors", "model_name": "actor", "field_name": "commune", "term": "Com"},
    )
    assert response.status_code == 200
    assert response.json()["results"]


@pytest.fixture
def sheet(db):
    load_grid_version(grid_v1_data())
    sheet = Experience.objects.create(
        title="Aller vers les familles",
        slug="aller-vers-les-familles",
        summary="Exemple illustratif.",
        territory=CommuneFactory(name="Die", code="26113", key="26113"),
        cooperation_mode="action-commune",
        is_illustrative=True,
    )
    ExperienceActor.objects.create(
        experience=sheet,
        actor=ActorFactory(name="Centre social du Diois"),
        role="porteur",
        phases=["emergence", "conception"],
    )
    SheetTestimony.objects.create(
        experience=sheet, quote="On y est allés ensemble.", speaker_role="animatrice famille",
        sphere=SphereFactory(name="Action sociale", slug="action-sociale"),
    )  # fmt: skip
    ExperienceLink.objects.create(experience=sheet, url="https://www.caf.fr/", title="CAF")
    return sheet


def test_experience_sheets_open_in_the_admin_with_what_belongs_to_them(admin_client, sheet):
    changelist = reverse("admin:experiences_experience_changelist")
    assert admin_client.get(changelist, {"q": "familles"}).context["cl"].result_count == 1
    filters = {
        "is_illustrative__exact": "1",
        "status__exact": "draft",
        "cooperation_mode": "reseau",
    }
    assert admin_client.get(changelist, filters).context["cl"].result_count == 0
    filters["cooperation_mode"] = "action-commune"
    assert admin_client.get(changelist, filters).context["cl"].result_count == 1
    assert admin_client.get(reverse("admin:experiences_experience_add")).status_code == 200
    page = admin_client.get(reverse("admin:experiences_experience_change", args=[sheet.pk]))
    content = page.content.decode()
    assert "Centre social du Diois" in content and "animatrice famille" in content
    assert "1.2 Pertinence du réseau" in content  # grid functions named by their code
    history = reverse("admin:experiences_experience_history", args=[sheet.pk])
    assert admin_client.get(history).status_code == 200


def _posted(response) -> dict:
    """The change form as the browser would send it back, unchanged."""
    forms, data = [response.context["adminform"].form], {}
    for inline in response.context["inline_admin_formsets"]:
        management = inline.formset.management_form
        data.update({management.add_prefix(k): v for k, v in management.initial.items()})
        forms.extend(inline.formset.forms)
    for form in forms:
        for name in form.fields:
            value = form[name].value()
            if value is None or value is False:
                continue
            data[form.add_prefix(name)] = "on" if value is True else value
    return data


def test_the_admin_saves_phases_in_the_order_of_an_action(admin_client, sheet):
    url = reverse("admin:experiences_experience_change", args=[sheet.pk])
    data = _posted(admin_client.get(url))
    data["involvements-0-phases"] = ["evaluation", "emergence"]
    response = admin_client.post(url, data)
    assert response.status_code == 302
    assert sheet.involvements.get().phases == ["emergence", "evaluation"]
    sheet.refresh_from_db()
    assert sheet.version == 2
