"""The automated accessibility check (axe-core, WCAG 2.1 A and AA) on the site's main pages, on
a desktop screen and on a phone: no serious or critical violation, and on a phone no page wider
than the screen. One walk per screen size collects every page's problems before failing, so
that a failure lists them all."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from actors.models import Actor, Sphere, Theme
from actors.reference_data.loader import load_vocabularies, read_json
from glossary.models import Term
from glossary.services import load_glossary
from mailleurs.grid.reference_data import load_grid_version
from tests.actors.factories import ActorFactory, CommuneFactory, EpciFactory, RelationFactory
from tests.e2e.accessibility import blocking_violations, describe_violations
from tests.experiences.factories import ExperienceActorFactory, ExperienceFactory
from tests.glossary.conftest import FIXTURES, glossary_data
from tests.grid.helpers import grid_v1_data

pytestmark = pytest.mark.django_db(transaction=True)

DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 390, "height": 844}


@pytest.fixture
def demo_site(db):
    """A small site with one of everything the main pages show: vocabularies, glossary, grid,
    two related fiches in Die (one citing a glossary term) and an experience sheet."""
    load_vocabularies(read_json(FIXTURES / "vocabularies.json"))
    load_glossary(glossary_data())
    load_grid_version(grid_v1_data())
    die = CommuneFactory(name="Die", code="26113", key="26113", epci=EpciFactory())
    mobility = Theme.objects.get(slug="mobilite")
    fiche = ActorFactory(
        name="Centre social du Diois",
        slug="centre-social-du-diois",
        commune=die,
        spheres=[Sphere.objects.get(slug="action-sociale")],
        themes=[mobility],
        description="Nous animons la CTG du territoire avec la CAF et les communes.",
        latitude=44.753,
        longitude=5.370,
    )
    partner = ActorFactory(
        name="Mission locale du Diois",
        commune=die,
        spheres=[Sphere.objects.get(slug="developpement-local")],
        themes=[mobility],
    )
    RelationFactory(source=fiche, target=partner)
    sheet = ExperienceFactory(title="Un transport solidaire dans le Diois", territory=die)
    ExperienceActorFactory(experience=sheet, actor=fiche)
    return {"fiche": fiche, "die": die, "sheet": sheet, "term": Term.objects.first()}


def public_pages(site) -> dict[str, str]:
    """The main pages a visitor reaches, by name."""
    departement = site["die"].departement
    return {
        "accueil": reverse("home"),
        "annuaire (recherche et filtres)": reverse("actors:actor_list")
        + "?q=diois&sphere=action-sociale&theme=mobilite",
        "fiche": site["fiche"].get_absolute_url(),
        "carte": reverse("actors:map"),
        "territoire (département)": departement.get_absolute_url(),
        "territoire (commune)": site["die"].get_absolute_url(),
        "maillage": reverse("actors:maillage") + f"?territoire={departement.code}",
        "glossaire": reverse("glossary:index"),
        "terme du glossaire": site["term"].get_absolute_url(),
        "expériences": reverse("experiences:index"),
        "fiche expérience": site["sheet"].get_absolute_url(),
        "grille (référence)": reverse("grid:reference"),
        "connexion": reverse("accounts:login"),
    }


def member_pages(site) -> dict[str, str]:
    return {
        "nouvelle fiche (membre)": reverse("actors:actor_create"),
        "modifier une fiche (membre)": reverse(
            "actors:actor_edit", kwargs={"slug": site["fiche"].slug}
        ),
    }


def problems_of(page, name: str, url: str) -> list[str]:
    """The page's serious or critical axe violations, and on a narrow screen its overflow."""
    page.goto(url)
    page.wait_for_load_state("networkidle")
    problems = describe_violations(f"{name} ({url})", blocking_violations(page))
    width = page.viewport_size["width"]
    scroll_width = page.evaluate("document.documentElement.scrollWidth")
    if width < 500 and scroll_width > width:
        problems.append(f"{name} ({url}) — page large de {scroll_width} px sur un écran de {width}")
    return problems


@pytest.mark.parametrize("screen", [DESKTOP, PHONE], ids=["ordinateur", "téléphone"])
def test_main_pages_have_no_serious_accessibility_violation(
    page, sign_in, axe_available, demo_site, member, screen
):
    page.set_viewport_size(screen)
    problems = []
    for name, url in public_pages(demo_site).items():
        problems += problems_of(page, name, url)
    sign_in("membre")
    for name, url in member_pages(demo_site).items():
        problems += problems_of(page, name, url)
    assert not problems, "Accessibilité (axe-core, WCAG 2.1 A/AA) :\n" + "\n".join(problems)


def test_map_markers_differ_by_shape_not_only_by_colour(page, demo_site):
    """The two fiches' spheres (action sociale, développement local) are drawn as a circle and
    a square outlined in ink, as the legend shows them."""
    lyon = CommuneFactory(name="Lyon", code="69123", key="69123", latitude=45.76, longitude=4.84)
    Actor.objects.filter(name="Mission locale du Diois").update(
        commune=lyon, latitude=45.76, longitude=4.84
    )
    page.goto(reverse("actors:map"))
    markers = page.locator("#carte .map-pin")
    expect(markers).to_have_count(2)
    for shape in ("circle", "square"):
        marker = page.locator(f"#carte .map-pin-{shape}")
        expect(marker).to_be_visible()
        expect(marker.locator("svg path")).to_have_attribute("stroke", "#1c2430")
        expect(page.locator(f".map-legend li[data-shape='{shape}'] svg")).to_be_visible()
