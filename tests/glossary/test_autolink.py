"""Glossary terms linked in the texts the site renders from Markdown: the first occurrence of a
term's word, acronym or variant becomes a link to its page with its short definition beside."""

import re
from html.parser import HTMLParser

import pytest
from django.core.cache import cache
from django.template import Context, Template
from django.urls import reverse

from actors import cache as actors_cache
from actors.cache import GENERATION_KEY, bump_generation
from glossary import linking
from glossary.autolink import TermSource, build_matcher
from glossary.models import Term
from glossary.summaries import short_definition
from tests.actors.factories import ActorFactory, SphereFactory
from tests.glossary.factories import TermFactory, TermViewFactory

pytestmark = pytest.mark.django_db


class _GlossaryLinks(HTMLParser):
    """Each auto-linked term of a page: its href, the text shown and its tooltip's text."""

    def __init__(self):
        super().__init__()
        self.links: list[dict] = []
        self.tips: dict[str, str] = {}
        self._link: dict | None = None
        self._tip: str | None = None

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "a" and "glossary-link" in (attributes.get("class") or ""):
            self._link = {
                "href": attributes["href"],
                "text": "",
                "tip": attributes["aria-describedby"],
            }
            self.links.append(self._link)
        elif attributes.get("role") == "tooltip":
            self._tip = attributes["id"]
            self.tips[self._tip] = ""

    def handle_endtag(self, tag):
        if tag == "a":
            self._link = None
        elif tag == "span" and self._tip is not None:
            self._tip = None

    def handle_data(self, data):
        if self._link is not None:
            self._link["text"] += data
        if self._tip is not None:
            self.tips[self._tip] += data


def glossary_links(content: str) -> list[dict]:
    parser = _GlossaryLinks()
    parser.feed(content)
    for link in parser.links:
        link["tip"] = parser.tips.get(link["tip"])
    return parser.links


def render(text: str, excluding: Term | None = None) -> str:
    if excluding is None:
        template = Template("{% load mailleurs_tags %}{{ text|markdown }}")
    else:
        template = Template("{% load mailleurs_tags %}{{ text|markdown_excluding:term }}")
    return template.render(Context({"text": text, "term": excluding}))


def linked(text: str, excluding: Term | None = None) -> list[tuple[str, str]]:
    """(href, text shown) of each term linked in `text` rendered."""
    return [(link["href"], link["text"]) for link in glossary_links(render(text, excluding))]


@pytest.fixture
def ctg():
    return TermFactory(
        word="Convention territoriale globale",
        slug="ctg",
        acronym="CTG",
        definition="Accord signé entre la CAF et une collectivité. Il dure quatre ans.",
    )


@pytest.fixture
def pat():
    return TermFactory(word="Projet alimentaire territorial", slug="pat", acronym="PAT")


def test_only_the_first_occurrence_of_a_term_is_linked(ctg):
    found = linked(
        "La CTG du Diois.\n\nUne CTG, encore la CTG, puis la convention territoriale globale."
    )
    assert found == [("/glossaire/ctg/", "CTG")]


def test_a_link_shows_the_short_definition_beside_it(ctg):
    [link] = glossary_links(render("Notre CTG."))
    assert link["tip"] == (
        "Convention territoriale globale (CTG) : Accord signé entre la CAF et une collectivité."
    )
    html = render("Notre CTG.")
    # The acronym is spelled out, and the definition is the link's description.
    assert '<abbr title="Convention territoriale globale">CTG</abbr>' in html
    identifier = re.search(r'aria-describedby="([^"]+)"', html).group(1)
    assert f'role="tooltip" id="{identifier}"' in html


@pytest.mark.parametrize(
    "text",
    [
        "Voir [la CTG du Diois](https://exemple.fr/ctg).",
        "## La CTG du Diois",
        "#### La CTG",
        "Le sigle `CTG` en code.",
        "    CTG dans un bloc de code",
        "```\nCTG\n```",
    ],
)
def test_no_link_inside_links_headings_or_code(ctg, text):
    assert linked(text) == []


