"""Answering by link or with an account: one function per screen, each answer saved as given
(htmx) or per screen (plain form), resumable; bad input gets a French message and writes
nothing."""

import pytest
from django.urls import reverse

from mailleurs.grid import services
from mailleurs.grid.models import Answer, Evidence, Respondent
from tests.actors.factories import ActorFactory
from tests.grid.helpers import criterion
from tests.pages import assert_page_shows

pytestmark = pytest.mark.django_db


def _screen(token, code="1.1"):
    axis, number = code.split(".")
    return reverse("grid:link_function", kwargs={"token": token, "axis": axis, "number": number})


def _one(token, target):
    return reverse("grid:link_criterion", kwargs={"token": token, "criterion_id": target.pk})


def test_the_link_opens_the_answering_pages_without_an_account(client, partner, open_round):
    respondent, token = partner
    page = assert_page_shows(
        client.get(reverse("grid:link_overview", kwargs={"token": token})),
        "Centre social de la Vallée",
        "Partenaire CAF",
        "Commencer",
        "Axe 1",
        "0/12",
        "0/11",
        "0/9",
    )
    assert "noindex" in page
    assert_page_shows(
        client.get(_screen(token, "2.2")),
        "Observatoire des besoins",
        "Pas encore engagé",
        "Installé et partagé",
        "Je ne sais pas",
        "réservé à l’équipe de la structure",
    )


def test_an_answer_is_saved_as_it_is_given(client, partner, open_round):
    respondent, token = partner
    target = criterion(open_round.grid_version, "1.1.2")
    response = client.post(
        _one(token, target),
        {f"c{target.pk}-level": "3", f"c{target.pk}-comment": "Comptes rendus envoyés à tous",
         f"c{target.pk}-visibility": "equipe"},
        HTTP_HX_REQUEST="true",
    )  # fmt: skip
    content = assert_page_shows(response, "Réponse enregistrée", 'hx-swap-oob="true"', "1/12")
    assert "<html" not in content
    answer = Answer.objects.get()
    assert (answer.level, answer.comment, answer.comment_shared) == (
        3, "Comptes rendus envoyés à tous", False,
    )  # fmt: skip
    # A second answer to the same criterion replaces the first.
    client.post(_one(token, target), {f"c{target.pk}-level": "0"})
    assert Answer.objects.get().level == 0  # « je ne sais pas »


def test_the_plain_form_saves_a_screen_and_goes_to_the_next(client, partner, open_round):
    respondent, token = partner
    version = open_round.grid_version
    first, second = criterion(version, "1.2.1"), criterion(version, "1.2.2")
    response = client.post(
        _screen(token, "1.2"),
        {f"c{first.pk}-level": "2", f"c{second.pk}-level": "4", "suite": "suivante"},
    )
    assert response["Location"] == _screen(token, "1.3")
    assert dict(Answer.objects.values_list("criterion_id", "level")) == {first.pk: 2, second.pk: 4}
    overview = client.get(reverse("grid:link_overview", kwargs={"token": token}))
    # Resumable: « Reprendre » leads to the first function not fully answered.
    assert_page_shows(overview, "Reprendre", f'href="{_screen(token, "1.1")}"', "2/12")


@pytest.mark.parametrize("value", ["7", "-1", "abc", "3.5"])
def test_a_level_outside_the_scale_is_refused(client, partner, open_round, value):
    respondent, token = partner
    target = criterion(open_round.grid_version, "1.1.1")
    response = client.post(_one(token, target), {f"c{target.pk}-level": value})
    assert_page_shows(response, "Choisissez un niveau de l’échelle", status=400)
    other = criterion(open_round.grid_version, "1.1.2")
    response = client.post(
        _screen(token), {f"c{target.pk}-level": value, f"c{other.pk}-level": "2"}
    )
    assert_page_shows(response, "Rien n’a été enregistré", status=400)
    assert not Answer.objects.exists()


def test_an_answer_to_a_criterion_of_another_version_is_refused(
    client, partner, open_round, staff_user
):
    respondent, token = partner
    draft = services.version_draft_from(version=open_round.grid_version, user=staff_user)
    foreign = criterion(draft, "1.1.1")
    response = client.post(_one(token, foreign), {f"c{foreign.pk}-level": "3"})
    assert_page_shows(response, "n’appartient pas à la grille de cette évaluation", status=400)
    assert not Answer.objects.exists()


@pytest.mark.parametrize("token", ["x" * 32, "pas-un-lien", "a/../../b", "é" * 30])
def test_a_forged_link_is_refused(client, partner, open_round, token):
    target = criterion(open_round.grid_version, "1.1.1")
    response = client.get(f"/grille/evaluations/lien/{token}/")
    assert response.status_code == 404
    if "/" not in token:
        assert_page_shows(response, "Ce lien n’est pas valide", status=404)
        response = client.post(_one(token, target), {f"c{target.pk}-level": "3"})
        assert response.status_code == 404
    assert not Answer.objects.exists()


