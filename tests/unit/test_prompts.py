"""The prompt library: what ships in both languages, how broken files are reported, picking."""

from __future__ import annotations

import random
import tomllib
from importlib import resources

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from focusapp.core.prompts import (
    ANSWER_MAX_CHARS,
    FORMAT,
    HOUR_FIT_WEIGHT,
    HOUR_MISFIT_WEIGHT,
    HOUR_UNKNOWN_WEIGHT,
    NO_REPEAT_WITHIN,
    SAME_AS_LAST_WEIGHT,
    TRIGGER_FIT_WEIGHT,
    Category,
    Hours,
    PromptLibrary,
    PromptLibraryError,
    Trigger,
)

LANGUAGES = ("en", "nl")


def entry(
    prompt_id: str,
    category: str = "loop",
    text: str = "Did you decide to open this?",
    answers: tuple[str, ...] = ("My hand did", "I decided"),
    triggers: tuple[str, ...] | None = None,
    extra: str = "",
) -> str:
    lines = [
        "[[prompts]]",
        f'id = "{prompt_id}"',
        f'category = "{category}"',
        f'text = "{text}"',
        "answers = [" + ", ".join(f'"{answer}"' for answer in answers) + "]",
    ]
    if triggers is not None:
        lines.append("triggers = [" + ", ".join(f'"{t}"' for t in triggers) + "]")
    if extra:
        lines.append(extra)
    return "\n".join(lines) + "\n"


def library_text(*entries: str, header: str = 'format = 2\nlanguage = "en"\n') -> str:
    return header + "\n" + "\n".join(entries)


def problems_of(text: str, language: str = "en") -> tuple[str, ...]:
    with pytest.raises(PromptLibraryError) as caught:
        PromptLibrary.from_toml_text(text, language)
    return caught.value.problems


def numbered_library(count: int, triggers_for: dict[int, tuple[str, ...]] | None = None):
    triggers_for = triggers_for or {}
    return PromptLibrary.from_toml_text(
        library_text(*(entry(f"loop-{n:03d}", triggers=triggers_for.get(n)) for n in range(count))),
        "en",
    )


# -- what ships ------------------------------------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_category_has_at_least_eleven_prompts(language: str) -> None:
    library = PromptLibrary.bundled(language)
    assert library.language == language
    assert len(library) >= 88
    for category in Category:
        assert len(library.in_category(category)) >= 11, category


@pytest.mark.parametrize("language", LANGUAGES)
def test_shipped_prompts_are_all_different_and_of_sane_length(language: str) -> None:
    library = PromptLibrary.bundled(language)
    texts = [prompt.text for prompt in library]
    assert len(set(texts)) == len(texts)
    for prompt in library:
        # One or two sentences: at most one sentence end before the closing question mark.
        assert sum(prompt.text[:-1].count(mark) for mark in ".?!") <= 1, prompt.id
        assert len(prompt.text) <= 110, prompt.id
        assert all(len(answer) <= 45 for answer in prompt.answers), prompt.id


def test_the_dutch_prompts_say_je_never_u() -> None:
    for prompt in PromptLibrary.bundled("nl"):
        words = {word.strip(",.?!'").lower() for word in prompt.text.split()}
        assert not words & {"u", "uw"}, prompt.id


@pytest.mark.parametrize("hours", list(Hours))
def test_every_time_of_day_has_prompts_made_for_it(hours: Hours) -> None:
    tagged = [prompt for prompt in PromptLibrary.bundled("en") if hours in prompt.hours]
    assert tagged, hours
    if hours is Hours.LATE:
        assert {prompt.category for prompt in tagged} >= {Category.MOOD, Category.LOOP}


def test_both_languages_have_the_same_prompts_in_the_same_shape() -> None:
    english, dutch = PromptLibrary.bundled("en"), PromptLibrary.bundled("nl")
    assert english.ids == dutch.ids
    for prompt in english:
        translated = dutch.get(prompt.id)
        assert translated.category == prompt.category
        assert translated.triggers == prompt.triggers
        assert translated.hours == prompt.hours
        assert len(translated.answers) == len(prompt.answers)
        assert translated.text != prompt.text, f"{prompt.id} is not translated"
        assert translated.language == "nl"


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_trigger_has_prompts_made_for_it(language: str) -> None:
    library = PromptLibrary.bundled(language)
    for trigger in Trigger:
        fitting = [prompt for prompt in library if prompt.fits(trigger)]
        assert len(fitting) >= 3, trigger


