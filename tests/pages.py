"""Checking a page the test client fetched: its status, then the texts it must show."""

from html.parser import HTMLParser


def assert_page_shows(response, *texts: str, status: int = 200) -> str:
    """Fail unless the response has ``status`` and holds every one of ``texts``; return the
    page's text for further checks."""
    content = response.content.decode()
    assert response.status_code == status, f"statut {response.status_code}, attendu {status}"
    missing = [text for text in texts if text not in content]
    assert not missing, f"absent de la page : {missing}"
    return content


class _Rows(HTMLParser):
    def __init__(self):
        super().__init__()
        self.rows: list[list[str]] = []
        self.cell: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        if tag == "tr":
            self.rows.append([])
        elif tag in ("td", "th") and self.rows:
            self.cell = []

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self.cell is not None:
            self.rows[-1].append(" ".join("".join(self.cell).split()))
            self.cell = None

    def handle_data(self, data):
        if self.cell is not None:
            self.cell.append(data)


def table_rows(content: str) -> list[list[str]]:
    """The text of each cell, row by row, of every table of the page (spaces collapsed)."""
    parser = _Rows()
    parser.feed(content)
    return [row for row in parser.rows if row]
