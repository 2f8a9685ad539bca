"""A member writes a sheet in the browser and sends it for review; a moderator publishes it; the
managers of the actors it names are told and confirm. Drafts, testimonies' consent, and the
lists of rows saved with the sheet."""

import pytest
from django.urls import reverse
from PIL import Image

from experiences.models import Experience, ExperienceActor
from experiences.models import Testimony as Quote  # "Test…" would be collected by pytest
from tests.actors.factories import ActorFactory, CommuneFactory, SphereFactory
from tests.experiences.browser_form import form_data
from tests.experiences.factories_editing import manager_of
from tests.experiences.sheet_data import sheet_post
from tests.experiences.upload_files import jpeg_with_gps, upload

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def partners():
    return {
        "centre": ActorFactory(name="Centre social du Diois", slug="centre-social-du-diois"),
        "caf": ActorFactory(name="CAF de la Drôme", slug="caf-drome"),
    }


def _draft(client, member, partners, **extra):
    die = CommuneFactory(name="Die", code="26113", key="26113")
    client.force_login(member)
    data = sheet_post(
        die,
        actors=[
            (partners["centre"], "porteur", ["emergence", "conception"]),
            (partners["caf"], "financeur", ["financement"]),
        ],
        testimonies=[{"quote": "On a tenu ensemble.", "speaker_role": "aidante bénévole"}],
        images=[{"file": upload("photo.jpg", jpeg_with_gps()), "alt_text": "Le lieu de répit"}],
        brouillon="oui",
        **extra,
    )
    response = client.post(reverse("experiences:create"), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    return Experience.objects.get()


def test_a_member_drafts_sends_for_review_a_moderator_publishes_managers_confirm(
    client, member, moderator, partners, mailoutbox
):
    managers = [manager_of(partners["centre"], "gerante"), manager_of(partners["caf"], "agent")]
    sheet = _draft(client, member, partners)
    assert sheet.status == "draft"
    assert sheet.lever_list == ["Un élu référent qui suit le projet"]
    assert sheet.blocker_list == ["Pas de local adapté au début"]
    assert sheet.created_by == member
    roles = {i.actor.slug: (i.role, i.phases) for i in sheet.involvements.all()}
    assert roles == {
        "centre-social-du-diois": ("porteur", ["emergence", "conception"]),
        "caf-drome": ("financeur", ["financement"]),
    }
    assert sheet.testimonies.get().speaker_role == "aidante bénévole"
    assert sheet.images.get().alt_text == "Le lieu de répit"
    assert mailoutbox == []  # a draft tells nobody

    page = client.get(reverse("experiences:edit", kwargs={"slug": sheet.slug}))
    response = client.post(page.request["PATH_INFO"], form_data(page.content.decode()))
    assert response.status_code == 302
    sheet.refresh_from_db()
    assert sheet.status == "review"
    assert mailoutbox == []

    client.force_login(moderator)
    client.post(reverse("experiences:publish", kwargs={"slug": sheet.slug}))
    sheet.refresh_from_db()
    assert sheet.status == "published"
    assert sorted(m.to[0] for m in mailoutbox) == sorted(u.email for u in managers)
    told = next(m for m in mailoutbox if m.to == [managers[0].email])
    involvement = sheet.involvements.get(actor=partners["centre"])
    page_url = reverse("experiences:involvement", kwargs={"slug": sheet.slug, "pk": involvement.pk})
    assert page_url in told.body
    assert "Porteur" in told.body

    client.force_login(managers[0])
    assert client.get(page_url).status_code == 200
    client.post(
        reverse("experiences:confirm_involvement", kwargs={"slug": sheet.slug,
                                                           "pk": involvement.pk})
    )  # fmt: skip
    involvement.refresh_from_db()
    assert involvement.confirmed_by == managers[0]
    assert involvement.confirmed_at is not None
    assert sheet.involvements.get(actor=partners["caf"]).confirmed_at is None


def test_the_stored_image_is_renamed_re_encoded_and_without_exif(client, member, partners):
    sheet = _draft(client, member, partners)
    stored = sheet.images.get()
    name = stored.file.name.rsplit("/", 1)[-1]
    assert stored.file.name.startswith("experiences/images/")
    assert "photo" not in name and len(name) == len("0" * 32 + ".jpg")
    with Image.open(stored.file.path) as image:
        assert image.format == "JPEG"
        assert dict(image.getexif()) == {}
        assert image.size == (60, 80)  # the phone's orientation applied, then dropped
    assert (stored.width, stored.height) == (60, 80)


def test_a_name_without_consent_is_refused_in_french_and_nothing_is_written(
    client, member, partners
):
    die = CommuneFactory(name="Die", code="26113", key="26113")
    client.force_login(member)
    data = sheet_post(
        die,
        testimonies=[
            {"quote": "Merci.", "speaker_role": "habitante", "speaker_name": "Jeanne Martin"}
        ],
    )
    response = client.post(reverse("experiences:create"), data)
    assert response.status_code == 400
    assert "n’est nommée qu’avec son accord" in response.content.decode()
    assert not Experience.objects.exists()
    assert not Quote.objects.exists()


def test_a_name_with_consent_is_kept(client, member):
    die = CommuneFactory(name="Die", code="26113", key="26113")
    sphere = SphereFactory()
    client.force_login(member)
    testimony = {"quote": "Merci.", "speaker_role": "habitante", "speaker_name": "Jeanne",
                 "name_consent": "on", "sphere": str(sphere.pk)}  # fmt: skip
    response = client.post(reverse("experiences:create"), sheet_post(die, testimonies=[testimony]))
    assert response.status_code == 302
    assert Quote.objects.get().shown_name == "Jeanne"


def test_the_territory_is_found_from_its_code_and_an_unknown_one_is_refused(client, member):
    die = CommuneFactory(name="Die", code="26113", key="26113")
    client.force_login(member)
    response = client.post(reverse("experiences:create"), sheet_post(die, territory="26113"))
    assert response.status_code == 302
    assert Experience.objects.get().territory == die
    response = client.post(reverse("experiences:create"), sheet_post(die, territory="Atlantide"))
    assert response.status_code == 400
    assert "Territoire inconnu" in response.content.decode()


def test_the_same_actor_twice_is_an_error_on_the_page_not_a_crash(client, member, partners):
    die = CommuneFactory(name="Die", code="26113", key="26113")
    client.force_login(member)
    twice = [(partners["caf"], "financeur", []), (partners["caf"], "partenaire", [])]
    response = client.post(reverse("experiences:create"), sheet_post(die, actors=twice))
    assert response.status_code == 400
    assert not ExperienceActor.objects.exists()


def test_a_moderator_publishes_at_once_and_the_managers_are_told(
    client, moderator, partners, mailoutbox
):
    manager = manager_of(partners["caf"], "agent")
    die = CommuneFactory(name="Die", code="26113", key="26113")
    client.force_login(moderator)
    data = sheet_post(die, actors=[(partners["caf"], "financeur", [])])
    assert client.post(reverse("experiences:create"), data).status_code == 302
    assert Experience.objects.get().status == "published"
    assert [m.to for m in mailoutbox] == [[manager.email]]


def test_the_form_page_is_accessible_its_groups_have_legends(client, member, partners):
    client.force_login(member)
    content = client.get(reverse("experiences:create")).content.decode()
    assert "<legend>Phases où il est intervenu</legend>" in content
    assert "<legend>Acteurs impliqués</legend>" in content
    assert 'enctype="multipart/form-data"' in content
    assert 'for="id_images-0-alt_text"' in content


def test_a_sheet_never_takes_the_address_of_a_writing_page(client, member):
    die = CommuneFactory(name="Die", code="26113", key="26113")
    client.force_login(member)
    client.post(reverse("experiences:create"), sheet_post(die, title="Nouvelle"))
    assert Experience.objects.get().slug not in {"nouvelle", "propositions"}
