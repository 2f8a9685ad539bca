"""Experience sheets: what a group of actors did together, what helped, what blocked, told by
those who did it. `sheets` holds the sheet and its parts; `media` the files and links."""

from experiences.models.media import ExperienceDocument, ExperienceImage, ExperienceLink
from experiences.models.proposals import ExperienceProposal
from experiences.models.sheets import (
    CooperationMode,
    Experience,
    ExperienceActor,
    Phase,
    Testimony,
)

__all__ = [
    "CooperationMode",
    "Experience",
    "ExperienceActor",
    "ExperienceDocument",
    "ExperienceImage",
    "ExperienceLink",
    "ExperienceProposal",
    "Phase",
    "Testimony",
]
