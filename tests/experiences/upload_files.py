"""Files for the upload tests, made here: real JPEG/PNG images, small PDFs written object by
object (with or without JavaScript), and the hostile variants the checks must refuse."""

from io import BytesIO

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image


def image_bytes(image_format: str = "JPEG", size=(64, 48), color="teal", **save) -> bytes:
    output = BytesIO()
    Image.new("RGB", size, color).save(output, format=image_format, **save)
    return output.getvalue()


def jpeg_with_gps() -> bytes:
    """A photo as a phone takes it: EXIF with the place (GPS) and a rotated orientation."""
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # Make
    exif[0x0112] = 6  # Orientation: rotate 90° to show
    exif.get_ifd(0x8825).update({1: "N", 2: (44.0, 45.0, 10.0), 3: "E", 4: (5.0, 22.0, 1.0)})
    return image_bytes("JPEG", size=(80, 60), exif=exif.tobytes())


def pdf_bytes(catalog_extra: bytes = b"", *extra_objects: bytes) -> bytes:
    """A one-page PDF; `catalog_extra` goes into the catalog, `extra_objects` follow as
    objects 4, 5…, with a correct cross-reference table."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R " + catalog_extra + b" >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>",
        *extra_objects,
    ]
    output = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(output))
        output += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(output)
    output += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    output += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    output += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(output)


def pdf_with_javascript(escaped: bool = False) -> bytes:
    name = b"/J#61vaScript" if escaped else b"/JavaScript"
    return pdf_bytes(
        b"/OpenAction 4 0 R", b"<< /Type /Action /S " + name + b" /JS (app.alert(1)) >>"
    )


def upload(name: str, content: bytes, content_type: str = "application/octet-stream"):
    return SimpleUploadedFile(name, content, content_type=content_type)
