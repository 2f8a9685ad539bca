"""The files attached to experience sheets, checked from their content, never from their name
or the type the browser announces.

Images: JPEG, PNG or WebP only, opened with Pillow, verified, then decoded again and
re-encoded by the site: the orientation is applied, metadata (EXIF with its GPS position,
comments, colour profiles) dropped, anything after the image (an appended PDF or script) left
behind. SVG is refused (it holds scripts). A PDF is kept as sent once its structure parses and
holds nothing that runs or launches (JavaScript, automatic actions, embedded files). Either way
the site names the file (a random token and the right extension).

A refused file raises `ValidationError` with a French message, before anything is written."""

import re
import secrets
import warnings
from dataclasses import dataclass
from io import BytesIO

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from PIL import Image, ImageOps
from pypdf import PdfReader
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject

MEGABYTE = 1024 * 1024
# Pillow's format name → the extension the site gives the stored file.
IMAGE_FORMATS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}
# Modes each format stores as they are; other modes are converted to RGB (or RGBA).
KEPT_MODES = {"JPEG": {"L", "RGB"}, "PNG": {"1", "L", "LA", "RGB", "RGBA"}, "WEBP": {"RGB", "RGBA"}}
SAVE_OPTIONS = {"JPEG": {"quality": 85, "optimize": True}, "PNG": {"optimize": True},
                "WEBP": {"quality": 85}}  # fmt: skip


@dataclass(frozen=True)
class CheckedImage:
    content: ContentFile  # the re-encoded image, named by the site
    width: int
    height: int


@dataclass(frozen=True)
class CheckedDocument:
    content: ContentFile  # the PDF as sent, named by the site
    size: int


def site_name(extension: str) -> str:
    """A name nobody can guess or choose: 32 hexadecimal characters and the extension."""
    return f"{secrets.token_hex(16)}.{extension}"


def _read(upload, *, limit_megabytes: int, too_big: str) -> bytes:
    """The whole file, refused past the limit (read one byte beyond it, never more)."""
    limit = limit_megabytes * MEGABYTE
    upload.seek(0)
    data = upload.read(limit + 1)
    if len(data) > limit:
        raise ValidationError(too_big % {"max": limit_megabytes}, code="too_big")
    if not data:
        raise ValidationError(_("Le fichier est vide."), code="empty")
    return data


# --- images --------------------------------------------------------------------------------------


def _refuse_other_kinds(data: bytes) -> None:
    """Name what the file is when it is clearly not a raster image: the message helps."""
    head = data[:1024].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith(b"%pdf-"):
        raise ValidationError(
            _("Ce fichier est un PDF, pas une image : ajoutez-le dans « Documents »."),
            code="pdf_as_image",
        )
    if head.startswith(b"<?xml") or b"<svg" in head:
        raise ValidationError(
            _("Les images SVG ne sont pas acceptées : envoyez une image JPEG, PNG ou WebP."),
            code="svg",
        )


UNREADABLE_IMAGE = gettext_lazy(
    "Ce fichier n’est pas une image lisible : envoyez une image JPEG, PNG ou WebP."
)


