"""Python calls made for one report through the public form, against the bare upload view, in
the same process (a count does not depend on the machine's load, as a rate does).

    .venv/bin/python bench/intake_calls.py [--photo-kb 1024] [--repeat 5]

Sets up a fresh SQLite data folder with one agency, as bench/intake.py does, warms both views,
then counts with `sys.setprofile` every Python call made while Django's handler serves one POST
(the test client's own calls are not counted). Prints the counts, their ratio, and how the
form's calls split over the view's main steps (ADR 0034), and the calls the job worker then
makes for one report's cleaning job. Each figure is the smallest of `--repeat` (a first use of
a code path imports or caches something).
"""

from __future__ import annotations

import argparse
import collections
import os
import re
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "bench"), str(ROOT / "src")]

import intake as bench  # noqa: E402  (bench/intake.py: the same bare view and photo)

STEPS = ("clean_without_form", "report_submit", "render", "_check_token")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--photo-kb", type=int, default=1024, help="at least this size")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="tegak-bench-calls-"))
    bench.write_bench_modules(work)
    (work / "data").mkdir()
    sys.path.insert(0, str(work))
    os.environ.update(bench.bench_settings(work))
    os.environ.pop("DATABASE_URL", None)
    import django

    django.setup()
    from django.core.management import call_command
    from django.test import Client

    from tegak.people.models import Instansi

    call_command("migrate", verbosity=0)
    agency = Instansi.objects.create(code="kota-bench", name="Kota Bench", level="kabupaten_kota")
    photo = bench.make_photo(args.photo_kb * 1024)
    client = Client(enforce_csrf_checks=True, HTTP_HOST="127.0.0.1")
    page = client.get("/lapor/").content.decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    fields = {
        "csrfmiddlewaretoken": token,
        "instansi": str(agency.pk),
        "accused_text": "Petugas loket",
        "description": "Petugas meminta uang di luar tarif resmi.",
        "occurred_on": "2025-10-01",
        "occurred_time": "10:00",
        "occurred_timezone": "WIB",
        "reporter_mode": "anonymous",
    }
    bodies = {
        "/bench/bare/": bench.multipart({}, "files", "foto.jpg", photo),
        "/lapor/": bench.multipart(fields, "files", "foto.jpg", photo),
    }

    def counted(path: str) -> collections.Counter[str]:
        counts: collections.Counter[str] = collections.Counter()

        def hook(frame, event, arg):  # type: ignore[no-untyped-def]
            if event != "call":
                return
            names = []
            current = frame
            while current is not None and current.f_code.co_name != "get_response":
                names.append(current.f_code.co_name)
                current = current.f_back
            if current is None:
                return  # the test client's own work
            counts["all"] += 1
            for step in STEPS:
                if step in names:
                    counts[step] += 1

        body, content_type = bodies[path]
        sys.setprofile(hook)
        try:
            response = client.generic("POST", path, body, content_type=content_type)
        finally:
            sys.setprofile(None)
        assert response.status_code == 201, (path, response.status_code)
        return counts

    results = {
        path: min((counted(path) for _ in range(args.repeat)), key=lambda c: c["all"])
        for path in bodies
    }
    bare, form = results["/bench/bare/"]["all"], results["/lapor/"]["all"]
    print(f"photo {len(photo) / 1024:.0f} KB; calls per request, the smallest of {args.repeat}")
    print(f"bare upload view : {bare:7,d}")
    print(f"report form      : {form:7,d}")
    print(f"ratio bare/form  : {bare / form:.2f}")
    for step in STEPS:
        print(f"  form, in {step:20s}: {results['/lapor/'][step]:6,d}")

    # The job worker's side of a report: claiming its cleaning job, running it, recording it
    # (one job per report sent above; the first of them imports and caches).
    from tegak.jobs.runner import JobRunner

    runner = JobRunner()
    worker: list[int] = []
    calls = [0]

    def count(frame, event, arg):  # type: ignore[no-untyped-def]
        if event == "call":
            calls[0] += 1

    while True:
        calls[0] = 0
        sys.setprofile(count)
        try:
            job = runner.claim()
            if job is not None:
                runner.execute(job)
        finally:
            sys.setprofile(None)
        if job is None:
            break
        assert job.status == "SUCCESSFUL", job.errors
        worker.append(calls[0])
    print(f"job worker, one cleaning job (claim, run, record): {min(worker):,d} calls")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
