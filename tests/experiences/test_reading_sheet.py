"""/experiences/<slug>/ and its printable version: every section, who sees a sheet not yet
published, the related sheets, bounded queries."""

from datetime import date
from pathlib import Path

import pytest
from django.conf import settings
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from experiences.models import Phase
from tests.actors.factories import (
    ActorFactory,
    LocalSchemeFactory,
    SchemeFactory,
    SphereFactory,
    ThemeFactory,
)
from tests.experiences.factories import (
    ExperienceActorFactory,
    ExperienceDocumentFactory,
    ExperienceFactory,
    ExperienceImageFactory,
    ExperienceLinkFactory,
    TestimonyFactory,
)
from tests.pages import assert_page_shows

pytestmark = pytest.mark.django_db


@pytest.fixture
def full_sheet(places, grid_functions):
    carrier = ActorFactory(name="Centre social du Diois", slug="cs-diois")
    sheet = ExperienceFactory(
        title="Un garage solidaire", slug="garage", territory=places["die"],
        started_on=date(2021, 3, 1), need="Les **jeunes** n’ont pas de voiture.",
        steps="1. Réunir\n2. Trouver un local", results="40 voitures réparées.",
        levers="Un élu moteur\nUn local prêté", blockers="Les assurances\nLe temps",
        conditions="Un *mécanicien* bénévole.", cost="12 000 € par an",
        funding="CAF, commune", themes=[ThemeFactory(name="Mobilité")],
        schemes=[SchemeFactory()], local_schemes=[LocalSchemeFactory(name="CTG du Diois")],
        grid_functions=[grid_functions[0]], contact_actor=carrier,
    )  # fmt: skip
    ExperienceActorFactory(
        experience=sheet, actor=carrier, role="porteur", confirmed_at=timezone.now(),
        phases=[Phase.EMERGENCE, Phase.RUNNING],
    )  # fmt: skip
    ExperienceActorFactory(experience=sheet, actor=ActorFactory(name="Garage en projet",
                                                                status="draft"))  # fmt: skip
    TestimonyFactory(experience=sheet, quote="On a appris à se parler.", speaker_role="élue",
                     sphere=SphereFactory(name="Élus"), speaker_name="Martine Blanc",
                     name_consent=True)  # fmt: skip
    TestimonyFactory(experience=sheet, quote="Ça change tout.", speaker_role="habitant")
    ExperienceImageFactory(experience=sheet, alt_text="L’atelier", caption="Un samedi matin")
    ExperienceDocumentFactory(experience=sheet, title="Bilan 2023", size=2048)
    ExperienceLinkFactory(experience=sheet, url="https://www.youtube.com/watch?v=abc",
                          title="Le film", is_video=True)  # fmt: skip
    return sheet


def test_the_sheet_page_shows_every_section(client, full_sheet, grid_functions):
    content = assert_page_shows(
        client.get(full_sheet.get_absolute_url()),
        "Un garage solidaire", "Les <strong>jeunes</strong> n’ont pas de voiture.",
        "<li>Réunir</li>", "40 voitures réparées.", "<li>Un élu moteur</li>",
        "<li>Les assurances</li>", "<em>mécanicien</em>", "12 000 € par an", "CAF, commune",
        "Action commune", "Mobilité", "depuis 2021", 'href="/territoires/26113/"',
        'href="/dispositifs/ctg/"', "CTG du Diois",
        f'href="{reverse("grid:version", kwargs={"number": 1})}#fonction-1-1"',
        '<a href="/acteurs/cs-diois/">Centre social du Diois</a>', "Porteur", "confirmé",
        "Émergence de l’idée, Mise en œuvre", "<blockquote><p>« On a appris à se parler. »",
        "Martine Blanc, élue", "(Élus)", "— habitant", 'alt="L’atelier"', "Un samedi matin",
        "Bilan 2023", "2,0\xa0Kio", "Le film", "vidéo sur youtube.com",
    )  # fmt: skip
    assert "Garage en projet" in content
    assert 'href="/acteurs/' + "garage" not in content  # the draft fiche is named, not linked
    assert "<iframe" not in content and "<video" not in content


def test_a_name_is_never_shown_without_consent(client):
    testimony = TestimonyFactory(quote="Merci.", speaker_role="bénévole")
    testimony.speaker_name, testimony.name_consent = "Paul Martin", True
    testimony.save()
    assert "Paul Martin" in client.get(testimony.experience.get_absolute_url()).content.decode()
    type(testimony).objects.filter(pk=testimony.pk).update(name_consent=False, speaker_name="")
    assert "Paul Martin" not in client.get(testimony.experience.get_absolute_url()).content.decode()


def test_markdown_is_sanitised(client):
    sheet = ExperienceFactory(need="Avant <script>alert(1)</script> après")
    content = client.get(sheet.get_absolute_url()).content.decode()
    assert "<script>alert(1)" not in content
    assert "Avant" in content


