"""The intervention overlay: a dimmed screen, a breathing pause, then one reflective question.

It covers the screen the blocked app is on with a calm, frameless, always-on-top window. First a
short breathing pause (a soft circle that grows and shrinks, or a still one when the user asked
for reduced motion) during which only Escape does anything; then the prompt's question in large
type, the answers the user may recognise, and a way forward: back to what they were doing (the
default, and what Escape means at any moment) or, outside strict sessions, "I need it for N
minutes" with a typed intention. The choice leaves through `finished(Outcome)`, exactly once;
acting on it (re-activating the previous window, granting the allowance, the journal entry)
is the caller's job.
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass
from enum import Enum, StrEnum
from itertools import pairwise

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QCoreApplication,
    QEasingCurve,
    QEvent,
    QPointF,
    QRect,
    QRectF,
    QSize,
    Qt,
    QTimer,
    QVariantAnimation,
    Signal,
)
from PySide6.QtGui import (
    QCloseEvent,
    QColor,
    QFont,
    QGuiApplication,
    QKeyEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QPen,
    QRadialGradient,
    QShowEvent,
)
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from focusapp.core.friction_pacing import PauseForm
from focusapp.core.prompts import Prompt
from focusapp.ui.tray_icon import muted_text_color

# A slate, not black: translucent over the desktop where a compositor runs, and a calm dark
# colour of its own on X11 without one (where the alpha is dropped).
_DIM = QColor(20, 25, 32, 205)

_CARD_WIDTH = 660
_CARD_MARGIN = 32  # the least room kept between the card and the screen's edge
_CARD_RADIUS = 22.0
_BREATH_S = 8.0  # one breath in and out; the pause holds a whole number of them when it can
_STILL_LEVEL = 0.55
_MIN_INTENTION_CHARS = 3
_INTENTION_MAX_CHARS = 140

_REDUCED_MOTION_STEPS = (
    QT_TRANSLATE_NOOP("InterventionOverlay", "Take a slow breath in."),
    QT_TRANSLATE_NOOP("InterventionOverlay", "And let it out, slowly."),
    QT_TRANSLATE_NOOP("InterventionOverlay", "The question comes in a moment."),
)


def _pause_steps(form: PauseForm, pause_s: float) -> tuple[str, ...]:
    """The words of a still pause: a few calm lines, a count of slow breaths, or one line."""
    if form is PauseForm.STILL:
        return (
            QCoreApplication.translate(
                "InterventionOverlay", "Nothing to do for a moment. Just be here."
            ),
        )
    if form is PauseForm.SLOW_BREATHS:
        breaths = max(1, round(pause_s / _BREATH_S))
        line = QCoreApplication.translate(
            "InterventionOverlay", "Slow breath {breath} of {breaths}: in… and out."
        )
        return tuple(line.format(breath=i, breaths=breaths) for i in range(1, breaths + 1))
    return tuple(
        QCoreApplication.translate("InterventionOverlay", step) for step in _REDUCED_MOTION_STEPS
    )


class Choice(StrEnum):
    BACK = "back"
    ALLOW = "allow"


@dataclass(frozen=True)
class Outcome:
    """What the user chose. `answer` is the reflective answer they picked, if any."""

    choice: Choice
    minutes: int = 0
    intention: str = ""
    answer: str | None = None
    note: str | None = None


@dataclass(frozen=True)
class InterventionRequest:
    """Everything the overlay shows. No minutes to choose from means a strict session: then the
    overlay offers no way in at all."""

    target_label: str  # "Instagram", "discord"
    reason: str  # "This is blocked during your focus session"
    prompt: Prompt
    allow_minutes_choices: tuple[int, ...]
    screen_geometry: QRect

    @property
    def strict(self) -> bool:
        return not self.allow_minutes_choices


class Phase(Enum):
    PAUSE = "pause"
    QUESTION = "question"
    ALLOW_FORM = "allow_form"
    DONE = "done"


def screen_geometry_for(window_rect: QRect) -> QRect:
    """The geometry of the screen holding the centre of `window_rect` (device-independent pixels).

    A window whose centre is off every screen goes to the screen it overlaps most, and failing
    that to the primary screen.
    """
    screen = QGuiApplication.screenAt(window_rect.center())
    if screen is None:
        best_area = 0
        for candidate in QGuiApplication.screens():
            overlap = candidate.geometry().intersected(window_rect)
            area = overlap.width() * overlap.height() if overlap.isValid() else 0
            if area > best_area:
                screen, best_area = candidate, area
    if screen is None:
        screen = QGuiApplication.primaryScreen()
    return QRect(screen.geometry()) if screen is not None else QRect(window_rect)


def _mix(a: QColor, b: QColor, keep_a: float) -> QColor:
    return QColor(
        round(a.red() * keep_a + b.red() * (1 - keep_a)),
        round(a.green() * keep_a + b.green() * (1 - keep_a)),
        round(a.blue() * keep_a + b.blue() * (1 - keep_a)),
    )


@dataclass(frozen=True)
class _Colours:
    """The overlay's few colours, read off the current palette so light and dark both work."""

    card: QColor
    card_edge: QColor
    text: QColor
    muted: QColor
    accent: QColor  # soft, desaturated: the breathing circle, the chosen answer, the focus ring
    accent_soft: QColor
    line: QColor

    @classmethod
    def from_palette(cls, palette: QPalette) -> _Colours:
        window = palette.color(QPalette.ColorRole.Window)
        text = palette.color(QPalette.ColorRole.WindowText)
        dark = window.lightnessF() < 0.5
        card = window.lighter(112) if dark else _mix(window, QColor(255, 255, 255), 0.35)
        highlight = palette.color(QPalette.ColorRole.Highlight)
        hue = highlight.hsvHueF() if highlight.hsvHueF() >= 0 else 0.58
        # The desktop's highlight hue, calmed down: never a loud brand colour, never red.
        if hue < 0.08 or hue > 0.92:
            hue = 0.58
        accent = QColor.fromHsvF(hue, 0.32, 0.78 if dark else 0.62)
        return cls(
            card=card,
            card_edge=_mix(card, text, 0.9),
            text=text,
            muted=muted_text_color(palette),
            accent=accent,
            accent_soft=_mix(accent, card, 0.22),
            line=_mix(card, text, 0.8),
        )


