import pytest
from django.contrib.auth.models import AnonymousUser
from django.core import mail
from django.urls import reverse

from actors.models import LocalScheme, Scheme
from mailleurs import views
from tests.actors.factories import ActorFactory, LocalSchemeFactory, SchemeFactory
from tests.pages import assert_page_shows

pytestmark = pytest.mark.django_db


def test_home_shows_search_box_and_figures_from_the_database(client):
    ActorFactory(name="Centre social du Diois")
    ActorFactory(status="draft")
    assert_page_shows(
        client.get(reverse("home")),
        '<html lang="fr">',
        ">Quoi ?</label>",
        ">Où ?</label>",
        "<strong>1</strong> acteurs",
        "Centre social du Diois",
        'href="#contenu"',
    )


def test_home_figures_and_latest_fiches_follow_each_change(client):
    """They are kept until the directory changes: a fiche published, a scheme or a local scheme
    added shows at once."""
    ActorFactory(name="Centre social du Diois")
    draft = ActorFactory(name="Foyer rural de Luc", status="draft")
    evs = SchemeFactory(name="Espace de vie sociale")
    assert "<strong>1</strong> acteurs" in client.get(reverse("home")).content.decode()
    draft.status = "published"
    draft.save()
    SchemeFactory(name="Convention territoriale globale")
    assert "<strong>2</strong> acteurs" in client.get(reverse("home")).content.decode()
    LocalSchemeFactory(name="EVS du Haut-Diois", scheme=evs)
    assert_page_shows(
        client.get(reverse("home")),
        "<strong>2</strong> acteurs",
        f"<strong>{Scheme.objects.count()}</strong> dispositifs décrits",
        f"<strong>{LocalScheme.objects.count()}</strong> dispositifs locaux",
        "Foyer rural de Luc",
    )


def test_navigation_links_only_to_existing_pages(client):
    content = client.get(reverse("home")).content.decode()
    assert f'href="{reverse("actors:actor_list")}"' in content
    assert f'href="{reverse("actors:scheme_list")}"' in content
    for url in ["/acteurs/", "/dispositifs/"]:
        assert client.get(url).status_code == 200


def test_global_search_groups_actors_and_schemes(client):
    ActorFactory(name="Convention des familles du Diois")
    SchemeFactory()
    content = client.get(reverse("search"), {"q": "convention"}).content.decode()
    assert "Convention des familles du Diois" in content
    assert "Convention territoriale globale (CTG)" in content


def test_admin_redirects_visitors_to_sign_in(client):
    response = client.get("/admin/")
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_admin_is_in_french_for_staff(client, staff_user):
    client.force_login(staff_user)
    assert_page_shows(client.get("/admin/"), "Mailleurs — administration")


def test_sign_in_page_is_french_and_rejects_a_bad_password(client, member):
    page = client.get(reverse("accounts:login"))
    assert "Connexion" in page.content.decode()
    response = client.post(reverse("accounts:login"), {"username": "membre", "password": "mauvais"})
    assert_page_shows(response, "Identifiant ou mot de passe incorrect")


def test_sign_in_and_sign_out(client, member):
    response = client.post(
        reverse("accounts:login"), {"username": "membre", "password": "motdepasse-test"}
    )
    assert response.status_code == 302
    assert client.get(reverse("home")).context["user"].is_authenticated
    client.post(reverse("accounts:logout"))
    assert not client.get(reverse("home")).context["user"].is_authenticated


def test_login_is_throttled_after_repeated_failures(client, member):
    for _ in range(5):
        client.post(reverse("accounts:login"), {"username": "membre", "password": "non"})
    response = client.post(
        reverse("accounts:login"), {"username": "membre", "password": "motdepasse-test"}
    )
    assert_page_shows(response, "Trop de tentatives", status=429)


def test_password_reset_sends_a_french_email(client, member):
    response = client.post(reverse("accounts:password_reset"), {"email": member.email})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    assert "nouveau mot de passe" in mail.outbox[0].subject
    assert "/comptes/mot-de-passe/nouveau/" in mail.outbox[0].body


def test_pages_send_a_content_security_policy_that_blocks_inline_scripts(client):
    response = client.get(reverse("home"))
    directives = dict(
        part.strip().split(" ", 1) for part in response["Content-Security-Policy"].split(";")
    )
    assert "'unsafe-inline'" not in directives["script-src"]
    assert directives["object-src"] == "'none'"
    assert directives["frame-ancestors"] == "'none'"


def test_error_pages_are_in_french(rf):
    server_error = views.server_error(rf.get("/"))
    assert server_error.status_code == 500
    assert "Une erreur est survenue" in server_error.content.decode()
    request = rf.get("/")
    request.user = AnonymousUser()
    denied = views.permission_denied(request)
    assert denied.status_code == 403
    assert "Accès refusé" in denied.content.decode()
