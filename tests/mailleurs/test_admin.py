import pytest
from django.contrib import admin
from django.urls import reverse

import mailleurs.admin_site  # noqa: F401  the admin registers its models on import
from tests.actors.factories import LocalSchemeFactory, ParticipationFactory, RelationFactory

pytestmark = pytest.mark.django_db

ACTOR_MODELS = [model for model in admin.site._registry if model._meta.app_label == "actors"]


def test_every_actors_model_is_in_the_admin():
    names = {model._meta.model_name for model in ACTOR_MODELS}
    assert names == {
        "territory", "sphere", "actortype", "theme", "competence", "profession", "actor",
        "contact", "scheme", "localscheme", "participation", "relation", "actorproposal",
        "structuremembership", "actorredirect", "searchterm", "importrecord",
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
