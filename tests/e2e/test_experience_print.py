"""The printable experience sheet: a full sheet prints on one A4 page, nothing cut."""

import re
from datetime import date

import pytest
from django.urls import reverse

from tests.actors.factories import ActorFactory, SchemeFactory, ThemeFactory
from tests.experiences.factories import (
    ExperienceActorFactory,
    ExperienceDocumentFactory,
    ExperienceFactory,
    ExperienceLinkFactory,
    TestimonyFactory,
)

pytestmark = pytest.mark.django_db(transaction=True)

SENTENCE = "Les habitants, la commune et le centre social ont appris à travailler ensemble. "


def _words(count: int) -> str:
    text = SENTENCE * (count // 12 + 1)
    return " ".join(text.split()[:count]) + "."


def _full_sheet():
    """A sheet as long as the working group's longest ones: about 700 words."""
    sheet = ExperienceFactory(
        title="Un garage solidaire pour que les jeunes du Diois passent le permis",
        slug="garage", started_on=date(2021, 3, 1), ended_on=date(2023, 6, 30),
        summary=_words(70), need=_words(90), steps="\n".join(f"{n}. {_words(25)}" for n in
                                                             range(1, 6)),
        results=_words(80), conditions=_words(60), cost="12 000 € par an",
        funding="CAF (CTG), commune de Die, fondation d’entreprise",
        levers="\n".join(_words(10) for _n in range(4)),
        blockers="\n".join(_words(10) for _n in range(3)),
        themes=[ThemeFactory(name="Mobilité"), ThemeFactory(name="Jeunesse")],
        schemes=[SchemeFactory()], is_illustrative=True,
    )  # fmt: skip
    for role in ("porteur", "partenaire", "financeur", "partenaire"):
        ExperienceActorFactory(experience=sheet, actor=ActorFactory(), role=role,
                               phases=["emergence", "mise-en-oeuvre"])  # fmt: skip
    for _n in range(2):
        TestimonyFactory(experience=sheet, quote=_words(35), speaker_role="animatrice famille")
    ExperienceDocumentFactory(experience=sheet)
    ExperienceLinkFactory(experience=sheet)
    return sheet


def test_a_full_sheet_prints_on_one_a4_page(page):
    sheet = _full_sheet()
    page.goto(reverse("experiences:print", args=[sheet.slug]))
    page.emulate_media(media="print")
    assert page.locator(".sheet-print-footer").is_visible()
    assert not page.locator(".site-header").is_visible()
    pdf = page.pdf(format="A4", prefer_css_page_size=True)
    pages = len(re.findall(rb"/Type\s*/Page[^s]", pdf))
    assert pages == 1, f"{pages} pages"
