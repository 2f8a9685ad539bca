"""The glossary as a spreadsheet: exported by anyone (open data), imported back by the staff
with a preview row by row. The files are read and written by the directory's spreadsheet
machinery (`actors.spreadsheets`); what is the glossary's own is here."""
