"""The roles table of design.md, cell by cell: each action allowed for some roles and denied
(with a redirect to sign-in or a 403, nothing written) for the others, direct POSTs included."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from actors.models import Actor, ActorProposal, Contact, ImportRecord, Theme
from experiences.models import ExperienceProposal
from glossary.models import TermComment, TermProposal
from mailleurs.background.models import Job
from mailleurs.grid import services as grid_services
from mailleurs.grid.models import ActionItem, Answer, GridVersion, Respondent, Round
from tests.actors.factories import ActorFactory, ContactFactory, SchemeFactory, ThemeFactory
from tests.actors.fiche_data import form_data
from tests.experiences.factories import ExperienceFactory
from tests.experiences.factories_editing import (
    InvolvementFactory,
    ProposalFactory,
    SheetFactory,
    manager_of,
)
from tests.glossary.factories import TermCommentFactory, TermFactory

pytestmark = pytest.mark.django_db

ROLES = ["visitor", "member", "moderator", "staff"]


@pytest.fixture
def as_role(client, member, moderator, staff_user):
    users = {"member": member, "moderator": moderator, "staff": staff_user}

    def sign_in(role):
        if role != "visitor":
            client.force_login(users[role])
        return client

    return sign_in


def _denied(response) -> bool:
    if response.status_code == 302:
        return reverse("accounts:login") in response["Location"]
    return response.status_code == 403


@pytest.mark.parametrize("role", ROLES)
def test_everyone_reads_published_fiches_schemes_the_map_and_the_glossary(as_role, role):
    actor = ActorFactory()
    scheme = SchemeFactory()
    client = as_role(role)
    assert client.get(actor.get_absolute_url()).status_code == 200
    assert client.get(scheme.get_absolute_url()).status_code == 200
    assert client.get(reverse("actors:map")).status_code == 200
    assert client.get(reverse("actors:actor_list")).status_code == 200
    assert client.get(reverse("glossary:index")).status_code == 200
    assert client.get(TermFactory().get_absolute_url()).status_code == 200
    commune = {"commune": actor.commune.key}  # a commune's centre, for the placing map
    assert client.get(reverse("actors:commune_point"), commune).status_code == 200


@pytest.mark.parametrize("role", ROLES)
def test_everyone_reads_the_footer_pages_writes_to_the_team_and_reports_an_error(as_role, role):
    client = as_role(role)
    for name in ("accessibility", "legal_notice", "personal_data", "contact"):
        assert client.get(reverse(f"pages:{name}")).status_code == 200
    report = reverse("actors:actor_report", kwargs={"slug": ActorFactory().slug})
    assert client.get(report).status_code == 200


@pytest.mark.parametrize(("role", "asks"), [("visitor", True), ("member", False),
                                             ("moderator", False), ("staff", False)])  # fmt: skip
def test_only_visitors_ask_for_an_account(as_role, role, asks):
    response = as_role(role).get(reverse("accounts:account_request"))
    assert (response.status_code == 200) is asks
    if not asks:
        assert response["Location"] == reverse("home")


@pytest.mark.parametrize(("role", "sees"), [("visitor", False), ("member", True),
                                             ("moderator", True), ("staff", True)])  # fmt: skip
def test_members_only_contacts(as_role, role, sees):
    actor = ActorFactory()
    ContactFactory(actor=actor, email="reseau@example.org", visibility=Contact.Visibility.MEMBERS)
    content = as_role(role).get(actor.get_absolute_url()).content.decode()
    assert ("reseau@example.org" in content) is sees


@pytest.mark.parametrize(("role", "allowed"), [("visitor", False), ("member", True),
                                                ("moderator", True), ("staff", True)])  # fmt: skip
def test_create_and_edit_fiches(as_role, role, allowed):
    actor = ActorFactory(pitch="Avant")
    client = as_role(role)
    for url in (reverse("actors:actor_create"), reverse("actors:actor_edit", args=[actor.slug])):
        response = client.get(url)
        assert (response.status_code == 200) is allowed
        assert _denied(response) is not allowed
    response = client.post(reverse("actors:actor_edit", args=[actor.slug]), {"pitch": "Après"})
    if not allowed:
        assert _denied(response)
    actor.refresh_from_db()
    assert actor.pitch == "Avant"  # an incomplete POST never writes, allowed or not


@pytest.mark.parametrize(("role", "allowed"), [("visitor", False), ("member", False),
                                                ("moderator", True), ("staff", True)])  # fmt: skip
def test_moderation_publish_reject_merge_revert_archive(as_role, role, allowed):
    review, refused = ActorFactory(status="review"), ActorFactory(status="review")
    published, other = ActorFactory(), ActorFactory()
    proposal = ActorProposal.objects.create(actor=published, data={}, base_version=1)
    record = published.history.first()
    client = as_role(role)
    assert (client.get(reverse("actors:moderation")).status_code == 200) is allowed
    reject = {"decision": "refuser", "commentaire": "non"}
    merge = {"autre": other.slug, "confirmer": "oui"}
    posts = [
        (reverse("actors:actor_publish", args=[review.slug]), {}),
        (reverse("actors:actor_refuse", args=[refused.slug]), {"commentaire": "À compléter"}),
        (reverse("actors:proposal", args=[proposal.pk]), reject),
        (reverse("actors:actor_merge", args=[published.slug]), merge),
        (reverse("actors:actor_restore_version", args=[published.slug, record.history_id]), {}),
        (reverse("actors:actor_archive", args=[other.slug]), {}),
    ]
    for url, data in posts:
        response = client.post(url, data)
        assert _denied(response) is not allowed, url
    for actor in (review, refused, other):
        actor.refresh_from_db()
    proposal.refresh_from_db()
    assert (review.status == "published") is allowed
    assert (refused.status == "draft") is allowed
    assert (proposal.status == "rejected") is allowed
    assert (other.status == "archived") is allowed


@pytest.mark.parametrize(("role", "allowed"), [("visitor", False), ("member", False),
                                                ("moderator", True), ("staff", True)])  # fmt: skip
def test_edit_vocabularies(as_role, role, allowed):
    theme = ThemeFactory(name="Mobilité")
    client = as_role(role)
    url = reverse("actors:vocabulary_edit", kwargs={"name": "themes", "pk": theme.pk})
    response = client.post(url, {"name": "Mobilités", "slug": theme.slug, "description": ""})
    assert _denied(response) is not allowed
    assert Theme.objects.get(pk=theme.pk).name == ("Mobilités" if allowed else "Mobilité")


@pytest.mark.parametrize(("role", "allowed"), [("visitor", False), ("member", False),
                                                ("moderator", False), ("staff", True)])  # fmt: skip
def test_manage_accounts(as_role, role, allowed):
    response = as_role(role).get(reverse("admin:auth_user_changelist"))
    assert (response.status_code == 200) is allowed


@pytest.mark.parametrize(("role", "allowed"), [("visitor", False), ("member", False),
                                                ("moderator", False), ("staff", True)])  # fmt: skip
def test_import(as_role, role, allowed):
    client = as_role(role)
    assert (client.get(reverse("actors:import_start")).status_code == 200) is allowed
    template = client.get(reverse("actors:import_template", kwargs={"kind": "acteurs"}))
    assert _denied(template) is not allowed
    if allowed:
        assert b"".join(template.streaming_content).startswith(b"PK")
    upload = SimpleUploadedFile("a.csv", b"Nom;Type\nMaison;Inconnu\n")
    response = client.post(reverse("actors:import_start"), {"kind": "acteurs", "file": upload})
    assert _denied(response) is not allowed
    assert ImportRecord.objects.exists() is allowed
    if allowed:
        record = ImportRecord.objects.get()
        for other in ("member", "moderator"):
            as_role(other)
            response = client.post(reverse("actors:import_confirm", kwargs={"pk": record.pk}))
            assert _denied(response)
            assert _denied(client.get(record.get_absolute_url()))
            # The column-mapping step and the suggestions accepted for all rows: staff only.
            columns = reverse("actors:import_columns", kwargs={"pk": record.pk})
            assert _denied(client.get(columns))
            assert _denied(client.post(columns, {}))
            suggestion = reverse("actors:import_suggestion", kwargs={"pk": record.pk})
            assert _denied(client.post(suggestion, {}))
        record.refresh_from_db()
        assert record.status == ImportRecord.Status.PREVIEW  # nothing was written by them


@pytest.mark.parametrize(("role", "sees"), [("visitor", False), ("member", True),
                                            ("moderator", False), ("staff", True)])  # fmt: skip
def test_a_background_job_is_its_owners_and_the_staffs(as_role, member, role, sees):
    """The member's own job: the owner and staff see and cancel it; a visitor is sent to sign
    in; any other account is told it does not exist (404), and nothing is cancelled."""
    job = Job.objects.create(owner=member, kind="export-acteurs", label="Export en attente")
    client = as_role(role)
    page = client.get(reverse("background:job_detail", kwargs={"pk": job.pk}))
    cancel = client.post(reverse("background:job_cancel", kwargs={"pk": job.pk}))
    job.refresh_from_db()
    if role == "visitor":
        assert _denied(page) and _denied(cancel)
    elif sees:
        assert page.status_code == 200 and cancel.status_code == 302
        assert job.cancel_requested or job.status == Job.Status.CANCELLED
    else:
        assert page.status_code == 404 and cancel.status_code == 404
    if not sees:
        assert job.status == Job.Status.PENDING and not job.cancel_requested


@pytest.mark.parametrize("role", ROLES)
def test_everyone_exports_the_glossary(as_role, role):
    TermFactory(slug="copil", word="Comité de pilotage")
    client = as_role(role)
    for extension in ("csv", "xlsx", "ods"):
        response = client.get(reverse("glossary:export", kwargs={"extension": extension}))
        assert response.status_code == 200
        content = b"".join(response.streaming_content) if response.streaming else response.content
        assert b"copil" in content or content.startswith(b"PK")


@pytest.mark.parametrize(("role", "allowed"), [("visitor", False), ("member", False),
                                                ("moderator", False), ("staff", True)])  # fmt: skip
def test_import_the_glossary(as_role, role, allowed):
    term = TermFactory(slug="copil", word="Comité de pilotage", definition="Avant.")
    client = as_role(role)
    start = reverse("glossary:import_start")
    assert (client.get(start).status_code == 200) is allowed
    assert _denied(client.get(start)) is not allowed
    upload = SimpleUploadedFile("g.csv", "slug;définition\ncopil;Après.\n".encode())
    response = client.post(start, {"file": upload})
    assert _denied(response) is not allowed
    assert ImportRecord.objects.filter(kind="glossaire").exists() is allowed
    if allowed:
        record = ImportRecord.objects.get()
        for other in ("member", "moderator"):
            as_role(other)
            response = client.post(reverse("glossary:import_confirm", kwargs={"pk": record.pk}))
            assert _denied(response)
            assert _denied(client.get(record.get_absolute_url()))
        term.refresh_from_db()
        assert term.definition == "Avant."
        as_role("staff").post(reverse("glossary:import_confirm", kwargs={"pk": record.pk}))
    term.refresh_from_db()
    assert (term.definition == "Après.") is allowed


def test_new_fiche_status_depends_on_the_role(as_role, world):
    as_role("member").post(reverse("actors:actor_create"), form_data(world, name="Par un membre"))
    assert Actor.objects.get(name="Par un membre").status == "review"


def _admin_user_form(user, **changes) -> dict:
    """The admin's user change form as a browser posts it, with `changes` typed in."""
    data = {
        "username": user.username,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "email": user.email,
        "is_active": "on",
        "date_joined_0": user.date_joined.strftime("%Y-%m-%d"),
        "date_joined_1": user.date_joined.strftime("%H:%M:%S"),
        "groups": [group.pk for group in user.groups.all()],
    }
    data.update(changes)
    return data