@pytest.mark.parametrize("tag", ["a", "h1", "h2", "h3", "h4", "h5", "h6", "code", "pre"])
def test_the_matcher_skips_every_heading_link_and_code_element(tag):
    matcher = build_matcher(
        [TermSource(pk=1, word="Mot", acronym="CTG", variants="", url="/g/", summary="")]
    )
    source = f'<p><{tag} class="x">la CTG <em>CTG</em></{tag}> puis</p>'
    assert matcher.link(source) == source
    assert 'href="/g/"' in matcher.link(source + "<p>la CTG</p>")


def test_linking_a_text_already_linked_changes_nothing(ctg, pat):
    once = render("La CTG et le PAT.")
    matcher = linking.current_matcher()
    assert matcher.link(once) == once
    # Not even the term's own words inside the tooltip of another term.
    assert "Convention territoriale globale (CTG) : Accord" in once


def test_a_term_after_a_link_or_a_heading_is_linked(ctg):
    found = linked("## La CTG\n\nVoir [la CTG](https://exemple.fr/) et **la CTG** signée.")
    assert found == [("/glossaire/ctg/", "CTG")]
    assert "<strong>la <span" in render(
        "## La CTG\n\nVoir [la CTG](https://exemple.fr/) et **la CTG**."
    )


@pytest.mark.parametrize(
    "text", ["Les CTGX.", "Le PATRIMOINE.", "Une patate.", "Le PAT2030.", "Un socio-PAT.", "PAT-X"]
)
def test_never_inside_a_longer_word(ctg, pat, text):
    assert linked(text) == []


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("le PAT.", "PAT"),
        ("(PAT)", "PAT"),
        ("l’PAT", "PAT"),
        ("d'PAT, ensuite", "PAT"),
        ("« PAT »", "PAT"),
    ],
)
def test_words_are_cut_at_spaces_punctuation_and_apostrophes(pat, text, shown):
    assert linked(text) == [("/glossaire/pat/", shown)]


def test_words_and_variants_match_without_accents_or_case():
    TermFactory(word="developpement local", slug="developpement-local")
    TermFactory(word="Établissement public", slug="ep", variants="intercommunalité\ninterco")
    found = linked("Le DÉVELOPPEMENT LOCAL et l’établissement public. Une INTERCOMMUNALITE.")
    assert found == [
        ("/glossaire/developpement-local/", "DÉVELOPPEMENT LOCAL"),
        ("/glossaire/ep/", "établissement public"),
    ]
    assert linked("Développement local, puis intercommunalite.") == [
        ("/glossaire/developpement-local/", "Développement local"),
        ("/glossaire/ep/", "intercommunalite"),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Les conventions territoriales globales du Diois.",  # every word in the plural
        "Deux convention territoriale globales.",  # the last one only
        "Les Conventions Territoriales Globales.",
    ],
)
def test_plurals_in_s_are_found_on_each_word(ctg, text):
    assert [href for href, _shown in linked(text)] == ["/glossaire/ctg/"]


def test_irregular_plurals_come_from_the_variants():
    TermFactory(word="Centre social", slug="centre-social", variants="centres sociaux")
    TermFactory(word="Réseau", slug="reseau")
    assert linked("Les centres sociaux et leurs réseaux.") == [
        ("/glossaire/centre-social/", "centres sociaux"),
        ("/glossaire/reseau/", "réseaux"),
    ]
    # « sociaux » is not « social » + s: without the variant, no link.
    Term.objects.filter(slug="centre-social").update(variants="")
    cache.clear()
    assert linked("Les centres sociaux.") == []


def test_an_acronym_matches_only_in_capitals(ctg, pat):
    assert linked("La ctg, la Ctg et le pat. Une patte de pat.") == []
    assert linked("La CTG et le PAT.") == [("/glossaire/ctg/", "CTG"), ("/glossaire/pat/", "PAT")]


def test_a_variant_in_capitals_is_a_sigle_too():
    TermFactory(
        word="Groupe d’action locale", slug="gal", variants="LEADER\ngroupes d’action locale"
    )
    assert linked("Un leader local.") == []
    assert linked("Le programme LEADER.") == [("/glossaire/gal/", "LEADER")]
    # The apostrophe is either one.
    assert linked("Les groupes d'action locale.") == [
        ("/glossaire/gal/", "groupes d'action locale")
    ]


