"""The settings schema and the validation of raw TOML tables into Settings."""

from __future__ import annotations

import dataclasses
import tomllib
from datetime import datetime, time, timedelta

import pytest

from focusapp.core.settings import (
    REQUIRED,
    SCHEMA,
    GeneralSettings,
    JournalNotes,
    JournalSettings,
    Kind,
    Limit,
    MetricsMode,
    MetricsSettings,
    Profile,
    ScheduleRule,
    SessionSettings,
    Settings,
    StrictSettings,
    parse_settings,
    section,
    settings_problems,
)

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


def parse(text: str, fallback: Settings | None = None) -> tuple[Settings, dict[str, str]]:
    parsed = parse_settings(tomllib.loads(text), fallback)
    return parsed.settings, {p.key: p.message for p in parsed.problems}


def test_every_option_is_declared_once_with_its_field() -> None:
    for sec in SCHEMA:
        fields = [f.name for f in dataclasses.fields(sec.cls)]
        assert [o.key for o in sec.options] == fields
        for option in sec.options:
            assert option.description
            if option.kind is Kind.INT:
                assert option.minimum is not None and option.maximum is not None
                if option.default is not REQUIRED:
                    assert option.minimum <= option.default <= option.maximum  # type: ignore[operator]
            if option.kind is Kind.CHOICE:
                assert option.default in option.choices


def test_defaults_are_the_documented_ones() -> None:
    s = Settings.defaults()
    assert s.session == SessionSettings(25, 5, 15, 4, 4, False)
    assert s.strict == StrictSettings(2, 30)
    assert s.metrics.mode is MetricsMode.ALWAYS
    general = s.general
    assert (general.day_starts_at, general.idle_minutes, general.language) == ("04:00", 2, "system")
    assert (general.reduce_motion, general.motion_choice) == ("system", None)
    assert s.general.day_start_time == time(4, 0)
    assert s.journal == JournalSettings("keyring", 365)
    assert s.journal.notes_mode is JournalNotes.KEYRING
    assert (s.profiles, s.limits, s.schedules) == ((), (), ())
    assert section("session").option("focus_minutes").maximum == 600  # type: ignore[union-attr]


def test_an_empty_file_means_defaults_without_problems() -> None:
    assert parse("") == (Settings.defaults(), {})


