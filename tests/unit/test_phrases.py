"""Phrases: sentences worded below the UI, English as they are and translatable by the UI."""

from __future__ import annotations

import pytest

from focusapp.core.phrases import WEEKDAYS, Phrase, and_list, count_phrase, or_list, phrase

WAIT = (
    phrase("Test", "Please wait one more second."),
    phrase("Test", "Please wait {count} more seconds."),
)


def test_a_phrase_reads_as_english_with_its_arguments_nested() -> None:
    when = phrase("Test", "{weekday} at {time}")(weekday=WEEKDAYS[0], time="14:00")
    sentence = phrase("Test", "The next one frees up on {when}.")(when=when)
    assert str(sentence) == "The next one frees up on Monday at 14:00."
    assert sentence.context == "Test" and sentence.source == "The next one frees up on {when}."


def test_a_phrase_is_rendered_through_a_translation_of_each_part() -> None:
    dutch = {"{weekday} at {time}": "{weekday} om {time}", "Monday": "maandag"}
    when = phrase("Test", "{weekday} at {time}")(weekday=WEEKDAYS[0], time="14:00")

    def word(p: Phrase) -> str:
        return p.render(dutch.get(p.source, p.source), word)

    assert word(when) == "maandag om 14:00"


@pytest.mark.parametrize("args", [{}, {"time": "1"}, {"weekday": "x", "time": "1", "extra": 2}])
def test_a_phrase_takes_exactly_its_placeholders(args: dict[str, str]) -> None:
    with pytest.raises(ValueError, match="takes"):
        phrase("Test", "{weekday} at {time}")(**args)


def test_counts_choose_one_or_many_and_fill_the_count() -> None:
    assert str(count_phrase(1, *WAIT)) == "Please wait one more second."
    assert str(count_phrase(12, *WAIT)) == "Please wait 12 more seconds."


def test_lists_are_worded_with_a_translatable_and_or() -> None:
    assert str(and_list(["a"])) == "a"
    assert str(and_list(["a", "b"])) == "a and b"
    assert str(and_list([WEEKDAYS[5], WEEKDAYS[6], "x"])) == "Saturday, Sunday and x"
    assert str(or_list(['"en"', '"nl"', '"system"'])) == '"en", "nl" or "system"'
    assert and_list([]) == ""
