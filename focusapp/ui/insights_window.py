"""The insights window: patterns of the last 7 or 30 days, in words and quiet shapes.

It draws an `InsightsModel` (see `focusapp.core.insights`) and never a number to chase: urge
density is a grid of shades of one muted hue, apps and sites are bars without counts, focus time is
a row of soft bars. Colours come from the palette, so light and dark themes both read well, and
every size is in font-metric units, so 200% scaling stays in proportion.

The window does not touch the database: it is given `load(period_days) -> InsightsModel`. Only the
period on screen is computed; the other one is computed the first time it is asked for.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, timedelta

from PySide6.QtCore import (
    QCoreApplication,
    QDate,
    QEvent,
    QLocale,
    QPointF,
    QRectF,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import (
    QButtonGroup,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from focusapp.core.insights import (
    EMPTY_SENTENCE,
    PERIODS,
    DayFocus,
    InsightsModel,
    TargetShape,
    clock_hour,
)
from focusapp.core.phrases import Phrase
from focusapp.ui.i18n import say
from focusapp.ui.keyboard import close_on_escape
from focusapp.ui.window_size import resize_within_screen

InsightsLoader = Callable[[int], InsightsModel]

# One muted hue for every shape (a calm blue-grey teal); lightness follows the theme.
_HUE = 0.55
_SATURATION = 0.32


def _mix(a: QColor, b: QColor, t: float) -> QColor:
    """`a` moved a fraction `t` of the way to `b`."""
    t = max(0.0, min(1.0, t))
    return QColor.fromRgbF(
        a.redF() + (b.redF() - a.redF()) * t,
        a.greenF() + (b.greenF() - a.greenF()) * t,
        a.blueF() + (b.blueF() - a.blueF()) * t,
    )


class Colours:
    """The few colours the shapes use, derived from a widget's palette."""

    def __init__(self, palette: QPalette) -> None:
        self.background = palette.color(QPalette.ColorRole.Window)
        self.text = palette.color(QPalette.ColorRole.WindowText)
        self.dark = self.background.lightnessF() < 0.5
        lightness = 0.70 if self.dark else 0.45
        self.accent = QColor.fromHslF(_HUE, _SATURATION, lightness)
        self.muted_text = _mix(self.text, self.background, 0.45)
        # Empty cells are barely there: the pattern, not the grid, should catch the eye.
        self.empty = _mix(self.background, self.text, 0.07)
        self.faint_line = _mix(self.background, self.text, 0.15)

    def shade(self, weight: float) -> QColor:
        """A cell for a weight in 0..1: zero is the empty tone, anything above is visibly there."""
        if weight <= 0:
            return self.empty
        return _mix(self.empty, self.accent, 0.18 + 0.82 * weight)


def _hours_text(seconds: float) -> str:
    """Time spent, rounded as a person would say it: no false precision."""
    minutes = round(seconds / 60)
    if minutes < 60:
        return QCoreApplication.translate("InsightsWindow", "{minutes} min").format(
            minutes=max(1, minutes)
        )
    hours, rest = divmod(round(minutes / 10) * 10, 60)
    if rest:
        return QCoreApplication.translate("InsightsWindow", "{hours} h {minutes} min").format(
            hours=hours, minutes=rest
        )
    return QCoreApplication.translate("InsightsWindow", "{hours} h").format(hours=hours)


def _weekday_short(weekday: int) -> str:
    """A weekday's short name in the app's language (Monday is 0)."""
    return QLocale().dayName(weekday + 1, QLocale.FormatType.ShortFormat)


def _day_and_month(day: date, month_format: str = "MMMM") -> str:
    """'26 November' (or '26 Nov' with "MMM"), in the app's language."""
    return QLocale().toString(QDate(day.year, day.month, day.day), f"d {month_format}")