class BreathingCircle(QWidget):
    """A soft circle whose size follows `level` (0 = breathed out, 1 = breathed in)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._level = _STILL_LEVEL
        self._colour = QColor(120, 150, 170)
        self._guide = QColor(120, 150, 170, 60)
        self.setAccessibleName(self.tr("Breathing pause"))
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.setFixedSize(QSize(176, 176))

    @property
    def level(self) -> float:
        return self._level

    def set_level(self, level: float) -> None:
        self._level = min(1.0, max(0.0, level))
        self.update()

    def set_colour(self, colour: QColor, guide: QColor) -> None:
        self._colour = QColor(colour)
        self._guide = QColor(guide)
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        centre = QPointF(self.width() / 2, self.height() / 2)
        outer = min(self.width(), self.height()) / 2 - 2
        inner = outer * 0.42
        radius = inner + (outer - inner) * self._level
        # A faint guide at full size, so the circle visibly has somewhere to grow into.
        painter.setPen(QPen(self._guide, 1.5))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawEllipse(centre, outer, outer)
        gradient = QRadialGradient(centre, radius)
        core = QColor(self._colour)
        core.setAlphaF(0.62)
        rim = QColor(self._colour)
        rim.setAlphaF(0.22)
        gradient.setColorAt(0.0, core)
        gradient.setColorAt(0.85, rim)
        edge = QColor(self._colour)
        edge.setAlphaF(0.0)
        gradient.setColorAt(1.0, edge)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(gradient)
        painter.drawEllipse(centre, radius, radius)


class _Card(QWidget):
    """The rounded panel in the middle of the dimmed screen."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.fill = QColor(250, 250, 250)
        self.edge = QColor(220, 220, 220)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(self.edge, 1.0))
        painter.setBrush(self.fill)
        painter.drawRoundedRect(
            QRectF(self.rect()).adjusted(0.5, 0.5, -0.5, -0.5), _CARD_RADIUS, _CARD_RADIUS
        )


