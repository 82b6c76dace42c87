"""Refresh the Indonesian catalogs of every app and compile them (`make messages`).

Message ids are English; each app keeps its own catalog in `<app>/locale/id/LC_MESSAGES/`,
so apps can be translated (and merged) independently. Project-wide templates and settings
use `src/tegak/locale/`. Extraction needs GNU gettext (xgettext); compiling uses polib only.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "src" / "tegak"
APPS = sorted(
    path.parent.name
    for path in PACKAGE.glob("*/apps.py")
    if path.parent.name not in {"rules", "extract"}
)


def catalogs() -> list[Path]:
    """Every Indonesian .po file of the project."""
    return sorted(PACKAGE.glob("**/locale/id/LC_MESSAGES/django.po"))


def extract(only: str | None = None) -> None:
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "tegak.config.settings_check"}
    django_admin = str(Path(sys.executable).parent / "django-admin")
    for app in APPS:
        if only and app != only:
            continue
        app_dir = PACKAGE / app
        (app_dir / "locale").mkdir(exist_ok=True)
        subprocess.run(
            [django_admin, "makemessages", "-l", "id", "--no-obsolete", "--no-location"],
            cwd=app_dir,
            env=env,
            check=True,
        )
    if only:
        return
    ignores = [arg for app in APPS for arg in ("--ignore", f"{app}/*")]
    ignores += ["--ignore", "rules/*", "--ignore", "extract/*"]
    subprocess.run(
        [django_admin, "makemessages", "-l", "id", "--no-obsolete", "--no-location", *ignores],
        cwd=PACKAGE,
        env=env,
        check=True,
    )


def compile_all() -> list[str]:
    """Compile every catalog; return the untranslated or fuzzy message ids."""
    missing: list[str] = []
    for po_path in catalogs():
        catalog = polib.pofile(str(po_path))
        for entry in catalog:
            if entry.obsolete:
                continue
            if "fuzzy" in entry.flags or not (entry.msgstr or any(entry.msgstr_plural.values())):
                missing.append(f"{po_path.relative_to(ROOT)}: {entry.msgid!r}")
        catalog.save_as_mofile(str(po_path.with_suffix(".mo")))
    return missing


def check() -> int:
    """Exit non-zero when a catalog is out of date with the source or incomplete."""
    before = {
        path: {e.msgid for e in polib.pofile(str(path)) if not e.obsolete} for path in catalogs()
    }
    extract()
    problems = 0
    for path in catalogs():
        after = {e.msgid for e in polib.pofile(str(path)) if not e.obsolete}
        new = after - before.get(path, set())
        for msgid in sorted(new):
            print(f"not in the catalog yet: {path.relative_to(ROOT)}: {msgid!r}")
            problems += 1
    for line in compile_all():
        print("untranslated:", line)
        problems += 1
    return 1 if problems else 0


if __name__ == "__main__":
    if "--check" in sys.argv:
        raise SystemExit(check())
    # `--app NAME` refreshes only that app's catalog (helps parallel branches merge cleanly).
    only_app = sys.argv[sys.argv.index("--app") + 1] if "--app" in sys.argv else None
    if "--compile-only" not in sys.argv:
        extract(only_app)
    untranslated = compile_all()
    for line in untranslated:
        print("untranslated:", line)
    print(f"{len(catalogs())} catalogs compiled, {len(untranslated)} messages still untranslated")
