"""Files attached to sheets are judged by their content: a PDF posing as an image, an SVG, an
oversized file, a pixel bomb, a polyglot, a PDF that runs code are refused with a French
message and nothing on disk; accepted images are re-encoded without their metadata; files are
served with headers that keep a browser from running them, and only while their sheet is
visible."""

import zlib

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from PIL import Image

from experiences import uploads
from experiences.models import Experience, ExperienceDocument, ExperienceImage
from tests.actors.factories import CommuneFactory
from tests.experiences.factories_editing import SheetFactory
from tests.experiences.sheet_data import sheet_post
from tests.experiences.upload_files import (
    image_bytes,
    jpeg_with_gps,
    pdf_bytes,
    pdf_with_javascript,
    upload,
)

SVG = (
    b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
)
HTML_AND_SCRIPT = b"<html><script>alert(document.cookie)</script></html>"


def _refused(check, content: bytes, name: str = "fichier.jpg") -> str:
    with pytest.raises(ValidationError) as refused:
        check(upload(name, content, "image/jpeg"))
    return refused.value.messages[0]


def test_a_pdf_renamed_jpg_is_refused():
    assert "est un PDF" in _refused(uploads.check_image, pdf_bytes(), "photo.jpg")


def test_svg_is_refused_even_named_png():
    assert "SVG" in _refused(uploads.check_image, SVG, "image.png")


def test_an_oversized_image_is_refused(settings):
    settings.EXPERIENCE_IMAGE_MAX_MEGABYTES = 1
    noise = image_bytes("PNG", size=(1, 1)) + b"\0" * (1024 * 1024)
    assert "trop lourde : 1 Mo" in _refused(uploads.check_image, noise, "grande.png")


def test_a_pixel_bomb_is_refused_before_it_is_decoded(settings):
    settings.EXPERIENCE_IMAGE_MAX_PIXELS = 1_000_000
    # A few kilobytes on the wire that would decode to 4 000 × 4 000 pixels.
    bomb = image_bytes("PNG", size=(4000, 4000), color="white")
    assert len(bomb) < 100_000
    assert "trop grande" in _refused(uploads.check_image, bomb, "bombe.png")


def test_a_pillow_sized_bomb_is_refused_too():
    # Beyond Pillow's own limit (MAX_IMAGE_PIXELS): refused the same way, never decoded.
    small = image_bytes("PNG", size=(1, 1))
    start = small.index(b"IHDR")
    chunk = b"IHDR" + (50_000).to_bytes(4, "big") * 2 + small[start + 12 : start + 17]
    huge = small[:start] + chunk + zlib.crc32(chunk).to_bytes(4, "big") + small[start + 21 :]
    assert "trop grande" in _refused(uploads.check_image, huge, "enorme.png")


def test_a_jpeg_header_that_does_not_decode_is_refused():
    truncated = image_bytes("JPEG")[:200] + HTML_AND_SCRIPT
    assert "pas une image lisible" in _refused(uploads.check_image, truncated)


def test_html_and_other_formats_are_refused():
    assert "pas une image lisible" in _refused(uploads.check_image, HTML_AND_SCRIPT, "a.jpg")
    gif = image_bytes("GIF")
    assert "JPEG, PNG ou WebP seulement" in _refused(uploads.check_image, gif, "a.gif")


@pytest.mark.parametrize("appended", [pdf_bytes(), HTML_AND_SCRIPT])
def test_a_polyglot_loses_what_follows_the_image(appended):
    polyglot = image_bytes("JPEG") + appended
    checked = uploads.check_image(upload("poly.jpg", polyglot))
    stored = checked.content.read()
    assert b"%PDF" not in stored and b"<script" not in stored
    assert stored.startswith(b"\xff\xd8") and stored.rstrip(b"\0").endswith(b"\xff\xd9")


def test_a_real_jpeg_keeps_no_exif_and_is_named_by_the_site():
    original = jpeg_with_gps()
    with Image.open(upload("p.jpg", original)) as before:
        assert before.getexif().get_ifd(0x8825)  # the test photo does carry a position
    checked = uploads.check_image(upload("IMG_2024 chez Mme X.jpg", original))
    assert checked.content.name.endswith(".jpg") and "Mme" not in checked.content.name
    with Image.open(checked.content) as after:
        assert dict(after.getexif()) == {}
        assert "exif" not in after.info


@pytest.mark.parametrize("image_format", ["PNG", "WEBP"])
def test_png_and_webp_are_accepted_and_keep_their_format(image_format):
    checked = uploads.check_image(upload("a.bin", image_bytes(image_format)))
    assert checked.content.name.endswith({"PNG": ".png", "WEBP": ".webp"}[image_format])