def test_design_example_reads_exactly() -> None:
    settings, problems = parse(DESIGN_EXAMPLE)
    assert problems == {}
    assert settings == Settings(
        session=SessionSettings.defaults(),
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


def test_bad_number_is_explained_and_falls_back_while_others_apply() -> None:
    settings, problems = parse("[session]\nfocus_minutes = 0\nbreak_minutes = 10\n")
    assert problems == {
        "session.focus_minutes": "must be a whole number between 1 and 600, got 0 (using 25)"
    }
    assert settings.session.focus_minutes == 25
    assert settings.session.break_minutes == 10


def test_bad_value_falls_back_to_the_last_good_value_when_given() -> None:
    last_good = Settings(session=dataclasses.replace(SessionSettings(), focus_minutes=50))
    settings, problems = parse("[session]\nfocus_minutes = 601\ncycles = 2\n", last_good)
    assert settings.session.focus_minutes == 50
    assert settings.session.cycles == 2
    assert problems["session.focus_minutes"].endswith("got 601 (using 50)")


def test_a_removed_option_takes_its_default_not_the_last_good_value() -> None:
    last_good = Settings(session=dataclasses.replace(SessionSettings(), focus_minutes=50))
    settings, problems = parse("[session]\n", last_good)
    assert settings.session.focus_minutes == 25
    assert problems == {}


@pytest.mark.parametrize(
    ("text", "key", "message"),
    [
        ("[session]\nfocus_minutes = true", "session.focus_minutes", "got true (using 25)"),
        ("[session]\ncycles = 2.0", "session.cycles", "got 2.0 (using 4)"),
        ("[session]\nstrict = 1", "session.strict", "must be true or false, got 1"),
        (
            "[general]\nreduce_motion = 0",
            "general.reduce_motion",
            'must be true, false or "system", got 0',
        ),
    ],
)
def test_bools_and_numbers_do_not_pass_for_each_other(text: str, key: str, message: str) -> None:
    settings, problems = parse(text)
    assert message in problems[key]
    assert settings == Settings.defaults()


def test_unknown_keys_are_reported_and_ignored() -> None:
    settings, problems = parse(
        "[session]\nfocus_minute = 40\nbreak_minutes = 7\n[colours]\nx = 1\n"
        '[[profiles]]\nname = "A"\ncolor = 1\n'
    )
    assert problems == {
        "session.focus_minute": 'is an unknown option, ignored (did you mean "focus_minutes"?)',
        "colours": "is an unknown option, ignored",
        "profiles[0].color": "is an unknown option, ignored",
    }
    assert settings.session.break_minutes == 7
    assert settings.profiles == (Profile("A"),)


def test_choice_lists_the_choices() -> None:
    settings, problems = parse('[metrics]\nhide = "sometimes"\n')
    assert problems == {
        "metrics.hide": 'must be "always", "focus" or "never", got "sometimes" (using "always")'
    }
    assert settings.metrics.hide == "always"


def test_a_section_that_is_not_a_table_keeps_the_last_good_one() -> None:
    last_good = Settings(metrics=MetricsSettings("never"))
    settings, problems = parse('metrics = "never"\n', last_good)
    assert "must be a table written [metrics]" in problems["metrics"]
    assert settings.metrics.hide == "never"


def test_a_bad_list_entry_is_ignored_and_the_rest_apply() -> None:
    settings, problems = parse(
        '[[profiles]]\nname = "A"\n[[profiles]]\nname = ""\n[[profiles]]\nname = "B"\n'
    )
    assert [p.name for p in settings.profiles] == ["A", "B"]
    assert problems == {
        "profiles[1].name": 'must be a non-empty text, got "" (this profile is ignored)'
    }


def test_profile_names_are_unique_whatever_their_case() -> None:
    settings, problems = parse('[[profiles]]\nname = "Deep"\n[[profiles]]\nname = "deep"\n')
    assert settings.profiles == (Profile("Deep"),)
    assert problems["profiles[1].name"].startswith('repeats the name "deep"')
    assert settings.profile("DEEP") == Profile("Deep")
    assert settings.profile("missing") is None


def test_a_bad_field_in_an_entry_falls_back_to_the_same_named_last_good_entry() -> None:
    last_good = Settings(profiles=(Profile("B", block_sites=("x.com",)),))
    settings, problems = parse(
        '[[profiles]]\nname = "A"\nblock_sites = [3]\n'
        '[[profiles]]\nname = "B"\nblock_sites = ["ok.com", ""]\nblock_apps = ["slack"]\n',
        last_good,
    )
    assert settings.profiles == (Profile("A"), Profile("B", ("slack",), ("x.com",)))
    assert problems == {
        "profiles[0].block_sites": "has item 1 that must be a non-empty text, got 3"
        " (using an empty list)",
        "profiles[1].block_sites": 'has item 2 that must be a non-empty text, got ""'
        ' (using ["x.com"])',
    }


SCHEDULE = """\
[[profiles]]
name = "Deep work"

[[schedules]]
name = "Nights"
days = ["Friday", "mon", "fri"]
start = "22:30"
end = "6:00"
profile = "Deep work"
strict = true
"""


def test_schedules_read_days_and_times_in_their_normal_form() -> None:
    settings, problems = parse(SCHEDULE)
    assert problems == {}
    (rule,) = settings.schedules
    assert rule == ScheduleRule("Nights", ("mon", "fri"), "22:30", "06:00", "Deep work", True, True)
    assert rule.weekday_numbers == (0, 4)
    assert (rule.start_time, rule.end_time) == (time(22, 30), time(6, 0))
    assert rule.ends_next_day
    assert rule.duration == timedelta(hours=7, minutes=30)


def test_an_overnight_block_covers_the_early_hours_of_the_next_day() -> None:
    rule = ScheduleRule("Nights", ("fri",), "22:00", "06:00")
    friday = datetime(2024, 5, 3)
    assert friday.weekday() == 4
    assert not rule.active_at(friday.replace(hour=21, minute=59))
    assert rule.active_at(friday.replace(hour=22))
    assert rule.active_at(friday + timedelta(days=1, hours=5, minutes=59))
    assert not rule.active_at(friday + timedelta(days=1, hours=6))
    day_rule = ScheduleRule("Work", ("mon",), "09:00", "17:00")
    assert not day_rule.ends_next_day
    assert day_rule.active_at(datetime(2024, 5, 6, 12, 0))
    assert not day_rule.active_at(datetime(2024, 5, 7, 12, 0))


def test_a_schedule_without_a_usable_time_is_ignored_unless_a_last_good_copy_exists() -> None:
    broken = SCHEDULE.replace('start = "22:30"', 'start = "25:00"')
    settings, problems = parse(broken)
    assert settings.schedules == ()
    assert problems == {
        "schedules[0].start": 'must be a time like "09:30", got "25:00" (this schedule is ignored)'
    }
    last_good, _ = parse(SCHEDULE)
    settings, problems = parse(broken, last_good)
    assert settings.schedules == last_good.schedules
    assert problems["schedules[0].start"].endswith('(using "22:30")')


def test_a_schedule_missing_days_is_ignored() -> None:
    settings, problems = parse('[[schedules]]\nname = "x"\nstart = "09:00"\nend = "10:00"\n')
    assert settings.schedules == ()
    assert problems == {"schedules[0].days": "is missing (this schedule is ignored)"}


def test_days_must_be_weekdays() -> None:
    _, problems = parse(
        '[[schedules]]\nname = "x"\ndays = ["mon", "someday"]\nstart = "09:00"\nend = "10:00"\n'
    )
    assert 'got "someday"' in problems["schedules[0].days"]
    _, problems = parse('[[schedules]]\nname = "x"\ndays = []\nstart = "09:00"\nend = "10:00"\n')
    assert "schedules[0].days" in problems


def test_a_schedule_naming_a_missing_profile_runs_without_one() -> None:
    settings, problems = parse(SCHEDULE.replace('profile = "Deep work"', 'profile = "Gone"'))
    assert settings.schedules[0].profile is None
    assert problems == {
        "schedules[0].profile": 'names no profile you have, got "Gone" (using none)'
    }


def test_schedule_problem_points_at_its_place_in_the_file_after_an_ignored_one() -> None:
    text = (
        '[[schedules]]\nname = ""\ndays = ["mon"]\nstart = "09:00"\nend = "10:00"\n'
        '[[schedules]]\nname = "b"\ndays = ["mon"]\nstart = "09:00"\nend = "10:00"\n'
        'profile = "nope"\n'
    )
    _, problems = parse(text)
    assert set(problems) == {"schedules[0].name", "schedules[1].profile"}


def test_unquoted_toml_times_are_accepted_when_whole_minutes() -> None:
    settings, problems = parse("[general]\nday_starts_at = 05:30:00\n")
    assert problems == {}
    assert settings.general.day_starts_at == "05:30"
    _, problems = parse("[general]\nday_starts_at = 05:30:15\n")
    assert "general.day_starts_at" in problems


def test_limits_may_differ_per_weekday() -> None:
    settings, problems = parse(
        '[[limits]]\nname = "Social"\ndaily_minutes = 30\n'
        "[limits.weekdays]\nsat = 90\nsun = 2000\nfunday = 5\n"
    )
    (limit,) = settings.limits
    assert limit.weekdays == {"sat": 90}
    assert (limit.minutes_on(0), limit.minutes_on(5), limit.minutes_on(6)) == (30, 90, 30)
    assert problems == {
        "limits[0].weekdays.sun": "must be a whole number between 0 and 1440, got 2000"
        " (using daily_minutes)",
        "limits[0].weekdays.funday": 'is not a day: use "mon", "tue", "wed", "thu", "fri",'
        ' "sat" or "sun" (ignored)',
    }


def test_a_limit_needs_its_daily_minutes() -> None:
    settings, problems = parse('[[limits]]\nname = "Social"\nsites = ["x.com"]\n')
    assert settings.limits == ()
    assert problems == {"limits[0].daily_minutes": "is missing (this limit is ignored)"}


def test_texts_are_trimmed() -> None:
    settings, _ = parse('[[profiles]]\nname = "  Deep  "\nblock_sites = [" x.com "]\n')
    assert settings.profiles == (Profile("Deep", (), ("x.com",)),)


def test_settings_made_in_code_are_checked_the_same_way() -> None:
    good = Settings(
        profiles=(Profile("A"),), schedules=(ScheduleRule("s", ("mon",), "09:00", "10:00", "A"),)
    )
    assert settings_problems(good) == ()
    bad = dataclasses.replace(
        good,
        session=dataclasses.replace(good.session, cycles=0),
        profiles=(Profile("A"), Profile("a")),
    )
    assert {p.key for p in settings_problems(bad)} == {"session.cycles", "profiles[1].name"}


def test_to_dict_reads_back_as_the_same_settings() -> None:
    settings = Settings(
        profiles=(Profile("A", ("x",), ("y.com",)),),
        limits=(Limit("L", 10, weekdays={"sat": 5}),),
        schedules=(ScheduleRule("S", ("tue", "sun"), "23:00", "01:00", "A", True, False),),
        general=GeneralSettings("05:00", 10, "nl", True),
        journal=JournalSettings("passphrase", 30),
    )
    parsed = parse_settings(settings.to_dict())
    assert parsed.problems == ()
    assert parsed.settings == settings


def test_journal_notes_and_keep_days_are_read() -> None:
    settings, problems = parse('[journal]\nnotes = "passphrase"\nkeep_days = 90\n')
    assert problems == {}
    assert settings.journal == JournalSettings("passphrase", 90)
    assert settings.journal.notes_mode is JournalNotes.PASSPHRASE


@pytest.mark.parametrize(
    ("text", "key", "message"),
    [
        (
            '[journal]\nnotes = "plaintext"',
            "journal.notes",
            'must be "keyring", "passphrase" or "off", got "plaintext" (using "keyring")',
        ),
        (
            "[journal]\nkeep_days = 0",
            "journal.keep_days",
            "must be a whole number between 1 and 3650, got 0 (using 365)",
        ),
        (
            "[journal]\nkeep_days = 3651",
            "journal.keep_days",
            "must be a whole number between 1 and 3650, got 3651 (using 365)",
        ),
        (
            "[journal]\nkeep_days = true",
            "journal.keep_days",
            "must be a whole number between 1 and 3650, got true (using 365)",
        ),
    ],
)
def test_a_bad_journal_option_falls_back_and_never_means_plaintext(
    text: str, key: str, message: str
) -> None:
    settings, problems = parse(text)
    assert problems == {key: message}
    assert settings.journal == JournalSettings.defaults()


def test_a_bad_journal_option_keeps_the_last_good_choice() -> None:
    last_good = Settings(journal=JournalSettings("off", 7))
    settings, problems = parse('[journal]\nnotes = "clear"\nkeep_days = 7\n', last_good)
    assert problems == {
        "journal.notes": 'must be "keyring", "passphrase" or "off", got "clear" (using "off")'
    }
    assert settings.journal == JournalSettings("off", 7)


@pytest.mark.parametrize(
    ("written", "value", "choice"),
    [("true", True, True), ("false", False, False), ('"system"', "system", None)],
)
def test_reduce_motion_is_a_switch_or_follows_the_desktop(
    written: str, value: object, choice: bool | None
) -> None:
    settings, problems = parse(f"[general]\nreduce_motion = {written}\n")
    assert problems == {}
    assert settings.general.reduce_motion == value
    assert settings.general.motion_choice is choice


def test_reduce_motion_refuses_other_words() -> None:
    settings, problems = parse('[general]\nreduce_motion = "sometimes"\n')
    assert problems == {
        "general.reduce_motion": 'must be true, false or "system", got "sometimes" (using "system")'
    }
    assert settings.general.motion_choice is None