def _scaled_font(base: QFont, factor: float, *, weight: QFont.Weight | None = None) -> QFont:
    font = QFont(base)
    size = base.pointSizeF()
    if size > 0:
        font.setPointSizeF(size * factor)
    else:
        font.setPixelSize(round(base.pixelSize() * factor))
    if weight is not None:
        font.setWeight(weight)
    return font


def _minutes_text(minutes: int) -> str:
    # One and many as two messages: lupdate reads no count in a module-level translate().
    if minutes == 1:
        return QCoreApplication.translate("InterventionOverlay", "1 minute")
    return QCoreApplication.translate("InterventionOverlay", "{count} minutes").format(
        count=minutes
    )


class InterventionOverlay(QWidget):
    """The full-screen pause and question; emits `finished(Outcome)` once, then closes."""

    finished = Signal(object)

    screen_geometry_for = staticmethod(screen_geometry_for)

    def __init__(
        self,
        request: InterventionRequest,
        *,
        reduce_motion: bool,
        pause_s: float,
        parent: QWidget | None = None,
        pause_form: PauseForm = PauseForm.BREATHING_CIRCLE,
    ) -> None:
        super().__init__(parent)
        self.request = request
        self.pause_form = pause_form
        # Only the breathing circle moves; the other forms of the pause are still by nature.
        self.reduce_motion = reduce_motion or pause_form is not PauseForm.BREATHING_CIRCLE
        self.pause_s = max(0.0, pause_s)
        self._steps = _pause_steps(pause_form, self.pause_s)
        self.phase = Phase.PAUSE
        self._started = False
        self._finished = False

        self.setWindowFlags(
            Qt.WindowType.Tool
            | Qt.WindowType.FramelessWindowHint
            | Qt.WindowType.WindowStaysOnTopHint
        )
        self.setAttribute(Qt.WidgetAttribute.WA_TranslucentBackground)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        title = self.tr("A moment before {target}").format(target=request.target_label)
        self.setWindowTitle(title)
        self.setAccessibleName(title)
        self.setAccessibleDescription(request.reason)
        screen = QGuiApplication.screenAt(request.screen_geometry.center())
        if screen is not None:
            self.setScreen(screen)
        self.setGeometry(request.screen_geometry)

        self.card = _Card(self)
        self.card.setAccessibleName(self.tr("Pause"))
        available = request.screen_geometry.width() - 2 * _CARD_MARGIN
        self.card.setFixedWidth(max(320, min(_CARD_WIDTH, available)))

        self.context_label = QLabel(self._context_text(), self.card)
        self.context_label.setObjectName("muted")
        self.context_label.setWordWrap(True)
        self.context_label.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.context_label.setAccessibleName(self.tr("Why this pause"))

        self._build_pause_page()
        self._build_question_page()

        card_layout = QVBoxLayout(self.card)
        card_layout.setContentsMargins(44, 34, 44, 36)
        card_layout.setSpacing(0)
        card_layout.addWidget(self.context_label)
        card_layout.addSpacing(22)
        card_layout.addWidget(self.pause_page)
        card_layout.addWidget(self.question_page)
        self.question_page.hide()

        outer = QVBoxLayout(self)
        outer.setContentsMargins(_CARD_MARGIN, _CARD_MARGIN, _CARD_MARGIN, _CARD_MARGIN)
        outer.addStretch(1)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.card)
        row.addStretch(1)
        outer.addLayout(row)
        outer.addStretch(1)

        self._pause_timer = QTimer(self)
        self._pause_timer.setSingleShot(True)
        self._pause_timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._pause_deadline = 0.0
        self._pause_timer.timeout.connect(self._check_pause)
        self._step_timer = QTimer(self)
        self._step_index = 0
        self._step_timer.timeout.connect(self._next_still_step)

        self.breath_animation: QVariantAnimation | None = None
        if not self.reduce_motion:
            animation = QVariantAnimation(self)
            animation.setStartValue(0.0)
            animation.setEndValue(1.0)
            animation.setEasingCurve(QEasingCurve.Type.Linear)
            animation.setDuration(self._breath_ms())
            animation.setLoopCount(-1)
            animation.valueChanged.connect(self._on_breath)
            self.breath_animation = animation
            self.circle.set_level(0.0)
        else:
            self.circle.set_level(_STILL_LEVEL)

        self._apply_style()

    # -- building ---------------------------------------------------------------------------

    def _context_text(self) -> str:
        return f"{self.request.target_label}  ·  {self.request.reason}"

    def _build_pause_page(self) -> None:
        self.pause_page = QWidget(self.card)
        self.circle = BreathingCircle(self.pause_page)
        self.breath_label = QLabel(self.pause_page)
        self.breath_label.setObjectName("breath")
        self.breath_label.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.breath_label.setAccessibleName(self.tr("Breathing guide"))
        self.breath_label.setWordWrap(True)
        base = self.font()
        self.breath_label.setFont(_scaled_font(base, 1.45))
        text = self._steps[0] if self.reduce_motion else self.tr("Breathe in…")
        self.breath_label.setText(text)
        self.circle.setVisible(self.pause_form is not PauseForm.STILL)
        self.escape_hint = QLabel(
            self.tr("Esc takes you back to what you were doing."), self.pause_page
        )
        self.escape_hint.setObjectName("muted")
        self.escape_hint.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.escape_hint.setAccessibleName(self.tr("Escape hint"))

        layout = QVBoxLayout(self.pause_page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addSpacing(8)
        layout.addWidget(self.circle, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addSpacing(26)
        layout.addWidget(self.breath_label)
        layout.addSpacing(30)
        layout.addWidget(self.escape_hint)

    def _build_question_page(self) -> None:
        request = self.request
        page = QWidget(self.card)
        self.question_page = page
        base = self.font()

        self.question_label = QLabel(request.prompt.text, page)
        self.question_label.setObjectName("question")
        self.question_label.setWordWrap(True)
        self.question_label.setFont(_scaled_font(base, 2.15))
        self.question_label.setAccessibleName(self.tr("Question"))
        self.question_label.setAccessibleDescription(request.prompt.text)
        self.question_label.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)

        self.answers_hint = QLabel(self.tr("Does one of these fit? You can skip this."), page)
        self.answers_hint.setObjectName("muted")
        self.answers_hint.setAccessibleName(self.tr("About the answers"))

        self.answer_buttons: list[QPushButton] = []
        answer_font = _scaled_font(base, 1.12)
        for number, answer in enumerate(request.prompt.answers, start=1):
            chip = QPushButton(f"{number}    {answer}", page)
            chip.setObjectName("chip")
            chip.setCheckable(True)
            chip.setAutoDefault(True)
            chip.setFont(answer_font)
            chip.setAccessibleName(answer)
            chip.setAccessibleDescription(
                self.tr("Answer {number}; press {number} to choose it").format(number=number)
            )
            chip.setCursor(Qt.CursorShape.PointingHandCursor)
            chip.toggled.connect(lambda checked, c=chip: self._on_answer_toggled(c, checked))
            self.answer_buttons.append(chip)

        button_font = _scaled_font(base, 1.12)
        self.back_button = QPushButton(self.tr("Back to what I was doing"), page)
        self.back_button.setObjectName("primary")
        self.back_button.setFont(button_font)
        self.back_button.setAutoDefault(True)
        self.back_button.setDefault(True)
        self.back_button.setAccessibleName(self.back_button.text())
        self.back_button.clicked.connect(self.choose_back)

        self.allow_button: QPushButton | None = None
        self.open_button: QPushButton | None = None
        self.intention_edit: QLineEdit | None = None
        self.minute_buttons: list[QPushButton] = []
        self.allow_form: QWidget | None = None

        buttons = QHBoxLayout()
        buttons.setSpacing(12)
        buttons.addWidget(self.back_button)
        buttons.addStretch(1)

        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.question_label)
        layout.addSpacing(26)
        layout.addWidget(self.answers_hint)
        layout.addSpacing(10)
        for chip in self.answer_buttons:
            layout.addWidget(chip)
            layout.addSpacing(8)
        layout.addSpacing(18)

        chain: list[QWidget] = [self.back_button]
        if not request.strict:
            self._build_allow_form(page, button_font)
            assert self.allow_form is not None
            assert self.allow_button is not None and self.open_button is not None
            assert self.intention_edit is not None
            layout.addWidget(self.allow_form)
            self.allow_form.hide()
            buttons.addWidget(self.allow_button)
            buttons.addWidget(self.open_button)
            self.open_button.hide()
            chain = [
                self.back_button,
                self.allow_button,
                self.intention_edit,
                *self.minute_buttons,
                self.open_button,
            ]
        chain.extend(self.answer_buttons)
        layout.addLayout(buttons)
        for first, second in pairwise(chain):
            QWidget.setTabOrder(first, second)

    def _build_allow_form(self, page: QWidget, button_font: QFont) -> None:
        choices = self.request.allow_minutes_choices
        self.allow_button = QPushButton(self.tr("I need it for…"), page)
        self.allow_button.setObjectName("secondary")
        self.allow_button.setFont(button_font)
        self.allow_button.setAutoDefault(True)
        self.allow_button.setAccessibleName(
            self.tr("I need {target} for a while").format(target=self.request.target_label)
        )
        self.allow_button.clicked.connect(self.open_allow_form)

        form = QWidget(page)
        self.allow_form = form
        intention_label = QLabel(self.tr("What will you do there?"), form)
        intention_label.setFont(_scaled_font(self.font(), 1.12))
        self.intention_edit = QLineEdit(form)
        self.intention_edit.setObjectName("intention")
        self.intention_edit.setFont(_scaled_font(self.font(), 1.12))
        self.intention_edit.setPlaceholderText(self.tr("For example: reply to Sam's message"))
        self.intention_edit.setMaxLength(_INTENTION_MAX_CHARS)
        self.intention_edit.setAccessibleName(intention_label.text())
        self.intention_edit.setAccessibleDescription(
            self.tr("Needed: at least %n characters", "", _MIN_INTENTION_CHARS)
        )
        intention_label.setBuddy(self.intention_edit)
        self.intention_edit.textChanged.connect(self._refresh_open_button)
        self.intention_edit.returnPressed.connect(self.choose_allow)

        minutes_label = QLabel(self.tr("For how long?"), form)
        minutes_label.setFont(_scaled_font(self.font(), 1.12))
        minutes_row = QHBoxLayout()
        minutes_row.setSpacing(8)
        for minutes in choices:
            chip = QPushButton(self.tr("%n min", "", minutes), form)
            chip.setObjectName("chip")
            chip.setCheckable(True)
            chip.setAutoExclusive(True)
            chip.setAutoDefault(True)
            chip.setFont(_scaled_font(self.font(), 1.05))
            chip.setAccessibleName(_minutes_text(minutes))
            chip.setAccessibleDescription(self.tr("The arrow keys move between the choices"))
            chip.setProperty("minutes", minutes)
            chip.toggled.connect(self._refresh_open_button)
            self.minute_buttons.append(chip)
            minutes_row.addWidget(chip)
        minutes_row.addStretch(1)
        # The shortest stay is the default: giving in should take one more conscious step.
        self.minute_buttons[0].setChecked(True)

        self.open_button = QPushButton(page)
        self.open_button.setObjectName("secondary")
        self.open_button.setFont(button_font)
        self.open_button.setAutoDefault(True)
        self.open_button.clicked.connect(self.choose_allow)

        layout = QVBoxLayout(form)
        layout.setContentsMargins(0, 4, 0, 24)
        layout.setSpacing(0)
        layout.addWidget(intention_label)
        layout.addSpacing(8)
        layout.addWidget(self.intention_edit)
        layout.addSpacing(18)
        layout.addWidget(minutes_label)
        layout.addSpacing(8)
        layout.addLayout(minutes_row)
        self._refresh_open_button()

    # -- look ---------------------------------------------------------------------------------

    def _apply_style(self) -> None:
        colours = _Colours.from_palette(self.palette())
        self.card.fill = colours.card
        self.card.edge = colours.card_edge
        guide = QColor(colours.accent)
        guide.setAlphaF(0.28)
        self.circle.set_colour(colours.accent, guide)
        text, muted = colours.text.name(), colours.muted.name()
        accent, soft, line = colours.accent.name(), colours.accent_soft.name(), colours.line.name()
        on_accent = "#ffffff" if colours.accent.lightnessF() < 0.6 else "#1d2227"
        ring = colours.accent.darker(150).name() if colours.card.lightnessF() >= 0.5 else text
        self.card.setStyleSheet(
            f"""
            QLabel {{ color: {text}; background: transparent; }}
            QLabel#muted {{ color: {muted}; }}
            QPushButton {{
                color: {text}; background: transparent; border: 1px solid {line};
                border-radius: 12px; padding: 11px 20px;
            }}
            QPushButton:hover {{ border-color: {accent}; }}
            QPushButton:focus {{ border: 2px solid {accent}; padding: 10px 19px; }}
            QPushButton:disabled {{ color: {muted}; border-color: {line}; }}
            QPushButton#chip {{ text-align: left; padding: 9px 16px; }}
            QPushButton#chip:focus {{ padding: 8px 15px; }}
            QPushButton#chip:checked {{ background: {soft}; border-color: {accent}; }}
            QPushButton#primary {{
                color: {on_accent}; background: {accent}; border: 2px solid {accent};
                padding: 10px 22px;
            }}
            QPushButton#primary:focus {{ border: 2px solid {ring}; }}
            QLineEdit {{
                color: {text}; background: transparent; border: 1px solid {line};
                border-radius: 10px; padding: 9px 12px;
            }}
            QLineEdit:focus {{ border: 2px solid {accent}; padding: 8px 11px; }}
            """
        )
        self.update()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self._apply_style()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setCompositionMode(QPainter.CompositionMode.CompositionMode_Source)
        painter.fillRect(self.rect(), _DIM)

    # -- the pause ----------------------------------------------------------------------------

    def _breath_ms(self) -> int:
        if self.pause_s <= 0:
            return 1000
        breaths = max(1, round(self.pause_s / _BREATH_S))
        return max(1, round(1000 * self.pause_s / breaths))

    def _on_breath(self, progress: object) -> None:
        assert isinstance(progress, float)
        # A smooth rise and fall with no corner at the top: half a cosine each way.
        self.circle.set_level((1 - math.cos(2 * math.pi * progress)) / 2)
        self.breath_label.setText(
            self.tr("Breathe in…") if progress < 0.5 else self.tr("Breathe out…")
        )

    def _next_still_step(self) -> None:
        self._step_index = min(self._step_index + 1, len(self._steps) - 1)
        self.breath_label.setText(self._steps[self._step_index])

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._started:
            self._started = True
            self._begin_pause()
        self.take_focus()

    def take_focus(self) -> None:
        """Pulls the keyboard here: the user was just typing into another app."""
        self.raise_()
        self.activateWindow()
        target: QWidget = self.back_button if self.phase is Phase.QUESTION else self
        if self.phase is Phase.ALLOW_FORM and self.intention_edit is not None:
            target = self.intention_edit
        target.setFocus(Qt.FocusReason.ActiveWindowFocusReason)

    def _begin_pause(self) -> None:
        if self.pause_s <= 0:
            self._end_pause()
            return
        if self.breath_animation is not None:
            self.breath_animation.start()
        else:
            if len(self._steps) > 1:
                self._step_timer.start(max(1, round(1000 * self.pause_s / len(self._steps))))
        self._pause_deadline = time.monotonic() + self.pause_s
        self._pause_timer.start(max(1, math.ceil(1000 * self.pause_s)))

    def _check_pause(self) -> None:
        # Timers may fire a little early (and late after a suspend); the deadline decides.
        left = self._pause_deadline - time.monotonic()
        if left > 0:
            self._pause_timer.start(max(1, math.ceil(1000 * left)))
            return
        self._end_pause()

    def _end_pause(self) -> None:
        if self.phase is not Phase.PAUSE:
            return
        self._stop_timers()
        self.phase = Phase.QUESTION
        self.pause_page.hide()
        self.question_page.show()
        self.context_label.setAlignment(Qt.AlignmentFlag.AlignLeft)
        self.back_button.setFocus(Qt.FocusReason.OtherFocusReason)

    def _stop_timers(self) -> None:
        self._pause_timer.stop()
        self._step_timer.stop()
        if self.breath_animation is not None:
            self.breath_animation.stop()

    # -- the question -------------------------------------------------------------------------

    @property
    def chosen_answer(self) -> str | None:
        for chip, answer in zip(self.answer_buttons, self.request.prompt.answers, strict=True):
            if chip.isChecked():
                return answer
        return None

    @property
    def chosen_minutes(self) -> int:
        for chip in self.minute_buttons:
            if chip.isChecked():
                return int(chip.property("minutes"))
        return 0

    @property
    def intention(self) -> str:
        return "" if self.intention_edit is None else " ".join(self.intention_edit.text().split())

    def _on_answer_toggled(self, chip: QPushButton, checked: bool) -> None:
        # At most one answer, but it can be un-chosen again: answering is optional.
        if checked:
            for other in self.answer_buttons:
                if other is not chip and other.isChecked():
                    other.setChecked(False)

    def open_allow_form(self) -> None:
        if self.phase is not Phase.QUESTION or self.allow_form is None:
            return
        assert self.allow_button is not None and self.open_button is not None
        assert self.intention_edit is not None
        self.phase = Phase.ALLOW_FORM
        self.allow_form.show()
        self.allow_button.hide()
        self.open_button.show()
        self.intention_edit.setFocus(Qt.FocusReason.OtherFocusReason)

    def _refresh_open_button(self) -> None:
        if self.open_button is None:
            return
        self.open_button.setText(self.tr("Open it for %n minutes", "", self.chosen_minutes))
        self.open_button.setAccessibleName(self.open_button.text())
        self.open_button.setEnabled(self._may_allow())

    def _may_allow(self) -> bool:
        return len(self.intention) >= _MIN_INTENTION_CHARS and self.chosen_minutes > 0

    # -- leaving ------------------------------------------------------------------------------

    def choose_back(self) -> None:
        self._finish(Outcome(Choice.BACK, answer=self.chosen_answer))

    def choose_allow(self) -> None:
        if self.phase is not Phase.ALLOW_FORM or not self._may_allow():
            return
        self._finish(
            Outcome(
                Choice.ALLOW,
                minutes=self.chosen_minutes,
                intention=self.intention,
                answer=self.chosen_answer,
            )
        )

    def _finish(self, outcome: Outcome) -> None:
        if self._finished:
            return
        self._finished = True
        self._stop_timers()
        self.phase = Phase.DONE
        # Closed before telling anyone, so the window they activate next is not behind us.
        self.close()
        self.finished.emit(outcome)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if key == Qt.Key.Key_Escape:
            self.choose_back()
            return
        plain = event.modifiers() in (
            Qt.KeyboardModifier.NoModifier,
            Qt.KeyboardModifier.KeypadModifier,
        )
        if self.phase in (Phase.QUESTION, Phase.ALLOW_FORM) and plain:
            number = int(key) - int(Qt.Key.Key_0)
            if 1 <= number <= len(self.answer_buttons):
                chip = self.answer_buttons[number - 1]
                chip.setChecked(not chip.isChecked())
                chip.setFocus(Qt.FocusReason.ShortcutFocusReason)
                return
        super().keyPressEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        # Closed by the window manager or Alt+F4: the safe default, as with Escape.
        if not self._finished:
            self._finished = True
            self._stop_timers()
            self.phase = Phase.DONE
            super().closeEvent(event)
            self.finished.emit(Outcome(Choice.BACK, answer=self.chosen_answer))
            return
        super().closeEvent(event)
