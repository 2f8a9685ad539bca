"""Glossary terms linked in a long text, in its own process, without database nor server.

    python bench/autolink_probe.py [--terms 500] [--words 5000] [--runs 50]

1. `--terms` synthetic terms (seed 1) of the glossary's shape: multi-word French
   words, one in three with an acronym, some with variants, a definition of two sentences.
2. A French text of `--words` words in Markdown (headings, lists, links, code), about
   one word in twelve belonging to a term, rendered and sanitised once (mailleurs.markdown).
3. The matcher is built from the terms as the site builds it (glossary.linking.matcher_of:
   short definitions, trie), cold: for the first time in this process, once the URLconf and
   Markdown are loaded as in a serving process; then the rendered text is linked
   `--runs` times after a warm-up; the median times (wall clock and CPU) are kept, beside
   those of Markdown rendering alone.
Prints one JSON line."""

import argparse
import json
import os
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mailleurs.settings")

import django  # noqa: E402

django.setup()

from django.urls import reverse  # noqa: E402
from django.utils.text import slugify  # noqa: E402

from glossary.linking import matcher_of  # noqa: E402
from mailleurs.markdown import render_markdown  # noqa: E402


def vocabulary(text: str) -> list[str]:
    return text.split()


NOUNS = vocabulary(
    """
    accompagnement accueil action agriculture aide alimentation animation association atelier
    autonomie besoin bénévolat budget centre charte cohésion collectif comité commune conseil
    contrat convention coopération culture démarche diagnostic dispositif droit économie
    éducation emploi énergie enfance engagement équipement espace évaluation famille filière
    financement formation fonds forum gouvernance habitat habitant handicap hébergement
    insertion instance jeunesse logement maison médiation mobilité numérique observatoire
    parcours partenariat patrimoine pôle politique prévention programme projet quartier réseau
    ressource santé schéma service solidarité stratégie structure territoire transition
    transport village vie
    """
)
ADJECTIVES = vocabulary(
    """
    agricole alimentaire associatif citoyen collectif communal culturel départemental durable
    économique éducatif européen familial intercommunal local médical mobile national numérique
    partagé participatif public régional rural social solidaire sportif territorial touristique
    """
)
LINKS = ("de", "du", "pour", "des")
FILLER = vocabulary(
    """
    le la les un une des et ou pour avec dans sur par entre chaque notre leur cette ces qui que
    dont afin aussi plus moins très bien depuis avant après pendant ensemble toujours souvent
    parfois ainsi donc mais car nous vous elles ils on fait mène porte soutient réunit
    accompagne anime propose développe construit renforce année mois semaine personnes acteurs
    partenaires élus techniciens bénévoles salariés communes villages vallée
    """
)


def synthetic_terms(count: int, rng: random.Random) -> list[tuple]:
    """Rows as glossary.linking.term_rows returns them: pk, word, slug, acronym, variants,
    definition."""
    rows, words = [], set()
    while len(rows) < count:
        noun, adjective = rng.choice(NOUNS), rng.choice(ADJECTIVES)
        if rng.random() < 0.3:
            word = f"{noun} {rng.choice(LINKS)} {rng.choice(NOUNS)} {adjective}"
        else:
            word = f"{noun} {adjective}"
        word = word[0].upper() + word[1:]
        if word in words:
            continue
        words.add(word)
        acronym = ""
        if len(rows) % 3 == 0:
            acronym = "".join(rng.choice("ABCDEFGHIJKLMNOPRSTUV") for _ in range(rng.randint(3, 5)))
        variants = f"{word.lower()}s" if rng.random() < 0.3 else ""
        definition = (
            f"{word} : {' '.join(rng.choices(FILLER + NOUNS, k=25))}. "
            f"{' '.join(rng.choices(FILLER, k=12)).capitalize()}."
        )
        rows.append((len(rows) + 1, word, slugify(word), acronym, variants, definition))
    return rows


def synthetic_text(words: int, rows: list[tuple], rng: random.Random) -> str:
    """Markdown of `words` words: paragraphs, a heading every eighth, lists, links and code."""
    written, blocks, paragraph = 0, [], []
    while written < words:
        if rng.random() < 0.08:
            pk, word, slug, acronym, variants, definition = rng.choice(rows)
            piece = acronym if acronym and rng.random() < 0.5 else word.lower()
        else:
            piece = rng.choice(FILLER + NOUNS + ADJECTIVES)
        paragraph.append(piece)
        written += len(piece.split())
        if len(paragraph) >= 80:
            text = " ".join(paragraph)
            shape = len(blocks) % 8
            if shape == 0:
                blocks.append(f"## {' '.join(paragraph[:6]).capitalize()}")
                text = " ".join(paragraph[6:])
            if shape == 3:
                blocks.append("\n".join(f"- {' '.join(paragraph[i : i + 10])}" for i in (0, 10)))
                text = " ".join(paragraph[20:])
            if shape == 5:
                text = (
                    f"[{paragraph[0]} {paragraph[1]}](https://exemple.fr/) `{paragraph[2]}` {text}"
                )
            blocks.append(text.capitalize() + ".")
            paragraph = []
    blocks.append(" ".join(paragraph) + ".")
    return "\n\n".join(blocks)


def median_ms(action, runs: int) -> tuple[float, float]:
    """Median wall-clock and CPU milliseconds (the CPU time is steadier when other processes
    share the cores)."""
    action()  # warm-up
    wall, cpu = [], []
    for _run in range(runs):
        started, started_cpu = time.perf_counter(), time.process_time()
        action()
        wall.append((time.perf_counter() - started) * 1000)
        cpu.append((time.process_time() - started_cpu) * 1000)
    return round(statistics.median(wall), 2), round(statistics.median(cpu), 2)


def measure(terms: int, words: int, runs: int) -> dict:
    rng = random.Random(1)
    rows = synthetic_terms(terms, rng)
    source = synthetic_text(words, rows, rng)
    rendered = str(render_markdown(source))
    # What a serving process has loaded before its first page (URLconf, Markdown): not the
    # matcher's cost.
    reverse("glossary:index")

    started, started_cpu = time.perf_counter(), time.process_time()
    matcher = matcher_of(rows)
    build_ms = (time.perf_counter() - started) * 1000
    build_cpu_ms = (time.process_time() - started_cpu) * 1000

    linked = matcher.link(rendered)
    link_ms, link_cpu_ms = median_ms(lambda: matcher.link(rendered), runs)
    markdown_ms, markdown_cpu_ms = median_ms(lambda: render_markdown(source), runs)
    return {
        "terms": len(matcher),
        "words": len(source.split()),
        "html_kb": round(len(rendered) / 1024, 1),
        "links": linked.count('class="glossary-link"'),
        "build_ms": round(build_ms, 1),
        "build_cpu_ms": round(build_cpu_ms, 1),
        "runs": runs,
        "link_ms": link_ms,
        "link_cpu_ms": link_cpu_ms,
        "markdown_ms": markdown_ms,
        "markdown_cpu_ms": markdown_cpu_ms,
        "load_average": round(os.getloadavg()[0], 2),
    }


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--terms", type=int, default=500)
    parser.add_argument("--words", type=int, default=5000)
    parser.add_argument("--runs", type=int, default=50)
    arguments = parser.parse_args()
    print(json.dumps(measure(arguments.terms, arguments.words, arguments.runs)))