def test_a_mixed_case_acronym_matches_as_written_and_in_capitals():
    TermFactory(word="Comité de pilotage", slug="copil", acronym="Copil")
    assert linked("Le Copil.") == [("/glossaire/copil/", "Copil")]
    assert linked("Le COPIL.") == [("/glossaire/copil/", "COPIL")]
    assert linked("Le copil.") == []


def test_the_longest_match_wins_where_terms_overlap():
    TermFactory(word="Développement social", slug="developpement-social")
    TermFactory(word="Développement social local", slug="dsl")
    found = linked("Le développement social local, puis le développement social.")
    assert found == [
        ("/glossaire/dsl/", "développement social local"),
        ("/glossaire/developpement-social/", "développement social"),
    ]
    # Once the longer term is linked, its later occurrences still hold their words.
    found = linked("Le développement social local. Encore le développement social local.")
    assert found == [("/glossaire/dsl/", "développement social local")]


def test_hyphens_and_spaces_are_the_same_between_the_words_of_a_term():
    TermFactory(word="Aller-vers", slug="aller-vers")
    assert linked("Une démarche d’aller vers.") == [("/glossaire/aller-vers/", "aller vers")]
    assert linked("Une démarche d’aller-vers.") == [("/glossaire/aller-vers/", "aller-vers")]


def test_the_term_of_the_page_is_not_linked_to_itself(ctg, pat):
    text = "La CTG et le PAT se croisent."
    assert linked(text, excluding=ctg) == [("/glossaire/pat/", "PAT")]
    assert linked(text) == [("/glossaire/ctg/", "CTG"), ("/glossaire/pat/", "PAT")]


def test_the_term_page_links_other_terms_but_not_itself(client, ctg, pat):
    ctg.definition = "Signée par la CAF, la CTG peut porter un PAT."
    ctg.save()
    TermViewFactory(term=ctg, sphere=SphereFactory(), text="Pour nous, la CTG et le PAT.")
    page = client.get(ctg.get_absolute_url()).content.decode()
    hrefs = [link["href"] for link in glossary_links(page)]
    assert hrefs == ["/glossaire/pat/", "/glossaire/pat/"]  # the definition, then the view


def test_the_definition_and_the_word_are_escaped():
    TermFactory(
        word='Mot "entre" <guillemets>',
        slug="mot",
        acronym="MEG",
        definition='Une <script>alert("x")</script> définition & des "guillemets" <b>gras</b>.',
    )
    html = render("Le MEG.")
    assert "<script" not in html and "<b>" not in html and "<guillemets>" not in html
    assert 'title="Mot &quot;entre&quot; &lt;guillemets&gt;"' in html
    [link] = glossary_links(html)
    assert link["tip"] == 'Mot "entre" <guillemets> (MEG) : Une définition & des "guillemets" gras.'


def test_the_author_text_around_a_term_stays_escaped(ctg):
    html = render("1 < 2 & la CTG > 3")
    assert "1 &lt; 2 &amp; la <span" in html
    assert "</span> &gt; 3" in html


def test_short_definitions_keep_the_first_sentence_within_200_characters():
    assert short_definition("Une phrase. Une autre.") == "Une phrase."
    assert short_definition("Le *mot* et [un lien](https://exemple.fr).\n\n- liste") == (
        "Le mot et un lien."
    )
    long = short_definition(" ".join(["mot"] * 100))
    assert len(long) <= 200 and long.endswith("mot…")


def test_ids_are_unique_on_a_page_of_several_texts(client, glossary):
    page = client.get(reverse("glossary:print")).content.decode()
    ids = re.findall(r'\bid="([^"]+)"', page)
    assert len(glossary_links(page)) > 5
    assert len(ids) == len(set(ids))