@pytest.mark.parametrize("whose", ["someone else", "own"])
def test_staff_cannot_grant_superuser_admin_access_or_raw_permissions(
    client, staff_user, member, whose
):
    from django.contrib.auth.models import Permission

    target = member if whose == "someone else" else staff_user
    client.force_login(staff_user)
    permission = Permission.objects.get(codename="delete_actor")
    url = reverse("admin:auth_user_change", args=[target.pk])
    client.post(
        url,
        _admin_user_form(
            target, is_superuser="on", is_staff="on", user_permissions=[permission.pk]
        ),
    )
    target.refresh_from_db()
    assert not target.is_superuser
    assert target.is_staff is (whose == "own")  # staff keep their own access, nobody gives it
    assert not target.user_permissions.exists()


def test_staff_give_roles_to_others_but_never_raise_their_own(client, staff_user, member):
    from django.contrib.auth.models import Group

    moderators = Group.objects.get(name="Modérateurs")
    client.force_login(staff_user)
    url = reverse("admin:auth_user_change", args=[member.pk])
    client.post(url, _admin_user_form(member, groups=[moderators.pk]))
    assert list(member.groups.values_list("name", flat=True)) == ["Modérateurs"]
    groups_before = set(staff_user.groups.values_list("pk", flat=True))
    every_group = list(Group.objects.values_list("pk", flat=True))
    client.post(
        reverse("admin:auth_user_change", args=[staff_user.pk]),
        _admin_user_form(staff_user, groups=every_group),
    )
    assert set(staff_user.groups.values_list("pk", flat=True)) == groups_before