class UrgeGrid(QWidget):
    """When urges come: weekdays down, hours of the day across, one shade per cell."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._grid: tuple[tuple[float, ...], ...] = tuple((0.0,) * 24 for _ in range(7))
        self._first_hour = 4
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self.setAccessibleName(self.tr("When urges came, by weekday and hour"))

    def set_grid(self, grid: tuple[tuple[float, ...], ...], first_hour: int) -> None:
        self._grid = grid
        self._first_hour = first_hour
        self.updateGeometry()
        self.update()

    def _metrics(self) -> tuple[QFontMetricsF, float, float]:
        fm = QFontMetricsF(self.font())
        label_w = max(fm.horizontalAdvance(_weekday_short(d)) for d in range(7)) + fm.height() * 0.6
        cell = fm.height() * 1.05
        return fm, label_w, cell

    def sizeHint(self) -> QSize:
        fm, label_w, cell = self._metrics()
        return QSize(int(label_w + cell * 24 + 2), int(cell * 7 + fm.height() * 1.6))

    def minimumSizeHint(self) -> QSize:
        return self.sizeHint()

    def paintEvent(self, event: QPaintEvent) -> None:
        colours = Colours(self.palette())
        fm, label_w, cell = self._metrics()
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        gap = max(1.0, cell * 0.12)
        radius = cell * 0.18
        painter.setPen(colours.muted_text)
        for row in range(7):
            y = row * cell
            painter.drawText(
                QRectF(0, y, label_w - fm.height() * 0.4, cell),
                int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter),
                _weekday_short(row),
            )
        painter.setPen(Qt.PenStyle.NoPen)
        for row, weights in enumerate(self._grid):
            for col, weight in enumerate(weights):
                painter.setBrush(colours.shade(weight))
                rect = QRectF(label_w + col * cell, row * cell, cell - gap, cell - gap)
                painter.drawRoundedRect(rect, radius, radius)
        painter.setPen(colours.muted_text)
        top = cell * 7 + fm.height() * 0.2
        for col in range(0, 24, 4):
            hour = (self._first_hour + col) % 24
            x = label_w + col * cell
            painter.drawText(
                QRectF(x, top, cell * 4, fm.height() * 1.3),
                int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop),
                f"{hour:02d}:00",
            )
        painter.end()


class TargetBars(QWidget):
    """Where urges land: a name, a bar for how often (no count) and the time spent there."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._targets: tuple[TargetShape, ...] = ()
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self.setAccessibleName(self.tr("Apps and sites where urges landed"))

    def set_targets(self, targets: Sequence[TargetShape]) -> None:
        self._targets = tuple(targets)
        self.updateGeometry()
        self.update()

    def _row_h(self) -> float:
        return QFontMetricsF(self.font()).height() * 1.7

    def sizeHint(self) -> QSize:
        fm = QFontMetricsF(self.font())
        return QSize(int(fm.height() * 30), int(self._row_h() * max(1, len(self._targets))))

    def minimumSizeHint(self) -> QSize:
        fm = QFontMetricsF(self.font())
        return QSize(int(fm.height() * 18), self.sizeHint().height())

    def paintEvent(self, event: QPaintEvent) -> None:
        colours = Colours(self.palette())
        fm = QFontMetricsF(self.font())
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        row_h = self._row_h()
        width = float(self.width())
        name_w = min(
            width * 0.4,
            max((fm.horizontalAdvance(t.name) for t in self._targets), default=0.0) + fm.height(),
        )
        time_w = fm.horizontalAdvance(_hours_text(100 * 3600 + 50 * 60)) + fm.height() * 0.5
        bar_w = max(fm.height(), width - name_w - time_w)
        bar_h = fm.height() * 0.55
        for i, target in enumerate(self._targets):
            y = i * row_h
            painter.setPen(colours.text)
            name = fm.elidedText(target.name, Qt.TextElideMode.ElideMiddle, name_w - fm.height())
            painter.drawText(
                QRectF(0, y, name_w, row_h),
                int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
                name,
            )
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(colours.empty)
            track = QRectF(name_w, y + (row_h - bar_h) / 2, bar_w, bar_h)
            painter.drawRoundedRect(track, bar_h / 2, bar_h / 2)
            painter.setBrush(_mix(colours.empty, colours.accent, 0.35 + 0.65 * target.weight))
            filled = QRectF(track.x(), track.y(), max(bar_h, bar_w * target.weight), bar_h)
            painter.drawRoundedRect(filled, bar_h / 2, bar_h / 2)
            if target.usage_s >= 60:
                painter.setPen(colours.muted_text)
                painter.drawText(
                    QRectF(name_w + bar_w + fm.height() * 0.5, y, time_w, row_h),
                    int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
                    _hours_text(target.usage_s),
                )
        painter.end()


