"""Builds the unpacked Chromium and Firefox extensions from the shared sources; `--check` compares.

Selectors live in one data file per site (`common/sites/<site>.json`); this script turns them
into the CSS the manifest injects at `document_start`, a small per-site config for the content
script, and the manifest's `content_scripts` and `host_permissions`. Both browsers get the same
files; only the manifest differs (`common/<browser>.manifest.json`: Chromium's carries the `key`
that fixes its id, Firefox's the gecko id and an event page instead of a service worker). The
output is committed so the folder `focusapp browser path` prints loads as is; a test fails when
it is stale.

    python scripts/build_extension.py          # rewrite focusapp/resources/extension/<browser>
    python scripts/build_extension.py --check  # exit 1 and name the stale files
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

EXTENSION = Path(__file__).resolve().parent.parent / "focusapp" / "resources" / "extension"
TARGETS = ("chromium", "firefox")
SHOWN_CLASS = "focusapp-metrics-shown"
MARK = "focusapp-metric"
COUNT_ATTRIBUTE = "data-focusapp-count"  # on an element whose own text holds a count
# Plain files each browser's folder needs as they are; the content scripts go under generated/.
CONTENT_SCRIPTS = ("core.js", "metrics.js", "pages.js")
PAGES = ("block.html", "block.js", "block.css", "popup.html", "popup.js", "popup.css")
COPIED = (*CONTENT_SCRIPTS, "background.js", "navigation.js", *PAGES)
LOCALES = EXTENSION / "common" / "_locales"
COVERED_CLASS = "focusapp-covered"
GUARD_CLASS = "focusapp-guard"
# What pages.js reads from a site's data file, with the value a site without it gets.
PAGE_KEYS: dict[str, Any] = {
    "pages": {},
    "self": [],
    "own_profile": [],
    "publish": [],
    "composer": [],
}
COMMENTS = {".js": ("//", ""), ".css": ("/*", " */"), ".html": ("<!--", " -->")}
# Blocking covers any site the app names, so this check runs on every web page.
NAVIGATION_SCRIPT = {
    "matches": ["http://*/*", "https://*/*"],
    "js": ["navigation.js"],
    "run_at": "document_start",
}
HIDDEN = "html:not(.{shown}) {selector} {{ visibility: hidden !important; }}"


def _header(source: str, comment: tuple[str, str]) -> str:
    start, end = comment
    note = "by scripts/build_extension.py: edit that, then run it."
    return f"{start} Generated from {source} {note}{end}\n"


def site_css(name: str, site: dict[str, Any]) -> str:
    """One rule per selector: a selector the browser rejects then drops alone, not the list."""
    lines = [_header(f"common/sites/{name}.json", ("/*", " */"))]
    for metric, selectors in site["hide"].items():
        lines.append(f"/* {metric} */\n")
        lines += [HIDDEN.format(shown=SHOWN_CLASS, selector=s) + "\n" for s in selectors]
    for spec in site["shadow"]:
        host = spec["host"]
        lines.append(f"/* numbers the content script marks inside {host}'s shadow root */\n")
        lines.append(HIDDEN.format(shown=SHOWN_CLASS, selector=f"{host}::part({MARK})") + "\n")
    guarded = [s for group in site.get("guard", []) for s in site["hide"][group]]
    if guarded:
        lines.append("/* the comparison guard: follower numbers on someone else's profile */\n")
        lines += [f"html.{GUARD_CLASS} {s} {{ visibility: hidden !important; }}\n" for s in guarded]
    lines.append("/* after posting: the notifications page waits under the extension's card */\n")
    lines.append(f"html.{COVERED_CLASS} body {{ visibility: hidden !important; }}\n")
    if site["containers"]:
        # Text counts found by the content script; transparent text keeps its width.
        lines.append("/* counts written into text, found by the content script */\n")
        # On a guarded profile page the counts written into text stay hidden as well: there a
        # channel's subscribers may be text ("1.2M subscribers"), with no element of their own.
        # Only the elements whose text holds a count carry the rule (the script marks them with
        # an attribute): an unscoped `::highlight()` makes every element of the page an
        # originating element, which cost a long feed twenty times the style work of all other
        # rules together (tests/perf/bench_content_script.py).
        roots = [f"html:not(.{SHOWN_CLASS})"] + ([f"html.{GUARD_CLASS}"] if guarded else [])
        scope = ", ".join(f"{root} [{COUNT_ATTRIBUTE}]::highlight({MARK})" for root in roots)
        lines.append(
            f"{scope} {{ color: transparent !important; text-shadow: none !important; }}\n"
        )
    return "".join(lines)


def site_config(name: str, site: dict[str, Any]) -> str:
    config = {"name": name}
    config |= {key: site[key] for key in ("containers", "shadow", "title_count")}
    config |= {key: site.get(key, default) for key, default in PAGE_KEYS.items()}
    body = json.dumps(config, indent=2, ensure_ascii=False)
    return f"{_header(f'common/sites/{name}.json', ('//', ''))}globalThis.focusappSite = {body};\n"


def site_list(sites: dict[str, dict[str, Any]]) -> str:
    """The sites the popup offers a switch for, by name and title."""
    listed = [{"name": name, "title": site["title"]} for name, site in sites.items()]
    body = json.dumps(listed, indent=2, ensure_ascii=False)
    return f"{_header('common/sites/*.json', ('//', ''))}globalThis.focusappSites = {body};\n"


def manifest(sites: dict[str, dict[str, Any]], target: str = "chromium") -> str:
    base = json.loads((EXTENSION / "common" / f"{target}.manifest.json").read_text("utf-8"))
    hosts: list[str] = list(base["host_permissions"])
    scripts: list[dict[str, Any]] = []
    for name, site in sites.items():
        hosts += [m for m in site["matches"] if m not in hosts]
        scripts.append(
            {
                "matches": site["matches"],
                "css": [f"generated/{name}.css"],
                "js": [f"generated/{name}.js", *(f"generated/{js}" for js in CONTENT_SCRIPTS)],
                "run_at": "document_start",
            }
        )
    scripts.append(NAVIGATION_SCRIPT)
    built = {**base, "host_permissions": hosts, "content_scripts": scripts}
    if target == "chromium":
        # The key fixes the extension id the native host allows (bridge/extension_identity.py).
        key = "".join((EXTENSION / "key.pub.b64").read_text("ascii").split())
        built = {"key": key, **built}
    return json.dumps(built, indent=2, ensure_ascii=False) + "\n"


def build() -> dict[Path, str]:
    """Every output file of each browser's folder, by path, with its expected text."""
    sites = {
        path.stem: json.loads(path.read_text("utf-8"))
        for path in sorted((EXTENSION / "common" / "sites").glob("*.json"))
    }
    files = {}
    for browser in TARGETS:
        out = EXTENSION / browser
        files[out / "manifest.json"] = manifest(sites, browser)
        for name, site in sites.items():
            files[out / "generated" / f"{name}.css"] = site_css(name, site)
            files[out / "generated" / f"{name}.js"] = site_config(name, site)
        for name in COPIED:
            text = (EXTENSION / "common" / name).read_text("utf-8")
            target = out / ("generated" if name in CONTENT_SCRIPTS else "") / name
            files[target] = _header(f"common/{name}", COMMENTS[Path(name).suffix]) + text
        files[out / "generated" / "site_list.js"] = site_list(sites)
        for messages in sorted(LOCALES.glob("*/messages.json")):
            # JSON has no comments: the locale files are copied as they are.
            files[out / "_locales" / messages.parent.name / "messages.json"] = messages.read_text(
                "utf-8"
            )
    return files


def stale(files: dict[Path, str]) -> list[Path]:
    """Outputs that differ from what the sources produce, plus generated files no source makes."""
    wrong = [p for p, text in files.items() if not p.exists() or p.read_text("utf-8") != text]
    made = {p for browser in TARGETS for p in (EXTENSION / browser / "generated").glob("*")}
    extra = made - set(files)
    return sorted(wrong + list(extra))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="compare only; exit 1 when stale")
    args = parser.parse_args(argv)
    files = build()
    if args.check:
        outdated = stale(files)
        for path in outdated:
            print(f"stale: {path.relative_to(EXTENSION)}", file=sys.stderr)
        return 1 if outdated else 0
    for path in stale(files):
        if path not in files:
            path.unlink()
    for path, text in files.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, "utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
