"""Refresh the Indonesian catalogs of every app and compile them (`make messages`).

Message ids are English; each app keeps its own catalog in `<app>/locale/id/LC_MESSAGES/`,
so apps can be translated (and merged) independently. Project-wide templates and settings
use `src/tegak/locale/`. The law engine (`tegak.rules`, no Django) has its own stdlib gettext
catalogue, `rules/locale/id/LC_MESSAGES/tegak-rules.po`, extracted from its `say(...)`,
`RulesInputError(field, "...")` and `choice(..., what)` calls. Extraction needs GNU gettext
(xgettext); compiling uses polib only.
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


RULES_DIR = PACKAGE / "rules"
RULES_PO = RULES_DIR / "locale" / "id" / "LC_MESSAGES" / "tegak-rules.po"
RULES_KEYWORDS = [
    "--keyword=",
    "--keyword=say",
    "--keyword=RulesInputError:2",
    "--keyword=choice:4",
]


def catalogs() -> list[Path]:
    """Every Indonesian .po file of the project (the Django apps' and the engine's)."""
    return sorted([*PACKAGE.glob("**/locale/id/LC_MESSAGES/django.po"), RULES_PO])


def extract_rules() -> None:
    """Refresh the engine's catalogue from its source, keeping the translations it has."""
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        template = Path(folder) / "tegak-rules.pot"
        subprocess.run(
            [
                "xgettext",
                "--language=Python",
                "--from-code=UTF-8",
                "--no-location",
                "--sort-output",
                *RULES_KEYWORDS,
                "--output",
                str(template),
                *sorted(path.name for path in RULES_DIR.glob("*.py")),
            ],
            cwd=RULES_DIR,
            check=True,
        )
        fresh = polib.pofile(str(template))
    old = polib.pofile(str(RULES_PO)) if RULES_PO.exists() else polib.POFile()
    known = {entry.msgid: entry.msgstr for entry in old if not entry.obsolete}
    catalog = polib.POFile(wrapwidth=100)
    catalog.metadata = {
        "Project-Id-Version": "tegak-rules",
        "Language": "id",
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
        "Plural-Forms": "nplurals=1; plural=0;",
    }
    for entry in fresh:
        catalog.append(polib.POEntry(msgid=entry.msgid, msgstr=known.get(entry.msgid, "")))
    RULES_PO.parent.mkdir(parents=True, exist_ok=True)
    catalog.save(str(RULES_PO))


def extract(only: str | None = None) -> None:
    if only in (None, "rules"):
        extract_rules()
    if only == "rules":
        return
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


def _compiled(po_path: Path) -> bytes:
    """The .mo bytes polib makes of the catalog (compared, never written, by `check`)."""
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        target = Path(folder) / po_path.with_suffix(".mo").name
        polib.pofile(str(po_path)).save_as_mofile(str(target))
        return target.read_bytes()


def check() -> int:
    """Exit non-zero when a catalog is out of date with the source, incomplete, or not compiled.

    Reads only: the extraction runs, its catalogs are compared, and every tracked catalog and
    compiled file is put back exactly as it was (a check never changes the working tree).
    """
    watched = [path for path in catalogs() if path.exists()]
    watched += [*PACKAGE.glob("**/locale/id/LC_MESSAGES/*.mo")]
    saved = {path: path.read_bytes() for path in watched}
    before = {
        path: {e.msgid for e in polib.pofile(str(path)) if not e.obsolete} for path in catalogs()
    }
    problems = 0
    try:
        extract()
        for path in catalogs():
            catalog = polib.pofile(str(path))
            after = {e.msgid for e in catalog if not e.obsolete}
            old = before.get(path, set())
            for msgid in sorted(after - old):
                print(f"not in the catalog yet: {path.relative_to(ROOT)}: {msgid!r}")
                problems += 1
            for msgid in sorted(old - after):
                print(f"no longer in the source: {path.relative_to(ROOT)}: {msgid!r}")
                problems += 1
            for entry in catalog:
                if entry.obsolete:
                    continue
                if "fuzzy" in entry.flags or not (
                    entry.msgstr or any(entry.msgstr_plural.values())
                ):
                    print(f"untranslated: {path.relative_to(ROOT)}: {entry.msgid!r}")
                    problems += 1
    finally:
        for path in catalogs():
            if path not in saved:
                path.unlink()
        for path, content in saved.items():
            path.write_bytes(content)
    for path in catalogs():
        compiled = path.with_suffix(".mo")
        if not compiled.exists() or compiled.read_bytes() != _compiled(path):
            print(f"not compiled: {path.relative_to(ROOT)} (run make messages)")
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