@pytest.mark.parametrize("language", LANGUAGES)
def test_shipped_ids_name_their_category_and_are_numbered(language: str) -> None:
    for prompt in PromptLibrary.bundled(language):
        prefix, _, number = prompt.id.rpartition("-")
        assert prefix == prompt.category.value
        assert len(number) == 3 and number.isdigit()


def test_the_files_ship_inside_the_package() -> None:
    folder = resources.files("focusapp").joinpath("resources", "prompts")
    for language in LANGUAGES:
        document = tomllib.loads(folder.joinpath(f"prompts.{language}.toml").read_text("utf-8"))
        assert document["language"] == language


def test_an_unknown_language_falls_back_to_english() -> None:
    library = PromptLibrary.bundled("xx")
    assert library.language == "en"
    assert library.ids == PromptLibrary.bundled("en").ids


# -- a broken file says everything that is wrong -----------------------------------------------


def test_a_valid_file_loads_with_normalised_text() -> None:
    library = PromptLibrary.from_toml_text(
        library_text(
            entry(
                "mood-001",
                category="mood",
                text="What do you need   right now?",
                answers=("Rest", "Company", "Air", "Quiet"),
                triggers=("feed", "limit_reached"),
            )
        ),
        "en",
    )
    prompt = library.get("mood-001")
    assert prompt.category is Category.MOOD
    assert prompt.text == "What do you need right now?"
    assert prompt.answers == ("Rest", "Company", "Air", "Quiet")
    assert prompt.triggers == frozenset({Trigger.FEED, Trigger.LIMIT_REACHED})
    assert prompt.fits("feed") and not prompt.fits("just_posted")


def test_duplicate_ids_are_refused() -> None:
    problems = problems_of(library_text(entry("loop-001"), entry("loop-001")))
    assert problems == ("loop-001: the id is used more than once",)


def test_unknown_category_is_refused() -> None:
    (problem,) = problems_of(library_text(entry("vanity-001", category="vanity")))
    assert problem.startswith("vanity-001: category 'vanity' is not one of")
    assert "after-posting" in problem


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Why now?", "text is 8 characters; 10 to 200 expected"),
        ("Why " + "really " * 30 + "now?", "text is 218 characters; 10 to 200 expected"),
        ("Open it mindfully.", "text must be a question (end with '?')"),
    ],
)
def test_text_must_be_a_question_of_sensible_length(text: str, expected: str) -> None:
    assert problems_of(library_text(entry("loop-001", text=text))) == (f"loop-001: {expected}",)


def test_text_at_the_length_bounds_is_fine() -> None:
    shortest = "Why now, ?"
    longest = "W" * 199 + "?"
    library = PromptLibrary.from_toml_text(
        library_text(entry("loop-001", text=shortest), entry("loop-002", text=longest)), "en"
    )
    assert len(library) == 2


@pytest.mark.parametrize(
    ("answers", "expected"),
    [
        (("Only one",), "1 answers; 2 to 4 expected"),
        (("a", "b", "c", "d", "e"), "5 answers; 2 to 4 expected"),
        (("Fine", "x" * (ANSWER_MAX_CHARS + 1)), "is 61 characters; at most 60"),
        (("Fine", "  "), "an answer is empty"),
        (("Same", "Same"), "the same answer is listed twice"),
    ],
)
def test_answers_are_two_to_four_short_ones(answers: tuple[str, ...], expected: str) -> None:
    (problem,) = problems_of(library_text(entry("loop-001", answers=answers)))
    assert problem.startswith("loop-001: ") and problem.endswith(expected)


def test_a_typo_in_a_key_or_a_trigger_is_reported_not_ignored() -> None:
    problems = problems_of(
        library_text(
            entry("loop-001", extra='trigers = ["feed"]'),
            entry("loop-002", triggers=("feed", "doomscroll")),
        )
    )
    assert problems[0] == "loop-001: unknown key 'trigers'"
    assert problems[1].startswith("loop-002: unknown trigger(s) ['doomscroll']")


