"""The kinds of job and the function that does each one's work (a dotted path, imported when a
job runs: this app knows no other app's code). A work function takes `(job, progress)` and
returns an `Output` or None."""

from django.utils.module_loading import import_string

KINDS = {
    "export-acteurs": "actors.spreadsheets.export_jobs.export_actors",
    "apercu-import": "actors.spreadsheets.import_jobs.preview_import",
    "reapercu-import": "actors.spreadsheets.import_jobs.repreview_import",
    "import": "actors.spreadsheets.import_jobs.confirm_import",
}


def work_of(kind: str):
    return import_string(KINDS[kind])