def test_a_superuser_grants_admin_rights(client, django_user_model, member):
    boss = django_user_model.objects.create_superuser("patronne", "p@example.org", "x-y-z-123")
    client.force_login(boss)
    url = reverse("admin:auth_user_change", args=[member.pk])
    response = client.post(url, _admin_user_form(member, is_staff="on"))
    assert response.status_code == 302
    member.refresh_from_db()
    assert member.is_staff


def _scheme_form(scheme, **changes) -> dict:
    fields = ("name", "acronym", "slug", "family", "description", "national_carrier")
    return {**{name: getattr(scheme, name) for name in fields}, "official_url": "", **changes}


@pytest.mark.parametrize(("role", "allowed"), [("visitor", False), ("member", False),
                                                ("moderator", True), ("staff", True)])  # fmt: skip
def test_edit_national_schemes(as_role, role, allowed):
    scheme = SchemeFactory(name="Convention territoriale globale", acronym="CTG", slug="ctg")
    client = as_role(role)
    assert _denied(client.get(reverse("actors:scheme_edit", args=[scheme.slug]))) is not allowed
    response = client.post(
        reverse("actors:scheme_edit", args=[scheme.slug]),
        _scheme_form(scheme, name="Pirate", slug="ctg-pirate"),
    )
    assert _denied(response) is not allowed
    scheme.refresh_from_db()
    assert (scheme.slug == "ctg-pirate") is allowed
    assert _denied(client.post(reverse("actors:scheme_create"), {"name": "X"})) is not allowed


