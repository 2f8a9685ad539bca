"""One export measurement, in its own process so that its peak memory is its own.

    python bench/export_probe.py csv|xlsx|bare

Prints one JSON line: rows written, seconds, peak resident memory (KB). `bare` times only
openpyxl's write-only workbook writing the very same cells, prepared beforehand (so its peak
memory holds them all): the yardstick for the XLSX export's overhead."""

import json
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mailleurs.settings")

import django  # noqa: E402

django.setup()

from django.contrib.auth.models import AnonymousUser  # noqa: E402

from actors.models import Actor  # noqa: E402
from actors.spreadsheets import exports  # noqa: E402
from actors.spreadsheets.columns import ACTORS, PUBLIC  # noqa: E402


def run(mode: str) -> dict:
    actors = Actor.objects.visible_to(AnonymousUser()).order_by("name", "pk")
    columns = ACTORS.for_audience(PUBLIC)
    started = time.perf_counter()
    count = 0
    if mode == "csv":
        with open(os.devnull, "w", encoding="utf-8") as sink:
            for line in exports.csv_lines(actors, columns):
                sink.write(line)
                count += 1
        count -= 2  # the byte-order mark and the header
    elif mode == "xlsx":
        handle = exports.xlsx_file(actors, columns)
        handle.close()
        count = actors.count()
    else:
        from openpyxl import Workbook

        # The same cells, built before the clock starts: only openpyxl's writing is timed.
        prepared = list(exports.rows(actors, columns))
        started = time.perf_counter()
        workbook = Workbook(write_only=True)
        sheet = workbook.create_sheet()
        for row in prepared:
            sheet.append(row)
        count = len(prepared) - 1
        with tempfile.TemporaryFile() as handle:
            workbook.save(handle)
    seconds = time.perf_counter() - started
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return {"mode": mode, "rows": count, "seconds": round(seconds, 2), "peak_kb": peak_kb}


if __name__ == "__main__":
    print(json.dumps(run(sys.argv[1])))
