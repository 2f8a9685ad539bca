"""The automated accessibility check of the browser tests: axe-core, from the npm registry
(`make install` runs `npm ci`; never committed), run in the page against the WCAG 2.1 A and AA
rules. A page fails on any serious or critical violation, each listed with its rule, its help
text and the elements' selectors."""

from pathlib import Path

AXE_SCRIPT = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
WCAG_21_AA_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
BLOCKING_IMPACTS = {"serious", "critical"}

_RUN_AXE = """async (tags) => {
  const results = await axe.run(document, { runOnly: { type: "tag", values: tags } });
  return results.violations.map((violation) => ({
    id: violation.id,
    impact: violation.impact,
    help: violation.help,
    targets: violation.nodes.map((node) => node.target.join(" ")),
  }));
}"""


def axe_violations(page) -> list[dict]:
    """Every WCAG 2.1 A/AA violation axe finds in the page as it is now."""
    # The site's Content Security Policy refuses inline scripts, so a <script> tag
    # (page.add_script_tag) would be blocked: the DevTools protocol's evaluation is not
    # subject to it, and the page's own policy stays on during the test.
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(AXE_SCRIPT.read_text(encoding="utf-8") + "\n;undefined")
    return page.evaluate(_RUN_AXE, WCAG_21_AA_TAGS)


def blocking_violations(page) -> list[dict]:
    return [v for v in axe_violations(page) if v["impact"] in BLOCKING_IMPACTS]


def describe_violations(where: str, violations: list[dict]) -> list[str]:
    return [
        f"{where} — {v['id']} ({v['impact']}) : {v['help']} → {', '.join(v['targets'][:8])}"
        for v in violations
    ]


def assert_no_serious_violation(page, where: str = "") -> None:
    problems = describe_violations(where or page.url, blocking_violations(page))
    assert not problems, "Accessibilité (axe-core) :\n" + "\n".join(problems)