def test_a_renamed_scheme_address_redirects_and_keeps_history(client, moderator):
    scheme = SchemeFactory(name="Convention territoriale globale", acronym="CTG", slug="ctg")
    client.force_login(moderator)
    client.post(
        reverse("actors:scheme_edit", args=["ctg"]),
        _scheme_form(scheme, slug="ctg-2026"),
    )
    response = client.get(reverse("actors:scheme_detail", args=["ctg"]))
    assert response.status_code == 301
    assert response["Location"] == reverse("actors:scheme_detail", args=["ctg-2026"])
    latest = scheme.history.first()
    assert latest.slug == "ctg-2026"
    assert latest.history_user == moderator


def test_the_creator_of_an_archived_fiche_can_no_longer_edit_it(client, member, world):
    actor = ActorFactory(created_by=member, pitch="Avant", status=Actor.Status.ARCHIVED)
    client.force_login(member)
    url = reverse("actors:actor_edit", args=[actor.slug])
    assert client.get(url).status_code == 404
    response = client.post(url, form_data(world, name=actor.name, pitch="Après", version="1"))
    assert response.status_code == 404
    actor.refresh_from_db()
    assert actor.pitch == "Avant"
    assert not ActorProposal.objects.exists()


# --- the discussion under a glossary term (glossary/policies.py) ---------------------------------


