"""The translations are complete and in step with the sources: a string without Dutch fails here.

`scripts/update_translations.py` runs Qt's own `pyside6-lupdate` over the app; these tests run it
again into a scratch copy and compare, so a string added (or changed) in the code without a Dutch
translation, a stale `.qm`, or a message lupdate cannot see all fail with a message saying what
to do.
"""

from __future__ import annotations

import ast
import importlib.util
import re
import shutil
import sys
from pathlib import Path
from types import ModuleType

import pytest

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "update_translations.py"
FIX = "run `python scripts/update_translations.py`, translate what it lists, and run it again"


def _tool() -> ModuleType:
    spec = importlib.util.spec_from_file_location("update_translations", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while being built
    spec.loader.exec_module(module)
    return module


tool = _tool()
_PLACEHOLDER = re.compile(r"\{[a-z_]+\}")


def _placeholders(text: str) -> list[str]:
    return sorted(set(_PLACEHOLDER.findall(text)))


def test_every_message_has_its_dutch_translation() -> None:
    missing = [f"[{m.context}] {m.source!r}" for m in tool.untranslated(tool.ts_file("nl"))]
    assert missing == [], f"{len(missing)} without Dutch ({FIX}):\n" + "\n".join(missing)


def test_english_has_both_plural_forms_of_every_count() -> None:
    missing = [f"[{m.context}] {m.source!r}" for m in tool.untranslated(tool.ts_file("en"))]
    assert missing == [], f"English plural forms missing ({FIX}):\n" + "\n".join(missing)
    english = {(m.context, m.source) for m in tool.messages(tool.ts_file("en"))}
    counted = {(m.context, m.source) for m in tool.messages(tool.ts_file("nl")) if m.numerus}
    assert counted == english


def test_translations_are_in_step_with_the_sources_and_the_qm_files() -> None:
    assert tool.stale() == [], FIX


def test_translations_keep_every_placeholder_and_plural_forms_have_the_count() -> None:
    wrong = []
    for m in tool.messages(tool.ts_file("nl")):
        for text in m.translations:
            if _placeholders(text) != _placeholders(m.source):
                wrong.append(f"[{m.context}] {m.source!r} -> {text!r}")
        if m.numerus and len(m.translations) != 2:
            wrong.append(f"[{m.context}] {m.source!r}: Dutch has two plural forms")
    assert wrong == []


def _marked_in(path: Path) -> set[tuple[str, str]]:
    """(context, source) of every literal handed to tr, translate, QT_TRANSLATE_NOOP or phrase,
    as Python reads the file (tr's context is the class it is written in)."""
    found: set[tuple[str, str]] = set()

    def literal(node: ast.expr) -> str | None:
        return (
            node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None
        )

    def visit(node: ast.AST, cls: str | None) -> None:
        for child in ast.iter_child_nodes(node):
            inner = child.name if isinstance(child, ast.ClassDef) else cls
            if isinstance(child, ast.Call):
                func = child.func
                name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
                texts = [literal(a) for a in child.args]
                if name == "tr" and cls and texts and texts[0] is not None:
                    found.add((cls, texts[0]))
                elif name in ("translate", "QT_TRANSLATE_NOOP", "phrase") and len(texts) >= 2:
                    context, source = texts[0], texts[1]
                    if context is not None and source is not None:
                        found.add((context, source))
            visit(child, inner)

    visit(ast.parse(path.read_text("utf-8")), None)
    return found


def test_every_marked_string_reaches_the_translation_files() -> None:
    """lupdate's Python reader skips some calls (a count given to `translate`, a call inside an
    f-string): a string it skips would never be translated, so compare with Python's own parse."""
    marked: set[tuple[str, str]] = set()
    for path in tool.source_files():
        marked |= _marked_in(path)
    catalogue = {(m.context, m.source) for m in tool.messages(tool.ts_file("nl"))}
    lost = sorted(marked - catalogue)
    assert lost == [], "lupdate does not see these (see focusapp/ui/i18n.py):\n" + "\n".join(
        map(str, lost)
    )
    assert len(catalogue) > 600  # the whole app, not a stray subset


def test_a_new_string_without_dutch_makes_the_check_fail(tmp_path: Path) -> None:
    """The check above can fail: an app with one new tr() string is stale, and once lupdate has
    taken it in, that string is the one listed as untranslated."""
    package = tmp_path / "focusapp"
    shutil.copytree(
        tool.PACKAGE, package, ignore=shutil.ignore_patterns("resources", "__pycache__")
    )
    (package / "ui" / "brand_new.py").write_text(
        "from PySide6.QtWidgets import QLabel\n\n\n"
        "class BrandNew(QLabel):\n"
        "    def __init__(self) -> None:\n"
        '        super().__init__(self.tr("A sentence nobody translated yet"))\n',
        encoding="utf-8",
    )
    assert any("focusapp_nl.ts does not match" in p for p in tool.stale(package=package))

    folder = tmp_path / "i18n"
    shutil.copytree(tool.I18N, folder)
    tool.lupdate(tool.ts_file("nl", folder), "nl", package)
    left = [(m.context, m.source) for m in tool.untranslated(tool.ts_file("nl", folder))]
    assert left == [("BrandNew", "A sentence nobody translated yet")]


def test_the_check_reports_an_unfinished_translation(tmp_path: Path) -> None:
    folder = tmp_path / "i18n"
    shutil.copytree(tool.I18N, folder)
    ts = tool.ts_file("nl", folder)
    text = ts.read_text("utf-8")
    done = "<translation>Instellingen…</translation>"
    assert done in text
    ts.write_text(text.replace(done, '<translation type="unfinished">Instellingen…</translation>'))
    assert [(m.context, m.source) for m in tool.untranslated(ts)] == [
        ("TrayController", "Settings…")
    ]


@pytest.mark.parametrize("language", sorted(tool.LANGUAGES))
def test_the_compiled_catalogue_is_what_the_app_loads(language: str) -> None:
    from focusapp.ui.i18n import CATALOGUE, translations_dir

    assert translations_dir() == tool.I18N
    assert (translations_dir() / f"{CATALOGUE}_{language}.qm").stat().st_size > 0
