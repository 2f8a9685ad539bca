"""A member's change to a published sheet waits as a proposal, reviewed with its differences and
credited to its author once accepted; a stale form meets the conflict page and writes nothing;
a moderator restores an earlier version, its actors involved and testimonies included."""

import pytest
from django.urls import reverse

from experiences.models import Experience, ExperienceProposal
from tests.actors.factories import ActorFactory
from tests.experiences.browser_form import form_data
from tests.experiences.factories_editing import InvolvementFactory, QuoteFactory, SheetFactory
from tests.experiences.upload_files import image_bytes, upload
from tests.pages import table_rows

pytestmark = pytest.mark.django_db


@pytest.fixture
def sheet():
    sheet = SheetFactory(title="Un lieu de répit", slug="lieu-de-repit", levers="Un élu référent")
    InvolvementFactory(experience=sheet, actor=ActorFactory(name="CAF de la Drôme"),
                       role="financeur", phases=["financement"])  # fmt: skip
    QuoteFactory(experience=sheet, quote="On a tenu ensemble.", speaker_role="aidante")
    return sheet


def _edit_page(client, user, sheet):
    client.force_login(user)
    url = reverse("experiences:edit", kwargs={"slug": sheet.slug})
    return url, form_data(client.get(url).content.decode())


def test_a_members_change_to_a_published_sheet_waits_and_is_credited_once_accepted(
    client, member, moderator, sheet, mailoutbox
):
    url, data = _edit_page(client, member, sheet)
    data["levers"] = ["Un élu référent\r\nUne salle prêtée par la mairie"]
    data["temoignages-0-quote"] = ["On a tenu, ensemble."]
    assert client.post(url, data).status_code == 302
    sheet.refresh_from_db()
    assert sheet.levers == "Un élu référent"  # still as published
    proposal = ExperienceProposal.objects.get()
    assert proposal.author == member and proposal.base_version == sheet.version

    client.force_login(moderator)
    review = client.get(reverse("experiences:proposal", kwargs={"pk": proposal.pk}))
    rows = {row[0]: row[1:] for row in table_rows(review.content.decode())}
    assert rows["Ce qui a aidé (leviers)"] == [
        "Un élu référent",
        "Un élu référentUne salle prêtée par la mairie",  # a line break between
    ]
    assert rows["Témoignage « aidante » — témoignage"] == [
        "On a tenu ensemble.",
        "On a tenu, ensemble.",
    ]
    response = client.post(
        reverse("experiences:proposal", kwargs={"pk": proposal.pk}),
        {"decision": "accepter", "version": str(sheet.version), "commentaire": "Merci"},
    )
    assert response.status_code == 302
    sheet.refresh_from_db()
    assert sheet.lever_list == ["Un élu référent", "Une salle prêtée par la mairie"]
    assert sheet.testimonies.get().quote == "On a tenu, ensemble."
    latest = sheet.history.first()
    assert latest.history_user == member
    assert "acceptée par moderateur" in latest.history_change_reason
    assert sheet.testimonies.get().history.first().history_user == member
    assert [m.to for m in mailoutbox] == [[member.email]]


def test_a_member_cannot_slip_files_into_a_proposal(client, member, sheet):
    url, data = _edit_page(client, member, sheet)
    assert "images-TOTAL_FORMS" not in data
    data.update({"images-TOTAL_FORMS": "1", "images-INITIAL_FORMS": "0",
                 "images-0-alt_text": "Intrus"})  # fmt: skip
    assert client.post(url, data).status_code == 302
    ExperienceProposal.objects.get()  # the texts wait for review…
    assert not sheet.images.exists()  # …and nothing else was written


def test_a_stale_form_shows_the_conflict_and_writes_nothing(client, member, moderator, sheet):
    url, stale = _edit_page(client, moderator, sheet)
    _url, fresh = _edit_page(client, moderator, sheet)
    fresh["summary"] = ["Résumé d’une autre main."]
    assert client.post(url, fresh).status_code == 302
    sheet.refresh_from_db()
    version = sheet.version

    stale["summary"] = ["Mon résumé à moi."]
    stale["acteurs-0-note"] = ["Une précision perdue ?"]
    response = client.post(url, stale)
    assert response.status_code == 409
    content = response.content.decode()
    assert "Mon résumé à moi." in content  # the form keeps what was typed
    rows = {row[0]: row[1:] for row in table_rows(content)}
    assert rows["Résumé"] == ["Résumé d’une autre main.", "Mon résumé à moi."]
    sheet.refresh_from_db()
    assert sheet.version == version
    assert sheet.summary == "Résumé d’une autre main."
    assert sheet.involvements.get().note == ""
    assert not ExperienceProposal.objects.exists()


