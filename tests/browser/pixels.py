"""What a page really shows: the fixture's marked parts, and whether text in a box was drawn.

Fixture pages mark their parts with `data-fixture="number|keep|button"` (also inside open shadow
roots) and `data-fixture-count="1.2K"` for a count written into longer text. "Hidden" is judged by
pixels, not by styles: the box of a number must hold no dark pixel in a real screenshot.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtGui import QImage, qGray

_INVENTORY = """() => {
  const found = [];
  const box = (r) => ({x: r.x + scrollX, y: r.y + scrollY, width: r.width, height: r.height});
  const visit = (root) => {
    for (const el of root.querySelectorAll("*")) {
      const kind = el.getAttribute("data-fixture");
      const label = el.textContent.trim();
      if (kind) found.push({kind, label, rect: box(el.getBoundingClientRect())});
      const count = el.getAttribute("data-fixture-count");
      if (count) {
        const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
        let rect = {x: 0, y: 0, width: 0, height: 0};
        for (let t = walker.nextNode(); t; t = walker.nextNode()) {
          const at = t.data.indexOf(count);
          if (at < 0) continue;
          const range = new Range();
          range.setStart(t, at);
          range.setEnd(t, at + count.length);
          rect = box(range.getBoundingClientRect());
          break;
        }
        found.push({kind: "count", label: count, rect});
      }
      if (el.shadowRoot) visit(el.shadowRoot);
    }
  };
  visit(document);
  return found;
}"""


@dataclass(frozen=True)
class Part:
    kind: str  # "number", "count", "keep" or "button"
    label: str
    rect: dict[str, float]


def parts(page: Any) -> list[Part]:
    return [Part(**item) for item in page.evaluate(_INVENTORY)]


def ink(page: Any, part: Part) -> int:
    """Dark pixels inside the part's box (inset by a pixel so neighbours' glyphs don't count)."""
    rect = part.rect
    assert rect["width"] > 2 and rect["height"] > 2, f"{part.label!r} has no box on the page"
    clip = {
        "x": rect["x"] + 1,
        "y": rect["y"] + 1,
        "width": rect["width"] - 2,
        "height": rect["height"] - 2,
    }
    image = QImage.fromData(page.screenshot(clip=clip, full_page=True, animations="disabled"))
    return sum(
        1
        for y in range(image.height())
        for x in range(image.width())
        if qGray(image.pixel(x, y)) < 128
    )


def eventually(check: Callable[[], bool], timeout_s: float = 3.0) -> bool:
    """Polls until `check` holds; the content script works after parsing and at idle time."""
    deadline = time.monotonic() + timeout_s
    while True:
        if check():
            return True
        if time.monotonic() > deadline:
            return False
        time.sleep(0.05)
