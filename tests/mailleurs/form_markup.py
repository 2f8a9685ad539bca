"""Reading a form page as assistive technology does: the ids it holds, what each input's
aria-describedby points at, the error summary's links, and where the checkboxes stand."""

from dataclasses import dataclass, field
from html.parser import HTMLParser

INPUTS = ("input", "select", "textarea")


@dataclass
class FormMarkup:
    ids: set[str] = field(default_factory=set)
    described_by: list[str] = field(default_factory=list)  # every id named by aria-describedby
    summary_links: list[str] = field(default_factory=list)  # hrefs of the error summary's links
    empty_label_for: int = 0
    checkboxes_outside_fieldset: list[str] = field(default_factory=list)
    editable_inputs: list[str] = field(default_factory=list)  # names of visible inputs

    @property
    def summary_targets(self) -> list[str]:
        return [href.removeprefix("#") for href in self.summary_links]


class _Reader(HTMLParser):
    def __init__(self):
        super().__init__()
        self.markup = FormMarkup()
        self.fieldsets = 0
        self.in_summary = 0  # depth inside the summary's <div>, 0 when outside

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        markup = self.markup
        if attributes.get("id"):
            markup.ids.add(attributes["id"])
        markup.described_by += (attributes.get("aria-describedby") or "").split()
        if tag == "label" and attributes.get("for") == "":
            markup.empty_label_for += 1
        if tag == "fieldset":
            self.fieldsets += 1
        if tag in INPUTS and attributes.get("type") not in ("hidden", "submit"):
            markup.editable_inputs.append(attributes.get("name", ""))
            if attributes.get("type") == "checkbox" and not self.fieldsets:
                markup.checkboxes_outside_fieldset.append(attributes.get("name", ""))
        if tag == "div" and (self.in_summary or attributes.get("id") == "erreurs"):
            self.in_summary += 1
        if tag == "a" and self.in_summary:
            markup.summary_links.append(attributes.get("href", ""))

    def handle_endtag(self, tag):
        if tag == "fieldset":
            self.fieldsets -= 1
        if tag == "div" and self.in_summary:
            self.in_summary -= 1


def read_form(response) -> FormMarkup:
    reader = _Reader()
    reader.feed(response.content.decode())
    return reader.markup
