"""Later measurement "autolink": glossary terms linked in the texts rendered from Markdown, 500
synthetic terms against a French text of 5,000 words (bench/autolink_probe.py, its own
process). Needs neither the benchmark's database nor its server: BENCH_ONLY=autolink runs it
alone in a few seconds."""

from __future__ import annotations

from config import Bench, env_int
from harness import last_json_line, log, run_python

# A render links every text of a page: a few milliseconds at most for the longest text. Judged
# on CPU time: on a machine shared with other work the wall clock measures the others too.
TARGET_MS = 10


def measure_autolink(bench: Bench) -> list[str]:
    terms = env_int("BENCH_AUTOLINK_TERMS", 500)
    words = env_int("BENCH_AUTOLINK_WORDS", 5000)
    log(f"glossaire : {terms} termes liés dans un texte de {words} mots")
    result = run_python(
        bench.config,
        "bench/autolink_probe.py",
        "--terms",
        str(terms),
        "--words",
        str(words),
        capture=True,
    )
    row = last_json_line(result.stdout)
    verdict = "OK" if row["link_cpu_ms"] <= TARGET_MS else "KO"
    return [
        "",
        f"Liens du glossaire : {row['terms']} termes de synthèse, texte Markdown de "
        f"{row['words']} mots ({row['html_kb']} Ko de HTML), {row['links']} termes liés ; "
        f"médianes sur {row['runs']} rendus (charge de la machine : {row['load_average']}).",
        "",
        "| mesure | ms (horloge) | ms (CPU) | objectif |",
        "|---|--:|--:|---|",
        f"| construction du repère (à froid : définitions courtes, arbre des mots) "
        f"| {row['build_ms']} | {row['build_cpu_ms']} | |",
        f"| liens posés dans le texte rendu, par rendu | {row['link_ms']} | {row['link_cpu_ms']} "
        f"| ≤ {TARGET_MS} ms de CPU {verdict} |",
        f"| rendu Markdown + nh3 seul, pour comparer | {row['markdown_ms']} "
        f"| {row['markdown_cpu_ms']} | |",
    ]
