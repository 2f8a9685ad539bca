"""What the site's forms share (mailleurs/forms.py). One-line text fields (names, acronyms,
notes… of fiches, contacts, schemes, local schemes, vocabularies, links) refuse line breaks and
other control characters with a French message; multi-line fields (descriptions) keep them.
Lists of ids refuse an id too large for the database."""

import pytest
from django.urls import reverse

from actors.fiches.forms import ActorForm
from actors.models import Actor, LocalScheme, Relation, Scheme, Theme
from mailleurs.forms import validate_single_line
from mailleurs.text import one_line
from tests.actors.factories import ActorFactory, ContactFactory, EpciFactory, SchemeFactory
from tests.actors.fiche_data import edit_data, form_data
from tests.actors.links.test_links_and_schemes import links_data

pytestmark = pytest.mark.django_db

MESSAGE = "Ce champ tient sur une ligne"
BAD_TEXTS = ["Centre\nsocial", "Centre\r\nsocial", "Centre\tsocial", "Centre\x0bsocial",
             "Centre\x85social", "Centre\u2028social", "Centre\x1bsocial"]  # fmt: skip


@pytest.mark.parametrize("text", BAD_TEXTS)
def test_the_validator_refuses_control_characters(text):
    with pytest.raises(Exception, match=MESSAGE):
        validate_single_line(text)


def test_the_validator_accepts_ordinary_names():
    validate_single_line("Centre social « Les Trois Rivières » – Die (26)")
    assert one_line(" Centre\r\n social\x00\u2028 du  Diois ") == "Centre social du Diois"


@pytest.mark.parametrize("field", ["name", "acronym", "pitch", "address", "phone"])
def test_the_fiche_form_refuses_a_line_break(client, moderator, world, field):
    actor = ActorFactory(name="Centre social", commune=world["die"], actor_type=world["type"])
    client.force_login(moderator)
    response = client.post(
        reverse("actors:actor_edit", kwargs={"slug": actor.slug}),
        edit_data(world, actor, **{field: "Centre\nsocial"}),
    )
    assert response.status_code == 400
    assert MESSAGE in response.content.decode()
    assert Actor.objects.get(pk=actor.pk).name == "Centre social"


def test_the_fiche_form_keeps_line_breaks_in_the_description(world):
    form = ActorForm(data=edit_data(world, ActorFactory(), description="Un\n\nDeux"))
    assert form.is_valid(), form.errors
    assert form.cleaned_data["description"] == "Un\n\nDeux"


def test_a_contact_name_with_a_line_break_is_refused(client, moderator, world):
    actor = ActorFactory(commune=world["die"], actor_type=world["type"])
    contact = ContactFactory(actor=actor, name="Camille")
    client.force_login(moderator)
    response = client.post(
        reverse("actors:actor_edit", kwargs={"slug": actor.slug}),
        edit_data(world, actor, **{"contacts-0-name": "Camille\nExemple"}),
    )
    assert response.status_code == 400
    assert MESSAGE in response.content.decode()
    contact.refresh_from_db()
    assert contact.name == "Camille"


def test_scheme_and_local_scheme_names_with_a_line_break_are_refused(client, moderator):
    scheme = SchemeFactory()
    client.force_login(moderator)
    response = client.post(
        reverse("actors:scheme_create"),
        {"name": "Contrat\nlocal", "acronym": "CL", "family": "social",
         "description": "Plusieurs\nlignes.", "national_carrier": "", "official_url": ""},
    )  # fmt: skip
    assert response.status_code == 400 and MESSAGE in response.content.decode()
    response = client.post(
        reverse("actors:local_scheme_create"),
        {"scheme": scheme.pk, "name": "CTG\r\ndu Diois", "territories": EpciFactory().key,
         "status": "active"},
    )  # fmt: skip
    assert response.status_code == 400 and MESSAGE in response.content.decode()
    assert Scheme.objects.count() == 1 and not LocalScheme.objects.exists()


def test_a_vocabulary_name_with_a_line_break_is_refused(client, moderator):
    client.force_login(moderator)
    response = client.post(
        reverse("actors:vocabulary_create", kwargs={"name": "themes"}),
        {"name": "Mobilité\nrurale", "description": "Deux\nlignes"},
    )
    assert response.status_code == 400 and MESSAGE in response.content.decode()
    assert not Theme.objects.exists()


def test_a_relation_note_with_a_line_break_is_refused(client, moderator):
    actor = ActorFactory()
    ActorFactory(name="CAF", slug="caf")
    client.force_login(moderator)
    response = client.post(
        reverse("actors:actor_links", kwargs={"slug": actor.slug}),
        links_data(relations=[{"kind": "partenariat", "target": "caf", "note": "a\nb"}]),
    )
    assert response.status_code == 400 and MESSAGE in response.content.decode()
    assert not Relation.objects.exists()


@pytest.mark.parametrize("field", ["spheres", "themes", "competences"])
def test_an_id_too_large_for_the_database_is_refused_not_a_server_error(
    client, moderator, world, field
):
    client.force_login(moderator)
    data = form_data(world, **{field: [str(world["sphere"].pk), "9" * 25]})
    response = client.post(reverse("actors:actor_create"), data)
    assert response.status_code == 400
    assert "n’est pas une valeur correcte" in response.content.decode()
    assert not Actor.objects.exists()