class FocusBars(QWidget):
    """Focus time per day: one soft bar a day, scaled to the fullest day in whole hours."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._days: tuple[DayFocus, ...] = ()
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self.setAccessibleName(self.tr("Focus time per day"))

    def set_days(self, days: Sequence[DayFocus]) -> None:
        self._days = tuple(days)
        self.update()

    def sizeHint(self) -> QSize:
        fm = QFontMetricsF(self.font())
        return QSize(int(fm.height() * 30), int(fm.height() * 6.5))

    def minimumSizeHint(self) -> QSize:
        fm = QFontMetricsF(self.font())
        return QSize(int(fm.height() * 18), int(fm.height() * 6.5))

    def paintEvent(self, event: QPaintEvent) -> None:
        if not self._days:
            return
        colours = Colours(self.palette())
        fm = QFontMetricsF(self.font())
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        peak_h = max(1, -(-int(max(d.focus_s for d in self._days)) // 3600))
        scale_w = fm.horizontalAdvance(_hours_text(88 * 3600)) + fm.height() * 0.5
        chart_top = fm.height() * 0.5
        chart_h = fm.height() * 4.4
        base_y = chart_top + chart_h
        left = scale_w
        slot = (self.width() - left) / len(self._days)
        bar_w = max(2.0, min(slot * 0.62, fm.height() * 1.4))
        painter.setPen(colours.faint_line)
        painter.drawLine(QPointF(left, base_y), QPointF(self.width(), base_y))
        painter.setPen(colours.muted_text)
        painter.drawText(
            QRectF(0, chart_top - fm.height() * 0.5, scale_w, fm.height()),
            int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
            _hours_text(peak_h * 3600),
        )
        painter.setPen(colours.faint_line)
        painter.drawLine(QPointF(left, chart_top), QPointF(self.width(), chart_top))
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(colours.accent)
        radius = min(bar_w / 2, fm.height() * 0.25)
        for i, day in enumerate(self._days):
            if day.focus_s <= 0:
                continue
            h = max(radius * 2, chart_h * day.focus_s / (peak_h * 3600))
            x = left + i * slot + (slot - bar_w) / 2
            painter.drawRoundedRect(QRectF(x, base_y - h, bar_w, h), radius, radius)
        painter.setPen(colours.muted_text)
        label_every = 1 if len(self._days) <= 7 else 7
        last = len(self._days) - 1
        for i, day in enumerate(self._days):
            # Label from the newest day back, so today always carries a label.
            if (last - i) % label_every:
                continue
            text = _weekday_short(day.day.weekday())
            if label_every > 1:
                text = _day_and_month(day.day, "MMM")
            centre = left + i * slot + slot / 2
            w = fm.horizontalAdvance(text) + fm.height()
            x = min(max(left, centre - w / 2), self.width() - w)
            painter.drawText(
                QRectF(x, base_y + fm.height() * 0.2, w, fm.height() * 1.2),
                int(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop),
                text,
            )
        painter.end()


class _Section(QWidget):
    """A heading, an optional shape and a few sentences."""

    def __init__(self, title: str, shape: QWidget | None = None) -> None:
        super().__init__()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.heading = QLabel(title)
        font = QFont(self.heading.font())
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.1)
        self.heading.setFont(font)
        layout.addWidget(self.heading)
        self.shape = shape
        if shape is not None:
            layout.addWidget(shape)
        self.words = QLabel()
        self.words.setWordWrap(True)
        self.words.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.words)

    def set_words(self, sentences: Sequence[Phrase | str]) -> None:
        self.words.setText(" ".join(say(s) for s in sentences))
        self.words.setVisible(bool(sentences))


class InsightsWindow(QWidget):
    """Patterns of the last 7 or 30 days. `load(period_days)` gives the model of a period; the
    app passes one bound to its database (see `focusapp.store.insights_query.InsightsQuery`)."""

    period_changed = Signal(int)

    def __init__(
        self, load: InsightsLoader, parent: QWidget | None = None, *, period_days: int = 7
    ) -> None:
        super().__init__(parent)
        if period_days not in PERIODS:
            raise ValueError(f"the insights show {PERIODS} days, not {period_days}")
        self._load = load
        self._models: dict[int, InsightsModel] = {}
        self._period = period_days
        self.setWindowTitle(self.tr("Focusapp \u2014 Patterns"))
        close_on_escape(self)

        self.period_buttons: dict[int, QPushButton] = {}
        self._group = QButtonGroup(self)
        self._group.setExclusive(True)
        switch = QHBoxLayout()
        switch.setSpacing(0)
        for days in PERIODS:
            button = QPushButton(self.tr("Last %n days", "", days))
            button.setCheckable(True)
            button.setAutoDefault(False)
            self._group.addButton(button, days)
            self.period_buttons[days] = button
            switch.addWidget(button)
        self.period_buttons[period_days].setChecked(True)
        self._group.idClicked.connect(self.show_period)

        self.span_label = QLabel()
        header = QHBoxLayout()
        header.addWidget(self.span_label, 1)
        header.addLayout(switch)

        self.urge_grid = UrgeGrid()
        self.target_bars = TargetBars()
        self.focus_bars = FocusBars()
        self.when = _Section(self.tr("When urges came"), self.urge_grid)
        self.before = _Section(self.tr("What came before"))
        self.where = _Section(self.tr("Where they led"), self.target_bars)
        self.focus = _Section(self.tr("Focus time"), self.focus_bars)
        self.limits = _Section(self.tr("Limits"))
        self.changes = _Section(self.tr("What changed"))
        self.sections = (self.when, self.before, self.where, self.focus, self.limits, self.changes)

        content = QWidget()
        column = QVBoxLayout(content)
        spacing = int(QFontMetricsF(self.font()).height() * 1.4)
        column.setSpacing(spacing)
        for section in self.sections:
            column.addWidget(section)
        column.addStretch(1)
        scroll = QScrollArea()
        scroll.setAccessibleName(self.tr("Patterns"))
        scroll.setAccessibleDescription(self.tr("The arrow keys and Page Down scroll"))
        scroll.setWidget(content)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        # The scroll area takes the window's colour, so the shapes sit on the same background.
        scroll.viewport().setAutoFillBackground(False)
        content.setAutoFillBackground(False)

        self.empty_label = QLabel(say(EMPTY_SENTENCE))
        self.empty_label.setWordWrap(True)
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)

        self.pages = QStackedWidget()
        self.pages.addWidget(scroll)
        self.pages.addWidget(self.empty_label)

        outer = QVBoxLayout(self)
        margin = int(QFontMetricsF(self.font()).height() * 1.2)
        outer.setContentsMargins(margin, margin, margin, margin)
        outer.setSpacing(margin)
        outer.addLayout(header)
        outer.addWidget(self.pages, 1)

        fm = QFontMetricsF(self.font())
        resize_within_screen(self, int(fm.height() * 40), int(fm.height() * 60))
        self.show_period(period_days)

    @property
    def period_days(self) -> int:
        return self._period

    @property
    def model(self) -> InsightsModel:
        return self._models[self._period]

    def show_period(self, period_days: int) -> None:
        """Show the last `period_days` days (7 or 30), computing them the first time."""
        if period_days not in PERIODS:
            raise ValueError(f"the insights show {PERIODS} days, not {period_days}")
        self._period = period_days
        self.period_buttons[period_days].setChecked(True)
        if period_days not in self._models:
            self._models[period_days] = self._load(period_days)
        self._show(self._models[period_days])
        self.period_changed.emit(period_days)

    def refresh(self) -> None:
        """Forget what was computed (new urges or usage since) and show the period again."""
        self._models.clear()
        self.show_period(self._period)

    def _show(self, model: InsightsModel) -> None:
        last = model.last_day
        first = model.first_day
        if first + timedelta(days=1) <= last:
            span = self.tr("{first} \u2013 {last}").format(
                first=_day_and_month(first), last=_day_and_month(last)
            )
        else:
            span = _day_and_month(last)
        self.span_label.setText(span)
        self.pages.setCurrentIndex(1 if model.empty else 0)
        if model.empty:
            return
        self.urge_grid.set_grid(model.urge_grid, clock_hour(0, model.day_start))
        self.urge_grid.setVisible(model.has_urges)
        self.when.set_words(model.rhythm or (self.tr("No urges in these days."),))
        self.before.set_words(model.answers)
        self.before.setVisible(bool(model.answers))
        self.target_bars.set_targets(model.targets)
        self.where.setVisible(bool(model.targets))
        self.where.set_words(
            (
                self.tr(
                    "The longer the bar, the more often an urge led there; beside it, "
                    "the time you spent there."
                ),
            )
        )
        self.focus_bars.set_days(model.focus_days)
        self.focus_bars.setVisible(model.has_focus)
        self.focus.set_words(model.focus)
        self.limits.set_words(model.limits)
        self.limits.setVisible(bool(model.limits))
        self.changes.set_words(model.changes)
        self.changes.setVisible(bool(model.changes))

    def changeEvent(self, event: QEvent) -> None:
        # Custom shapes read the palette when they paint: a theme change needs a repaint.
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.FontChange):
            for shape in (self.urge_grid, self.target_bars, self.focus_bars):
                shape.updateGeometry()
                shape.update()
        super().changeEvent(event)