@pytest.mark.parametrize(
    ("status", "reader", "sees"),
    [
        ("draft", "visitor", False), ("draft", "other member", False), ("draft", "author", True),
        ("review", "visitor", False), ("review", "author", True), ("review", "moderator", True),
        ("draft", "moderator", True), ("archived", "moderator", False),
        ("archived", "author", False), ("published", "visitor", True),
    ],
)  # fmt: skip
def test_a_sheet_not_published_is_seen_only_by_its_author_and_moderators(
    client, django_user_model, member, moderator, status, reader, sees
):
    author = django_user_model.objects.create_user("autrice", "a@example.org", "x")
    author.groups.set(member.groups.all())
    sheet = ExperienceFactory(title="Fiche en cours", status=status, created_by=author)
    users = {"other member": member, "author": author, "moderator": moderator}
    if reader in users:
        client.force_login(users[reader])
    for url in (sheet.get_absolute_url(), reverse("experiences:print", args=[sheet.slug])):
        response = client.get(url)
        assert response.status_code == (200 if sees else 404), url
    listed = "Fiche en cours" in client.get(reverse("experiences:index")).content.decode()
    assert listed is sees


def test_related_sheets_share_themes_actors_or_place_the_largest_overlap_first(client, places):
    mobility, food = ThemeFactory(slug="mobilite"), ThemeFactory(slug="alimentation")
    actor = ActorFactory()
    sheet = ExperienceFactory(territory=places["die"], themes=[mobility, food])
    ExperienceActorFactory(experience=sheet, actor=actor)
    same_actor_and_themes = ExperienceFactory(title="Tout en commun", themes=[mobility, food],
                                              territory=places["privas"])  # fmt: skip
    ExperienceActorFactory(experience=same_actor_and_themes, actor=actor)
    ExperienceFactory(title="Même commune", territory=places["die"])
    ExperienceFactory(title="Même département", territory=places["diois"], themes=[food])
    ExperienceFactory(title="Un thème", territory=places["privas"], themes=[mobility])
    ExperienceFactory(title="Rien en commun", territory=places["privas"])
    ExperienceFactory(title="Brouillon proche", territory=places["die"], themes=[mobility],
                      status="draft")  # fmt: skip
    response = client.get(sheet.get_absolute_url())
    titles = [related.title for related in response.context["related"]]
    assert titles == ["Tout en commun", "Même commune", "Même département", "Un thème"]
    extra = ExperienceFactory(title="Encore", territory=places["die"], themes=[mobility, food])
    titles = [related.title for related in client.get(sheet.get_absolute_url()).context["related"]]
    assert len(titles) == 4 and titles[0] == "Encore" and "Un thème" not in titles
    assert extra.title in client.get(sheet.get_absolute_url()).content.decode()


def _detail_queries(client, sheet, django_assert_max_num_queries) -> int:
    cache.clear()  # the glossary terms the Markdown links are read on both requests
    with django_assert_max_num_queries(14) as captured:
        assert client.get(sheet.get_absolute_url()).status_code == 200
    return len(captured)


def test_the_sheet_page_reads_a_bounded_number_of_queries(
    client, full_sheet, django_assert_max_num_queries, grid_functions
):
    few = _detail_queries(client, full_sheet, django_assert_max_num_queries)
    for _index in range(4):
        ExperienceActorFactory(experience=full_sheet, actor=ActorFactory(
            spheres=[SphereFactory(), SphereFactory()]))  # fmt: skip
        TestimonyFactory(experience=full_sheet, sphere=SphereFactory())
        ExperienceImageFactory(experience=full_sheet)
        ExperienceDocumentFactory(experience=full_sheet)
        ExperienceLinkFactory(experience=full_sheet)
        full_sheet.themes.add(ThemeFactory())
        full_sheet.local_schemes.add(LocalSchemeFactory())
        ExperienceFactory(themes=list(full_sheet.themes.all()))
    full_sheet.grid_functions.add(grid_functions[1])
    assert _detail_queries(client, full_sheet, django_assert_max_num_queries) == few


def test_the_printable_sheet_holds_everything_and_its_address(client, full_sheet):
    long_steps = " ".join(f"étape{number}" for number in range(400))
    full_sheet.steps = long_steps
    full_sheet.save()
    content = assert_page_shows(
        client.get(reverse("experiences:print", args=[full_sheet.slug])),
        "Un garage solidaire", "Fiche en ligne : http://testserver/experiences/garage/",
        long_steps, "Les assurances", "Un élu moteur", "Centre social du Diois", "Porteur",
        "« On a appris à se parler. »", "Bilan 2023", "https://www.youtube.com/watch?v=abc",
        "1 image sur la fiche en ligne", "css/experiences.css", "data-print",
    )  # fmt: skip
    assert "<img" not in content


def test_the_print_stylesheet_fits_one_a4_page_in_two_columns():
    css = (Path(settings.BASE_DIR) / "static/css/experiences.css").read_text()
    print_rules = css[css.index("@media print") :]
    assert "size: A4" in print_rules
    assert "column-count: 2" in print_rules
    assert ".site-header" in print_rules and "display: none" in print_rules


def test_an_unknown_sheet_is_a_french_404(client):
    response = client.get(reverse("experiences:detail", args=["inconnue"]))
    assert response.status_code == 404