@pytest.mark.parametrize(("role", "allowed"), [("visitor", False), ("member", True),
                                                ("moderator", True), ("staff", True)])  # fmt: skip
def test_glossary_discussion_read_and_write(as_role, role, allowed):
    term = TermFactory()
    TermCommentFactory(term=term, body="Pour nous le mot dit autre chose")
    client = as_role(role)
    content = client.get(term.get_absolute_url()).content.decode()
    assert ("Pour nous le mot dit autre chose" in content) is allowed
    if not allowed:
        assert "1 message dans la discussion" in content  # the count, not the words
    response = client.post(reverse("glossary:comment_post", args=[term.slug]), {"message": "Oui"})
    assert _denied(response) is not allowed
    assert TermComment.objects.filter(body="Oui").exists() is allowed


@pytest.mark.parametrize(("role", "allowed"), [("visitor", False), ("member", False),
                                                ("moderator", True), ("staff", True)])  # fmt: skip
def test_glossary_discussion_hide_and_show_others_messages(
    as_role, role, allowed, django_user_model
):
    someone = django_user_model.objects.create_user("quelquun", "q@example.org", "x-y-z-123")
    shown = TermCommentFactory(author=someone)
    hidden = TermCommentFactory(
        author=someone, hidden_at=timezone.now(), hidden_reason="Hors sujet"
    )
    client = as_role(role)
    hide = reverse("glossary:comment_hide", args=[shown.term.slug, shown.pk])
    show = reverse("glossary:comment_show", args=[hidden.term.slug, hidden.pk])
    assert _denied(client.post(hide, {"raison": "Hors sujet"})) is not allowed
    assert _denied(client.post(show)) is not allowed
    shown.refresh_from_db()
    hidden.refresh_from_db()
    assert shown.is_hidden is allowed
    assert hidden.is_hidden is not allowed


# --- the mailleur grid (mailleurs/grid/policies.py) ----------------------------------------------
# Besides the site's roles: the structure's manager, the facilitator who accompanies it, a
# member of the structure invited to answer with an account, and a facilitator of another one.
# Columns: open a round · see it · run it (invite, revoke, close, publish, action plan) ·
# answer with an account · see results before publication · after · export every answer ·
# prepare a new version of the grid.
GRID_CELLS = {
    "visitor":           (0, 0, 0, 0, 0, 0, 0, 0),
    "member":            (0, 0, 0, 0, 0, 0, 0, 0),
    "moderator":         (0, 0, 0, 0, 0, 0, 0, 0),
    "staff":             (0, 0, 0, 0, 0, 0, 0, 1),
    "manager":           (1, 1, 1, 0, 1, 1, 1, 0),
    "facilitator":       (0, 1, 0, 0, 1, 1, 1, 0),
    "respondent":        (0, 1, 0, 1, 0, 1, 0, 0),
    "other_facilitator": (0, 0, 0, 0, 0, 0, 0, 0),
}  # fmt: skip
OPEN, SEE, RUN, ANSWER, RESULTS_BEFORE, RESULTS_AFTER, EXPORT, VERSION = range(8)


def grid_cells(*columns):
    return pytest.mark.parametrize(
        ("role", "allowed"),
        [(role, tuple(bool(cells[c]) for c in columns)) for role, cells in GRID_CELLS.items()],
    )


