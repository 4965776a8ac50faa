"""The config file: forgiving loads with problems by line, and saves that keep the user's text."""

from __future__ import annotations

import dataclasses
import os
import stat
import string
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given
from hypothesis import settings as hyp_settings
from hypothesis import strategies as st

from focusapp.core.settings import (
    WEEKDAYS,
    GeneralSettings,
    JournalSettings,
    Limit,
    MetricsSettings,
    Profile,
    ScheduleRule,
    SessionSettings,
    Settings,
    StrictSettings,
)
from focusapp.store.config import ConfigBroken, ConfigProblem, ConfigStore, KeyLines, LoadResult

DESIGN_EXAMPLE = """\
[session]
focus_minutes = 25
break_minutes = 5

[[profiles]]
name = "Deep work"
block_apps = ["discord", "telegram-desktop"]   # executable name or X11 WM_CLASS, case-insensitive
block_sites = ["tiktok.com", "instagram.com", "x.com"]

[[limits]]
name = "Social"
apps = ["discord"]
sites = ["tiktok.com", "instagram.com", "youtube.com"]
daily_minutes = 30

[metrics]
hide = "always"          # "always", "focus" (only during sessions) or "never"
"""

HAND_WRITTEN = """\
# My focus setup. Tuned after a rough week.

[session]
# long stretches work best for me
focus_minutes = 50   # was 25
break_minutes = 10

[[profiles]]
name = "Deep work"
block_apps = ["discord"]   # chat is the worst
block_sites = ["x.com"]

# for evenings
[[profiles]]
name = "Reading"
block_sites = [
    "youtube.com",  # rabbit hole
    "reddit.com",
]

[[schedules]]
name = "Mornings"
days = ["mon", "tue", "wed", "thu", "fri"]
start = "08:30"
end = "12:00"
profile = "Deep work"

[[schedules]]
name = "Late"
days = ["sat"]
start = "22:00"
end = "07:00"

[metrics]
hide = "focus"   # I like seeing numbers on weekends
"""


@pytest.fixture
def paths(tmp_path: Path) -> tuple[Path, Path]:
    return tmp_path / "config" / "config.toml", tmp_path / "state" / "config.last-good.toml"


@pytest.fixture
def store(paths: tuple[Path, Path]) -> ConfigStore:
    return ConfigStore(*paths)


def write(store: ConfigStore, text: str) -> None:
    store.path.parent.mkdir(parents=True, exist_ok=True)
    store.path.write_text(text, encoding="utf-8")


def test_missing_file_gives_defaults_and_creates_nothing(store: ConfigStore) -> None:
    result = store.load()
    assert result.settings == Settings.defaults()
    assert result.problems == ()
    assert result.source == "defaults"
    assert not store.path.exists()
    assert not store.path.parent.exists()


def test_design_example_loads_exactly(store: ConfigStore) -> None:
    write(store, DESIGN_EXAMPLE)
    result = store.load()
    assert result.problems == ()
    assert result.source == "file"
    assert result.settings == Settings(
        profiles=(
            Profile(
                "Deep work",
                ("discord", "telegram-desktop"),
                ("tiktok.com", "instagram.com", "x.com"),
            ),
        ),
        limits=(Limit("Social", 30, ("discord",), ("tiktok.com", "instagram.com", "youtube.com")),),
        metrics=MetricsSettings("always"),
    )


def test_a_clean_load_remembers_the_file_as_last_good(store: ConfigStore) -> None:
    write(store, DESIGN_EXAMPLE)
    store.load()
    assert store.last_good_path.read_text(encoding="utf-8") == DESIGN_EXAMPLE


def test_syntax_error_reports_line_keeps_last_good_and_leaves_the_file_alone(
    store: ConfigStore,
) -> None:
    write(store, DESIGN_EXAMPLE)
    good = store.load().settings
    broken = DESIGN_EXAMPLE.replace("break_minutes = 5", "break_minutes 5")
    write(store, broken)
    before = store.path.read_bytes()
    result = store.load()
    assert result.source == "last-good"
    assert result.settings == good
    (problem,) = result.problems
    assert problem.line == 3
    assert problem.key is None
    assert str(problem).startswith("config.toml, line 3: not valid TOML at column ")
    assert "using your last good settings" in str(problem)
    assert store.path.read_bytes() == before
    assert store.last_good_path.read_text(encoding="utf-8") == DESIGN_EXAMPLE


