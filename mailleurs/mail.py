"""E-mails written from templates, for every app: each app's `notifications` module decides who
is told what; this one renders the body from the app's folder of e-mail templates and sends it."""

import re

from django.core.mail import send_mail
from django.template.loader import render_to_string

from mailleurs.text import one_line


def mail_body(*, folder: str, template: str, context: dict) -> str:
    """`folder/template.txt` rendered with `context`, as plain text."""
    body = render_to_string(f"{folder}/{template}.txt", context)
    # Template tags leave blank lines behind: keep at most one between paragraphs.
    return re.sub(r"\n\s*\n(\s*\n)+", "\n\n", body).strip() + "\n"


def send_templated_mail(
    *, folder: str, template: str, subject: str, recipients: list[str], context: dict
) -> None:
    """Send `folder/template.txt` rendered with `context` to `recipients` (one message)."""
    body = mail_body(folder=folder, template=template, context=context)
    # Subjects hold names typed by users (or imported): a header is one line, whatever they hold.
    send_mail(subject=one_line(subject), message=body, from_email=None, recipient_list=recipients)