def test_a_moderator_restores_a_version_with_its_actors_and_testimonies(client, moderator, sheet):
    first = sheet.history.first()
    url, data = _edit_page(client, moderator, sheet)
    data.update({"title": ["Un autre titre"], "acteurs-0-DELETE": ["on"],
                 "temoignages-0-speaker_role": ["bénévole"]})  # fmt: skip
    mairie = ActorFactory(name="Mairie de Die", slug="mairie-de-die")
    data["acteurs-1-actor"] = ["Mairie de Die (mairie-de-die)"]
    data["acteurs-1-role"] = ["partenaire"]
    assert client.post(url, data).status_code == 302
    sheet.refresh_from_db()
    assert [i.actor for i in sheet.involvements.all()] == [mairie]

    history = reverse("experiences:history", kwargs={"slug": sheet.slug})
    page = client.get(history).content.decode()
    rows = {row[0]: row[1:] for row in table_rows(page)}
    assert rows["Retrait : acteur impliqué « CAF de la Drôme » — rôle"] == ["Financeur", "—"]
    assert rows["Ajout : acteur impliqué « Mairie de Die » — acteur"] == ["—", "Mairie de Die"]
    restore = reverse(
        "experiences:restore", kwargs={"slug": sheet.slug, "history_id": first.history_id}
    )
    assert client.post(restore).status_code == 302
    sheet.refresh_from_db()
    assert sheet.title == "Un lieu de répit"
    assert [(i.actor.name, i.role) for i in sheet.involvements.all()] == [
        ("CAF de la Drôme", "financeur")
    ]
    assert sheet.testimonies.get().speaker_role == "aidante"
    assert sheet.history.first().history_user == moderator
    assert "Restauration" in sheet.history.first().history_change_reason


def test_archive_and_bring_back(client, moderator, sheet):
    client.force_login(moderator)
    client.post(reverse("experiences:archive", kwargs={"slug": sheet.slug}))
    assert Experience.objects.get(pk=sheet.pk).status == "archived"
    assert client.get(reverse("experiences:edit", kwargs={"slug": sheet.slug})).status_code == 404
    client.post(reverse("experiences:unarchive", kwargs={"slug": sheet.slug}))
    assert Experience.objects.get(pk=sheet.pk).status == "published"


def test_a_sheet_in_review_goes_back_to_its_author_with_the_comment(
    client, member, moderator, mailoutbox
):
    sheet = SheetFactory(status="review", created_by=member)
    client.force_login(moderator)
    url = reverse("experiences:send_back", kwargs={"slug": sheet.slug})
    client.post(url, {"commentaire": ""})
    assert Experience.objects.get(pk=sheet.pk).status == "review"  # a reason is required
    client.post(url, {"commentaire": "Ajoutez les résultats."})
    assert Experience.objects.get(pk=sheet.pk).status == "draft"
    assert mailoutbox[-1].to == [member.email]
    assert "Ajoutez les résultats." in mailoutbox[-1].body


def test_the_moderation_page_counts_proposals_for_sheets(client, moderator, member, sheet):
    ExperienceProposal.objects.create(experience=sheet, author=member, data={}, base_version=1)
    client.force_login(moderator)
    content = client.get(reverse("actors:moderation")).content.decode()
    assert "1 proposition pour les fiches expérience" in content


def test_a_stale_form_with_a_new_image_leaves_no_file_on_disk(
    client, moderator, sheet, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    url, stale = _edit_page(client, moderator, sheet)
    sheet.summary = "Changé entre-temps."
    sheet.version += 1
    sheet.save()
    stale.update({"images-0-alt_text": ["Le lieu"],
                  "images-0-file": upload("lieu.png", image_bytes("PNG"))})  # fmt: skip
    assert client.post(url, stale).status_code == 409
    assert not sheet.images.exists()
    assert list(tmp_path.rglob("*.*")) == []
