"""The words the load searches (bench/locustfile.py's SEARCH_WORDS), read without importing
locust: the probes that measure those words run in processes where locust is not loaded."""

from pathlib import Path


def load_words() -> list[str]:
    source = (Path(__file__).parent / "locustfile.py").read_text(encoding="utf-8")
    block = source.split("SEARCH_WORDS = [", 1)[1].split("]", 1)[0]
    return [line.strip().strip(",").strip('"') for line in block.splitlines() if line.strip()]
