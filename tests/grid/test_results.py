"""The results page of a round: scores by view and role, radar with both views and its table,
crossed views, evolution across rounds (mapped versions), export, print, « le pas d'après »."""

from datetime import date
from io import BytesIO

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from actors.models import StructureMembership
from mailleurs.grid import services
from mailleurs.grid.models import ActionItem, Criterion, Respondent
from tests.conftest import _user_in
from tests.grid.helpers import answer, criterion, invite
from tests.pages import assert_page_shows

pytestmark = pytest.mark.django_db


@pytest.fixture
def answered(open_round, manager):
    """The team (2 people) and two partners answered function 1.1 and a few more criteria."""
    team = services.respondent_answer_myself(round=open_round, user=manager)
    board = Respondent.objects.create(round=open_round, role="benevole", label="Bénévole")
    elected, _token = invite(open_round, manager, role="elu", label="Élue")
    caf, _token = invite(open_round, manager, role="partenaire_institutionnel", label="CAF")
    answer(team, {"1.1.1": 4, "1.1.2": 3, "3.4.1": 4})
    answer(board, {"1.1.1": 4, "1.1.2": 0}, comment="Salle prêtée le samedi", comment_shared=False)
    answer(elected, {"1.1.1": 1, "1.1.2": 2, "3.4.1": 2}, comment="=1+1")
    answer(caf, {"1.1.1": 2})
    return open_round


def _results(client, round, **params):
    return client.get(reverse("grid:results", kwargs={"pk": round.pk}), params)


def test_the_results_show_both_views_on_the_radar_and_in_its_table(client, answered, manager):
    client.force_login(manager)
    response = _results(client, answered)
    content = assert_page_shows(
        response,
        "Regard de la structure",
        "Regard des partenaires",
        "Les valeurs du radar",
        'class="radar-series radar-structure',
        'class="radar-series radar-partners',
    )
    results = response.context["results"]
    function = criterion(answered.grid_version, "1.1.1").function
    # Structure: 1.1.1 = (4 + 4) / 2 = 4 ; 1.1.2 = 3 (the « je ne sais pas » is not counted).
    assert results.structure.functions[function.pk].value == 3.5
    # Partners: 1.1.1 = (1 + 2) / 2 = 1.5 ; 1.1.2 = 2.
    assert results.partners.functions[function.pk].value == 1.75
    assert "3,5" in content and "1,8" in content
    assert "1 <abbr" in content  # the « je ne sais pas » counted beside the score


def test_the_largest_gaps_are_named(client, answered, manager):
    client.force_login(manager)
    assert_page_shows(
        _results(client, answered),
        "Sur « Des lieux pour permettre », la structure se donne 4 sur 4 et ses partenaires "
        "1,5 sur 4",
        "Sur « Proposer des analyses consolidées",
    )


def test_scores_per_role_and_counts(client, answered, manager):
    client.force_login(manager)
    content = assert_page_shows(
        _results(client, answered), "Élu·e", "Partenaire institutionnel", "base étroite"
    )
    assert "Scores par rôle des répondant·e·s" in content


def test_team_only_comments_are_read_by_the_managers_only(client, answered, manager, facilitator):
    client.force_login(manager)
    assert_page_shows(_results(client, answered), "Salle prêtée le samedi", "réservé à l’équipe")
    answered.facilitator = facilitator
    answered.save()
    client.force_login(facilitator)
    page = assert_page_shows(_results(client, answered), "=1+1")
    assert "Salle prêtée le samedi" not in page


def test_a_respondent_sees_the_results_once_published(client, answered, manager, structure):
    volunteer = _user_in(type(manager), "benevole-compte", None)
    StructureMembership.objects.create(
        actor=structure, user=volunteer, status=StructureMembership.Status.ACCEPTED
    )
    services.respondent_invite(
        round=answered, user=manager,
        invitation=services.Invitation(role="benevole", label="B", user_id=volunteer.pk),
    )  # fmt: skip
    client.force_login(volunteer)
    assert _results(client, answered).status_code == 403
    services.round_publish_results(round=answered, user=manager)
    assert _results(client, answered).status_code == 200
    assert client.get(reverse("grid:results_export", kwargs={"pk": answered.pk})).status_code == 403


def test_the_export_has_a_sheet_per_view_with_numbers_as_numbers(client, answered, manager):
    client.force_login(manager)
    response = client.get(reverse("grid:results_export", kwargs={"pk": answered.pk}))
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    workbook = load_workbook(BytesIO(b"".join(response.streaming_content)))
    assert workbook.sheetnames == [
        "Scores", "Structure", "Partenaires", "Habitants", "Scores par rôle", "Le pas d’après",
    ]  # fmt: skip
    scores = list(workbook["Scores"].iter_rows(values_only=True))
    function_row = next(row for row in scores if row[1] == "1.1")
    assert function_row[3] == 3.5 and isinstance(function_row[4], int)
    partners = list(workbook["Partenaires"].iter_rows(values_only=True))
    assert ("1.1.1", 1) in [(row[0], row[5]) for row in partners]
    assert "'=1+1" in [row[7] for row in partners]  # a formula stays text
    structure = list(workbook["Structure"].iter_rows(values_only=True))
    assert "Salle prêtée le samedi" in [row[7] for row in structure]


