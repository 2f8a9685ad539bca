"""Every "who may / who sees" rule of the actors app, in one place.

Views, services, querysets and templates (through the `policies` template library) ask these
functions; none of them re-implements a rule. Permission strings are named here once; which role
holds which permission is `mailleurs.roles`.
"""

from actors.models import Actor, Contact, PublicationStatus, StructureMembership

ADD_FICHE = "actors.add_actor"
EDIT_FICHES = "actors.change_actor"
MODERATE = "actors.moderate_actor"
PUBLISH_DIRECTLY = "actors.publish_directly"
SEE_MEMBER_CONTACTS = "actors.view_member_contacts"
EXPORT_ALL_COLUMNS = "actors.export_all_columns"
IMPORT_DATA = "actors.import_data"
ADD_SCHEME = "actors.add_scheme"
CHANGE_SCHEME = "actors.change_scheme"
ADD_LOCAL_SCHEME = "actors.add_localscheme"
CHANGE_LOCAL_SCHEME = "actors.change_localscheme"
# Vocabularies are edited with the model permissions of each list (add_theme, change_sphere…).
VOCABULARY_PERMISSION = "actors.{action}_{model}"
SEE_VOCABULARIES = "actors.change_theme"


# --- fiches ------------------------------------------------------------------------------------


def can_create_fiche(user) -> bool:
    return user.has_perm(ADD_FICHE)


def can_edit_fiches(user) -> bool:
    """Propose changes to fiches (published at once or after review: `can_publish_directly`)."""
    return user.has_perm(EDIT_FICHES)


def can_moderate(user) -> bool:
    """Publish, reject, archive, merge, restore versions, edit vocabularies."""
    return user.has_perm(MODERATE)


def sees_every_fiche(user) -> bool:
    """Moderators see drafts and fiches in review as well as published ones (not archived)."""
    return user.is_authenticated and (user.is_superuser or can_moderate(user))


def is_structure_manager(*, user, actor: Actor) -> bool:
    if not user.is_authenticated or not actor.pk:
        return False
    return StructureMembership.objects.filter(
        actor=actor, user=user, status=StructureMembership.Status.ACCEPTED, is_manager=True
    ).exists()


def can_publish_directly(user, actor: Actor | None = None) -> bool:
    """Changes go live without review: trusted members and moderators, the structure's accepted
    managers, and the author of a fiche not yet published (it is theirs to finish)."""
    if user.has_perm(PUBLISH_DIRECTLY):
        return True
    if actor is None:
        return False
    if is_structure_manager(user=user, actor=actor):
        return True
    # An archived fiche is out of its author's hands: only a moderator brings it back.
    unfinished = actor.status in (PublicationStatus.DRAFT, PublicationStatus.REVIEW)
    return unfinished and actor.created_by_id == user.pk


def can_finish_draft(user, actor: Actor) -> bool:
    return actor.created_by_id == user.pk or can_moderate(user)


def can_see_member_contacts(user) -> bool:
    return user.has_perm(SEE_MEMBER_CONTACTS)


def contacts_visible_to(user, contacts):
    """Public contacts for everyone, members-only ones for signed-in members: on the fiche, and
    in the filters and counts that could otherwise reveal them."""
    if can_see_member_contacts(user):
        return contacts
    return contacts.filter(visibility=Contact.Visibility.PUBLIC)


def visibility_key(user) -> str:
    """What a user may see, as a cache key part: members also see their own fiches in review."""
    if can_moderate(user):
        return "moderation"
    return f"user:{user.pk}" if user.is_authenticated else "public"


# --- structures --------------------------------------------------------------------------------


def can_request_membership(user) -> bool:
    return user.is_authenticated and can_edit_fiches(user)


def can_manage_structure(*, user, actor: Actor) -> bool:
    """Decide on requests and name managers: the structure's managers and the moderators."""
    if not user.is_authenticated:
        return False
    return can_moderate(user) or is_structure_manager(user=user, actor=actor)


def can_end_membership(*, user, membership: StructureMembership) -> bool:
    """Leave (or withdraw a request) oneself; managers and moderators remove someone. A refused
    request stays: its author cannot remove it (and so cannot ask again, e-mailing the managers
    each time); the managers and moderators still can."""
    own = user.is_authenticated and membership.user_id == user.pk
    if own and membership.status != StructureMembership.Status.REFUSED:
        return True
    return can_manage_structure(user=user, actor=membership.actor)


def can_see_stale_fiches(user) -> bool:
    """Cap Rural staff: the staff role (`export_all_columns`, or `is_staff`) and moderators."""
    return user.is_authenticated and (
        user.is_staff or user.has_perm(EXPORT_ALL_COLUMNS) or can_moderate(user)
    )


# --- schemes and vocabularies ------------------------------------------------------------------


def can_create_scheme(user) -> bool:
    return user.has_perm(ADD_SCHEME)


def can_change_schemes(user) -> bool:
    return user.has_perm(CHANGE_SCHEME)


def can_edit_scheme(user, scheme=None) -> bool:
    """Create a scheme (`scheme` None) or change one."""
    return can_change_schemes(user) if scheme is not None else can_create_scheme(user)


def can_create_local_scheme(user) -> bool:
    return user.has_perm(ADD_LOCAL_SCHEME)


def can_change_local_schemes(user) -> bool:
    return user.has_perm(CHANGE_LOCAL_SCHEME)


def can_edit_local_scheme(user, local_scheme=None) -> bool:
    """Create a local scheme (`local_scheme` None) or change one."""
    if local_scheme is None:
        return can_create_local_scheme(user)
    return can_change_local_schemes(user)


def can_see_vocabularies(user) -> bool:
    return user.has_perm(SEE_VOCABULARIES)


def can_edit_vocabulary(user, model, *, creating: bool) -> bool:
    action = "add" if creating else "change"
    return user.has_perm(VOCABULARY_PERMISSION.format(action=action, model=model._meta.model_name))


# --- spreadsheets ------------------------------------------------------------------------------


def can_import(user) -> bool:
    return user.has_perm(IMPORT_DATA)


def can_export_all_columns(user) -> bool:
    return user.has_perm(EXPORT_ALL_COLUMNS)


def can_see_administration(user) -> bool:
    return user.is_staff


# The rules a template may ask by name: `{% if user|may:"moderate" %}`.
TEMPLATE_RULES = {
    "create_fiche": can_create_fiche,
    "edit_fiches": can_edit_fiches,
    "moderate": can_moderate,
    "publish_directly": can_publish_directly,
    "see_stale_fiches": can_see_stale_fiches,
    "import": can_import,
    "create_scheme": can_create_scheme,
    "change_schemes": can_change_schemes,
    "create_local_scheme": can_create_local_scheme,
    "change_local_schemes": can_change_local_schemes,
    "see_administration": can_see_administration,
}