def test_a_closed_round_refuses_answers(client, partner, open_round, manager):
    respondent, token = partner
    target = criterion(open_round.grid_version, "1.1.1")
    client.post(_one(token, target), {f"c{target.pk}-level": "2"})
    services.round_set_status(round=open_round, user=manager, open=False)
    for url, data in [
        (_one(token, target), {f"c{target.pk}-level": "4"}),
        (_screen(token), {f"c{target.pk}-level": "4"}),
    ]:
        response = client.post(url, data)
        assert "clôturée" in response.content.decode()
        assert response.status_code in (400, 403)
    assert Answer.objects.get().level == 2
    # …but the respondent still reads their answers.
    assert_page_shows(
        client.get(reverse("grid:link_overview", kwargs={"token": token})),
        "Cette évaluation est clôturée",
        "Premiers pas",
    )


def test_a_comment_needs_a_level(client, partner, open_round):
    respondent, token = partner
    target = criterion(open_round.grid_version, "1.1.1")
    response = client.post(_screen(token), {f"c{target.pk}-comment": "Un avis sans niveau"})
    assert_page_shows(response, "Choisissez un niveau (ou « je ne sais pas »)", status=400)
    assert not Answer.objects.exists()


def test_evidence_links_to_documents_and_to_fiches(client, partner, open_round):
    respondent, token = partner
    target = criterion(open_round.grid_version, "1.1.3")
    fiche = ActorFactory(name="Maison des associations", slug="maison-des-associations")
    base = {f"c{target.pk}-level": "3", "ancre": target.anchor}
    client.post(_screen(token), {**base, f"p{target.pk}-kind": "document",
                                 f"p{target.pk}-label": "Compte rendu de mars",
                                 f"p{target.pk}-url": "https://example.org/cr.pdf"})  # fmt: skip
    address = f"http://testserver{fiche.get_absolute_url()}"
    client.post(_screen(token), {**base, f"p{target.pk}-kind": "fiche",
                                 f"p{target.pk}-url": address})  # fmt: skip
    evidence = list(Evidence.objects.order_by("pk"))
    assert [(e.kind, e.label) for e in evidence] == [
        ("document", "Compte rendu de mars"), ("fiche", "Maison des associations"),
    ]  # fmt: skip
    assert evidence[1].href == fiche.get_absolute_url()
    assert_page_shows(client.get(_screen(token)), "Compte rendu de mars", "Maison des associations")
    client.post(_screen(token), {**base, "retirer": [evidence[0].pk]})
    assert list(Evidence.objects.values_list("label", flat=True)) == ["Maison des associations"]


@pytest.mark.parametrize(
    ("kind", "url", "message"),
    [
        ("fiche", "/acteurs/inconnue/", "Aucune fiche publiée ne porte cette adresse"),
        ("document", "javascript:alert(1)", "Le lien doit commencer par https://"),
        ("autre", "https://example.org", "Sélectionnez un choix valide"),
    ],
)
def test_bad_evidence_writes_nothing(client, partner, open_round, kind, url, message):
    respondent, token = partner
    target = criterion(open_round.grid_version, "1.1.3")
    response = client.post(
        _screen(token),
        {f"c{target.pk}-level": "3", f"p{target.pk}-kind": kind, f"p{target.pk}-label": "Lien",
         f"p{target.pk}-url": url},
    )  # fmt: skip
    assert_page_shows(response, message, status=400)
    assert not Answer.objects.exists() and not Evidence.objects.exists()


def test_a_manager_answers_with_their_account(client, open_round, manager, member):
    client.force_login(manager)
    response = client.post(reverse("grid:round_answer_myself", kwargs={"pk": open_round.pk}))
    assert response["Location"] == reverse("grid:answer_overview", kwargs={"pk": open_round.pk})
    respondent = Respondent.objects.get()
    assert respondent.user == manager and respondent.role == "equipe"
    target = criterion(open_round.grid_version, "3.1.1")
    url = reverse("grid:answer_criterion", kwargs={"pk": open_round.pk, "criterion_id": target.pk})
    client.post(url, {f"c{target.pk}-level": "4"})
    assert Answer.objects.get().respondent == respondent
    # Someone else's account is not invited: nothing to answer, nothing written.
    client.force_login(member)
    assert client.post(url, {f"c{target.pk}-level": "1"}).status_code == 404
    assert Answer.objects.get().level == 4


def test_finishing_is_noted_and_answers_stay_editable(client, partner, open_round):
    respondent, token = partner
    target = criterion(open_round.grid_version, "1.1.1")
    client.post(_one(token, target), {f"c{target.pk}-level": "2"})
    response = client.post(reverse("grid:link_finish", kwargs={"token": token}), follow=True)
    assert_page_shows(response, "Merci !")
    respondent.refresh_from_db()
    assert respondent.completed_at is not None
    assert client.post(_one(token, target), {f"c{target.pk}-level": "3"}).status_code == 200


def test_an_unknown_function_is_404(client, partner):
    respondent, token = partner
    assert client.get(_screen(token, "4.1")).status_code == 404


def test_htmx_gets_the_refusal_in_place_or_a_reload(client, partner, open_round, manager):
    respondent, token = partner
    target = criterion(open_round.grid_version, "1.1.1")
    response = client.post(
        _one(token, target), {f"c{target.pk}-level": "9"}, HTTP_HX_REQUEST="true"
    )
    assert_page_shows(response, "Choisissez un niveau de l’échelle", status=422)
    services.respondent_revoke_link(respondent=respondent, user=manager)
    response = client.post(
        _one(token, target), {f"c{target.pk}-level": "2"}, HTTP_HX_REQUEST="true"
    )
    assert response["HX-Refresh"] == "true"
    assert not Answer.objects.exists()