@grid_cells()
def test_grid_everyone_reads_the_grid_its_versions_and_network_aggregates(
    as_grid_role, grid_world, role, allowed
):
    client = as_grid_role(role)
    for name, kwargs in [("grid:reference", {}), ("grid:version", {"number": 1}),
                         ("grid:versions", {}), ("grid:network", {})]:  # fmt: skip
        assert client.get(reverse(name, kwargs=kwargs)).status_code == 200
    content = client.get(reverse("grid:network")).content.decode()
    assert "Médiane du réseau par fonction" not in content  # one structure: below the threshold
    assert grid_world.structure.name not in content


@grid_cells(OPEN)
def test_grid_open_a_round(as_grid_role, grid_world, role, allowed):
    (allowed,) = allowed
    client = as_grid_role(role)
    url = reverse("grid:round_create", kwargs={"slug": grid_world.structure.slug})
    assert _denied(client.get(url)) is not allowed
    data = {"title": "Nouvelle", "period_start": "2026-04-01", "period_end": "2026-06-30"}
    assert _denied(client.post(url, data)) is not allowed
    assert Round.objects.filter(title="Nouvelle").exists() is allowed


@grid_cells(SEE)
def test_grid_see_a_round(as_grid_role, grid_world, role, allowed):
    (allowed,) = allowed
    client = as_grid_role(role)
    response = client.get(grid_world.round.get_absolute_url())
    assert (response.status_code == 200) is allowed and _denied(response) is not allowed
    listed = client.get(reverse("grid:rounds"))
    assert ("Évaluation 2026" in listed.content.decode()) is allowed


@grid_cells(RUN)
def test_grid_run_a_round_invite_revoke_close_publish_plan(as_grid_role, grid_world, role, allowed):
    (allowed,) = allowed
    client = as_grid_role(role)
    pk, partner = grid_world.round.pk, grid_world.partner
    target = grid_world.round.grid_version.criteria.first()
    posts = [
        ("grid:round_invite", {}, {"role": "elu", "label": "Maire"}),
        ("grid:respondent_link", {"respondent": partner.pk}, {"action": "revoquer"}),
        ("grid:action_add", {}, {"criterion": target.pk, "action": "Agir", "owner": "Nous",
                                 "status": "planned"}),
        ("grid:round_status", {}, {"etat": "cloturer"}),
        ("grid:round_status", {}, {"resultats": "publier"}),
    ]  # fmt: skip
    assert _denied(client.get(reverse("grid:round_edit", kwargs={"pk": pk}))) is not allowed
    for name, kwargs, data in posts:
        assert _denied(client.post(reverse(name, kwargs={"pk": pk, **kwargs}), data)) is not allowed
    grid_world.round.refresh_from_db()
    partner.refresh_from_db()
    assert Respondent.objects.filter(label="Maire").exists() is allowed
    assert ActionItem.objects.exists() is allowed
    assert (partner.link_revoked_at is not None) is allowed
    assert grid_world.round.is_open is not allowed
    assert grid_world.round.results_published is allowed


@grid_cells(ANSWER)
def test_grid_answer_with_an_account_only_for_oneself(as_grid_role, grid_world, role, allowed):
    (allowed,) = allowed
    client = as_grid_role(role)
    target = grid_world.round.grid_version.criteria.first()
    kwargs = {"pk": grid_world.round.pk}
    for response in (
        client.get(reverse("grid:answer_overview", kwargs=kwargs)),
        client.post(
            reverse("grid:answer_criterion", kwargs={**kwargs, "criterion_id": target.pk}),
            {f"c{target.pk}-level": "3"},
        ),
    ):
        assert (_denied(response) or response.status_code == 404) is not allowed  # fmt: skip
    assert Answer.objects.exists() is allowed