def test_syntax_error_without_a_last_good_copy_uses_defaults(store: ConfigStore) -> None:
    write(store, "[session\nfocus_minutes = 40\n")
    result = store.load()
    assert result.source == "defaults"
    assert result.settings == Settings.defaults()
    assert result.problems[0].line == 1
    assert not store.last_good_path.exists()


def test_bad_value_reports_its_line_and_the_rest_still_applies(store: ConfigStore) -> None:
    text = HAND_WRITTEN.replace("break_minutes = 10", "break_minutes = 0")
    write(store, text)
    result = store.load()
    assert result.source == "file"
    assert [str(p) for p in result.problems] == [
        "config.toml, line 6: session.break_minutes must be a whole number between 1 and 120,"
        " got 0 (using 5)"
    ]
    assert result.settings.session.focus_minutes == 50
    assert result.settings.session.break_minutes == 5
    assert result.settings.metrics.hide == "focus"
    assert store.path.read_text(encoding="utf-8") == text
    assert not store.last_good_path.exists()


def test_bad_value_inside_the_second_profile_points_at_its_line(store: ConfigStore) -> None:
    text = HAND_WRITTEN.replace('"reddit.com",', "42,")
    write(store, text)
    result = store.load()
    (problem,) = result.problems
    assert problem.key == "profiles[1].block_sites"
    assert problem.line == 16
    assert text.splitlines()[problem.line - 1] == "block_sites = ["
    assert [p.name for p in result.settings.profiles] == ["Deep work", "Reading"]
    assert result.settings.profiles[1].block_sites == ()
    assert result.settings.profiles[0].block_sites == ("x.com",)


def test_bad_value_falls_back_to_the_last_good_file(store: ConfigStore) -> None:
    write(store, HAND_WRITTEN)
    store.load()
    write(store, HAND_WRITTEN.replace("focus_minutes = 50", "focus_minutes = 9000"))
    result = store.load()
    assert result.settings.session.focus_minutes == 50
    assert result.problems[0].message.endswith("got 9000 (using 50)")


def test_unknown_key_is_a_problem_with_its_line_not_fatal(store: ConfigStore) -> None:
    write(store, HAND_WRITTEN.replace("break_minutes = 10", "break_minutes = 10\nbreak_mins = 3"))
    result = store.load()
    (problem,) = result.problems
    assert (problem.line, problem.key) == (7, "session.break_mins")
    assert "unknown option, ignored" in problem.message
    assert result.settings.session.break_minutes == 10


def test_bool_is_not_accepted_as_a_number(store: ConfigStore) -> None:
    write(store, "[strict]\nemergency_exits_per_week = true\n")
    result = store.load()
    (problem,) = result.problems
    assert problem.line == 2
    assert problem.message == "must be a whole number between 0 and 14, got true (using 2)"
    assert result.settings.strict == StrictSettings()


def test_problem_reads_plainly() -> None:
    problem = ConfigProblem(
        Path("/x/config.toml"), 3, "session.focus_minutes", "must be 1 (using 25)"
    )
    assert str(problem) == "config.toml, line 3: session.focus_minutes must be 1 (using 25)"
    assert str(ConfigProblem(Path("c.toml"), None, None, "is gone")) == "c.toml: is gone"


def test_key_lines_follow_arrays_of_tables_sub_tables_and_inline_values() -> None:
    text = (
        "a = 1\n"
        '[[p]]\nname = "x"\n'
        "[[p]]\n"
        '\'quoted key\' = """multi\n[[p]]\nline"""\n'
        "list = [\n  1,\n  { deep = 2 },\n]\n"
        "[p.sub]\nk = 3 # c\n"
        "[t]\ninline = { x = 1, y.z = 2 }\n"
    )
    lines = KeyLines(text)
    assert lines.line_of(("a",)) == 1
    assert lines.line_of(("p", 0, "name")) == 3
    assert lines.line_of(("p", 1)) == 4
    assert lines.line_of(("p", 1, "quoted key")) == 5
    assert lines.line_of(("p", 1, "list", 1, "deep")) == 10
    assert lines.line_of(("p", 1, "sub", "k")) == 13
    assert lines.line_of(("p", 1, "missing")) == 4
    assert lines.line_of(("t", "inline", "y", "z")) == 15
    assert lines.line_of(("nowhere",)) is None


