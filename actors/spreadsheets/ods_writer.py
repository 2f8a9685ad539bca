"""ODS tables that open ready to use in LibreOffice, as `xlsx_writer` does for Excel: the header
in bold, frozen (the view settings), with filter buttons (a database range); columns fitted to
their content; dates as dates shown JJ/MM/AAAA; an « À propos » sheet first. ODS has no
streaming writer: built in memory (odfpy), fine for the sizes people open in LibreOffice; CSV
and XLSX are the formats for very large lists."""

import datetime
import io
from decimal import Decimal

from odf import config, number, table
from odf.opendocument import OpenDocumentSpreadsheet
from odf.style import Style, TableColumnProperties, TextProperties
from odf.text import P

from actors.spreadsheets.about import ABOUT_TITLE, About
from actors.spreadsheets.formatting import safe_rows
from actors.spreadsheets.layout import column_widths, sampled

# A character of the default font is about 0.22 cm wide.
CM_PER_CHARACTER = 0.22
ABOUT_WIDTHS = (22, 100)


class _Styles:
    """The document's automatic styles: bold header cells, date cells, one style a width."""

    def __init__(self, document):
        self.document = document
        self.bold = self._add(Style(name="entete", family="table-cell"))
        self.bold.addElement(TextProperties(fontweight="bold"))
        self._add(_date_style("date-jj-mm-aaaa", with_time=False))
        self._add(_date_style("date-heure-jj-mm-aaaa", with_time=True))
        self.date = self._add(
            Style(name="cellule-date", family="table-cell", datastylename="date-jj-mm-aaaa")
        )
        self.datetime = self._add(
            Style(name="cellule-date-heure", family="table-cell",
                  datastylename="date-heure-jj-mm-aaaa")
        )  # fmt: skip
        self.widths: dict[int, Style] = {}

    def _add(self, style):
        self.document.automaticstyles.addElement(style)
        return style

    def column(self, width: int) -> Style:
        if width not in self.widths:
            style = self._add(Style(name=f"colonne-{width}", family="table-column"))
            style.addElement(TableColumnProperties(columnwidth=f"{width * CM_PER_CHARACTER:.2f}cm"))
            self.widths[width] = style
        return self.widths[width]


def _date_style(name: str, *, with_time: bool):
    style = number.DateStyle(name=name)
    parts = [number.Day(style="long"), "/", number.Month(style="long"), "/",
             number.Year(style="long")]  # fmt: skip
    if with_time:
        parts += [" ", number.Hours(style="long"), ":", number.Minutes(style="long")]
    for part in parts:
        style.addElement(number.Text(text=part) if isinstance(part, str) else part)
    return style


def ods_sheets(sheets, *, about: About | None = None) -> bytes:
    """`[(title, rows), …]` as the sheets of an ODS, each row's first one its header; with
    `about`, an « À propos » sheet first. The file opens on the first table."""
    document = OpenDocumentSpreadsheet()
    styles = _Styles(document)
    tables, counts, ranges = [], [], table.DatabaseRanges()
    for title, table_rows in sheets:
        sheet, count, columns = _table(styles, title[:31], table_rows)
        tables.append(sheet)
        counts.append(count)
        if columns:
            ranges.addElement(_filter_range(sheet.getAttribute("name"), columns, count + 1))
    if about:
        about_rows = about.rows(counts[0] if counts else 0)
        document.spreadsheet.addElement(_about_table(styles, about_rows))
    for sheet in tables:
        document.spreadsheet.addElement(sheet)
    document.spreadsheet.addElement(ranges)
    _freeze_headers(document, [sheet.getAttribute("name") for sheet in tables])
    buffer = io.BytesIO()
    document.write(buffer)
    return buffer.getvalue()


def _table(styles: _Styles, title: str, table_rows):
    """The table, how many rows under its header, how many columns."""
    sheet = table.Table(name=title)
    sample, rows = sampled(safe_rows(table_rows))
    widths = column_widths(sample)
    for width in widths:
        sheet.addElement(table.TableColumn(stylename=styles.column(width)))
    count = -1
    for count, row in enumerate(rows):
        sheet.addElement(_row(styles, row, header=count == 0))
    return sheet, max(count, 0), len(widths)


def _about_table(styles: _Styles, rows: list[list]):
    sheet = table.Table(name=ABOUT_TITLE)
    for width in ABOUT_WIDTHS:
        sheet.addElement(table.TableColumn(stylename=styles.column(width)))
    for label, value in safe_rows(rows):
        row = table.TableRow()
        row.addElement(_cell(styles, label, bold=True))
        row.addElement(_cell(styles, value))
        sheet.addElement(row)
    return sheet


def _row(styles: _Styles, values: list, *, header: bool):
    row = table.TableRow()
    for value in values:
        row.addElement(_cell(styles, value, bold=header))
    return row


def _cell(styles: _Styles, value, *, bold: bool = False):
    """A number as a float cell, a date as a date cell, anything else as text."""
    if isinstance(value, datetime.datetime):
        cell = table.TableCell(valuetype="date", datevalue=value.isoformat(timespec="seconds"),
                               stylename=styles.datetime)  # fmt: skip
        shown = value.strftime("%d/%m/%Y %H:%M")
    elif isinstance(value, datetime.date):
        cell = table.TableCell(valuetype="date", datevalue=value.isoformat(), stylename=styles.date)
        shown = value.strftime("%d/%m/%Y")
    elif isinstance(value, int | float | Decimal):
        cell = table.TableCell(valuetype="float", value=value)
        shown = str(value)
    else:
        cell = table.TableCell(valuetype="string", **({"stylename": styles.bold} if bold else {}))
        shown = value
    if shown != "":
        for line in str(shown).split("\n"):
            cell.addElement(P(text=line))
    return cell


def _filter_range(title: str, columns: int, rows: int):
    """The header's filter buttons: a database range over the whole table."""
    last = _column_letters(columns)
    quoted = "'" + title.replace("'", "''") + "'"
    return table.DatabaseRange(
        name=f"filtre-{title}"[:60].replace(" ", "-"),
        targetrangeaddress=f"{quoted}.A1:{quoted}.{last}{rows}",
        displayfilterbuttons="true",
    )


def _column_letters(index: int) -> str:
    letters = ""
    while index:
        index, remainder = divmod(index - 1, 26)
        letters = chr(65 + remainder) + letters
    return letters


def _freeze_headers(document, titles: list[str]) -> None:
    """LibreOffice's view settings: each table frozen under its first row; opens on the
    first table."""
    view = config.ConfigItemMapEntry()
    view.addElement(_item("ViewId", "string", "view1"))
    per_table = config.ConfigItemMapNamed(name="Tables")
    for title in titles:
        entry = config.ConfigItemMapEntry(name=title)
        for name, kind, value in (
            ("HorizontalSplitMode", "short", "0"), ("VerticalSplitMode", "short", "2"),
            ("VerticalSplitPosition", "int", "1"), ("ActiveSplitRange", "short", "2"),
            ("PositionBottom", "int", "1"),
        ):  # fmt: skip
            entry.addElement(_item(name, kind, value))
        per_table.addElement(entry)
    view.addElement(per_table)
    if titles:
        view.addElement(_item("ActiveTable", "string", titles[0]))
    views = config.ConfigItemMapIndexed(name="Views")
    views.addElement(view)
    settings = config.ConfigItemSet(name="ooo:view-settings")
    settings.addElement(views)
    document.settings.addElement(settings)


def _item(name: str, kind: str, value: str):
    item = config.ConfigItem(name=name, type=kind)
    item.addText(value)
    return item