def test_every_problem_is_listed_at_once_with_the_file_name() -> None:
    text = library_text(
        entry("loop-001", category="nope"),
        entry("Loop 2", answers=("one",)),
        header='format = 3\nlanguage = "nl"\ncolour = "red"\n',
    )
    with pytest.raises(PromptLibraryError) as caught:
        PromptLibrary.from_toml_text(text, "en", source="prompts.en.toml")
    problems = caught.value.problems
    assert len(problems) == 6
    assert problems[:3] == (
        "unknown top-level key 'colour'",
        "format must be one of 1, 2, found 3",
        "the file says language 'nl', but was loaded as 'en'",
    )
    assert problems[3].startswith("loop-001: category 'nope'")
    assert problems[4].startswith("Loop 2: id must be lowercase words")
    assert problems[5] == "Loop 2: 1 answers; 2 to 4 expected"
    assert str(caught.value).startswith("prompts.en.toml: 6 problem(s)")


def test_broken_toml_and_empty_libraries_are_refused() -> None:
    (problem,) = problems_of('format = 2\n[[prompts]\nid = "x"')
    assert problem.startswith("not valid TOML")
    assert problems_of("format = 2\n") == ("no [[prompts]] entries",)


def test_a_problem_is_a_value_error_for_callers_that_do_not_know_the_type() -> None:
    with pytest.raises(ValueError, match="no \\[\\[prompts\\]\\] entries"):
        PromptLibrary.from_toml_text("format = 2\n", "en")


def test_hours_are_read_and_checked() -> None:
    library = PromptLibrary.from_toml_text(
        library_text(entry("mood-001", category="mood", extra='hours = ["late", "evening"]')), "en"
    )
    assert library.get("mood-001").hours == frozenset({Hours.LATE, Hours.EVENING})
    (problem,) = problems_of(library_text(entry("mood-001", extra='hours = ["midnight"]')))
    assert problem.startswith("mood-001: unknown hours ['midnight']")
    (problem,) = problems_of(library_text(entry("mood-001", extra='hours = "late"')))
    assert problem == "mood-001: hours must be a list of strings"


def test_a_format_1_file_still_loads_but_knows_no_hours() -> None:
    old_header = 'format = 1\nlanguage = "en"\n'
    library = PromptLibrary.from_toml_text(library_text(entry("loop-001"), header=old_header), "en")
    assert library.get("loop-001").hours == frozenset()
    problems = problems_of(
        library_text(entry("loop-001", extra='hours = ["late"]'), header=old_header)
    )
    assert problems == ("loop-001: unknown key 'hours'",)
    assert FORMAT == 2


@pytest.mark.parametrize(
    ("hours", "inside", "outside"),
    [
        (Hours.LATE, (22, 23, 0, 4), (5, 12, 21)),
        (Hours.MORNING, (5, 10), (4, 11)),
        (Hours.DAY, (11, 16), (10, 17)),
        (Hours.EVENING, (17, 21), (16, 22)),
    ],
)
def test_times_of_day_cover_their_hours(
    hours: Hours, inside: tuple[int, ...], outside: tuple[int, ...]
) -> None:
    assert all(hours.contains(hour) for hour in inside)
    assert not any(hours.contains(hour) for hour in outside)


def test_every_hour_belongs_to_exactly_one_time_of_day() -> None:
    for hour in range(24):
        assert sum(span.contains(hour) for span in Hours) == 1, hour


# -- picking --------------------------------------------------------------------------------


def weights_of(library: PromptLibrary, trigger: str, recent: list[str], **context):
    return {p.id: w for p, w in library.weighted(trigger, recent, **context)}


