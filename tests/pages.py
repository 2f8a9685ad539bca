"""Checking a page the test client fetched: its status, then the texts it must show."""


def assert_page_shows(response, *texts: str, status: int = 200) -> str:
    """Fail unless the response has ``status`` and holds every one of ``texts``; return the
    page's text for further checks."""
    content = response.content.decode()
    assert response.status_code == status, f"statut {response.status_code}, attendu {status}"
    missing = [text for text in texts if text not in content]
    assert not missing, f"absent de la page : {missing}"
    return content
