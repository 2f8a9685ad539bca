"""Territories, vocabularies, actors and contacts, schemes, and the maillage between actors.

One module per area; Django finds every model through this package."""

from actors.models.fiches import Actor, ActorProposal, ActorRedirect, Contact, PublicationStatus
from actors.models.imports import ImportMapping, ImportRecord
from actors.models.links import LocalScheme, Participation, Relation, Scheme
from actors.models.postings import Posting, PostingSnapshot, SearchRowRemoval
from actors.models.search import ActorSearchRow, SearchTerm
from actors.models.structures import StructureMembership
from actors.models.territories import Territory
from actors.models.vocabularies import ActorType, Competence, Profession, Sphere, Theme, Vocabulary

__all__ = [
    "ActorSearchRow",
    "Territory",
    "Vocabulary",
    "Sphere",
    "ActorType",
    "Theme",
    "Competence",
    "Profession",
    "PublicationStatus",
    "Actor",
    "Contact",
    "ActorProposal",
    "ActorRedirect",
    "Scheme",
    "LocalScheme",
    "Participation",
    "Relation",
    "StructureMembership",
    "SearchTerm",
    "Posting",
    "PostingSnapshot",
    "SearchRowRemoval",
    "ImportMapping",
    "ImportRecord",
]