def test_a_pdf_with_javascript_is_refused_even_with_an_escaped_name():
    assert "JavaScript" in _refused(uploads.check_document, pdf_with_javascript(), "a.pdf")
    escaped = pdf_with_javascript(escaped=True)
    assert b"/JavaScript" not in escaped
    assert "JavaScript" in _refused(uploads.check_document, escaped, "a.pdf")


@pytest.mark.parametrize(
    "catalog",
    [b"/Names << /EmbeddedFiles 4 0 R >>", b"/OpenAction 4 0 R", b"/AA << /O 4 0 R >>"],
)
def test_pdfs_that_carry_files_or_act_on_their_own_are_refused(catalog):
    launch = b"<< /Type /Action /S /Launch /F (calc.exe) >>"
    assert "actions automatiques" in _refused(uploads.check_document, pdf_bytes(catalog, launch))


def test_a_plain_pdf_is_accepted_even_opening_on_its_first_page():
    checked = uploads.check_document(
        upload("compte-rendu.pdf", pdf_bytes(b"/OpenAction [3 0 R /Fit]"))
    )
    assert checked.content.name.endswith(".pdf") and "compte" not in checked.content.name


def test_broken_or_fake_pdfs_are_refused():
    assert "pas un PDF" in _refused(uploads.check_document, image_bytes("JPEG"), "a.pdf")
    assert "abîmé" in _refused(uploads.check_document, pdf_bytes()[:-30], "a.pdf")
    assert "abîmé" in _refused(uploads.check_document, b"%PDF-1.7\ngarbage\n%%EOF\n", "a.pdf")


@pytest.mark.django_db
def test_a_refused_file_is_a_message_on_its_field_and_nothing_is_written(
    client, member, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    die = CommuneFactory(name="Die", code="26113", key="26113")
    client.force_login(member)
    data = sheet_post(
        die,
        images=[{"file": upload("photo.jpg", pdf_bytes()), "alt_text": "Photo"},
                {"file": upload("ok.png", image_bytes("PNG")), "alt_text": "Bonne"}],
        documents=[{"file": upload("cr.pdf", pdf_with_javascript()), "title": "CR"}],
    )  # fmt: skip
    response = client.post(reverse("experiences:create"), data)
    assert response.status_code == 400
    content = response.content.decode()
    assert "Ce fichier est un PDF, pas une image" in content
    assert "contient du code" in content
    assert 'href="#id_images-0-file"' in content  # the summary leads to the field
    assert not Experience.objects.exists()
    assert not ExperienceImage.objects.exists() and not ExperienceDocument.objects.exists()
    assert list(tmp_path.rglob("*.*")) == []


@pytest.mark.django_db
def test_an_image_needs_its_alternative_text(client, member, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    die = CommuneFactory(name="Die", code="26113", key="26113")
    client.force_login(member)
    data = sheet_post(die, images=[{"file": upload("a.png", image_bytes("PNG")), "alt_text": ""}])
    assert client.post(reverse("experiences:create"), data).status_code == 400
    assert list(tmp_path.rglob("*.*")) == []


@pytest.fixture
def stored_files(settings, tmp_path, db):
    settings.MEDIA_ROOT = tmp_path
    sheet = SheetFactory(status="draft")
    image = uploads.check_image(upload("a.png", image_bytes("PNG")))
    document = uploads.check_document(upload("a.pdf", pdf_bytes()))
    return {
        "sheet": sheet,
        "image": ExperienceImage.objects.create(experience=sheet, file=image.content,
                                                alt_text="Le lieu"),
        "document": ExperienceDocument.objects.create(experience=sheet, file=document.content,
                                                      title="Compte rendu 2024"),
    }  # fmt: skip


def test_files_are_served_with_safe_headers_and_only_when_the_sheet_is_visible(
    client, moderator, stored_files
):
    image_url = stored_files["image"].file.url
    document_url = stored_files["document"].file.url
    assert client.get(image_url).status_code == 404  # a draft's files stay private
    client.force_login(moderator)
    image = client.get(image_url)
    assert image["Content-Type"] == "image/png"
    assert image["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in image["Content-Security-Policy"]
    assert image["Cache-Control"] == "private, no-store"
    assert b"".join(image.streaming_content).startswith(b"\x89PNG")  # read to the end: closed
    document = client.get(document_url)
    assert document["Content-Type"] == "application/pdf"
    assert document["Content-Disposition"].startswith("attachment;")
    assert 'filename="compte-rendu-2024.pdf"' in document["Content-Disposition"]
    assert b"".join(document.streaming_content).startswith(b"%PDF-")
    wrong_type = image_url.rsplit(".", 1)[0] + ".pdf"
    assert client.get(wrong_type).status_code == 404
    assert client.get(reverse("experiences:file", args=["autre", "x.png"])).status_code == 404
