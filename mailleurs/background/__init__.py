"""Long work (large exports, imports) run by the task worker, with a page that follows it.

Starting a job: `services.start_job(owner=…, kind=…, label=…, params=…)` with a kind named in
`kinds.KINDS`. The kind's work function receives the job and a `progress.Progress`:

    def work(job, progress) -> Output | None:
        progress.set_total(len(rows))
        for row in progress.track(rows):       # publishes every TASKS_PROGRESS_EVERY rows and
            check(row)                          # stops here when the owner cancels
        with progress.writing():                # from here on, no cancelling
            write(rows)
        return Output(link=…) or Output(file=…, file_name=…)

It runs inside one transaction: raising `JobError("…")` (French) or any error leaves nothing
written and shows the reason on the job's page. Examples: `actors/spreadsheets/export_jobs.py`
(a large export, giving a file) and `import_jobs.py` (an import's preview and confirmation,
giving a link to the import's report)."""
