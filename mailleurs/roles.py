"""The three roles of design.md as Django groups, kept in step with their permissions."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.db.models import Q

MEMBER = "Membres"
TRUSTED_MEMBER = "Membres de confiance"
MODERATOR = "Modérateurs"
STAFF = "Équipe"
# Staff of a federation or a network who accompany structures through the mailleur grid.
FACILITATOR = "Accompagnateurs"

_EDITING = [
    "actors.add_actor",
    "actors.change_actor",
    "actors.view_member_contacts",
    "actors.add_contact",
    "actors.change_contact",
    "actors.delete_contact",
    "actors.add_relation",
    "actors.change_relation",
    "actors.delete_relation",
    "actors.add_participation",
    "actors.change_participation",
    "actors.delete_participation",
    "actors.add_localscheme",
    "actors.change_localscheme",
    "glossary.contribute_term",
    "experiences.add_experience",
]
_VOCABULARIES = [
    f"actors.{action}_{model}"
    for model in ("sphere", "actortype", "theme", "competence", "profession")
    for action in ("add", "change", "delete", "view")
]
_MODERATION = [
    "actors.moderate_actor",
    "glossary.moderate_term",
    "experiences.moderate_experience",
    "actors.publish_directly",
    "actors.delete_actor",
    # National schemes are reference data: moderators edit them, members propose by e-mail.
    "actors.add_scheme",
    "actors.change_scheme",
    *_VOCABULARIES,
]
_STAFF_ONLY = [
    "actors.import_data",
    "actors.export_all_columns",
    "actors.view_territory",
    "actors.add_territory",
    "actors.change_territory",
    "auth.view_user",
    "auth.add_user",
    "auth.change_user",
]

# The mailleur grid: staff prepare and publish its versions (mailleurs/grid/policies.py).
_GRID_EDITING = [
    f"grid.{action}_{model}"
    for model in ("gridversion", "axis", "gridfunction", "criterion", "testimony",
                  "criterionmapping")
    for action in ("add", "change", "delete", "view")
] + ["grid.publish_gridversion"]  # fmt: skip

ROLE_PERMISSIONS = {
    MEMBER: _EDITING,
    # Members whose changes are published without review (granted by a moderator).
    TRUSTED_MEMBER: [*_EDITING, "actors.publish_directly"],
    MODERATOR: _EDITING + _MODERATION,
    STAFF: _EDITING + _MODERATION + _STAFF_ONLY + _GRID_EDITING,
    FACILITATOR: ["grid.accompany_rounds"],
}


def _permissions(codes: list[str]) -> list[Permission]:
    found = []
    for code in codes:
        app_label, codename = code.split(".")
        permission = Permission.objects.filter(
            content_type__app_label=app_label, codename=codename
        ).first()
        if permission is not None:
            found.append(permission)
    return found


def sync_role_groups(**kwargs) -> None:
    """Create the groups and give each exactly its permissions (runs after every migrate)."""
    for name, codes in ROLE_PERMISSIONS.items():
        group, _created = Group.objects.get_or_create(name=name)
        group.permissions.set(_permissions(codes))


def role_of(user) -> str:
    """The highest role of a user, as shown in the interface."""
    if not user.is_authenticated:
        return "visiteur"
    names = set(user.groups.values_list("name", flat=True))
    if user.is_superuser or STAFF in names:
        return "equipe"
    if MODERATOR in names:
        return "moderateur"
    if MEMBER in names or TRUSTED_MEMBER in names:
        return "membre"
    if FACILITATOR in names:
        return "accompagnateur"
    return "compte"


def addresses_of_users_who_may(permission: str) -> list[str]:
    """The e-mail addresses of the active accounts holding `permission` ("app.codename") by
    role, directly or as superusers: who to tell (moderators, the staff managing accounts)."""
    app_label, codename = permission.split(".")
    granted = Permission.objects.filter(content_type__app_label=app_label, codename=codename)
    users = get_user_model().objects.filter(is_active=True).exclude(email="")
    return list(
        users.filter(
            Q(is_superuser=True)
            | Q(groups__permissions__in=granted)
            | Q(user_permissions__in=granted)
        )
        .distinct()
        .values_list("email", flat=True)
    )


# --- accounts ------------------------------------------------------------------------------------
# Staff manage accounts and give the roles above; rights beyond the roles are superusers' alone.
RIGHTS_BEYOND_ROLES = ("is_superuser", "is_staff", "user_permissions")


def can_grant_rights_beyond_roles(user) -> bool:
    """Superuser status, admin access and raw permissions: only superusers give them."""
    return user.is_superuser


def can_change_account(user, account) -> bool:
    """Staff change accounts, never a superuser's (its e-mail would open the door to it)."""
    return account is None or not account.is_superuser or user.is_superuser


def can_change_own_roles(user) -> bool:
    """Nobody raises their own rights; a superuser already has them all."""
    return user.is_superuser
