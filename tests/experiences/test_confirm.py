"""The managers of an actor named in a published sheet confirm its role, or say it is wrong:
nobody else can, and a change of role asks them again."""

import pytest
from django.urls import reverse

from tests.experiences.browser_form import form_data
from tests.experiences.factories_editing import InvolvementFactory, SheetFactory, manager_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def involvement():
    return InvolvementFactory(experience=SheetFactory(slug="lieu-de-repit"), role="porteur")


def _url(name: str, involvement) -> str:
    return reverse(
        f"experiences:{name}", kwargs={"slug": involvement.experience.slug, "pk": involvement.pk}
    )


def test_only_the_actors_managers_confirm(client, member, moderator, involvement):
    for user in (member, moderator):
        client.force_login(user)
        assert client.get(_url("involvement", involvement)).status_code == 403
        assert client.post(_url("confirm_involvement", involvement)).status_code == 403
    client.logout()
    response = client.post(_url("confirm_involvement", involvement))
    assert reverse("accounts:login") in response["Location"]
    involvement.refresh_from_db()
    assert involvement.confirmed_at is None


def test_a_manager_of_another_structure_cannot_confirm(client, involvement):
    other = InvolvementFactory(experience=involvement.experience)
    client.force_login(manager_of(other.actor, "voisine"))
    assert client.post(_url("confirm_involvement", involvement)).status_code == 403
    involvement.refresh_from_db()
    assert involvement.confirmed_at is None


def test_nothing_to_confirm_on_a_sheet_not_published(client, involvement):
    manager = manager_of(involvement.actor, "gerante")
    involvement.experience.status = "review"
    involvement.experience.save()
    client.force_login(manager)
    assert client.post(_url("confirm_involvement", involvement)).status_code == 404


def test_saying_it_is_wrong_tells_the_moderators_and_the_author(
    client, member, moderator, involvement, mailoutbox
):
    involvement.experience.created_by = member
    involvement.experience.save()
    manager = manager_of(involvement.actor, "gerante")
    client.force_login(manager)
    client.post(_url("confirm_involvement", involvement))
    response = client.post(_url("dispute_involvement", involvement), {"message": ""})
    assert response.status_code == 400
    assert mailoutbox == []
    client.post(_url("dispute_involvement", involvement), {"message": "Nous étions partenaires."})
    assert sorted(mailoutbox[0].to) == sorted([member.email, moderator.email])
    assert "Nous étions partenaires." in mailoutbox[0].body
    involvement.refresh_from_db()
    assert involvement.confirmed_at is None  # the confirmation is withdrawn


def test_a_new_role_asks_the_managers_again(client, moderator, involvement, mailoutbox):
    manager = manager_of(involvement.actor, "gerante")
    client.force_login(manager)
    client.post(_url("confirm_involvement", involvement))
    client.force_login(moderator)
    url = reverse("experiences:edit", kwargs={"slug": involvement.experience.slug})
    data = form_data(client.get(url).content.decode())
    data["acteurs-0-note"] = ["Porteur du lieu"]
    client.post(url, data)
    involvement.refresh_from_db()
    assert involvement.confirmed_by == manager  # a note changes, the role holds
    assert mailoutbox == []
    data = form_data(client.get(url).content.decode())
    data["acteurs-0-role"] = ["partenaire"]
    assert client.post(url, data).status_code == 302
    involvement.refresh_from_db()
    assert involvement.confirmed_at is None
    assert [m.to for m in mailoutbox] == [[manager.email]]
