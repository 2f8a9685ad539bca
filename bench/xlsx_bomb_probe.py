"""An XLSX "bomb" read as an upload is read (issue 10): a file of a few hundred kilobytes whose
shared-strings table unzips to tens of megabytes. It must be refused, quickly.

    python bench/xlsx_bomb_probe.py [--megabytes 85]

Builds the file (not timed), then times `reading.read_table` on it, as the preview of /import/
does first. Prints one JSON line: the file's size, what its shared strings unzip to, the
seconds the reading took, whether it was refused and with which message, and the peak
resident memory (KB) before and after the reading."""

import argparse
import json
import os
import resource
import sys
import time
import zipfile
from io import BytesIO
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mailleurs.settings")

import django  # noqa: E402

django.setup()

from actors.spreadsheets.reading import ImportFileError, read_table  # noqa: E402
from tests.actors.spreadsheets.helpers import inflated_xlsx  # noqa: E402


def maxrss_kb() -> int:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KB on Linux


def run(megabytes: float) -> dict:
    content = inflated_xlsx(int(megabytes * 1024 * 1024))
    with zipfile.ZipFile(BytesIO(content)) as archive:
        strings = archive.getinfo("xl/sharedStrings.xml")
    rss_before = maxrss_kb()
    started = time.perf_counter()
    try:
        table = read_table(content)
        refusal = ""
        rows = len(table.rows)
    except ImportFileError as error:
        refusal, rows = str(error), None
    seconds = time.perf_counter() - started
    return {
        "file_kb": round(len(content) / 1024),
        "shared_strings_mb": round(strings.file_size / 1024 / 1024, 1),
        "shared_strings_zipped_kb": round(strings.compress_size / 1024),
        "seconds": round(seconds, 3),
        "refused": bool(refusal),
        "message": refusal,
        "rows_read": rows,
        "peak_kb_before": rss_before,
        "peak_kb": maxrss_kb(),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--megabytes", type=float, default=85, help="shared strings, unzipped")
    options = parser.parse_args()
    print(json.dumps(run(options.megabytes), ensure_ascii=False))


if __name__ == "__main__":
    main()
