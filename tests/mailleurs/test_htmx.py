"""Pages answering htmx with a fragment go through mailleurs.htmx, which says so in `Vary`
(the directory's test checks the headers: tests/actors/directory/test_directory.py)."""

from pathlib import Path

from django.conf import settings

ROOT = Path(settings.BASE_DIR)


def test_no_view_reads_request_htmx_itself():
    # A view choosing its template on `request.htmx` must use render_page_or_fragment, or its
    # response would not vary with HX-Request.
    readers = [
        str(path.relative_to(ROOT))
        for folder in ("actors", "mailleurs", "glossary", "experiences")
        for path in (ROOT / folder).rglob("*.py")
        if "request.htmx" in path.read_text(encoding="utf-8")
        and path != ROOT / "mailleurs" / "htmx.py"
    ]
    assert readers == []
