"""The objects the writing pages of the sheets name, for tests/mailleurs/site_map.py: sheets in
every state, an actor involved that the member manages, a proposal, and files (their rows only:
nothing is written to disk, the file pages answer 404 for them)."""

from experiences.models import ExperienceDocument, ExperienceImage
from tests.experiences.factories_editing import InvolvementFactory, ProposalFactory, SheetFactory


def sheet_objects(*, member, managed_actor) -> dict:
    published = SheetFactory(title="Un lieu de répit", slug="lieu-de-repit", created_by=member)
    involvement = InvolvementFactory(experience=published, actor=managed_actor)
    ExperienceImage.objects.create(experience=published, file="experiences/images/absente.png",
                                   alt_text="Le lieu", width=1, height=1)  # fmt: skip
    ExperienceDocument.objects.create(experience=published, title="Compte rendu",
                                      file="experiences/documents/absent.pdf")  # fmt: skip
    return {
        "published": published,
        "sheets": [
            published,
            SheetFactory(status="draft", created_by=member),
            SheetFactory(status="review", created_by=member),
            SheetFactory(status="archived"),
        ],
        "involvement": involvement,
        "proposal": ProposalFactory(
            experience=published, author=member, data={"summary": ["Nouveau résumé"]}
        ),  # fmt: skip
    }


def _slugs(objects):
    return [{"slug": sheet.slug} for sheet in objects["sheets"]["sheets"]] + [{"slug": "inconnue"}]


def _involvements(objects):
    involvement = objects["sheets"]["involvement"]
    slug = involvement.experience.slug
    return [{"slug": slug, "pk": involvement.pk}, {"slug": "inconnue", "pk": involvement.pk},
            {"slug": slug, "pk": 999999}]  # fmt: skip


def _restore(objects):
    sheet = objects["sheets"]["published"]
    return [{"slug": sheet.slug, "history_id": sheet.history.first().history_id},
            {"slug": sheet.slug, "history_id": 999999}]  # fmt: skip


ARGUMENTS = {
    **{
        f"experiences:{name}": _slugs
        for name in ("edit", "publish", "send_back", "archive", "unarchive", "history")
    },
    "experiences:restore": _restore,
    "experiences:proposal": lambda o: [{"pk": o["sheets"]["proposal"].pk}, {"pk": 999999}],
    **{
        f"experiences:{name}": _involvements
        for name in ("involvement", "confirm_involvement", "dispute_involvement")
    },
    "experiences:file": lambda o: [
        {"kind": "images", "name": "absente.png"},
        {"kind": "documents", "name": "absent.pdf"},
        {"kind": "autre", "name": "absente.png"},
    ],
}