@grid_cells()
def test_grid_a_private_link_is_the_key_whoever_holds_it(as_grid_role, grid_world, role, allowed):
    client = as_grid_role(role)
    target = grid_world.round.grid_version.criteria.first()
    url = reverse("grid:link_criterion", kwargs={"token": grid_world.token,
                                                 "criterion_id": target.pk})  # fmt: skip
    assert client.post(url, {f"c{target.pk}-level": "2"}).status_code == 200
    assert Answer.objects.get().respondent == grid_world.partner


@grid_cells(RESULTS_BEFORE, RESULTS_AFTER, EXPORT)
def test_grid_see_results_before_and_after_publication_and_export(
    as_grid_role, grid_world, role, allowed
):
    before, after, export = allowed
    client = as_grid_role(role)
    pages = [reverse(name, kwargs={"pk": grid_world.round.pk})
             for name in ("grid:results", "grid:results_print")]  # fmt: skip
    for url in pages:
        response = client.get(url)
        assert (response.status_code == 200) is before and _denied(response) is not before
    grid_services.round_publish_results(round=grid_world.round, user=grid_world.users["manager"])
    for url in pages:
        assert (client.get(url).status_code == 200) is after
    response = client.get(reverse("grid:results_export", kwargs={"pk": grid_world.round.pk}))
    assert (response.status_code == 200) is export and _denied(response) is not export
    response.close()


@grid_cells(VERSION)
def test_grid_staff_prepare_a_new_version(as_grid_role, grid_world, role, allowed):
    url = reverse("admin:grid_gridversion_changelist")
    data = {"action": "draft_from", "_selected_action": [grid_world.round.grid_version.pk]}
    as_grid_role(role).post(url, data)
    assert GridVersion.objects.filter(number=2).exists() is allowed[0]


@pytest.mark.parametrize(("role", "allowed"), [("visitor", False), ("member", True),
                                                ("moderator", True), ("staff", True)])  # fmt: skip
def test_glossary_propose_a_term_or_a_view(as_role, role, allowed):
    term = TermFactory(slug="copil", word="Comité de pilotage")
    client = as_role(role)
    for url in (reverse("glossary:propose"), reverse("glossary:edit", args=[term.slug]),
                reverse("glossary:propose_view", args=[term.slug])):  # fmt: skip
        response = client.get(url)
        assert (response.status_code == 200) is allowed
        assert _denied(response) is not allowed
    response = client.post(reverse("glossary:propose"), {"word": "Nouveau"})
    assert _denied(response) is not allowed
    assert not TermProposal.objects.exists()  # an incomplete POST never writes


@pytest.mark.parametrize(("role", "allowed"), [("visitor", False), ("member", False),
                                                ("moderator", True), ("staff", True)])  # fmt: skip
def test_glossary_review_proposals_and_restore_versions(as_role, role, allowed):
    term = TermFactory(slug="copil", word="Comité de pilotage")
    proposal = TermProposal.objects.create(term=term, data={}, base_version=1)
    record = term.history.first()
    client = as_role(role)
    assert (client.get(reverse("glossary:proposals")).status_code == 200) is allowed
    posts = [
        (reverse("glossary:proposal", args=[proposal.pk]),
         {"decision": "refuser", "commentaire": "non"}),
        (reverse("glossary:restore", args=[term.slug, record.history_id]), {}),
    ]  # fmt: skip
    for url, data in posts:
        assert _denied(client.post(url, data)) is not allowed, url
    proposal.refresh_from_db()
    assert (proposal.status == TermProposal.Status.REJECTED) is allowed


# --- experience sheets (experiences/policies.py) -------------------------------------------------


@pytest.mark.parametrize(("role", "allowed"), [("visitor", False), ("member", True),
                                                ("moderator", True), ("staff", True)])  # fmt: skip
