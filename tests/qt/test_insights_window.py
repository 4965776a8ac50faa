"""The insights window: empty state, switching periods, a year of data, themes and font scale."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont, QPalette
from pytestqt.qtbot import QtBot

from focusapp.core.insights import EMPTY_SENTENCE, Insights, InsightsModel, UrgeMoment
from focusapp.core.settings import Limit
from focusapp.store.database import Database
from focusapp.store.insights_query import InsightsQuery
from focusapp.ui.insights_window import Colours, InsightsWindow
from tests.perf.insights_data import fill, prompt_categories

pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints")

TZ = ZoneInfo("Europe/Amsterdam")
NOW = datetime(2026, 11, 26, 20, 0, tzinfo=UTC)
TODAY = date(2026, 11, 26)


class CountingLoader:
    """A loader that remembers which periods were asked for."""

    def __init__(self, urges: list[UrgeMoment]) -> None:
        self.urges = urges
        self.asked: list[int] = []

    def __call__(self, period_days: int) -> InsightsModel:
        self.asked.append(period_days)
        return Insights.compute(self.urges, [], [], period_days, NOW, TZ)


def evening_urges(days: int) -> list[UrgeMoment]:
    return [
        UrgeMoment(
            datetime.combine(TODAY - timedelta(days=d), time(20 + d % 3)).replace(tzinfo=TZ),
            "site",
            "tiktok.com",
            None,
            "Habit, honestly",
        )
        for d in range(days)
    ]


def open_window(qtbot: QtBot, loader: CountingLoader, period: int = 7) -> InsightsWindow:
    window = InsightsWindow(loader, period_days=period)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def test_empty_history_shows_one_calm_sentence(qtbot: QtBot) -> None:
    window = open_window(qtbot, CountingLoader([]))
    assert window.pages.currentWidget() is window.empty_label
    assert window.empty_label.text() == str(EMPTY_SENTENCE)
    assert window.empty_label.isVisible()
    window.period_buttons[30].click()
    assert window.empty_label.isVisible()


def test_periods_are_computed_once_and_only_when_shown(qtbot: QtBot) -> None:
    loader = CountingLoader(evening_urges(20))
    window = open_window(qtbot, loader)
    assert loader.asked == [7]
    with qtbot.waitSignal(window.period_changed) as changed:
        qtbot.mouseClick(window.period_buttons[30], Qt.MouseButton.LeftButton)
    assert changed.args == [30]
    assert window.period_days == 30 and window.model.period_days == 30
    window.period_buttons[7].click()
    window.period_buttons[30].click()
    assert loader.asked == [7, 30]
    window.refresh()
    assert loader.asked == [7, 30, 30]


def test_urges_show_the_grid_words_and_bars_without_numbers(qtbot: QtBot) -> None:
    window = open_window(qtbot, CountingLoader(evening_urges(7)))
    assert window.pages.currentIndex() == 0
    assert window.urge_grid.isVisible()
    assert window.when.words.text() == "Urges came mostly in the evening."
    assert window.before.words.text() == "Most often you answered: \u2018Habit, honestly\u2019."
    assert window.target_bars.isVisible()
    # No focus sessions: the bars give way to a sentence.
    assert not window.focus_bars.isVisible()
    assert window.focus.words.text() == "No focus sessions in these days."
    assert not window.limits.isVisible()


def test_unknown_period_is_refused(qtbot: QtBot) -> None:
    with pytest.raises(ValueError, match="not 14"):
        InsightsWindow(CountingLoader([]), period_days=14)


def _shade_at_busiest_cell(window: InsightsWindow) -> QColor:
    grid = window.urge_grid
    image = grid.grab().toImage()
    model = window.model
    row = next(i for i, r in enumerate(model.urge_grid) if 1.0 in r)
    col = model.urge_grid[row].index(1.0)
    # Sample the middle of the cell: same geometry as the painter's.
    _fm, label_w, cell = grid._metrics()
    ratio = image.devicePixelRatio()
    x = int((label_w + col * cell + cell * 0.4) * ratio)
    y = int((row * cell + cell * 0.4) * ratio)
    return image.pixelColor(x, y)


@pytest.mark.parametrize("dark", [False, True])
def test_busiest_hour_stands_out_from_the_background_in_both_themes(
    qtbot: QtBot, dark: bool
) -> None:
    window = open_window(qtbot, CountingLoader(evening_urges(7)))
    palette = QPalette(window.palette())
    background = QColor("#222326") if dark else QColor("#f4f4f4")
    palette.setColor(QPalette.ColorRole.Window, background)
    palette.setColor(QPalette.ColorRole.WindowText, QColor("#e6e6e6" if dark else "#202020"))
    window.setPalette(palette)
    colours = Colours(window.urge_grid.palette())
    assert colours.dark is dark
    busiest = _shade_at_busiest_cell(window)
    # The strongest shade is far from the background: lighter on dark, darker on light.
    contrast = busiest.lightnessF() - background.lightnessF()
    assert (contrast > 0.3) if dark else (contrast < -0.3)
    assert busiest.rgb() == colours.shade(1.0).rgb()


def test_shapes_grow_with_the_font_so_large_scales_stay_readable(qtbot: QtBot) -> None:
    window = open_window(qtbot, CountingLoader(evening_urges(7)))
    small = window.urge_grid.sizeHint()
    font = QFont(window.font())
    font.setPointSizeF(font.pointSizeF() * 2)
    window.setFont(font)
    large = window.urge_grid.sizeHint()
    assert large.width() > small.width() * 1.7
    assert large.height() > small.height() * 1.7


def test_a_year_of_journal_and_usage_opens_and_switches(qtbot: QtBot, tmp_path: Path) -> None:
    db, _ = Database.open(tmp_path / "focusapp.sqlite3")
    with db:
        fill(db, TODAY, 365, TZ, urges_per_day=15, usage_hours_per_day=12)
        query = InsightsQuery(db)
        limits = [Limit(name="Social", daily_minutes=60, sites=("instagram.com", "tiktok.com"))]

        def load(days: int) -> InsightsModel:
            return query.model(days, NOW, TZ, limits=limits, categories=prompt_categories())

        window = InsightsWindow(load)
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        for period in (7, 30):
            window.show_period(period)
            model = window.model
            assert not model.empty and model.has_urges and model.has_focus
            assert window.limits.words.text().startswith("Social")
            assert window.changes.isVisible()
            # It paints without trouble at this size of history.
            assert not window.grab().isNull()
        assert query.last_error is None
