"""Opening a round, inviting respondents by private link or account, links that expire or are
revoked, closing and publishing."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from mailleurs.grid import services
from mailleurs.grid.models import Answer, Respondent, Round
from tests.actors.factories import ActorFactory
from tests.grid.helpers import criterion, invite, make_manager
from tests.pages import assert_page_shows

pytestmark = pytest.mark.django_db


def _round_form(**changes):
    return {
        "title": "Évaluation 2026",
        "period_start": "2026-01-05",
        "period_end": "2026-03-31",
        "facilitator": "",
        **changes,
    }


def test_a_manager_opens_a_round_with_the_current_grid(client, grid_v1, structure, manager):
    client.force_login(manager)
    url = reverse("grid:round_create", kwargs={"slug": structure.slug})
    assert_page_shows(client.get(url), "Ouvrir une évaluation")
    response = client.post(url, _round_form())
    round = Round.objects.get()
    assert response["Location"] == round.get_absolute_url()
    assert round.grid_version == grid_v1 and round.actor == structure and round.is_open
    assert_page_shows(client.get(round.get_absolute_url()), "Évaluation 2026", "Version 1")


def test_the_period_must_be_in_order(client, grid_v1, structure, manager):
    client.force_login(manager)
    url = reverse("grid:round_create", kwargs={"slug": structure.slug})
    response = client.post(url, _round_form(period_end="2025-12-01"))
    assert_page_shows(response, "La fin de la période doit suivre son début.", status=400)
    assert not Round.objects.exists()


def test_only_a_facilitator_can_be_chosen_to_accompany(
    client, grid_v1, structure, manager, facilitator, member
):
    client.force_login(manager)
    url = reverse("grid:round_create", kwargs={"slug": structure.slug})
    response = client.post(url, _round_form(facilitator=member.pk))
    assert response.status_code == 400
    client.post(url, _round_form(facilitator=facilitator.pk))
    assert Round.objects.get().facilitator == facilitator


def test_a_member_who_does_not_manage_the_structure_cannot_open_a_round(
    client, grid_v1, structure, member
):
    client.force_login(member)
    url = reverse("grid:round_create", kwargs={"slug": structure.slug})
    assert client.get(url).status_code == 403
    assert client.post(url, _round_form()).status_code == 403
    assert not Round.objects.exists()


def test_an_invitation_link_is_shown_once_and_only_its_hash_kept(client, open_round, manager):
    client.force_login(manager)
    client.post(
        reverse("grid:round_invite", kwargs={"pk": open_round.pk}),
        {"role": "elu", "label": "Élue aux solidarités"},
    )
    respondent = Respondent.objects.get()
    page = assert_page_shows(
        client.get(open_round.get_absolute_url()), "Lien à transmettre à Élue aux solidarités"
    )
    start = page.split('id="nouveau-lien" class="link-field" type="text" readonly value="')[1]
    link = start.split('"')[0]
    token = link.rstrip("/").split("/")[-1]
    assert respondent.token_hash and token not in respondent.token_hash
    assert Respondent.objects.by_token(token).get() == respondent
    assert "Lien à transmettre" not in client.get(open_round.get_absolute_url()).content.decode()
    assert client.get(link).status_code == 200


def test_an_invitation_without_a_role_is_refused(client, open_round, manager):
    client.force_login(manager)
    response = client.post(
        reverse("grid:round_invite", kwargs={"pk": open_round.pk}), {"role": "pirate", "label": "X"}
    )
    assert response.status_code == 302
    assert not Respondent.objects.exists()


def test_only_members_of_the_structure_answer_with_their_account(
    client, open_round, manager, member, django_user_model, structure
):
    from actors.models import StructureMembership

    client.force_login(manager)
    url = reverse("grid:round_invite", kwargs={"pk": open_round.pk})
    client.post(url, {"mode": "compte", "account": member.pk, "role": "equipe"})
    assert not Respondent.objects.exists()
    StructureMembership.objects.create(
        actor=structure, user=member, status=StructureMembership.Status.ACCEPTED
    )
    client.post(url, {"mode": "compte", "account": member.pk, "role": "benevole"})
    respondent = Respondent.objects.get()
    assert respondent.user == member and respondent.token_hash is None
    client.force_login(member)
    assert_page_shows(client.get(open_round.get_absolute_url()), "Répondre")
    assert (
        client.get(reverse("grid:answer_overview", kwargs={"pk": open_round.pk})).status_code == 200
    )


def test_a_revoked_link_stops_at_once_and_a_new_link_replaces_it(client, open_round, manager):
    respondent, token = invite(open_round, manager)
    old_url = reverse("grid:link_overview", kwargs={"token": token})
    client.force_login(manager)
    action = reverse(
        "grid:respondent_link", kwargs={"pk": open_round.pk, "respondent": respondent.pk}
    )
    client.post(action, {"action": "revoquer"})
    client.logout()
    assert_page_shows(client.get(old_url), "Ce lien a été désactivé", status=410)
    client.force_login(manager)
    client.post(action, {"action": "nouveau"})
    new_link = client.get(open_round.get_absolute_url()).context["new_link"]["url"]
    client.logout()
    assert client.get(old_url).status_code == 404
    assert client.get(new_link).status_code == 200


def test_an_expired_link_is_refused_and_writes_nothing(client, open_round, manager):
    respondent, token = invite(open_round, manager)
    Respondent.objects.filter(pk=respondent.pk).update(
        link_expires_at=timezone.now() - timedelta(minutes=1)
    )
    assert_page_shows(
        client.get(reverse("grid:link_overview", kwargs={"token": token})),
        "Ce lien a expiré",
        status=410,
    )
    target = criterion(open_round.grid_version, "1.1.1")
    url = reverse("grid:link_criterion", kwargs={"token": token, "criterion_id": target.pk})
    response = client.post(url, {f"c{target.pk}-level": "3"})
    assert response.status_code == 410
    assert not Answer.objects.exists()


def test_closing_and_publishing(client, open_round, manager):
    client.force_login(manager)
    url = reverse("grid:round_status", kwargs={"pk": open_round.pk})
    client.post(url, {"etat": "cloturer"})
    client.post(url, {"resultats": "publier"})
    open_round.refresh_from_db()
    assert not open_round.is_open and open_round.results_published
    assert open_round.version == 3  # each change moved the version on (no lost update)
    assert_page_shows(client.get(open_round.get_absolute_url()), "Rouvrir les réponses")


def test_an_edit_made_on_a_stale_page_is_refused(client, open_round, manager):
    client.force_login(manager)
    url = reverse("grid:round_edit", kwargs={"pk": open_round.pk})
    services.round_set_status(round=open_round, user=manager, open=False)  # someone else, meanwhile
    response = client.post(url, _round_form(title="Nouveau titre", version=1), follow=True)
    assert_page_shows(response, "rien n’a été enregistré")
    assert Round.objects.get().title == "Évaluation 2026"
    client.post(url, _round_form(title="Nouveau titre", version=2))
    assert Round.objects.get().title == "Nouveau titre"


def test_the_list_shows_the_rounds_a_user_follows(client, open_round, manager, member):
    other = ActorFactory(name="Autre structure")
    make_manager(member, other)
    client.force_login(member)
    page = assert_page_shows(client.get(reverse("grid:rounds")), "Autre structure")
    assert "Évaluation 2026" not in page
    client.force_login(manager)
    assert_page_shows(
        client.get(reverse("grid:rounds")), "Évaluation 2026", "ouvrir une évaluation"
    )


def test_rounds_keep_their_version_when_a_new_one_is_published(open_round, staff_user, manager):
    draft = services.version_draft_from(version=open_round.grid_version, user=staff_user)
    services.version_publish(version=draft, user=staff_user)
    later = services.round_open(
        actor=open_round.actor,
        user=manager,
        data=services.RoundData(
            title="2027", period_start=date(2027, 1, 1), period_end=date(2027, 2, 1)
        ),
    )
    open_round.refresh_from_db()
    assert open_round.grid_version.number == 1 and later.grid_version.number == 2


def test_the_fiche_leads_its_managers_to_the_grid(client, open_round, manager, member):
    client.force_login(manager)
    url = reverse("grid:round_create", kwargs={"slug": open_round.actor.slug})
    assert_page_shows(client.get(open_round.actor.get_absolute_url()), f'href="{url}"')
    client.force_login(member)
    assert url not in client.get(open_round.actor.get_absolute_url()).content.decode()


@pytest.mark.parametrize("name", ["grid:round", "grid:results", "grid:round_edit"])
def test_an_unknown_or_huge_round_number_is_404(client, open_round, manager, name):
    client.force_login(manager)
    for pk in (999999, 99999999999999999999):
        assert client.get(reverse(name, kwargs={"pk": pk})).status_code == 404


def test_a_huge_criterion_number_is_404(client, partner):
    respondent, token = partner
    url = reverse("grid:link_criterion", kwargs={"token": token, "criterion_id": 10**20})
    assert client.post(url, {"x": "1"}).status_code == 404
