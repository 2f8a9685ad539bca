"""The edit form of a page as a browser sends it back untouched: text inputs and hidden ones
with their values, ticked boxes only, the chosen options, the text of the text areas (no
button, no file). Tests then change what a person would type."""

from html.parser import HTMLParser


class _Form(HTMLParser):
    def __init__(self, form_class: str):
        super().__init__()
        self.form_class = form_class
        self.inside = False
        self.data: dict[str, list[str]] = {}
        self._select: tuple[str, bool] | None = None
        self._options: list[tuple[str, bool]] = []
        self._textarea: str | None = None

    def handle_starttag(self, tag, attrs):
        a = {key: value if value is not None else "" for key, value in attrs}
        if tag == "form":
            self.inside = self.form_class in a.get("class", "").split()
        if not self.inside:
            return
        name = a.get("name")
        if tag == "input" and name:
            kind = a.get("type", "text")
            if kind in {"checkbox", "radio"} and "checked" not in a:
                return
            if kind not in {"submit", "button", "file"}:
                self.data.setdefault(name, []).append(
                    a.get("value", "on" if kind == "checkbox" else "")
                )
        elif tag == "select" and name:
            self._select, self._options = (name, "multiple" in a), []
        elif tag == "option" and self._select:
            self._options.append((a.get("value", ""), "selected" in a))
        elif tag == "textarea" and name:
            self._textarea = name
            self.data.setdefault(name, []).append("")

    def handle_data(self, data):
        if self._textarea:
            self.data[self._textarea][-1] += data

    def handle_endtag(self, tag):
        if tag == "form":
            self.inside = False
        elif tag == "textarea" and self._textarea:
            text = self.data[self._textarea][-1]
            self.data[self._textarea][-1] = text.removeprefix("\n")
            self._textarea = None
        elif tag == "select" and self._select:
            name, multiple = self._select
            chosen = [value for value, selected in self._options if selected]
            if not chosen and not multiple and self._options:
                chosen = [self._options[0][0]]
            self.data[name] = chosen
            self._select = None


def form_data(html: str, form_class: str = "edit-form") -> dict[str, list[str]]:
    parser = _Form(form_class)
    parser.feed(html)
    return parser.data