def test_prompts_made_for_the_trigger_weigh_more_but_do_not_shut_others_out() -> None:
    library = numbered_library(30, {7: ("just_posted",), 12: ("just_posted", "feed")})
    weights = weights_of(library, "just_posted", [])
    assert weights["loop-007"] == weights["loop-012"] == TRIGGER_FIT_WEIGHT
    assert weights["loop-000"] == 1.0
    rng = random.Random(1)
    picked = [library.pick("just_posted", [], rng).id for _ in range(2000)]
    fitting = sum(prompt_id in {"loop-007", "loop-012"} for prompt_id in picked)
    # 12 of 40 weight units: about 30%, against 2 in 30 (7%) if the trigger did not count.
    assert 0.25 < fitting / len(picked) < 0.36
    assert len(set(picked)) == 30


def test_the_hour_favours_prompts_of_that_time_and_all_but_excludes_others() -> None:
    library = PromptLibrary.from_toml_text(
        library_text(
            entry("mood-001", category="mood", extra='hours = ["late"]'),
            entry("mood-002", category="mood", extra='hours = ["morning", "day"]'),
            entry("mood-003", category="mood"),
        ),
        "en",
    )
    assert weights_of(library, "feed", [], hour=23) == {
        "mood-001": HOUR_FIT_WEIGHT,
        "mood-002": HOUR_MISFIT_WEIGHT,
        "mood-003": 1.0,
    }
    assert weights_of(library, "feed", [], hour=13)["mood-002"] == HOUR_FIT_WEIGHT
    assert weights_of(library, "feed", [])["mood-001"] == HOUR_UNKNOWN_WEIGHT


def test_late_at_night_the_late_prompts_come_up_and_in_the_morning_they_hardly_do() -> None:
    library = PromptLibrary.bundled("en")
    late = {prompt.id for prompt in library if Hours.LATE in prompt.hours}

    def share_of_late(hour: int) -> float:
        rng = random.Random(5)
        picks = [library.pick("feed", [], rng, hour=hour).id for _ in range(3000)]
        return sum(prompt_id in late for prompt_id in picks) / len(picks)

    at_night, in_the_morning = share_of_late(23), share_of_late(9)
    assert at_night > 0.15
    assert in_the_morning < 0.01
    assert at_night > 2 * len(late) / len(library)


def test_what_the_user_answered_before_favours_that_kind_of_question() -> None:
    library = PromptLibrary.from_toml_text(
        library_text(
            entry("loop-001"),
            entry("mood-001", category="mood"),
            entry("fomo-001", category="fomo"),
        ),
        "en",
    )
    weights = weights_of(library, "feed", [], answered={"loop": 3, "mood": 1})
    assert weights == {"loop-001": 1.75, "mood-001": 1.25, "fomo-001": 1.0}
    assert weights_of(library, "feed", [], answered={}) == dict.fromkeys(weights, 1.0)
    assert weights_of(library, "feed", [], answered={"nonsense": 4})["loop-001"] == 1.0

    rng = random.Random(11)
    picks = [library.pick("feed", [], rng, answered={"loop": 9, "mood": 1}).id for _ in range(2000)]
    assert picks.count("loop-001") > picks.count("mood-001") > picks.count("fomo-001")


def test_the_same_kind_of_question_twice_in_a_row_weighs_less() -> None:
    library = PromptLibrary.from_toml_text(
        library_text(entry("loop-001"), entry("loop-002"), entry("mood-001", category="mood")),
        "en",
    )
    assert weights_of(library, "feed", ["loop-001"]) == {
        "loop-002": SAME_AS_LAST_WEIGHT,
        "mood-001": 1.0,
    }


def test_answer_counts_count_only_answers_the_prompt_offers() -> None:
    library = PromptLibrary.bundled("en")
    loop, mood = library.get("loop-001"), library.get("mood-003")
    counts = library.answer_counts(
        [
            ("loop-001", loop.answers[0]),
            ("loop-001", loop.answers[1]),
            ("mood-003", mood.answers[2]),
            ("mood-003", "my own free note"),
            ("gone-404", "My hand did"),
        ]
    )
    assert counts == {"loop": 2, "mood": 1}


def test_pick_is_deterministic_given_the_rng_and_keeps_its_old_signature() -> None:
    library = PromptLibrary.bundled("nl")
    history = list(library.ids[:20])

    def run(seed: int) -> list[str]:
        rng = random.Random(seed)
        return [
            library.pick("feed", history, rng).id,
            library.pick("just_posted", history, rng, hour=2, answered={"loop": 2}).id,
        ]

    assert run(42) == run(42)
    assert len({tuple(run(seed)) for seed in range(20)}) > 1


