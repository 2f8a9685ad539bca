"""django-import-export resources: actors, relations and local-scheme participations read back
from the spreadsheets Mailleurs exports (the columns of `actors.spreadsheets.columns`).

A file is the truth for the columns it has: a column left out changes nothing, an empty cell
empties the value. Rows are matched to existing fiches by SIRET, else identifier (slug), else
name and commune; an unchanged row writes nothing, so importing the same file twice is harmless.
"""
