"""Drop-down lists in an XLSX import template: each column that takes its values from a
vocabulary (type, sphères, thèmes, rôle…) offers them in a list, read from a hidden « Listes »
sheet that holds one vocabulary a column. A column that takes several values offers them one at
a time and accepts « A ; B » typed in; a single-value column warns on a value not in the list
(the import, not the spreadsheet, has the last word: it reads case and accents loosely)."""

from django.utils.translation import gettext as _
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.worksheet.datavalidation import DataValidation

from actors.spreadsheets.columns import Column
from actors.spreadsheets.formatting import safe_row

LISTS_TITLE = "Listes"
# The template's rows a drop-down covers: far more than one import's fiches ever are.
LAST_ROW = 5000


def add_drop_downs(book, data_sheet, columns: list[Column]) -> None:
    """Fills the hidden « Listes » sheet and puts a drop-down on each vocabulary column."""
    vocabularies = [(index, column, column.choices()) for index, column in
                    enumerate(columns, 1) if column.choices]  # fmt: skip
    vocabularies = [(index, column, values) for index, column, values in vocabularies if values]
    if not vocabularies:
        return
    lists = book.create_sheet(LISTS_TITLE)
    lists.sheet_state = "hidden"
    for list_column, (index, column, values) in enumerate(vocabularies, 1):
        for row, value in enumerate([column.header, *values], 1):
            lists.cell(row=row, column=list_column, value=safe_row([value])[0])
        letter = get_column_letter(list_column)
        source = f"{quote_sheetname(LISTS_TITLE)}!${letter}$2:${letter}${len(values) + 1}"
        validation = _validation(column, source)
        data_letter = get_column_letter(index)
        validation.add(f"{data_letter}2:{data_letter}{LAST_ROW}")
        data_sheet.add_data_validation(validation)


def _validation(column: Column, source: str) -> DataValidation:
    if column.several:
        return DataValidation(
            type="list",
            formula1=source,
            allow_blank=True,
            showErrorMessage=False,  # « A ; B » is not in the list, and is right
            showInputMessage=True,
            promptTitle=column.header[:32],
            prompt=_(
                "Choisissez une valeur dans la liste. Pour en mettre plusieurs, tapez-les "
                "séparées par « ; »."
            ),
        )
    return DataValidation(
        type="list",
        formula1=source,
        allow_blank=True,
        showErrorMessage=True,
        errorStyle="warning",
        errorTitle=column.header[:32],
        error=_("Cette valeur n’est pas dans la liste : l’import risque de la refuser."),
    )