def test_a_new_or_renamed_term_is_linked_at_the_next_render(ctg):
    text = "Le PAT et le projet de territoire, puis la CTG."
    assert linked(text) == [("/glossaire/ctg/", "CTG")]

    pat = Term(word="Projet alimentaire territorial", slug="pat", acronym="PAT")
    pat.definition, pat.category = "Une démarche.", Term.Category.SCHEME
    pat.save()
    assert linked(text) == [("/glossaire/pat/", "PAT"), ("/glossaire/ctg/", "CTG")]

    pat.word, pat.acronym = "Projet de territoire", ""
    pat.save()
    assert linked(text) == [("/glossaire/pat/", "projet de territoire"), ("/glossaire/ctg/", "CTG")]

    pat.delete()
    assert linked(text) == [("/glossaire/ctg/", "CTG")]


def test_writing_a_term_or_a_view_moves_the_generation_on(ctg):
    before = cache.get(GENERATION_KEY)
    view = TermViewFactory(term=ctg)
    after_view = cache.get(GENERATION_KEY)
    view.delete()
    assert before != after_view != cache.get(GENERATION_KEY)


def test_a_write_moves_the_generation_on_again_once_committed(
    ctg, django_capture_on_commit_callbacks
):
    # Another process may read the terms between the write and the commit.
    with django_capture_on_commit_callbacks(execute=True):
        ctg.save()
        during = cache.get(GENERATION_KEY)
    assert cache.get(GENERATION_KEY) != during


def test_a_warm_render_reads_neither_the_database_nor_the_shared_terms(
    ctg, django_assert_num_queries, monkeypatch
):
    render("La CTG.")

    def shared_terms(*args, **kwargs):
        raise AssertionError("terms read again while the generation has not moved")

    monkeypatch.setattr(linking, "cached", shared_terms)
    with django_assert_num_queries(0):
        assert linked("Encore la CTG.") == [("/glossaire/ctg/", "CTG")]


def test_another_write_reads_the_terms_once_and_keeps_the_matcher(ctg, django_assert_num_queries):
    render("La CTG.")
    built = linking.current_matcher()
    bump_generation()  # an actor saved, say: the terms have not changed
    with django_assert_num_queries(1):
        render("La CTG.")
        render("La CTG.")
    assert linking.current_matcher() is built


def test_a_page_reads_the_generation_once_whatever_its_texts(client, glossary, monkeypatch):
    client.get(reverse("glossary:print"))  # warm: terms read and matcher built
    reads = []
    original = actors_cache._shared_generation
    monkeypatch.setattr(actors_cache, "_shared_generation", lambda: reads.append(1) or original())
    page = client.get(reverse("glossary:print")).content.decode()
    assert page.count('class="prose"') > 20
    assert len(reads) == 1


def test_an_emptied_cache_never_brings_back_an_old_matcher(ctg):
    assert linked("La CTG.") == [("/glossaire/ctg/", "CTG")]
    # As between two tests, or after a restart of the cache: terms gone without any signal.
    Term.objects.all()._raw_delete(Term.objects.db)
    cache.clear()
    bump_generation()  # another write starts a new generation
    assert linked("La CTG.") == []


def test_a_fiche_description_links_to_the_glossary(client, ctg):
    actor = ActorFactory(description="Nous portons la **CTG** du Diois avec la CAF.")
    page = client.get(actor.get_absolute_url()).content.decode()
    [link] = glossary_links(page)
    assert link["href"] == reverse("glossary:term", kwargs={"slug": "ctg"}) == "/glossaire/ctg/"
    assert link["text"] == "CTG"
    assert link["tip"].startswith("Convention territoriale globale (CTG) : Accord signé")


def test_the_markdown_preview_links_terms_too(client, member, ctg):
    client.force_login(member)
    response = client.post(reverse("actors:markdown_preview"), {"texte": "La CTG."})
    assert [link["href"] for link in glossary_links(response.json()["html"])] == ["/glossaire/ctg/"]


def test_an_actors_missions_link_terms_and_keep_their_lines(client, glossary):
    actor = ActorFactory(missions="Animer la CTG avec la <b>CAF</b>.\nAccueillir les familles.")
    page = client.get(actor.get_absolute_url()).content.decode()
    missions = page.split("Missions", 1)[1].split("</section>", 1)[0]
    assert 'href="/glossaire/ctg/"' in missions
    assert "<b>" not in missions and "&lt;b&gt;" in missions  # the author's tags are text
    assert "\nAccueillir les familles." in missions