# --- saving ---------------------------------------------------------------------------------


def edit(settings: Settings, **session: Any) -> Settings:
    return dataclasses.replace(settings, session=dataclasses.replace(settings.session, **session))


def test_save_changes_only_the_changed_value_byte_for_byte(store: ConfigStore) -> None:
    write(store, HAND_WRITTEN)
    settings = store.load().settings
    store.save(edit(settings, focus_minutes=45))
    assert store.path.read_text(encoding="utf-8") == HAND_WRITTEN.replace(
        "focus_minutes = 50   # was 25", "focus_minutes = 45   # was 25"
    )


def test_saving_unchanged_settings_leaves_the_file_identical(store: ConfigStore) -> None:
    text = HAND_WRITTEN.replace("\n", "\r\n")
    store.path.parent.mkdir(parents=True)
    store.path.write_bytes(text.encode())
    store.save(store.load().settings)
    assert store.path.read_bytes() == text.encode()


def test_save_adds_a_new_option_to_its_table(store: ConfigStore) -> None:
    write(store, HAND_WRITTEN)
    store.save(edit(store.load().settings, cycles=6))
    text = store.path.read_text(encoding="utf-8")
    assert "break_minutes = 10\ncycles = 6  # focus periods in one session\n\n[[profiles]]" in text
    assert store.load().settings.session.cycles == 6


def test_save_of_a_removed_profile_removes_that_table_only(store: ConfigStore) -> None:
    write(store, HAND_WRITTEN)
    settings = store.load().settings
    store.save(dataclasses.replace(settings, profiles=settings.profiles[:1]))
    removed = '# for evenings\n[[profiles]]\nname = "Reading"\nblock_sites = [\n'
    removed += '    "youtube.com",  # rabbit hole\n    "reddit.com",\n]\n\n'
    assert store.path.read_text(encoding="utf-8") == HAND_WRITTEN.replace(removed, "")


def test_save_of_a_removed_schedule_removes_that_table_only(store: ConfigStore) -> None:
    write(store, HAND_WRITTEN)
    settings = store.load().settings
    store.save(dataclasses.replace(settings, schedules=settings.schedules[1:]))
    removed = (
        '[[schedules]]\nname = "Mornings"\ndays = ["mon", "tue", "wed", "thu", "fri"]\n'
        'start = "08:30"\nend = "12:00"\nprofile = "Deep work"\n\n'
    )
    assert store.path.read_text(encoding="utf-8") == HAND_WRITTEN.replace(removed, "")


def test_removing_every_schedule_removes_the_array(store: ConfigStore) -> None:
    write(store, HAND_WRITTEN)
    store.save(dataclasses.replace(store.load().settings, schedules=()))
    text = store.path.read_text(encoding="utf-8")
    assert "schedules" not in text
    assert '[metrics]\nhide = "focus"   # I like seeing numbers on weekends\n' in text


def test_save_appends_a_new_profile_after_the_others(store: ConfigStore) -> None:
    write(store, HAND_WRITTEN)
    settings = store.load().settings
    added = Profile("Writing", ("slack",), ())
    store.save(dataclasses.replace(settings, profiles=(*settings.profiles, added)))
    text = store.path.read_text(encoding="utf-8")
    assert (
        '    "reddit.com",\n]\n\n[[profiles]]\nname = "Writing"\nblock_apps = ["slack"]\n\n' in text
    )
    assert HAND_WRITTEN.split("[[schedules]]")[0] in text
    assert store.load().settings.profiles[-1] == added


def test_renaming_a_profile_keeps_its_comments(store: ConfigStore) -> None:
    write(store, HAND_WRITTEN)
    settings = store.load().settings
    renamed = dataclasses.replace(settings.profiles[1], name="Evenings")
    store.save(dataclasses.replace(settings, profiles=(settings.profiles[0], renamed)))
    text = store.path.read_text(encoding="utf-8")
    assert text == HAND_WRITTEN.replace('name = "Reading"', 'name = "Evenings"')


