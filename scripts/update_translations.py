"""Keeps the app's translations in step with its sources.

    python scripts/update_translations.py          # update the .ts files, rebuild the .qm files
    python scripts/update_translations.py --check  # change nothing; exit 1 if anything is stale

`pyside6-lupdate` reads every Python file under `focusapp/` (`self.tr`, `translate`,
`QT_TRANSLATE_NOOP`, and the core's `phrase(context, source)` marker) into
`focusapp/resources/i18n/focusapp_nl.ts` (every message) and `focusapp_en.ts` (only the plural
forms English needs), then `pyside6-lrelease` compiles each into the `.qm` file the app loads.
Both `.ts` and `.qm` files are committed, so `pip install .` and the PyInstaller bundle get them
without Qt's tools; `tests/unit/test_translations.py` fails when they are stale or a Dutch
translation is missing. Locations are left out of the `.ts` files so that moving code around
does not change them. Messages no longer in the sources are dropped (lupdate's similar-text
heuristic carries an old translation over to a changed source, marked unfinished).
"""

from __future__ import annotations

import argparse
import filecmp
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

import PySide6

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "focusapp"
I18N = PACKAGE / "resources" / "i18n"
CATALOGUE = "focusapp"
# language -> extra lupdate options: English is the source language, so only plurals.
LANGUAGES: dict[str, tuple[str, ...]] = {"nl": (), "en": ("-pluralonly",)}
MARKERS = ("-tr-function-alias", "QT_TRANSLATE_NOOP+=phrase")


def _tool(name: str) -> str:
    """Qt's own binary from the PySide6 wheel (what `pyside6-<name>` runs)."""
    folder = Path(PySide6.__file__).parent
    for candidate in (folder / name, folder / f"{name}.exe", folder / "Qt" / "libexec" / name):
        if candidate.exists():
            return str(candidate)
    found = shutil.which(f"pyside6-{name}")
    if found is None:
        raise SystemExit(f"pyside6-{name} not found: install PySide6 (pip install -e .)")
    return found


def ts_file(language: str, folder: Path = I18N) -> Path:
    return folder / f"{CATALOGUE}_{language}.ts"


def qm_file(language: str, folder: Path = I18N) -> Path:
    return folder / f"{CATALOGUE}_{language}.qm"


def source_files(package: Path = PACKAGE) -> list[Path]:
    """Every Python file of the app, in a stable order (resources hold no Python)."""
    return sorted(
        p
        for p in package.rglob("*.py")
        if "resources" not in p.relative_to(package).parts and "__pycache__" not in p.parts
    )


def lupdate(ts: Path, language: str, package: Path = PACKAGE) -> None:
    files = [str(p) for p in source_files(package)]
    command = [
        _tool("lupdate"),
        *files,
        "-ts",
        str(ts),
        "-source-language",
        "en",
        "-target-language",
        language,
        "-locations",
        "none",
        "-no-obsolete",
        "-silent",
        *MARKERS,
        *LANGUAGES[language],
    ]
    subprocess.run(command, cwd=ROOT, check=True)


def lrelease(ts: Path, qm: Path) -> None:
    subprocess.run([_tool("lrelease"), "-silent", str(ts), "-qm", str(qm)], check=True)


@dataclass(frozen=True)
class Message:
    context: str
    source: str
    translations: tuple[str, ...]  # one, or one per plural form
    kind: str  # "" (finished), "unfinished", "vanished" or "obsolete"
    numerus: bool


def messages(ts: Path) -> list[Message]:
    """The messages of a .ts file, as written."""
    found: list[Message] = []
    for context in ET.parse(ts).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            translation = message.find("translation")
            assert translation is not None, f"{ts}: a message without <translation>"
            forms = translation.findall("numerusform")
            texts = tuple(f.text or "" for f in forms) if forms else (translation.text or "",)
            found.append(
                Message(
                    name,
                    message.findtext("source") or "",
                    texts,
                    translation.get("type", ""),
                    message.get("numerus") == "yes",
                )
            )
    return found


def untranslated(ts: Path) -> list[Message]:
    """Messages not finished: unfinished, left over from old sources, or with an empty text."""
    return [m for m in messages(ts) if m.kind or not all(t.strip() for t in m.translations)]


def stale(folder: Path = I18N, package: Path = PACKAGE) -> list[str]:
    """What `update()` would change, without changing it: .ts files lupdate would rewrite (a
    string added, changed or removed in the sources of `package`) and .qm files not built from
    their .ts."""
    problems: list[str] = []
    with tempfile.TemporaryDirectory() as tmp:
        scratch = Path(tmp)
        for language in LANGUAGES:
            committed = ts_file(language, folder)
            fresh = ts_file(language, scratch)
            if committed.exists():
                shutil.copyfile(committed, fresh)
            lupdate(fresh, language, package)
            if not committed.exists() or not filecmp.cmp(committed, fresh, shallow=False):
                problems.append(f"{committed.name} does not match the sources")
            built = qm_file(language, scratch)
            lrelease(committed if committed.exists() else fresh, built)
            qm = qm_file(language, folder)
            if not qm.exists() or not filecmp.cmp(qm, built, shallow=False):
                problems.append(f"{qm.name} is not built from {committed.name}")
    return problems


def update(folder: Path = I18N) -> dict[str, list[Message]]:
    """Update every .ts from the sources and compile it; returns what is left to translate."""
    folder.mkdir(parents=True, exist_ok=True)
    left: dict[str, list[Message]] = {}
    for language in LANGUAGES:
        ts = ts_file(language, folder)
        lupdate(ts, language)
        lrelease(ts, qm_file(language, folder))
        left[language] = untranslated(ts)
    return left


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="change nothing; report staleness")
    args = parser.parse_args(argv)
    if args.check:
        problems = stale()
        problems += [
            f"{ts_file(lang).name}: not translated: [{m.context}] {m.source!r}"
            for lang in LANGUAGES
            for m in untranslated(ts_file(lang))
        ]
        for problem in problems:
            print(problem, file=sys.stderr)
        return 1 if problems else 0
    left = update()
    for language, todo in left.items():
        print(f"{ts_file(language).name}: {len(todo)} to translate")
        for m in todo:
            print(f"  [{m.context}] {m.source!r}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
