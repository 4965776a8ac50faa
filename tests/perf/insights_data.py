"""Generated history for the insights: a plausible person's urges, sessions and usage, written
straight into a real Focusapp SQLite file. Used by the insights benchmark, the screenshot script
and the Qt tests. Deterministic for a given seed.

The person works on weekdays (editor, terminal, github.com), and in the evening drifts to
instagram.com, tiktok.com, youtube.com and discord; urges come mostly in the evening, and a
little less and a little later as the weeks go by, so "what changed" has something to say.
"""

from __future__ import annotations

import random
import uuid
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, tzinfo

from focusapp.core.prompts import Category
from focusapp.store.database import Database, to_db_timestamp

WORK = (("app", "code"), ("app", "gnome-terminal"), ("site", "github.com"))
LEISURE = (
    ("site", "instagram.com"),
    ("site", "tiktok.com"),
    ("site", "youtube.com"),
    ("app", "discord"),
)
URGE_TARGETS = (("site", "instagram.com", 5), ("site", "tiktok.com", 4), ("app", "discord", 2))
# Relative chance of an urge at each clock hour: quiet mornings, a dip after lunch, evenings.
URGE_HOURS = (
    (0, 2),
    (1, 1),
    (8, 1),
    (9, 2),
    (10, 2),
    (11, 2),
    (12, 3),
    (13, 4),
    (14, 3),
    (15, 3),
    (16, 3),
    (17, 4),
    (18, 5),
    (19, 7),
    (20, 9),
    (21, 10),
    (22, 8),
    (23, 5),
)
# Prompts as the bundled library has them (copied, so the history does not change when the
# library is edited): (id, category, answers, how often it comes up).
PROMPTS: tuple[tuple[str, Category, tuple[str, ...], int], ...] = (
    ("loop-001", Category.LOOP, ("My hand did", "I decided", "I'm not sure"), 5),
    ("loop-002", Category.LOOP, ("Something hard", "Waiting for something", "I don't remember"), 3),
    ("boredom-002", Category.BOREDOM, ("It got hard", "It got dull", "A bit of both"), 4),
    (
        "boredom-001",
        Category.BOREDOM,
        ("I know it, it's just dull", "I'm stuck on it", "I'm bored with the task"),
        2,
    ),
    (
        "validation-001",
        Category.VALIDATION,
        ("I wanted to see if anyone liked it", "It would sting a little", "Nothing, really"),
        3,
    ),
    (
        "fomo-001",
        Category.FOMO,
        ("Nothing, really", "I'd miss the conversation", "I'd feel left out"),
        2,
    ),
    ("mood-001", Category.MOOD, ("Company", "Rest", "Reassurance"), 2),
)


def prompt_categories() -> dict[str, Category]:
    """The category of each prompt the generated journal uses."""
    return {prompt_id: category for prompt_id, category, _answers, _w in PROMPTS}


@dataclass(frozen=True)
class Generated:
    urges: int
    sessions: int
    usage_rows: int


def fill(
    db: Database,
    last_day: date,
    days: int,
    tz: tzinfo,
    *,
    seed: int = 7,
    urges_per_day: float = 15.0,
    usage_hours_per_day: int = 12,
    sessions: bool = True,
) -> Generated:
    """Writes `days` local days of history ending on `last_day` (day start 04:00)."""
    rng = random.Random(seed)
    prompt_weights = [weight for _id, _c, _a, weight in PROMPTS]
    subjects = {s: i + 1 for i, s in enumerate(WORK + LEISURE)}
    urge_rows: list[tuple[object, ...]] = []
    session_rows: list[tuple[object, ...]] = []
    usage_rows: list[tuple[object, ...]] = []
    first_day = last_day - timedelta(days=days - 1)
    for n in range(days):
        day = first_day + timedelta(days=n)
        progress = n / max(1, days - 1)  # 0 at the start, 1 today
        weekend = day.weekday() >= 5
        # Usage: minute buckets from 08:00 (minute 240 after the 04:00 day start).
        for minute in range(240, 240 + usage_hours_per_day * 60):
            clock = (4 + minute // 60) % 24
            evening = clock >= 18 or clock < 4
            pool = LEISURE if (evening or weekend) else WORK
            if not evening and not weekend and rng.random() < 0.12:
                pool = LEISURE
            # Instagram fades as the weeks go by; youtube takes a little of its place.
            subject = pool[(minute // 20 + n) % len(pool)]
            if subject == ("site", "instagram.com") and rng.random() < progress * 0.6:
                subject = ("site", "youtube.com")
            usage_rows.append((day.isoformat(), minute, subjects[subject], 60.0))
        count = max(0, round(rng.gauss(urges_per_day * (1.1 - 0.25 * progress), 2.5)))
        hours, weights = zip(*URGE_HOURS, strict=True)
        for _ in range(count):
            clock = rng.choices(hours, weights)[0]
            if clock < 20 and rng.random() < progress * 0.3:
                clock = min(23, clock + 2)  # later in the day as the weeks go by
            local = datetime.combine(
                day if clock >= 4 else day + timedelta(days=1),
                time(clock, rng.randrange(60), rng.randrange(60)),
            ).replace(tzinfo=tz)
            kind, name, _w = rng.choices(URGE_TARGETS, [w for _k, _n, w in URGE_TARGETS])[0]
            prompt_id, _category, answers, _w = rng.choices(PROMPTS, prompt_weights)[0]
            answer = answers[0] if rng.random() < 0.5 else rng.choice(answers)
            outcome = "returned" if rng.random() < 0.7 else "allowed"
            urge_rows.append(
                (
                    to_db_timestamp(local),
                    rng.choice(("feed", "notifications", "own_profile", "limit_reached")),
                    kind,
                    name,
                    "feed",
                    prompt_id,
                    answer,
                    outcome,
                    300.0 if outcome == "allowed" else None,
                )
            )
        if sessions and (not weekend or rng.random() < 0.3):
            for start_hour in rng.sample((9, 10, 11, 14, 15, 16), rng.randint(1, 3)):
                planned = rng.choice((25, 50)) * 60.0
                focus = planned if rng.random() < 0.8 else planned * rng.uniform(0.3, 0.9)
                started = datetime.combine(day, time(start_hour, rng.randrange(30))).replace(
                    tzinfo=tz
                )
                ended = started + timedelta(seconds=focus)
                session_rows.append(
                    (
                        uuid.UUID(int=rng.getrandbits(128)).hex,
                        None,
                        0,
                        "tray",
                        to_db_timestamp(started),
                        to_db_timestamp(ended),
                        planned,
                        focus,
                        1,
                        "completed" if focus == planned else "stopped",
                    )
                )
    with db.transaction() as conn:
        conn.executemany(
            "INSERT INTO usage_subjects (id, kind, name, certainty) VALUES (?, ?, ?, 'focused')",
            [(i, kind, name) for (kind, name), i in subjects.items()],
        )
        conn.executemany("INSERT INTO usage VALUES (?, ?, ?, ?)", usage_rows)
        conn.executemany(
            "INSERT INTO urges (ts, trigger_kind, target_kind, target_name, page_kind, prompt_id,"
            " answer, outcome, allowed_s) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            urge_rows,
        )
        conn.executemany(
            "INSERT INTO sessions (session_id, profile, strict, source, started_at, ended_at,"
            " planned_focus_s, focus_s, cycles_done, end_reason)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            session_rows,
        )
    return Generated(len(urge_rows), len(session_rows), len(usage_rows))