def test_reordered_profiles_take_their_comments_along(store: ConfigStore) -> None:
    write(store, HAND_WRITTEN)
    settings = store.load().settings
    swapped = dataclasses.replace(settings, profiles=settings.profiles[::-1])
    store.save(swapped)
    text = store.path.read_text(encoding="utf-8")
    assert text.index('# for evenings\n[[profiles]]\nname = "Reading"') < text.index("Deep work")
    assert store.load().settings == swapped


def test_save_refuses_a_broken_file_and_writes_nothing(store: ConfigStore) -> None:
    broken = HAND_WRITTEN.replace("break_minutes = 10", "break_minutes = = 10")
    write(store, broken)
    with pytest.raises(ConfigBroken) as caught:
        store.save(Settings.defaults())
    assert caught.value.problem.line == 6
    assert str(caught.value).startswith("config.toml, line 6:")
    assert store.path.read_text(encoding="utf-8") == broken
    assert [p.name for p in store.path.parent.iterdir()] == ["config.toml"]


def test_save_refuses_invalid_settings(store: ConfigStore) -> None:
    with pytest.raises(ValueError, match=r"session\.cycles"):
        store.save(edit(Settings.defaults(), cycles=0))
    assert not store.path.exists()


def test_fresh_file_has_a_header_and_only_what_differs(store: ConfigStore) -> None:
    settings = edit(Settings.defaults(), focus_minutes=40)
    store.save(settings)
    text = store.path.read_text(encoding="utf-8")
    assert text.startswith("# Focusapp settings.")
    assert "focus_minutes = 40" in text
    assert "break_minutes" not in text
    assert "[metrics]" not in text
    assert store.load() == LoadResult(settings, (), "file")
    if os.name == "posix":
        assert stat.S_IMODE(store.path.stat().st_mode) == 0o600


def test_save_keeps_the_file_mode(store: ConfigStore) -> None:
    write(store, HAND_WRITTEN)
    store.path.chmod(0o640)
    store.save(edit(store.load().settings, focus_minutes=30))
    assert stat.S_IMODE(store.path.stat().st_mode) == 0o640


def test_save_replaces_a_bad_value_and_keeps_its_comment(store: ConfigStore) -> None:
    write(store, HAND_WRITTEN.replace("focus_minutes = 50", "focus_minutes = true"))
    settings = store.load().settings
    store.save(edit(settings, focus_minutes=35))
    assert "focus_minutes = 35   # was 25\n" in store.path.read_text(encoding="utf-8")
    assert store.load().problems == ()


def test_save_writes_weekday_overrides_as_a_sub_table(store: ConfigStore) -> None:
    write(store, DESIGN_EXAMPLE)
    settings = store.load().settings
    limit = dataclasses.replace(settings.limits[0], weekdays={"sat": 60, "sun": 90})
    store.save(dataclasses.replace(settings, limits=(limit,)))
    text = store.path.read_text(encoding="utf-8")
    assert "[limits.weekdays]\nsat = 60\nsun = 90\n" in text
    assert store.load().settings.limits == (limit,)
    store.save(dataclasses.replace(settings, limits=(settings.limits[0],)))
    assert "weekdays" not in store.path.read_text(encoding="utf-8")


def test_save_creates_missing_folders(tmp_path: Path) -> None:
    store = ConfigStore(tmp_path / "a" / "b" / "config.toml", tmp_path / "s" / "lg.toml")
    store.save(Settings(profiles=(Profile("x"),)))
    assert store.load().settings.profiles == (Profile("x"),)


# --- round trip -----------------------------------------------------------------------------

_TEXT = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc")) | st.sampled_from('"\\\t#[]='),
    min_size=1,
    max_size=12,
).filter(lambda s: s.strip() == s and bool(s))
_SHORT = st.text(alphabet=string.ascii_lowercase + ".-_", min_size=1, max_size=10)
_TIME = st.builds(lambda h, m: f"{h:02d}:{m:02d}", st.integers(0, 23), st.integers(0, 59))


def _names(draw: st.DrawFn, n: int) -> list[str]:
    return draw(st.lists(_TEXT, min_size=n, max_size=n, unique_by=str.casefold))