def _open_checked(data: bytes) -> tuple[Image.Image, str]:
    """The image decoded, after its format and size in pixels were checked and its structure
    verified. Pillow parses hostile bytes here: any failure means the file is refused."""
    with warnings.catch_warnings():
        # Pillow warns (rather than fails) between its limit and twice it: a refusal here.
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            with Image.open(BytesIO(data)) as probe:
                image_format, size = probe.format, probe.size
                if image_format in IMAGE_FORMATS and _pixels_allowed(size):
                    probe.verify()
            if image_format not in IMAGE_FORMATS:
                raise ValidationError(
                    _("Format d’image non accepté : JPEG, PNG ou WebP seulement."), code="format"
                )
            if not _pixels_allowed(size):
                raise _too_many_pixels()
            # `verify` leaves the image unusable: open it again and decode every pixel.
            image = Image.open(BytesIO(data))
            image.load()
            return ImageOps.exif_transpose(image), image_format
        except ValidationError:
            raise
        except (Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
            raise _too_many_pixels() from error
        except Exception as error:  # whatever the decoder says, it is refused
            raise ValidationError(UNREADABLE_IMAGE, code="unreadable") from error


def _pixels_allowed(size: tuple[int, int]) -> bool:
    width, height = size
    return width * height <= settings.EXPERIENCE_IMAGE_MAX_PIXELS


def _too_many_pixels() -> ValidationError:
    return ValidationError(
        _("Image trop grande : %(max)s millions de pixels au plus.")
        % {"max": settings.EXPERIENCE_IMAGE_MAX_PIXELS // 1_000_000},
        code="too_many_pixels",
    )


def _plain(image: Image.Image, image_format: str) -> Image.Image:
    """A mode the format stores as is; transparency kept where the format has it."""
    if image.mode in KEPT_MODES[image_format]:
        return image
    transparent = image_format != "JPEG" and (
        image.mode in {"RGBA", "LA", "PA", "RGBa", "La"} or "transparency" in image.info
    )
    return image.convert("RGBA" if transparent else "RGB")


def check_image(upload) -> CheckedImage:
    """The uploaded image re-encoded by the site, or `ValidationError`."""
    data = _read(
        upload,
        limit_megabytes=settings.EXPERIENCE_IMAGE_MAX_MEGABYTES,
        too_big=_("Image trop lourde : %(max)s Mo au plus."),
    )
    _refuse_other_kinds(data)
    image, image_format = _open_checked(data)
    image = _plain(image, image_format)
    side = settings.EXPERIENCE_IMAGE_MAX_SIDE
    if max(image.size) > side:
        image.thumbnail((side, side))
    # Nothing of the original's metadata goes to the encoder: EXIF, XMP, ICC, comments.
    image.info = {}
    output = BytesIO()
    image.save(output, format=image_format, **SAVE_OPTIONS[image_format])
    name = site_name(IMAGE_FORMATS[image_format])
    return CheckedImage(ContentFile(output.getvalue(), name=name), *image.size)


# --- PDF documents -------------------------------------------------------------------------------

# Names that make a PDF run code, act on its own, open other files or carry files.
ACTIVE_KEYS = {"/JS", "/JavaScript", "/AA", "/Launch", "/EmbeddedFiles", "/EmbeddedFile",
               "/EF", "/RichMedia", "/XFA"}  # fmt: skip
ACTIVE_ACTIONS = {"/JavaScript", "/Launch", "/SubmitForm", "/ImportData", "/GoToE", "/GoToR",
                  "/RichMediaExecute", "/Rendition"}  # fmt: skip
ACTIVE_RAW_NAMES = {name.lstrip("/").encode() for name in ACTIVE_KEYS | ACTIVE_ACTIONS}
STREAMS = re.compile(rb"stream\r?\n.*?endstream", re.DOTALL)
NAMES = re.compile(rb"/([^\s/<>\[\]()%{}]+)")
ESCAPE = re.compile(rb"#([0-9A-Fa-f]{2})")
MAX_OBJECTS = 200_000

ACTIVE_PDF = gettext_lazy(
    "Ce PDF contient du code ou des actions automatiques (JavaScript, lancement de programme, "
    "fichiers joints) : enregistrez-le à nouveau avec « Imprimer en PDF », puis réessayez."
)
UNREADABLE_PDF = gettext_lazy("Ce fichier n’est pas un PDF lisible (incomplet ou abîmé).")


def _raw_names(data: bytes) -> set[bytes]:
    """Every name written outside the streams, `#xx` escapes decoded (`/J#61vaScript`)."""
    outside = STREAMS.sub(b" ", data)
    return {ESCAPE.sub(lambda m: bytes([int(m[1], 16)]), m[1]) for m in NAMES.finditer(outside)}


def _is_active(dictionary: DictionaryObject) -> bool:
    if ACTIVE_KEYS.intersection(dictionary.keys()):
        return True
    action = dictionary.get("/S")
    if isinstance(action, IndirectObject):
        action = action.get_object()
    return action in ACTIVE_ACTIONS


def _has_active_objects(reader: PdfReader) -> bool:
    """Walk every object reachable from the trailer (object streams included, names decoded)."""
    seen, stack, count = set(), [reader.trailer], 0
    while stack:
        item = stack.pop()
        if isinstance(item, IndirectObject):
            if (item.idnum, item.generation) in seen:
                continue
            seen.add((item.idnum, item.generation))
            item = item.get_object()
        count += 1
        if count > MAX_OBJECTS:
            raise ValidationError(UNREADABLE_PDF, code="too_complex")
        if isinstance(item, DictionaryObject):
            if _is_active(item):
                return True
            stack.extend(item.values())
        elif isinstance(item, ArrayObject):
            stack.extend(item)
    return False


def _parsed_pdf_is_active(data: bytes) -> bool:
    """Parse the PDF (pypdf reads hostile bytes here: any failure means refused); encrypted
    ones are read when they open without a password, refused otherwise."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            reader = PdfReader(BytesIO(data), strict=False)
            if reader.is_encrypted and not reader.decrypt(""):
                raise ValidationError(
                    _("Ce PDF est protégé par un mot de passe : envoyez-le sans protection."),
                    code="encrypted",
                )
            if len(reader.pages) < 1:
                raise ValidationError(UNREADABLE_PDF, code="no_page")
            return _has_active_objects(reader)
        except ValidationError:
            raise
        except Exception as error:  # whatever the parser says, it is refused
            raise ValidationError(UNREADABLE_PDF, code="unreadable") from error


def check_document(upload) -> CheckedDocument:
    """The uploaded PDF named by the site, or `ValidationError`."""
    data = _read(
        upload,
        limit_megabytes=settings.EXPERIENCE_DOCUMENT_MAX_MEGABYTES,
        too_big=_("Document trop lourd : %(max)s Mo au plus."),
    )
    if not data.startswith(b"%PDF-"):
        raise ValidationError(
            _("Ce fichier n’est pas un PDF : seuls les documents PDF sont acceptés."),
            code="not_pdf",
        )
    if b"%%EOF" not in data[-2048:]:
        raise ValidationError(UNREADABLE_PDF, code="truncated")
    if ACTIVE_RAW_NAMES & _raw_names(data) or _parsed_pdf_is_active(data):
        raise ValidationError(ACTIVE_PDF, code="active_content")
    return CheckedDocument(ContentFile(data, name=site_name("pdf")), len(data))
