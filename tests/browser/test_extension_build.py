"""The committed Chromium and Firefox extensions are exactly what the site data and sources make."""

from __future__ import annotations

import base64
import importlib.util
import io
import json
import re
import shutil
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from focusapp.bridge.browser_manifests import run_browser_command
from focusapp.bridge.extension_identity import (
    CHROMIUM_EXTENSION_ID,
    FIREFOX_EXTENSION_ID,
    chromium_extension_id,
    extension_folder,
)
from tests.browser.conftest import EXTENSION

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "build_extension.py"


def _builder() -> ModuleType:
    spec = importlib.util.spec_from_file_location("build_extension", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _manifest(browser: str = "chromium") -> dict[str, Any]:
    text = (EXTENSION / browser / "manifest.json").read_text("utf-8")
    manifest: dict[str, Any] = json.loads(text)
    return manifest


def test_committed_css_and_manifest_match_the_site_data() -> None:
    builder = _builder()
    stale = [str(p.relative_to(EXTENSION)) for p in builder.stale(builder.build())]
    assert stale == [], "run `python scripts/build_extension.py` and commit its output"


def test_a_changed_selector_makes_the_build_stale(tmp_path: Path) -> None:
    builder = _builder()
    files = builder.build()
    css = EXTENSION / "chromium" / "generated" / "tiktok.css"
    assert '[data-e2e="like-count"]' in files[css]
    site = json.loads((EXTENSION / "common" / "sites" / "tiktok.json").read_text("utf-8"))
    site["hide"]["likes"] = ['[data-e2e="like-count-v2"]']
    assert "like-count-v2" in builder.site_css("tiktok", site)
    assert builder.site_css("tiktok", site) != files[css]


def test_manifest_key_gives_the_id_the_native_host_allows() -> None:
    key = base64.b64decode(_manifest()["key"])
    assert chromium_extension_id(key) == CHROMIUM_EXTENSION_ID


def test_manifest_injects_css_and_script_at_document_start_on_every_site() -> None:
    manifest = _manifest()
    assert manifest["manifest_version"] == 3
    expected = {"storage", "nativeMessaging", "declarativeNetRequest", "idle", "tabs", "alarms"}
    assert set(manifest["permissions"]) == expected
    sites = sorted(p.stem for p in (EXTENSION / "common" / "sites").glob("*.json"))
    per_site = [entry for entry in manifest["content_scripts"] if "css" in entry]
    injected = sorted(Path(entry["css"][0]).stem for entry in per_site)
    assert injected == sites
    for entry in per_site:
        assert entry["run_at"] == "document_start"
        # The site's config first, then the decisions, the hiding, and the page's kind.
        stem = Path(entry["css"][0]).stem
        assert entry["js"] == [
            f"generated/{stem}.js",
            "generated/core.js",
            "generated/metrics.js",
            "generated/pages.js",
        ]
        assert set(entry["matches"]) <= set(manifest["host_permissions"])
    for name in (*{f for e in manifest["content_scripts"] for f in e.get("css", []) + e["js"]},):
        assert (EXTENSION / "chromium" / name).is_file(), name


def test_navigation_check_runs_on_every_web_page_and_the_block_page_is_reachable() -> None:
    manifest = _manifest()
    check = [e for e in manifest["content_scripts"] if e["js"] == ["navigation.js"]]
    assert check == [_builder().NAVIGATION_SCRIPT]
    assert set(check[0]["matches"]) <= set(manifest["host_permissions"])
    reachable = manifest["web_accessible_resources"][0]
    assert reachable["resources"] == ["block.html"]
    for name in ("block.html", "block.js", "block.css", "navigation.js", "background.js"):
        assert (EXTENSION / "chromium" / name).is_file(), name


def test_every_message_has_a_dutch_translation_and_every_used_message_exists() -> None:
    locales = EXTENSION / "common" / "_locales"
    english = json.loads((locales / "en" / "messages.json").read_text("utf-8"))
    dutch = json.loads((locales / "nl" / "messages.json").read_text("utf-8"))
    assert set(dutch) == set(english), "messages missing from (or extra in) _locales/nl"
    for key, entry in dutch.items():
        assert entry["message"].strip(), key
        assert entry.get("placeholders", {}).keys() == english[key].get("placeholders", {}).keys()
    # Every message the extension's pages and scripts ask for, in either way they ask.
    used: set[str] = set()
    for source in (EXTENSION / "common").glob("*.*"):
        text = source.read_text("utf-8")
        used |= set(re.findall(r"""\b(?:say|text)\(\s*["'`]([a-z_]+)["'`]""", text))
        used |= set(re.findall(r'data-i18n(?:-label|-placeholder)?="([a-z_]+)"', text))
        used |= set(re.findall(r"__MSG_([a-z_]+)__", text))
    used |= {
        f"fallback_{name}{suffix}"
        for name in ("want", "feel", "after")
        for suffix in ("", "_answers")
    }
    assert used, "the scan found no messages: the pattern is out of date"
    assert used <= set(english), f"messages used but not defined: {sorted(used - set(english))}"


# -- Firefox -----------------------------------------------------------------------------------

# Manifest keys only one of the two browsers reads; the two manifests must agree on every other.
BROWSER_SPECIFIC = {"key", "minimum_chrome_version", "background", "browser_specific_settings"}


def test_firefox_gets_the_same_files_and_a_manifest_of_its_own() -> None:
    files = _builder().build()

    def folder(browser: str) -> dict[Path, str]:
        root = EXTENSION / browser
        return {p.relative_to(root): text for p, text in files.items() if p.is_relative_to(root)}

    chromium, firefox = folder("chromium"), folder("firefox")
    assert chromium.keys() == firefox.keys()
    assert [str(name) for name in chromium if chromium[name] != firefox[name]] == ["manifest.json"]
    ours, theirs = (json.loads(f[Path("manifest.json")]) for f in (chromium, firefox))
    for key in (set(ours) | set(theirs)) - BROWSER_SPECIFIC:
        assert ours.get(key) == theirs.get(key), f"the two manifests differ in {key!r}"


def test_firefox_manifest_names_the_id_the_native_host_allows() -> None:
    manifest = _manifest("firefox")
    gecko = manifest["browser_specific_settings"]["gecko"]
    assert gecko["id"] == FIREFOX_EXTENSION_ID
    # `new Highlight()` (metrics.js) and `data_collection_permissions` both need Firefox 140.
    assert int(gecko["strict_min_version"].split(".")[0]) >= 140
    # What goes to the app through the native host: which sites, for how long.
    assert gecko["data_collection_permissions"] == {"required": ["browsingActivity"]}
    # Firefox runs the background as an event page, not a service worker, and has no `key`.
    assert manifest["background"] == {"scripts": ["background.js"]}
    assert "key" not in manifest
    for entry in manifest["content_scripts"]:
        assert set(entry["matches"]) <= set(manifest["host_permissions"])
    assert manifest["web_accessible_resources"][0]["resources"] == ["block.html"]


def test_a_stale_firefox_folder_fails_the_check_and_the_build_mends_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    builder = _builder()
    copy = tmp_path / "extension"
    shutil.copytree(EXTENSION, copy, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(builder, "EXTENSION", copy)
    monkeypatch.setattr(builder, "LOCALES", copy / "common" / "_locales")
    assert builder.main([]) == 0 and builder.main(["--check"]) == 0
    (copy / "firefox" / "generated" / "x.css").write_text("/* edited by hand */\n")
    (copy / "firefox" / "generated" / "leftover.js").write_text("")
    assert builder.main(["--check"]) == 1
    stale = [p.relative_to(copy) for p in builder.stale(builder.build())]
    assert stale == [Path("firefox/generated/leftover.js"), Path("firefox/generated/x.css")]
    assert builder.main([]) == 0 and builder.main(["--check"]) == 0
    assert not (copy / "firefox" / "generated" / "leftover.js").exists()


def test_browser_path_prints_the_firefox_folder() -> None:
    out, err = io.StringIO(), io.StringIO()
    assert run_browser_command("path", "firefox", Path("unused"), out, err) == 0, err.getvalue()
    folder = Path(out.getvalue().strip())
    assert folder == extension_folder() / "firefox"
    manifest = json.loads((folder / "manifest.json").read_text("utf-8"))
    assert manifest["browser_specific_settings"]["gecko"]["id"] == FIREFOX_EXTENSION_ID