def _in_week_order(minutes: dict[str, int]) -> dict[str, int]:
    return {d: minutes[d] for d in WEEKDAYS if d in minutes}


def _week_ordered(days: set[str]) -> tuple[str, ...]:
    # Drawn once: a draw inside the comprehension's condition would draw anew for every day.
    return tuple(d for d in WEEKDAYS if d in days)


@st.composite
def settings_strategy(draw: st.DrawFn) -> Settings:
    session = SessionSettings(
        draw(st.integers(1, 600)),
        draw(st.integers(1, 120)),
        draw(st.integers(1, 240)),
        draw(st.integers(1, 12)),
        draw(st.integers(1, 24)),
        draw(st.booleans()),
    )
    strict = StrictSettings(draw(st.integers(0, 14)), draw(st.integers(5, 600)))
    text_lists = st.lists(_TEXT, max_size=3).map(tuple)
    profiles = tuple(
        Profile(name, draw(text_lists), draw(text_lists))
        for name in _names(draw, draw(st.integers(0, 3)))
    )
    limits = tuple(
        Limit(
            name,
            draw(st.integers(0, 1440)),
            draw(st.lists(_SHORT, max_size=2).map(tuple)),
            draw(st.lists(_SHORT, max_size=2).map(tuple)),
            _in_week_order(draw(st.dictionaries(st.sampled_from(WEEKDAYS), st.integers(0, 1440)))),
        )
        for name in _names(draw, draw(st.integers(0, 2)))
    )
    profile_names = [p.name for p in profiles]
    schedules = tuple(
        ScheduleRule(
            name,
            _week_ordered(draw(st.sets(st.sampled_from(WEEKDAYS), min_size=1))),
            draw(_TIME),
            draw(_TIME),
            draw(st.sampled_from([None, *profile_names])),
            draw(st.booleans()),
            draw(st.booleans()),
        )
        for name in _names(draw, draw(st.integers(0, 2)))
    )
    general = GeneralSettings(
        draw(_TIME),
        draw(st.integers(1, 120)),
        draw(st.sampled_from(["system", "en", "nl"])),
        draw(st.booleans()),
    )
    metrics = MetricsSettings(draw(st.sampled_from(["always", "focus", "never"])))
    journal = JournalSettings(
        draw(st.sampled_from(["keyring", "passphrase", "off"])), draw(st.integers(1, 3650))
    )
    return Settings(session, strict, profiles, limits, schedules, metrics, general, journal)


@hyp_settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(first=settings_strategy(), second=settings_strategy())
def test_what_is_saved_loads_back_equal(
    tmp_path_factory: pytest.TempPathFactory, first: Settings, second: Settings
) -> None:
    folder = tmp_path_factory.mktemp("roundtrip")
    store = ConfigStore(folder / "config.toml", folder / "last-good.toml")
    write(store, HAND_WRITTEN)
    store.save(first)
    assert store.load() == LoadResult(first, (), "file")
    # and again over the file just written, as a user saving twice in the settings window
    store.save(second)
    loaded = store.load()
    assert loaded.problems == ()
    assert loaded.settings == second


def test_choosing_a_passphrase_for_notes_adds_a_journal_table_and_keeps_the_rest(
    store: ConfigStore,
) -> None:
    write(store, HAND_WRITTEN)
    settings = store.load().settings
    store.save(dataclasses.replace(settings, journal=JournalSettings(notes="passphrase")))
    text = store.path.read_text(encoding="utf-8")
    assert text.startswith(HAND_WRITTEN.rstrip("\n"))
    assert '[journal]\nnotes = "passphrase"  # where the key for notes lives' in text
    assert "keep_days" not in text
    assert store.load().settings.journal == JournalSettings("passphrase", 365)


def test_a_hand_written_journal_table_loads_and_a_bad_choice_is_reported(
    store: ConfigStore,
) -> None:
    write(store, '[journal]\nnotes = "off"   # no notes for now\nkeep_days = 30\n')
    assert store.load().settings.journal == JournalSettings("off", 30)
    write(store, '[journal]\nnotes = "plain"\n')
    result = store.load()
    assert [p.key for p in result.problems] == ["journal.notes"]
    assert result.settings.journal.notes == "off"  # the last good choice, never something laxer