def test_sheets_create_and_edit(as_role, role, allowed):
    sheet = SheetFactory(summary="Avant")
    client = as_role(role)
    edit = reverse("experiences:edit", args=[sheet.slug])
    for url in (reverse("experiences:create"), edit):
        response = client.get(url)
        assert (response.status_code == 200) is allowed
        assert _denied(response) is not allowed
    response = client.post(edit, {"summary": "Après"})
    assert _denied(response) is not allowed
    sheet.refresh_from_db()
    assert sheet.summary == "Avant"  # an incomplete POST never writes, allowed or not
    assert not ExperienceProposal.objects.exists()


@pytest.mark.parametrize(("role", "allowed"), [("visitor", False), ("member", False),
                                                ("moderator", True), ("staff", True)])  # fmt: skip
def test_sheets_publish_archive_restore_and_review_proposals(as_role, role, allowed):
    review, published, other = SheetFactory(status="review"), SheetFactory(), SheetFactory()
    proposal = ProposalFactory(experience=published)
    record = published.history.first()
    client = as_role(role)
    assert (client.get(reverse("experiences:proposals")).status_code == 200) is allowed
    assert _denied(client.get(reverse("experiences:proposal", args=[proposal.pk]))) is not allowed
    posts = [
        (reverse("experiences:publish", args=[review.slug]), {}),
        (reverse("experiences:proposal", args=[proposal.pk]),
         {"decision": "refuser", "commentaire": "non"}),
        (reverse("experiences:restore", args=[published.slug, record.history_id]), {}),
        (reverse("experiences:archive", args=[other.slug]), {}),
    ]  # fmt: skip
    for url, data in posts:
        assert _denied(client.post(url, data)) is not allowed, url
    review.refresh_from_db()
    proposal.refresh_from_db()
    other.refresh_from_db()
    assert (review.status == "published") is allowed
    assert (proposal.status == ExperienceProposal.Status.REJECTED) is allowed
    assert (published.history.count() == 2) is allowed  # the restore is a new version
    assert (other.status == "archived") is allowed


@pytest.mark.parametrize(("role", "allowed"), [("visitor", False), ("member", False),
                                                ("moderator", False), ("staff", False),
                                                ("manager", True)])  # fmt: skip
def test_sheets_confirm_an_involvement_is_for_the_actors_managers(as_role, role, allowed):
    involvement = InvolvementFactory()
    if role == "manager":
        client = as_role("visitor")
        client.force_login(manager_of(involvement.actor, "gerante"))
    else:
        client = as_role(role)
    kwargs = {"slug": involvement.experience.slug, "pk": involvement.pk}
    assert _denied(client.get(reverse("experiences:involvement", kwargs=kwargs))) is not allowed
    response = client.post(reverse("experiences:confirm_involvement", kwargs=kwargs))
    assert _denied(response) is not allowed
    involvement.refresh_from_db()
    assert (involvement.confirmed_at is not None) is allowed


@pytest.mark.parametrize(("role", "sees"), [("visitor", False), ("member", False),
                                            ("moderator", True), ("staff", True)])  # fmt: skip
def test_experience_sheets_published_for_everyone_others_for_moderators(as_role, role, sees):
    """A member sees the sheets they write themselves (tests/experiences), not other members'."""
    published = ExperienceFactory(title="Garage solidaire")
    unpublished = [ExperienceFactory(title=f"Fiche {status}", status=status)
                   for status in ("draft", "review")]  # fmt: skip
    client = as_role(role)
    for sheet in [published, *unpublished]:
        allowed = sheet is published or sees
        for url in (sheet.get_absolute_url(), reverse("experiences:print", args=[sheet.slug])):
            assert client.get(url).status_code == (200 if allowed else 404), url
    listed = client.get(reverse("experiences:index")).content.decode()
    assert "Garage solidaire" in listed
    assert ("Fiche draft" in listed) is sees
    exported = b"".join(client.get(reverse("experiences:export", args=["csv"])).streaming_content)
    assert ("Fiche review" in exported.decode()) is sees
    opened = client.get(reverse("experiences:json")).content.decode()
    assert "Garage solidaire" in opened and "Fiche draft" not in opened
