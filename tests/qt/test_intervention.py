"""The intervention overlay: a pause that holds, a question, and Escape as the way back, always."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from PySide6.QtCore import QAbstractAnimation, QRect, Qt
from PySide6.QtWidgets import QApplication, QLineEdit, QPushButton, QWidget

from focusapp.core.friction_pacing import PauseForm
from focusapp.core.prompts import Category, Prompt, PromptLibrary, Trigger
from focusapp.ui.intervention import (
    Choice,
    InterventionOverlay,
    InterventionRequest,
    Outcome,
    Phase,
    screen_geometry_for,
)

# The offscreen platform warns about window-manager calls it cannot honour (size hints, raise).
pytestmark = pytest.mark.qt_log_ignore("^This plugin does not support")

PROMPT = Prompt(
    id="validation-001",
    category=Category.VALIDATION,
    text="What would it change if nobody liked it?",
    answers=("I wanted to see if anyone liked it", "It would sting a little", "Nothing, really"),
    triggers=frozenset({Trigger.JUST_POSTED}),
)
GEOMETRY = QRect(0, 0, 1280, 800)


def request(*, strict: bool = False, prompt: Prompt = PROMPT) -> InterventionRequest:
    return InterventionRequest(
        target_label="Instagram",
        reason="This is blocked during your focus session",
        prompt=prompt,
        allow_minutes_choices=() if strict else (2, 5, 10, 15),
        screen_geometry=GEOMETRY,
    )


class Outcomes:
    def __init__(self, overlay: InterventionOverlay) -> None:
        self.seen: list[Outcome] = []
        overlay.finished.connect(self.seen.append)


def open_overlay(
    qtbot,
    *,
    pause_s: float = 0.0,
    reduce_motion: bool = False,
    strict: bool = False,
    prompt: Prompt = PROMPT,
    pause_form: PauseForm = PauseForm.BREATHING_CIRCLE,
) -> tuple[InterventionOverlay, Outcomes]:
    overlay = InterventionOverlay(
        request(strict=strict, prompt=prompt),
        reduce_motion=reduce_motion,
        pause_s=pause_s,
        pause_form=pause_form,
    )
    qtbot.addWidget(overlay)
    outcomes = Outcomes(overlay)
    overlay.show()
    qtbot.waitExposed(overlay)
    qtbot.waitUntil(overlay.isActiveWindow, timeout=2000)
    return overlay, outcomes


def press(qtbot, key: Qt.Key, text: str | None = None) -> None:
    """A key press where the keyboard really goes: to the widget that has the focus."""
    target = QApplication.focusWidget()
    assert target is not None, "nothing has the keyboard focus"
    if text is None:
        qtbot.keyClick(target, key)
    else:
        qtbot.keyClicks(target, text)


def at_question(qtbot, **kwargs) -> tuple[InterventionOverlay, Outcomes]:
    overlay, outcomes = open_overlay(qtbot, **kwargs)
    qtbot.waitUntil(lambda: overlay.phase is Phase.QUESTION, timeout=2000)
    return overlay, outcomes


# -- the pause --------------------------------------------------------------------------------


def test_the_pause_holds_the_question_back_until_it_is_over(qtbot) -> None:
    started = time.monotonic()
    overlay, outcomes = open_overlay(qtbot, pause_s=0.2)
    assert overlay.phase is Phase.PAUSE
    assert overlay.pause_page.isVisible()
    assert not overlay.question_page.isVisible()
    assert not overlay.back_button.isVisible()
    assert QApplication.focusWidget() is overlay  # the keyboard is ours, but nothing to press

    for key in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space, Qt.Key.Key_1):
        press(qtbot, key)
    assert overlay.chosen_answer is None
    assert overlay.phase is Phase.PAUSE
    assert outcomes.seen == []

    qtbot.waitUntil(lambda: overlay.phase is Phase.QUESTION, timeout=2000)
    assert time.monotonic() - started >= 0.2
    assert overlay.question_page.isVisible()
    assert not overlay.pause_page.isVisible()
    assert QApplication.focusWidget() is overlay.back_button
    assert outcomes.seen == []


def test_the_moving_pause_breathes_and_then_stops(qtbot) -> None:
    overlay, _ = open_overlay(qtbot, pause_s=0.4)
    animation = overlay.breath_animation
    assert animation is not None
    assert animation.state() is QAbstractAnimation.State.Running
    levels = set()
    qtbot.waitUntil(lambda: levels.add(round(overlay.circle.level, 2)) or len(levels) >= 3)
    qtbot.waitUntil(lambda: overlay.phase is Phase.QUESTION, timeout=2000)
    assert animation.state() is QAbstractAnimation.State.Stopped


def test_reduced_motion_runs_no_animation_and_keeps_the_circle_still(qtbot) -> None:
    overlay, _ = open_overlay(qtbot, pause_s=0.45, reduce_motion=True)
    assert overlay.breath_animation is None
    level = overlay.circle.level
    texts = {overlay.breath_label.text()}
    while overlay.phase is Phase.PAUSE:
        running = [
            animation
            for animation in overlay.findChildren(QAbstractAnimation)
            if animation.state() is QAbstractAnimation.State.Running
        ]
        assert running == []
        assert overlay.circle.level == level
        texts.add(overlay.breath_label.text())
        qtbot.wait(20)
    # Progress is told in words that change now and then, not shown by anything moving.
    assert "Take a slow breath in." in texts
    assert len(texts) >= 2


# -- the way back ------------------------------------------------------------------------------


def test_escape_during_the_pause_means_back(qtbot) -> None:
    overlay, outcomes = open_overlay(qtbot, pause_s=30)
    press(qtbot, Qt.Key.Key_Escape)
    assert outcomes.seen == [Outcome(Choice.BACK)]
    assert not overlay.isVisible()
    assert overlay.phase is Phase.DONE


def test_escape_at_the_question_means_back_and_keeps_the_answer(qtbot) -> None:
    _, outcomes = at_question(qtbot)
    press(qtbot, Qt.Key.Key_3)
    press(qtbot, Qt.Key.Key_Escape)
    assert outcomes.seen == [Outcome(Choice.BACK, answer="Nothing, really")]


def test_escape_in_the_allow_form_means_back_even_with_an_intention_typed(qtbot) -> None:
    overlay, outcomes = at_question(qtbot)
    overlay.open_allow_form()
    assert QApplication.focusWidget() is overlay.intention_edit
    press(qtbot, Qt.Key.Key_A, "reply to Sam")
    press(qtbot, Qt.Key.Key_Escape)
    assert outcomes.seen == [Outcome(Choice.BACK)]
    assert outcomes.seen[0].choice == "back"


def test_back_is_the_focused_default_and_enter_takes_it(qtbot) -> None:
    overlay, outcomes = at_question(qtbot)
    assert overlay.back_button.hasFocus()
    press(qtbot, Qt.Key.Key_Return)
    assert outcomes.seen == [Outcome(Choice.BACK)]


def test_finished_is_emitted_exactly_once_whatever_follows(qtbot) -> None:
    overlay, outcomes = at_question(qtbot)
    overlay.back_button.click()
    overlay.choose_back()
    overlay.choose_allow()
    overlay.close()
    qtbot.keyClick(overlay, Qt.Key.Key_Escape)
    assert outcomes.seen == [Outcome(Choice.BACK)]


def test_closing_the_window_by_other_means_is_back(qtbot) -> None:
    overlay, outcomes = open_overlay(qtbot, pause_s=30)
    overlay.close()
    assert outcomes.seen == [Outcome(Choice.BACK)]
    assert overlay.phase is Phase.DONE


# -- the question and its answers ---------------------------------------------------------------


def test_the_card_shows_the_question_the_app_and_the_reason(qtbot) -> None:
    overlay, _ = at_question(qtbot)
    assert overlay.question_label.text() == PROMPT.text
    assert "Instagram" in overlay.context_label.text()
    assert "This is blocked during your focus session" in overlay.context_label.text()
    shown = [button.accessibleName() for button in overlay.answer_buttons]
    assert shown == list(PROMPT.answers)
    assert all(button.isVisible() for button in overlay.answer_buttons)


def test_number_keys_choose_an_answer_and_choose_it_away_again(qtbot) -> None:
    overlay, outcomes = at_question(qtbot)
    press(qtbot, Qt.Key.Key_2)
    assert overlay.chosen_answer == "It would sting a little"
    press(qtbot, Qt.Key.Key_1)
    assert overlay.chosen_answer == "I wanted to see if anyone liked it"
    assert [button.isChecked() for button in overlay.answer_buttons] == [True, False, False]
    press(qtbot, Qt.Key.Key_1)
    assert overlay.chosen_answer is None
    press(qtbot, Qt.Key.Key_9)  # no ninth answer: nothing happens
    assert overlay.chosen_answer is None
    assert outcomes.seen == []


def test_keyboard_only_way_to_a_short_stay_with_an_intention(qtbot) -> None:
    overlay, outcomes = at_question(qtbot)
    press(qtbot, Qt.Key.Key_2)
    overlay.back_button.setFocus()
    press(qtbot, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is overlay.allow_button
    press(qtbot, Qt.Key.Key_Return)
    assert overlay.phase is Phase.ALLOW_FORM
    assert QApplication.focusWidget() is overlay.intention_edit

    press(qtbot, Qt.Key.Key_A, "Reply to Sam about 3 pm")  # digits here are words, not answers
    assert overlay.chosen_answer == "It would sting a little"
    # The minutes are one stop on the Tab path, like radio buttons; arrows move between them.
    press(qtbot, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is overlay.minute_buttons[0]
    press(qtbot, Qt.Key.Key_Right)
    assert QApplication.focusWidget() is overlay.minute_buttons[1]
    assert overlay.chosen_minutes == 5
    assert overlay.open_button is not None
    assert overlay.open_button.text() == "Open it for 5 minutes"
    press(qtbot, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is overlay.open_button
    press(qtbot, Qt.Key.Key_Return)

    assert outcomes.seen == [
        Outcome(
            Choice.ALLOW,
            minutes=5,
            intention="Reply to Sam about 3 pm",
            answer="It would sting a little",
        )
    ]
    assert not overlay.isVisible()


def test_the_shortest_stay_is_the_default(qtbot) -> None:
    overlay, outcomes = at_question(qtbot)
    overlay.open_allow_form()
    press(qtbot, Qt.Key.Key_A, "check the event time")
    press(qtbot, Qt.Key.Key_Return)  # Enter in the intention opens it, once it is allowed
    assert outcomes.seen == [Outcome(Choice.ALLOW, minutes=2, intention="check the event time")]


def test_an_intention_of_three_characters_is_required(qtbot) -> None:
    overlay, outcomes = at_question(qtbot)
    overlay.open_allow_form()
    assert overlay.open_button is not None and overlay.intention_edit is not None
    assert not overlay.open_button.isEnabled()
    press(qtbot, Qt.Key.Key_A, "   ab   ")
    assert not overlay.open_button.isEnabled()
    press(qtbot, Qt.Key.Key_Return)
    overlay.choose_allow()
    assert outcomes.seen == []
    assert overlay.phase is Phase.ALLOW_FORM

    press(qtbot, Qt.Key.Key_C, "c")
    assert overlay.open_button.isEnabled()
    overlay.intention_edit.clear()
    assert not overlay.open_button.isEnabled()
    press(qtbot, Qt.Key.Key_A, "abc")
    overlay.open_button.click()
    assert outcomes.seen == [Outcome(Choice.ALLOW, minutes=2, intention="abc")]


def test_a_strict_session_offers_no_way_in_at_all(qtbot) -> None:
    overlay, outcomes = at_question(qtbot, strict=True)
    assert overlay.request.strict
    assert overlay.allow_button is None
    assert overlay.open_button is None
    assert overlay.intention_edit is None
    assert overlay.minute_buttons == []
    assert overlay.findChildren(QLineEdit) == []
    buttons = overlay.findChildren(QPushButton)
    assert set(buttons) == {overlay.back_button, *overlay.answer_buttons}
    assert not any("need" in button.text().lower() for button in buttons)
    overlay.open_allow_form()
    overlay.choose_allow()
    assert overlay.phase is Phase.QUESTION
    press(qtbot, Qt.Key.Key_Tab)
    press(qtbot, Qt.Key.Key_Escape)
    assert outcomes.seen == [Outcome(Choice.BACK)]


# -- the window --------------------------------------------------------------------------------


def test_it_covers_the_screen_on_top_without_a_frame_and_takes_the_keyboard(qtbot) -> None:
    overlay, _ = open_overlay(qtbot, pause_s=30)
    assert overlay.geometry() == GEOMETRY
    flags = overlay.windowFlags()
    assert flags & Qt.WindowType.WindowStaysOnTopHint
    assert flags & Qt.WindowType.FramelessWindowHint
    assert overlay.testAttribute(Qt.WidgetAttribute.WA_TranslucentBackground)
    assert overlay.hasFocus()
    card = overlay.card.geometry()
    assert abs(card.center().x() - GEOMETRY.center().x()) <= 1
    assert abs(card.center().y() - GEOMETRY.center().y()) <= 1


def test_everything_the_keyboard_reaches_has_an_accessible_name(qtbot) -> None:
    overlay, _ = at_question(qtbot)
    overlay.open_allow_form()
    reachable = [
        widget
        for widget in overlay.findChildren(QWidget)
        if widget.focusPolicy() & Qt.FocusPolicy.TabFocus
    ]
    assert len(reachable) >= 1 + len(PROMPT.answers) + 1 + 4 + 1
    for widget in reachable:
        assert widget.accessibleName(), widget
    assert overlay.accessibleName() == "A moment before Instagram"
    assert overlay.circle.accessibleName()


def test_long_prompts_from_the_real_library_fit_the_card(qtbot) -> None:
    longest = max(PromptLibrary.bundled("nl"), key=lambda prompt: len(prompt.text))
    overlay, _ = at_question(qtbot, prompt=longest)
    overlay.open_allow_form()
    QApplication.processEvents()
    assert overlay.card.geometry().top() >= 0
    assert overlay.card.geometry().bottom() <= GEOMETRY.height()
    assert overlay.question_label.height() >= 2 * overlay.question_label.fontMetrics().height()


def test_screen_geometry_for_a_window_on_the_only_screen(qapp) -> None:
    primary = QApplication.primaryScreen().geometry()
    assert screen_geometry_for(QRect(10, 10, 200, 100)) == primary
    assert InterventionOverlay.screen_geometry_for(QRect(-5000, -5000, 10, 10)) == primary


def test_screen_geometry_for_picks_the_screen_holding_the_window_centre(tmp_path: Path) -> None:
    # Two screens need a platform of their own, so this runs in a fresh process.
    config = tmp_path / "screens.json"
    screen = {"y": 0, "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}
    config.write_text(
        json.dumps(
            {
                "screens": [
                    {"name": "left", "x": 0, "width": 1280, "height": 800, **screen},
                    {"name": "right", "x": 1280, "width": 1920, "height": 1080, **screen},
                ]
            }
        )
    )
    script = textwrap.dedent(
        """
        from PySide6.QtCore import QRect
        from PySide6.QtWidgets import QApplication
        from focusapp.ui.intervention import screen_geometry_for

        app = QApplication([])
        assert len(app.screens()) == 2, app.screens()
        for rect in [(100, 100, 400, 300), (1100, 100, 400, 300), (2900, 900, 800, 800),
                     (-900, 100, 400, 300)]:
            g = screen_geometry_for(QRect(*rect))
            print(g.x(), g.y(), g.width(), g.height())
        """
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        env={"QT_QPA_PLATFORM": f"offscreen:configfile={config}", "PATH": "/usr/bin:/bin"},
        cwd=Path(__file__).resolve().parents[2],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split("\n")[:4] == [
        "0 0 1280 800",  # inside the left screen
        "1280 0 1920 1080",  # straddling, but its centre is on the right one
        "1280 0 1920 1080",  # centre off every screen: the one it overlaps most
        "0 0 1280 800",  # overlapping nothing: the primary screen
    ]


def test_the_still_pause_shows_no_circle_and_one_line(qtbot) -> None:
    overlay, _ = open_overlay(qtbot, pause_s=0.6, pause_form=PauseForm.STILL)
    assert overlay.breath_animation is None
    assert not overlay.circle.isVisible()
    assert "Nothing to do" in overlay.breath_label.text()
    qtbot.waitUntil(lambda: overlay.phase is Phase.QUESTION, timeout=3000)


def test_the_slow_breaths_pause_counts_breaths_without_moving(qtbot) -> None:
    overlay, _ = open_overlay(qtbot, pause_s=16.0, pause_form=PauseForm.SLOW_BREATHS)
    assert overlay.breath_animation is None
    assert overlay.circle.isVisible()
    assert overlay.breath_label.text() == "Slow breath 1 of 2: in… and out."
