"""A NUL character in a query string or a form is refused with a French 400 before any view:
PostgreSQL refuses it in any string, so a view reading the parameter itself would fail."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from actors.models import StructureMembership
from tests.actors.factories import ActorFactory
from tests.pages import assert_page_shows

pytestmark = pytest.mark.django_db

REFUSED = "La demande contient un caractère nul"


@pytest.mark.parametrize(
    ("url_name", "query"),
    [("actors:actors_autocomplete", {"q": "ab\x00c"}), ("actors:communes_autocomplete",
     {"q": "di\x00e"}), ("actors:actor_list", {"q\x00": "x"})],
)  # fmt: skip
def test_a_query_string_with_nul_is_refused(client, url_name, query):
    assert_page_shows(client.get(reverse(url_name), query), REFUSED, status=400)


def test_a_form_with_nul_is_refused_and_nothing_is_written(client, member):
    actor = ActorFactory()
    client.force_login(member)
    url = reverse("actors:structure_join", kwargs={"slug": actor.slug})
    assert_page_shows(client.post(url, {"message": "Bonjour\x00"}), REFUSED, status=400)
    assert not StructureMembership.objects.exists()
    assert client.post(url, {"message": "Bonjour"}).status_code == 302


def test_uploaded_files_are_not_looked_at(client, staff_user):
    client.force_login(staff_user)
    upload = SimpleUploadedFile("a.xlsx", b"PK\x03\x04\x00\x00 pas un classeur")
    response = client.post(reverse("actors:import_start"), {"kind": "acteurs", "file": upload})
    assert REFUSED not in response.content.decode()
    assert response.status_code == 400  # the import page's own message about the file
