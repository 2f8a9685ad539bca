"""The roles table of design.md, cell by cell: each action allowed for some roles and denied
(with a redirect to sign-in or a 403, nothing written) for the others, direct POSTs included."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from actors.models import Actor, ActorProposal, Contact, ImportRecord, Theme
from tests.actors.factories import ActorFactory, ContactFactory, SchemeFactory, ThemeFactory
from tests.actors.fiche_data import form_data

pytestmark = pytest.mark.django_db

ROLES = ["visitor", "member", "moderator", "staff"]


@pytest.fixture
def as_role(client, member, moderator, staff_user):
    users = {"member": member, "moderator": moderator, "staff": staff_user}

    def sign_in(role):
        if role != "visitor":
            client.force_login(users[role])
        return client

    return sign_in


def _denied(response) -> bool:
    if response.status_code == 302:
        return reverse("accounts:login") in response["Location"]
    return response.status_code == 403


@pytest.mark.parametrize("role", ROLES)
def test_everyone_reads_published_fiches_schemes_and_the_map(as_role, role):
    actor = ActorFactory()
    scheme = SchemeFactory()
    client = as_role(role)
    assert client.get(actor.get_absolute_url()).status_code == 200
    assert client.get(scheme.get_absolute_url()).status_code == 200
    assert client.get(reverse("actors:map")).status_code == 200
    assert client.get(reverse("actors:actor_list")).status_code == 200


@pytest.mark.parametrize(("role", "sees"), [("visitor", False), ("member", True),
                                             ("moderator", True), ("staff", True)])  # fmt: skip
def test_members_only_contacts(as_role, role, sees):
    actor = ActorFactory()
    ContactFactory(actor=actor, email="reseau@example.org", visibility=Contact.Visibility.MEMBERS)
    content = as_role(role).get(actor.get_absolute_url()).content.decode()
    assert ("reseau@example.org" in content) is sees


@pytest.mark.parametrize(("role", "allowed"), [("visitor", False), ("member", True),
                                                ("moderator", True), ("staff", True)])  # fmt: skip
def test_create_and_edit_fiches(as_role, role, allowed):
    actor = ActorFactory(pitch="Avant")
    client = as_role(role)
    for url in (reverse("actors:actor_create"), reverse("actors:actor_edit", args=[actor.slug])):
        response = client.get(url)
        assert (response.status_code == 200) is allowed
        assert _denied(response) is not allowed
    response = client.post(reverse("actors:actor_edit", args=[actor.slug]), {"pitch": "Après"})
    if not allowed:
        assert _denied(response)
    actor.refresh_from_db()
    assert actor.pitch == "Avant"  # an incomplete POST never writes, allowed or not


@pytest.mark.parametrize(("role", "allowed"), [("visitor", False), ("member", False),
                                                ("moderator", True), ("staff", True)])  # fmt: skip
def test_moderation_publish_reject_merge_revert_archive(as_role, role, allowed):
    review = ActorFactory(status="review")
    published, other = ActorFactory(), ActorFactory()
    proposal = ActorProposal.objects.create(actor=published, data={}, base_version=1)
    record = published.history.first()
    client = as_role(role)
    assert (client.get(reverse("actors:moderation")).status_code == 200) is allowed
    reject = {"decision": "refuser", "commentaire": "non"}
    merge = {"autre": other.slug, "confirmer": "oui"}
    posts = [
        (reverse("actors:actor_publish", args=[review.slug]), {}),
        (reverse("actors:proposal", args=[proposal.pk]), reject),
        (reverse("actors:actor_merge", args=[published.slug]), merge),
        (reverse("actors:actor_restore_version", args=[published.slug, record.history_id]), {}),
        (reverse("actors:actor_archive", args=[other.slug]), {}),
    ]
    for url, data in posts:
        response = client.post(url, data)
        assert _denied(response) is not allowed, url
    review.refresh_from_db()
    proposal.refresh_from_db()
    other.refresh_from_db()
    assert (review.status == "published") is allowed
    assert (proposal.status == "rejected") is allowed
    assert (other.status == "archived") is allowed


@pytest.mark.parametrize(("role", "allowed"), [("visitor", False), ("member", False),
                                                ("moderator", True), ("staff", True)])  # fmt: skip
def test_edit_vocabularies(as_role, role, allowed):
    theme = ThemeFactory(name="Mobilité")
    client = as_role(role)
    url = reverse("actors:vocabulary_edit", kwargs={"name": "themes", "pk": theme.pk})
    response = client.post(url, {"name": "Mobilités", "slug": theme.slug, "description": ""})
    assert _denied(response) is not allowed
    assert Theme.objects.get(pk=theme.pk).name == ("Mobilités" if allowed else "Mobilité")


@pytest.mark.parametrize(("role", "allowed"), [("visitor", False), ("member", False),
                                                ("moderator", False), ("staff", True)])  # fmt: skip
def test_manage_accounts(as_role, role, allowed):
    response = as_role(role).get(reverse("admin:auth_user_changelist"))
    assert (response.status_code == 200) is allowed


@pytest.mark.parametrize(("role", "allowed"), [("visitor", False), ("member", False),
                                                ("moderator", False), ("staff", True)])  # fmt: skip
def test_import(as_role, role, allowed):
    client = as_role(role)
    assert (client.get(reverse("actors:import_start")).status_code == 200) is allowed
    template = client.get(reverse("actors:import_template", kwargs={"kind": "acteurs"}))
    assert _denied(template) is not allowed
    if allowed:
        assert b"".join(template.streaming_content).startswith(b"PK")
    upload = SimpleUploadedFile("a.csv", b"Nom;Type\nMaison;Inconnu\n")
    response = client.post(reverse("actors:import_start"), {"kind": "acteurs", "file": upload})
    assert _denied(response) is not allowed
    assert ImportRecord.objects.exists() is allowed
    if allowed:
        record = ImportRecord.objects.get()
        for other in ("member", "moderator"):
            as_role(other)
            response = client.post(reverse("actors:import_confirm", kwargs={"pk": record.pk}))
            assert _denied(response)
            assert _denied(client.get(record.get_absolute_url()))


def test_new_fiche_status_depends_on_the_role(as_role, world):
    as_role("member").post(reverse("actors:actor_create"), form_data(world, name="Par un membre"))
    assert Actor.objects.get(name="Par un membre").status == "review"
