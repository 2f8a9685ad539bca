"""The files of the sheets (`/media/experiences/…`), served by the site itself: a file is
served only while its sheet is visible to the person asking (a draft's images stay private),
with headers that keep a browser from running anything in it."""

from django.http import FileResponse, Http404
from django.utils.text import slugify
from django.views.decorators.http import require_safe

from experiences.models import Experience, ExperienceDocument, ExperienceImage

KINDS = {"images": ExperienceImage, "documents": ExperienceDocument}
# The site names every file (experiences.uploads): the extension says what it holds.
CONTENT_TYPES = {
    "images": {"jpg": "image/jpeg", "png": "image/png", "webp": "image/webp"},
    "documents": {"pdf": "application/pdf"},
}
# A file opened on its own is a document without any right: no script, no form, no plugin.
SANDBOX = "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox"


@require_safe
def sheet_file(request, kind, name):
    model = KINDS.get(kind)
    extension = name.rsplit(".", 1)[-1].lower()
    if model is None or extension not in CONTENT_TYPES[kind]:
        raise Http404("Aucun fichier à cette adresse.")
    visible = Experience.objects.visible_to(request.user)
    row = (
        model.objects.filter(file=f"experiences/{kind}/{name}", experience__in=visible)
        .select_related("experience")
        .first()
    )
    if row is None:
        raise Http404("Aucun fichier à cette adresse.")
    try:
        handle = row.file.open("rb")
    except FileNotFoundError as missing:
        raise Http404("Ce fichier n’est plus sur le disque.") from missing
    is_document = kind == "documents"
    response = FileResponse(
        handle,
        content_type=CONTENT_TYPES[kind][extension],
        as_attachment=is_document,
        filename=f"{slugify(row.title) or 'document'}.pdf" if is_document else name,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = SANDBOX
    response["Cross-Origin-Resource-Policy"] = "same-origin"
    published = row.experience.is_published
    response["Cache-Control"] = "public, max-age=86400" if published else "private, no-store"
    return response
