"""Builds the unpacked Chromium extension from the shared sources; `--check` only compares.

Selectors live in one data file per site (`common/sites/<site>.json`); this script turns them
into the CSS the manifest injects at `document_start`, a small per-site config for the content
script, and the manifest's `content_scripts` and `host_permissions`. The output is committed so
the folder `focusapp browser path` prints loads as is; a test fails when it is stale.

    python scripts/build_extension.py          # rewrite focusapp/resources/extension/chromium
    python scripts/build_extension.py --check  # exit 1 and name the stale files
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

EXTENSION = Path(__file__).resolve().parent.parent / "focusapp" / "resources" / "extension"
SHOWN_CLASS = "focusapp-metrics-shown"
MARK = "focusapp-metric"
# Plain files the Chromium folder needs as they are; metrics.js goes under generated/.
COPIED = ("metrics.js", "background.js", "navigation.js", "block.html", "block.js", "block.css")
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
    if site["containers"]:
        # Text counts found by the content script; transparent text keeps its width.
        lines.append("/* counts written into text, found by the content script */\n")
        lines.append(
            f"html:not(.{SHOWN_CLASS}) ::highlight({MARK}) "
            "{ color: transparent !important; text-shadow: none !important; }\n"
        )
    return "".join(lines)


def site_config(name: str, site: dict[str, Any]) -> str:
    config = {key: site[key] for key in ("containers", "shadow", "title_count")}
    body = json.dumps(config, indent=2, ensure_ascii=False)
    return f"{_header(f'common/sites/{name}.json', ('//', ''))}globalThis.focusappSite = {body};\n"


def manifest(sites: dict[str, dict[str, Any]]) -> str:
    base = json.loads((EXTENSION / "common" / "chromium.manifest.json").read_text("utf-8"))
    key = "".join((EXTENSION / "key.pub.b64").read_text("ascii").split())
    hosts: list[str] = list(base["host_permissions"])
    scripts: list[dict[str, Any]] = []
    for name, site in sites.items():
        hosts += [m for m in site["matches"] if m not in hosts]
        scripts.append(
            {
                "matches": site["matches"],
                "css": [f"generated/{name}.css"],
                "js": [f"generated/{name}.js", "generated/metrics.js"],
                "run_at": "document_start",
            }
        )
    # The key fixes the extension id the native host allows (bridge/extension_identity.py).
    scripts.append(NAVIGATION_SCRIPT)
    built = {"key": key, **base, "host_permissions": hosts, "content_scripts": scripts}
    return json.dumps(built, indent=2, ensure_ascii=False) + "\n"


def build() -> dict[Path, str]:
    """Every output file of the Chromium folder, by path, with its expected text."""
    sites = {
        path.stem: json.loads(path.read_text("utf-8"))
        for path in sorted((EXTENSION / "common" / "sites").glob("*.json"))
    }
    out = EXTENSION / "chromium"
    files = {out / "manifest.json": manifest(sites)}
    for name, site in sites.items():
        files[out / "generated" / f"{name}.css"] = site_css(name, site)
        files[out / "generated" / f"{name}.js"] = site_config(name, site)
    for name in COPIED:
        text = (EXTENSION / "common" / name).read_text("utf-8")
        target = out / ("generated" if name == "metrics.js" else "") / name
        files[target] = _header(f"common/{name}", COMMENTS[Path(name).suffix]) + text
    return files


def stale(files: dict[Path, str]) -> list[Path]:
    """Outputs that differ from what the sources produce, plus generated files no source makes."""
    wrong = [p for p, text in files.items() if not p.exists() or p.read_text("utf-8") != text]
    extra = set((EXTENSION / "chromium" / "generated").glob("*")) - set(files)
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