def test_freshness_beats_the_trigger_preference() -> None:
    library = numbered_library(30, {7: ("just_posted",)})
    prompt = library.pick("just_posted", ["loop-007"], random.Random(3))
    assert prompt.id != "loop-007"


def test_an_unknown_trigger_fits_nothing_so_any_fresh_prompt_will_do() -> None:
    library = numbered_library(25, {3: ("feed",)})
    recent = [f"loop-{n:03d}" for n in range(20)]
    candidates = library.candidates("scrolling", recent)
    assert {prompt.id for prompt in candidates} == {f"loop-{n:03d}" for n in range(20, 25)}


def test_a_small_library_brings_back_the_prompt_shown_longest_ago() -> None:
    library = numbered_library(4)
    recent = ["loop-002", "loop-000", "loop-003", "loop-001", "loop-002", "loop-000"]
    assert library.candidates("feed", recent) == (library.get("loop-003"),)


def test_ids_no_longer_in_the_library_do_not_block_anything() -> None:
    library = numbered_library(3)
    recent = ["gone-001", "loop-000", "loop-001", "gone-002"]
    assert library.candidates("feed", recent) == (library.get("loop-002"),)


@settings(max_examples=60, deadline=None)
@given(
    size=st.integers(min_value=1, max_value=45),
    triggers=st.lists(st.sampled_from([t.value for t in Trigger] + ["other"]), max_size=80),
    seed=st.integers(min_value=0, max_value=2**32 - 1),
    tagged=st.sets(st.integers(min_value=0, max_value=44), max_size=10),
)
def test_pick_never_repeats_within_twenty_when_there_is_a_choice(
    size: int, triggers: list[str], seed: int, tagged: set[int]
) -> None:
    library = numbered_library(size, {n: ("feed", "just_posted") for n in tagged if n < size})
    rng = random.Random(seed)
    shown: list[str] = []
    for trigger in triggers:
        prompt = library.pick(trigger, shown, rng)
        window = shown[-NO_REPEAT_WITHIN:]
        if size > NO_REPEAT_WITHIN:
            assert prompt.id not in window
        elif shown and size > 1:
            # Too few prompts to stay out of the window: never the last one, and the oldest one.
            assert prompt.id != shown[-1]
            unseen = [p for p in library.ids if p not in window]
            if unseen:
                assert prompt.id in unseen
        shown.append(prompt.id)


@settings(max_examples=60, deadline=None)
@given(
    recent=st.lists(st.sampled_from([f"loop-{n:03d}" for n in range(30)] + ["gone-001"])),
    seed=st.integers(min_value=0, max_value=2**32 - 1),
)
def test_pick_avoids_the_last_twenty_of_any_history(recent: list[str], seed: int) -> None:
    library = numbered_library(30)
    prompt = library.pick("feed", recent, random.Random(seed))
    assert prompt.id not in recent[-NO_REPEAT_WITHIN:]


@settings(max_examples=80, deadline=None)
@given(
    steps=st.lists(
        st.tuples(
            st.sampled_from([t.value for t in Trigger]),
            st.none() | st.integers(min_value=0, max_value=23),
            st.dictionaries(st.sampled_from([c.value for c in Category]), st.integers(0, 9)),
        ),
        min_size=1,
        max_size=60,
    ),
    language=st.sampled_from(LANGUAGES),
    seed=st.integers(min_value=0, max_value=2**32 - 1),
)
def test_the_shipped_library_never_repeats_within_twenty_whatever_the_moment(
    steps: list[tuple[str, int | None, dict[str, int]]], language: str, seed: int
) -> None:
    library = PromptLibrary.bundled(language)
    rng = random.Random(seed)
    shown: list[str] = []
    for trigger, hour, answered in steps:
        prompt = library.pick(trigger, shown, rng, hour=hour, answered=answered)
        assert prompt.id not in shown[-NO_REPEAT_WITHIN:]
        shown.append(prompt.id)