def test_the_export_opens_ready_to_use_with_dates_as_dates(client, answered, manager):
    client.force_login(manager)
    client.post(
        reverse("grid:action_add", kwargs={"pk": answered.pk}),
        {"criterion": criterion(answered.grid_version, "1.1.1").pk, "action": "Ouvrir le soir",
         "owner": "Bureau", "due_date": "2026-09-01", "status": "planned"},
    )  # fmt: skip
    response = client.get(reverse("grid:results_export", kwargs={"pk": answered.pk}))
    workbook = load_workbook(BytesIO(b"".join(response.streaming_content)))
    for sheet in workbook.worksheets:
        assert sheet.freeze_panes == "A2"
        assert sheet.auto_filter.ref.startswith("A1:")
        assert all(cell.font.bold for cell in sheet[1])
    actions = workbook["Le pas d’après"]
    due = actions.cell(row=2, column=6)
    assert actions.cell(row=1, column=6).value == "Pour quand"
    assert due.is_date and due.number_format == "DD/MM/YYYY"
    assert due.value.date() == date(2026, 9, 1)


def test_the_print_view_is_the_report_without_forms(client, answered, manager):
    client.force_login(manager)
    response = client.get(reverse("grid:results_print", kwargs={"pk": answered.pk}))
    content = assert_page_shows(response, "rapport d’évaluation", "Imprimer ou enregistrer en PDF")
    assert "Ajouter une action" not in content and 'name="territoire"' not in content


def test_the_action_plan_is_shown_again_at_the_next_round(client, answered, manager):
    client.force_login(manager)
    target = criterion(answered.grid_version, "1.1.1")
    client.post(
        reverse("grid:action_add", kwargs={"pk": answered.pk}),
        {"criterion": target.pk, "action": "Ouvrir la salle le soir", "owner": "Bureau",
         "due_date": "2026-09-01", "status": "planned"},
    )  # fmt: skip
    item = ActionItem.objects.get()
    later = services.round_open(
        actor=answered.actor, user=manager,
        data=services.RoundData(title="Évaluation 2027", period_start=date(2027, 1, 1),
                                period_end=date(2027, 3, 31)),
    )  # fmt: skip
    page = assert_page_shows(
        _results(client, later),
        "Ce qui avait été décidé à l’évaluation précédente",
        "Ouvrir la salle le soir",
    )
    assert "Évaluation 2026" in page
    client.post(
        reverse("grid:action_change", kwargs={"pk": later.pk, "item": item.pk}), {"status": "done"}
    )
    item.refresh_from_db()
    assert item.status == "done"


def test_a_bad_action_writes_nothing(client, answered, manager, staff_user):
    client.force_login(manager)
    draft = services.version_draft_from(version=answered.grid_version, user=staff_user)
    for data in (
        {"criterion": criterion(draft, "1.1.1").pk, "action": "X", "owner": "Y",
         "status": "planned"},
        {"criterion": "abc", "action": "X", "owner": "Y", "status": "planned"},
        {"criterion": criterion(answered.grid_version, "1.1.1").pk, "action": "", "owner": "Y",
         "status": "planned"},
    ):  # fmt: skip
        response = client.post(reverse("grid:action_add", kwargs={"pk": answered.pk}), data)
        assert response.status_code == 302
    assert not ActionItem.objects.exists()
    page = _results(client, answered).content.decode()
    assert "Action non enregistrée" in page


def test_evolution_across_rounds_of_two_versions(client, grid_v1, structure, manager, staff_user):
    """2025 with version 1, 2026 with version 2 (1.1.5 removed, 1.1.6 added)."""
    first = services.round_open(
        actor=structure, user=manager,
        data=services.RoundData(title="Évaluation 2025", period_start=date(2025, 1, 1),
                                period_end=date(2025, 3, 31)),
    )  # fmt: skip
    team = Respondent.objects.create(round=first, role="equipe", label="Équipe")
    answer(team, {"1.1.1": 2, "1.1.5": 4, "2.1.1": 3})
    draft = services.version_draft_from(version=grid_v1, user=staff_user)
    criterion(draft, "1.1.5").delete()
    Criterion.objects.create(function=criterion(draft, "1.1.1").function, number=6, title="Neuf")
    services.version_publish(version=draft, user=staff_user)
    second = services.round_open(
        actor=structure, user=manager,
        data=services.RoundData(title="Évaluation 2026", period_start=date(2026, 1, 1),
                                period_end=date(2026, 3, 31)),
    )  # fmt: skip
    team2 = Respondent.objects.create(round=second, role="equipe", label="Équipe")
    answer(team2, {"1.1.1": 3, "2.1.1": 3})
    client.force_login(manager)
    response = _results(client, second)
    evolution = response.context["results"].evolution
    assert [c.round for c in evolution.columns] == [first, second]
    assert evolution.columns[0].mapped
    rows = {row["function"].code: row for row in response.context["results"].evolution_rows}
    # Version 1 said (2 + 4) / 2 = 3 for 1.1; mapped to version 2 only 1.1.1 remains: 2.
    assert rows["1.1"]["pairs"][0] == (2, None) and rows["1.1"]["change"][0] == 1
    assert rows["2.1"]["change"][0] == 0
    assert_page_shows(
        response, "grille v1 par correspondance", "n’ont pas d’équivalent", "1.1.6 Neuf", "+1,0"
    )


def test_the_first_round_says_there_is_no_evolution_yet(client, answered, manager):
    client.force_login(manager)
    assert_page_shows(_results(client, answered), "C’est la première évaluation de la structure")
