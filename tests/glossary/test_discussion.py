"""The discussion under a term: members read and write, visitors see how many messages there
are; moderators hide (with a reason) and show again, an author hides their own; bad input gets
a French message and writes nothing; a new message is e-mailed to the term's contributors and
the discussion's earlier participants, once each."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from glossary import notifications
from glossary.contributors import term_contributors
from glossary.discussion import services
from glossary.discussion.models import BODY_MAX_LENGTH, TermComment
from glossary.models import TermView
from mailleurs.roles import MEMBER, sync_role_groups
from tests.actors.factories import SphereFactory
from tests.glossary.factories import TermCommentFactory, TermFactory

pytestmark = pytest.mark.django_db

PLACEHOLDER = "Message masqué par la modération"


@pytest.fixture
def term(db):
    return TermFactory(word="Maillage", slug="maillage")


@pytest.fixture
def account(django_user_model):
    """A new account, a member unless told otherwise (`role=None`: an account without role)."""

    def make(username: str, *, role: str | None = MEMBER, **extra):
        extra.setdefault("email", f"{username}@example.org")
        user = django_user_model.objects.create_user(
            username=username, password="x-y-z-123", **extra
        )
        if role:
            sync_role_groups()
            user.groups.add(Group.objects.get(name=role))
        return user

    return make


def _page(client, term) -> str:
    response = client.get(term.get_absolute_url())
    assert response.status_code == 200
    return response.content.decode()


def _post(client, term, **data):
    return client.post(reverse("glossary:comment_post", kwargs={"slug": term.slug}), data)


def _hide(client, comment, **data):
    url = reverse("glossary:comment_hide", kwargs={"slug": comment.term.slug, "pk": comment.pk})
    return client.post(url, data)


def _show(client, comment):
    url = reverse("glossary:comment_show", kwargs={"slug": comment.term.slug, "pk": comment.pk})
    return client.post(url)


def _back_to_discussion(response, term) -> bool:
    return response.status_code == 302 and response["Location"] == (
        f"{term.get_absolute_url()}#discussion"
    )


# --- reading ---------------------------------------------------------------------------------


def test_a_visitor_sees_how_many_messages_and_is_invited_to_sign_in(client, term, member):
    TermCommentFactory(term=term, author=member, body="Relier les projets entre eux")
    TermCommentFactory(term=term, author=member, body="Un réseau de personnes")
    TermCommentFactory(term=term, author=member, body="Caché", hidden_at=timezone.now())
    page = _page(client, term)
    assert 'id="discussion"' in page
    assert "2 messages dans la discussion" in page
    login = reverse("accounts:login")
    assert f'href="{login}?next=/glossaire/maillage/%23discussion"' in page
    assert "Relier les projets" not in page and "Un réseau de personnes" not in page
    assert 'name="message"' not in page


def test_an_account_without_role_sees_only_the_count(client, term, member, account):
    TermCommentFactory(term=term, author=member, body="Relier les projets entre eux")
    client.force_login(account("sans-role", role=None))
    page = _page(client, term)
    assert "1 message dans la discussion" in page
    assert "réservée aux membres du réseau" in page
    assert "Relier les projets" not in page and 'name="message"' not in page


def test_a_member_reads_the_messages_oldest_first_with_author_sphere_and_date(
    client, term, member, account
):
    sphere = SphereFactory(name="Élus")
    other = account("claire", first_name="Claire", last_name="Martin")
    first = TermCommentFactory(term=term, author=other, sphere=sphere, body="D’abord\nensuite")
    TermCommentFactory(term=term, author=member, body="Puis ma réponse")
    TermComment.objects.filter(pk=first.pk).update(created_at=timezone.now() - timedelta(days=1))
    client.force_login(member)
    page = _page(client, term)
    assert page.index("D’abord\nensuite") < page.index("Puis ma réponse")
    assert "Claire Martin" in page and "depuis la sphère Élus" in page
    assert f'<li id="message-{first.pk}"' in page and "<time datetime=" in page
    assert '<label for="id_message">Votre message</label>' in page
    assert 'maxlength="2000"' in page


def test_the_term_page_costs_the_same_queries_with_20_messages(
    client, term, member, account, django_assert_max_num_queries
):
    client.force_login(member)
    authors = [account(f"membre-{n}") for n in range(4)]
    spheres = [SphereFactory(), SphereFactory()]
    TermCommentFactory(term=term, author=authors[0], sphere=spheres[0])
    with django_assert_max_num_queries(12) as few:
        _page(client, term)
    for n in range(19):
        TermCommentFactory(
            term=term,
            author=authors[n % 4],
            sphere=spheres[n % 2],
            hidden_by=authors[0] if n % 5 == 0 else None,
            hidden_at=timezone.now() if n % 5 == 0 else None,
        )
    with django_assert_max_num_queries(12) as many:
        page = _page(client, term)
    assert page.count('<li id="message-') == 20
    assert len(many.captured_queries) == len(few.captured_queries)


# --- writing ---------------------------------------------------------------------------------


def test_a_member_posts_a_message_from_a_sphere(client, term, member):
    sphere = SphereFactory(slug="tetes-de-reseau", name="Têtes de réseau")
    client.force_login(member)
    response = _post(client, term, message="  Pour nous,\r\nc’est relier.  ", sphere=sphere.slug)
    assert _back_to_discussion(response, term)
    comment = TermComment.objects.get()
    assert (comment.term, comment.author, comment.sphere) == (term, member, sphere)
    assert comment.body == "Pour nous,\nc’est relier."
    page = client.get(response["Location"]).content.decode()
    assert "Message publié" in page and "Pour nous,\nc’est relier." in page


def test_a_message_of_2000_characters_with_browser_line_breaks_is_accepted(client, term, member):
    client.force_login(member)
    lines = ["x" * 199] * 10  # 1,990 characters, 9 line breaks and "!": 2,009 as sent
    response = _post(client, term, message="\r\n".join(lines) + "!")
    assert _back_to_discussion(response, term)
    assert len(TermComment.objects.get().body) == BODY_MAX_LENGTH


def test_a_visitor_posting_is_sent_to_sign_in(client, term):
    response = _post(client, term, message="Bonjour")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))
    assert not TermComment.objects.exists()


def test_an_account_without_role_posting_gets_the_french_403(client, term, account):
    client.force_login(account("sans-role", role=None))
    response = _post(client, term, message="Bonjour")
    assert response.status_code == 403
    assert "Accès refusé" in response.content.decode()
    assert not TermComment.objects.exists()


@pytest.mark.parametrize(
    ("data", "says"),
    [
        ({"message": ""}, "Écrivez votre message avant de l’envoyer."),
        ({"message": " \r\n\t "}, "Écrivez votre message avant de l’envoyer."),
        ({}, "Écrivez votre message avant de l’envoyer."),
        ({"message": "x" * 2001}, "Votre message dépasse 2000 caractères (il en compte 2001)"),
        ({"message": "Bonjour", "sphere": "inconnue"}, "Cette sphère n’existe pas."),
    ],
)
def test_bad_input_comes_back_with_a_french_message_under_the_field(
    client, term, member, data, says
):
    client.force_login(member)
    response = _post(client, term, **data)
    assert response.status_code == 400
    page = response.content.decode()
    assert says in page
    assert "Votre message n’est pas publié" in page
    assert 'aria-invalid="true"' in page
    assert not TermComment.objects.exists()


def test_a_nul_character_is_refused_in_french(client, term, member):
    client.force_login(member)
    response = _post(client, term, message="Bon\x00jour")
    assert response.status_code == 400
    assert "caractère nul" in response.content.decode()
    assert not TermComment.objects.exists()


def test_an_unknown_term_is_a_404(client, member):
    client.force_login(member)
    response = client.post(
        reverse("glossary:comment_post", kwargs={"slug": "inconnu"}), {"message": "Bonjour"}
    )
    assert response.status_code == 404
    assert not TermComment.objects.exists()


def test_posting_is_post_only(client, term, member):
    client.force_login(member)
    url = reverse("glossary:comment_post", kwargs={"slug": term.slug})
    assert client.get(url).status_code == 405


def test_at_most_10_messages_an_hour(client, term, member):
    client.force_login(member)
    TermCommentFactory.create_batch(services.FLOOD_LIMIT, term=term, author=member)
    response = _post(client, term, message="Encore un")
    assert _back_to_discussion(response, term)
    assert TermComment.objects.count() == services.FLOOD_LIMIT
    page = client.get(response["Location"]).content.decode()
    assert "Vous avez déjà écrit 10 messages dans l’heure" in page
    TermComment.objects.update(created_at=timezone.now() - timedelta(hours=2))
    _post(client, term, message="Plus tard")
    assert TermComment.objects.filter(body="Plus tard").exists()


@pytest.mark.parametrize("body", ["", "x" * (BODY_MAX_LENGTH + 1)])
def test_the_table_refuses_an_empty_or_too_long_message_whatever_writes_it(term, body):
    with pytest.raises(IntegrityError), transaction.atomic():
        TermComment.objects.create(term=term, body=body)


# --- moderation ------------------------------------------------------------------------------


def test_a_moderator_hides_with_a_reason_and_others_see_the_placeholder(
    client, term, member, moderator
):
    comment = TermCommentFactory(term=term, author=member, body="Publicité pour un cabinet")
    client.force_login(moderator)
    assert _back_to_discussion(_hide(client, comment, raison="Publicité"), term)
    comment.refresh_from_db()
    assert comment.is_hidden and comment.hidden_by == moderator
    assert comment.hidden_reason == "Publicité"
    seen_by_moderator = _page(client, term)
    assert "Masqué par moderateur : Publicité" in seen_by_moderator
    assert "Publicité pour un cabinet" in seen_by_moderator
    assert reverse("glossary:comment_show", args=[term.slug, comment.pk]) in seen_by_moderator
    client.force_login(member)
    seen_by_member = _page(client, term)
    assert PLACEHOLDER in seen_by_member
    assert "Publicité pour un cabinet" not in seen_by_member and "Masqué par" not in seen_by_member
    client.logout()
    assert "Pas encore de message dans la discussion" in _page(client, term)


def test_a_moderator_gives_a_reason_to_hide_someone_elses_message(client, term, member, moderator):
    comment = TermCommentFactory(term=term, author=member)
    client.force_login(moderator)
    response = _hide(client, comment, raison="  ")
    assert _back_to_discussion(response, term)
    assert "Indiquez pourquoi" in client.get(response["Location"]).content.decode()
    comment.refresh_from_db()
    assert not comment.is_hidden


def test_hiding_an_already_hidden_message_says_so(client, term, member, moderator, staff_user):
    comment = TermCommentFactory(term=term, author=member)
    services.comment_hide(comment=comment, user=moderator, reason="Hors sujet")
    client.force_login(staff_user)
    response = _hide(client, comment, raison="Autre raison")
    assert "Ce message est déjà masqué." in client.get(response["Location"]).content.decode()
    comment.refresh_from_db()
    assert (comment.hidden_by, comment.hidden_reason) == (moderator, "Hors sujet")


def test_an_author_hides_their_own_message_without_a_reason(client, term, member, account):
    comment = TermCommentFactory(term=term, author=member, body="Je me suis trompé")
    client.force_login(member)
    assert f'for="raison-{comment.pk}">Raison (facultative)' in _page(client, term)
    assert _back_to_discussion(_hide(client, comment), term)
    comment.refresh_from_db()
    assert comment.is_hidden and comment.hidden_by == member
    assert TermComment.objects.filter(pk=comment.pk).exists()  # kept on record
    client.force_login(account("claire"))
    page = _page(client, term)
    assert "Message retiré par son auteur" in page and "Je me suis trompé" not in page


def test_a_member_cannot_hide_someone_elses_message(client, term, member, account):
    comment = TermCommentFactory(term=term, author=account("claire"))
    client.force_login(member)
    assert reverse("glossary:comment_hide", args=[term.slug, comment.pk]) not in _page(client, term)
    assert _hide(client, comment, raison="Je ne suis pas d’accord").status_code == 403
    comment.refresh_from_db()
    assert not comment.is_hidden


def test_only_moderators_show_a_message_again(client, term, member, moderator):
    comment = TermCommentFactory(term=term, author=member)
    services.comment_hide(comment=comment, user=member)
    client.force_login(member)
    assert _show(client, comment).status_code == 403
    comment.refresh_from_db()
    assert comment.is_hidden
    client.force_login(moderator)
    assert _back_to_discussion(_show(client, comment), term)
    comment.refresh_from_db()
    assert not comment.is_hidden and comment.hidden_by is None
    response = _show(client, comment)
    assert "Ce message n’est pas masqué." in client.get(response["Location"]).content.decode()


def test_a_message_under_another_term_is_a_404(client, term, member, moderator):
    comment = TermCommentFactory(author=member)
    client.force_login(moderator)
    url = reverse("glossary:comment_hide", kwargs={"slug": term.slug, "pk": comment.pk})
    assert client.post(url, {"raison": "Hors sujet"}).status_code == 404
    comment.refresh_from_db()
    assert not comment.is_hidden


# --- notification ----------------------------------------------------------------------------


def _credit(instance, user) -> None:
    """Save `instance` as `user` would through the site: the history credits them."""
    instance._history_user = user
    instance.save()


@pytest.fixture
def contributors(term, account):
    """Who wrote the term, who edited it, who wrote a sphere's view, who took part in the
    discussion; someone credited twice; a closed account; an account without an address."""
    people = {
        name: account(name)
        for name in (
            "redactrice",
            "editeur",
            "regard",
            "participant",
            "deux-fois",
            "ferme",
            "sans-adresse",
        )
    }
    people["ferme"].is_active = False
    people["ferme"].save()
    people["sans-adresse"].email = ""
    people["sans-adresse"].save()
    _credit(term, people["redactrice"])
    term.updated_by = people["editeur"]
    _credit(term, people["ferme"])
    _credit(term, people["deux-fois"])
    _credit(TermView(term=term, sphere=SphereFactory(), text="Regard"), people["regard"])
    _credit(TermView(term=term, sphere=SphereFactory(), text="Autre"), people["deux-fois"])
    _credit(TermView(term=term, sphere=SphereFactory(), text="Trois"), people["sans-adresse"])
    TermCommentFactory(term=term, author=people["participant"])
    TermCommentFactory(term=term, author=people["deux-fois"])
    return people


def test_term_contributors_come_from_the_history_of_the_term_and_its_views(term, contributors):
    names = set(term_contributors(term).values_list("username", flat=True))
    assert names == {"redactrice", "editeur", "regard", "deux-fois", "ferme", "sans-adresse"}


def test_a_new_message_is_mailed_once_to_each_contributor_and_participant(
    client, term, contributors, django_capture_on_commit_callbacks
):
    author = contributors["redactrice"]
    client.force_login(author)
    with django_capture_on_commit_callbacks(execute=True):
        _post(client, term, message="Pour les élus, le maillage c’est d’abord la voirie.")
    recipients = sorted(address for message in mail.outbox for address in message.to)
    expected = ("deux-fois", "editeur", "participant", "regard")
    assert recipients == [f"{name}@example.org" for name in expected]
    assert all(len(message.to) == 1 for message in mail.outbox)
    message = mail.outbox[0]
    assert message.subject == "Mailleurs : discussion sur « Maillage »"
    assert "redactrice a écrit dans la discussion sur le mot « Maillage »" in message.body
    assert "le maillage c’est d’abord la voirie." in message.body
    assert "http://testserver/glossaire/maillage/#discussion" in message.body


def test_no_mail_before_the_message_is_saved_for_good(
    client, term, contributors, django_capture_on_commit_callbacks
):
    client.force_login(contributors["participant"])
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        _post(client, term, message="Bonjour")
    assert len(callbacks) == 1 and mail.outbox == []


def test_a_refused_message_is_mailed_to_nobody(
    client, term, contributors, django_capture_on_commit_callbacks
):
    client.force_login(contributors["participant"])
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        _post(client, term, message="")
    assert callbacks == [] and mail.outbox == []


def test_a_mail_server_failure_keeps_the_message(
    client, term, contributors, monkeypatch, django_capture_on_commit_callbacks
):
    def fail(messages):
        raise OSError("serveur de courriel injoignable")

    monkeypatch.setattr(notifications, "send_mass_mail", fail)
    client.force_login(contributors["participant"])
    with django_capture_on_commit_callbacks(execute=True):
        response = _post(client, term, message="Bonjour")
    assert _back_to_discussion(response, term)
    assert TermComment.objects.filter(body="Bonjour").exists()


def test_two_accounts_sharing_an_address_get_one_mail(term, member, account):
    _credit(term, account("pro", email="Claire.Martin@example.org"))
    _credit(term, account("perso", email="claire.martin@example.org"))
    comment = TermCommentFactory(term=term, author=member)
    assert notifications.comment_posted(comment) == 1
    assert len(mail.outbox) == 1


def test_the_mail_quotes_an_excerpt_of_a_long_message(term, contributors):
    comment = TermCommentFactory(
        term=term, author=contributors["participant"], body="Début. " + "long " * 300 + "FIN"
    )
    assert notifications.comment_posted(comment) == 4
    assert "Début." in mail.outbox[0].body and "FIN" not in mail.outbox[0].body
    assert "/glossaire/maillage/#discussion" in mail.outbox[0].body


# --- admin -----------------------------------------------------------------------------------


def test_the_admin_lists_and_filters_messages_without_adding_any(admin_client, term, member):
    comment = TermCommentFactory(term=term, author=member, body="Ce que le mot évoque")
    changelist = reverse("admin:glossary_termcomment_changelist")
    assert admin_client.get(changelist).status_code == 200
    assert admin_client.get(changelist, {"masque": "oui"}).status_code == 200
    assert "Maillage" in admin_client.get(changelist, {"q": "évoque"}).content.decode()
    assert "Maillage" not in admin_client.get(changelist, {"q": "absent"}).content.decode()
    change = reverse("admin:glossary_termcomment_change", args=[comment.pk])
    assert admin_client.get(change).status_code == 200
    assert admin_client.get(reverse("admin:glossary_termcomment_add")).status_code == 403
