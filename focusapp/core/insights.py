"""The insights: patterns of the last 7 or 30 days in words and shapes, never in scores.

`Insights.compute` turns plain rows (urges, finished sessions, per-hour usage) into an
`InsightsModel` the insights window draws: when urges come (a weekday x hour grid of shades), what
the user answered, where urges land, how focus time and limits went, and what changed from the
period before. Following PSYCHOLOGY.md it never counts urges back to the user, never frames a
share as performance and knows nothing of streaks: amounts become shapes (0..1 weights) or
gentle words ("often", "sometimes"). The words are `Phrase`s, worded in the user's language by the
window.

Days are local days that start at `day_start` (as in the usage ledger), so a late night belongs
to the evening before; the grid's hours run from the day start too.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, tzinfo

from focusapp.core.activity import Certainty
from focusapp.core.phrases import WEEKDAYS, WEEKDAYS_PLURAL, Arg, Phrase, and_list, phrase
from focusapp.core.prompts import Category, Prompt
from focusapp.core.records import SessionRecord
from focusapp.core.settings import Limit
from focusapp.core.usage import DEFAULT_DAY_START, HourUsage, Subject, counts_for

PERIODS: tuple[int, ...] = (7, 30)
EMPTY_SENTENCE = phrase("Insights", "Nothing to show yet. Patterns appear here after a few days.")

# What a category of prompts is about, as the end of "Many of these moments were about ...".
CATEGORY_WORDS: Mapping[Category, Phrase] = {
    Category.VALIDATION: phrase("Insights", "wanting to see how something you shared is doing"),
    Category.COMPARISON: phrase("Insights", "measuring yourself against others"),
    Category.FOMO: phrase("Insights", "the feeling that something is happening without you"),
    Category.LOOP: phrase("Insights", "reaching for it without quite deciding to"),
    Category.BOREDOM: phrase("Insights", "a task that had become hard or dull"),
    Category.MOOD: phrase("Insights", "how you were feeling: tired, anxious or alone"),
    Category.AUTHENTICITY: phrase("Insights", "making things for the count"),
    Category.AFTER_POSTING: phrase("Insights", "checking back after posting"),
}

TOP_ANSWERS = 3
TOP_TARGETS = 5
# Below these a difference is noise, not a change worth a sentence.
_HOUR_SHIFT = 1.0
_MORE_RATIO = 1.3
_LESS_RATIO = 1 / _MORE_RATIO
_USAGE_CHANGE_S = 30 * 60.0
_FOCUS_CHANGE_S = 30 * 60.0
_MAX_USAGE_CHANGES = 2
# Fewer urges than this in a period and the timing sentence would read too much into chance.
_MIN_URGES_FOR_TIMING = 3


@dataclass(frozen=True)
class UrgeMoment:
    """One urge as the insights need it: when, where it was headed, and what was answered."""

    ts: datetime
    target_kind: str | None = None
    target_name: str | None = None
    prompt_id: str | None = None
    answer: str | None = None
    trigger_kind: str = ""


@dataclass(frozen=True)
class TargetShape:
    """An app or site where urges landed: `weight` is its share relative to the first (0..1],
    `usage_s` the time spent in it in the period (informative, drawn as hours)."""

    kind: str
    name: str
    weight: float
    usage_s: float


@dataclass(frozen=True)
class DayFocus:
    day: date
    focus_s: float


@dataclass(frozen=True)
class InsightsModel:
    """What the insights window draws for one period. `urge_grid[weekday][hour]` is a shade in
    0..1 (Monday first; hour 0 is the day start), relative to the busiest cell."""

    period_days: int
    first_day: date
    last_day: date
    day_start: time
    empty: bool
    urge_grid: tuple[tuple[float, ...], ...]
    rhythm: tuple[Phrase, ...]
    answers: tuple[Phrase, ...]
    targets: tuple[TargetShape, ...]
    focus_days: tuple[DayFocus, ...]
    focus: tuple[Phrase, ...]
    limits: tuple[Phrase, ...]
    changes: tuple[Phrase, ...]

    @property
    def has_urges(self) -> bool:
        return any(any(row) for row in self.urge_grid)

    @property
    def has_focus(self) -> bool:
        return any(d.focus_s > 0 for d in self.focus_days)


def categories_of(prompts: Iterable[Prompt]) -> dict[str, Category]:
    """Prompt id -> category, for `Insights.compute` (pass the bundled `PromptLibrary`)."""
    return {prompt.id: prompt.category for prompt in prompts}


def local_day(moment: datetime, tz: tzinfo, day_start: time = DEFAULT_DAY_START) -> date:
    """The local day of a moment: before the day start it is still the day before."""
    return _place(moment, tz, day_start)[0]


def period_days_range(
    period_days: int, now: datetime, tz: tzinfo, day_start: time = DEFAULT_DAY_START
) -> tuple[date, date]:
    """The first and last local day of the period ending today (both included)."""
    last = local_day(now, tz, day_start)
    return last - timedelta(days=period_days - 1), last


def window_bounds(
    first: date, last: date, tz: tzinfo, day_start: time = DEFAULT_DAY_START
) -> tuple[datetime, datetime]:
    """The aware instants where local day `first` begins and the day after `last` begins."""
    begin = datetime.combine(first, day_start).replace(tzinfo=tz)
    end = datetime.combine(last + timedelta(days=1), day_start).replace(tzinfo=tz)
    return begin, end


def _place(moment: datetime, tz: tzinfo, day_start: time) -> tuple[date, int]:
    """The local day and the hour counted from the day start (0..23; 24 on a long autumn day is
    folded into 23)."""
    local = moment.astimezone(tz).replace(tzinfo=None)
    shifted = local - timedelta(hours=day_start.hour, minutes=day_start.minute)
    return shifted.date(), min(23, shifted.hour)


def clock_hour(hour_from_start: int, day_start: time) -> int:
    """The hour on the clock of an hour counted from the day start."""
    return (hour_from_start + day_start.hour) % 24


class Insights:
    """Builds `InsightsModel`s. Stateless: everything comes in as arguments."""

    @staticmethod
    def compute(
        urges: Iterable[UrgeMoment],
        sessions: Iterable[SessionRecord],
        usage_hours: Iterable[HourUsage],
        period_days: int,
        now: datetime,
        tz: tzinfo,
        *,
        limits: Sequence[Limit] = (),
        categories: Mapping[str, Category] | None = None,
        day_start: time = DEFAULT_DAY_START,
    ) -> InsightsModel:
        """The model of the `period_days` local days ending today. Rows of the same length of
        time before feed "what changed"; anything older is ignored."""
        if period_days < 1:
            raise ValueError(f"a period has at least one day, got {period_days}")
        first, last = period_days_range(period_days, now, tz, day_start)
        before_first = first - timedelta(days=period_days)
        before_last = first - timedelta(days=1)

        now_urges: list[tuple[date, int, UrgeMoment]] = []
        past_urges: list[tuple[date, int, UrgeMoment]] = []
        for urge in urges:
            day, hour = _place(urge.ts, tz, day_start)
            if first <= day <= last:
                now_urges.append((day, hour, urge))
            elif before_first <= day <= before_last:
                past_urges.append((day, hour, urge))

        now_usage: dict[tuple[date, Subject], float] = {}
        past_usage: dict[Subject, float] = {}
        for row in usage_hours:
            if row.subject.certainty is not Certainty.FOCUSED:
                continue
            if first <= row.day <= last:
                key = (row.day, row.subject)
                now_usage[key] = now_usage.get(key, 0.0) + row.seconds
            elif before_first <= row.day <= before_last:
                past_usage[row.subject] = past_usage.get(row.subject, 0.0) + row.seconds

        focus_by_day: dict[date, float] = {}
        past_focus = 0.0
        for session in sessions:
            day = local_day(session.started_at, tz, day_start)
            if first <= day <= last:
                focus_by_day[day] = focus_by_day.get(day, 0.0) + max(0.0, session.focus_s)
            elif before_first <= day <= before_last:
                past_focus += max(0.0, session.focus_s)
        days = [first + timedelta(days=i) for i in range(period_days)]
        focus_days = tuple(DayFocus(d, focus_by_day.get(d, 0.0)) for d in days)

        usage_by_subject: dict[Subject, float] = {}
        for (_day, subject), seconds in now_usage.items():
            usage_by_subject[subject] = usage_by_subject.get(subject, 0.0) + seconds

        before = (
            phrase("Insights", "the week before")
            if period_days == 7
            else phrase("Insights", "the {days} days before")(days=period_days)
        )
        empty = not now_urges and not focus_by_day and not now_usage
        return InsightsModel(
            period_days=period_days,
            first_day=first,
            last_day=last,
            day_start=day_start,
            empty=empty,
            urge_grid=_urge_grid(now_urges),
            rhythm=_rhythm(now_urges, day_start),
            answers=_answers([u for _d, _h, u in now_urges], categories or {}),
            targets=_targets([u for _d, _h, u in now_urges], usage_by_subject),
            focus_days=focus_days,
            focus=_focus_words(focus_days),
            limits=_limit_words(limits, now_usage, days, period_days),
            changes=_changes(
                now_urges,
                past_urges,
                usage_by_subject,
                past_usage,
                sum(focus_by_day.values()),
                past_focus,
                has_past=bool(past_urges or past_usage or past_focus),
                before=before,
            ),
        )


# -- when urges come ----------------------------------------------------------------------------


def _urge_grid(urges: Sequence[tuple[date, int, UrgeMoment]]) -> tuple[tuple[float, ...], ...]:
    counts = [[0] * 24 for _ in range(7)]
    for day, hour, _urge in urges:
        counts[day.weekday()][hour] += 1
    peak = max((max(row) for row in counts), default=0)
    if peak == 0:
        return tuple(tuple(0.0 for _ in range(24)) for _ in range(7))
    return tuple(tuple(c / peak for c in row) for row in counts)


_LATE = phrase("Insights", "late at night")
_PARTS_OF_DAY: tuple[tuple[int, int, Phrase], ...] = (
    # (first clock hour, last clock hour included, words)
    (5, 11, phrase("Insights", "in the morning")),
    (12, 16, phrase("Insights", "in the afternoon")),
    (17, 21, phrase("Insights", "in the evening")),
    (22, 23, _LATE),
    (0, 4, _LATE),
)


def _part_of_day(clock: int) -> Phrase:
    for lo, hi, words in _PARTS_OF_DAY:
        if lo <= clock <= hi:
            return words
    return _LATE


def _rhythm(urges: Sequence[tuple[date, int, UrgeMoment]], day_start: time) -> tuple[Phrase, ...]:
    if not urges:
        return ()
    parts: Counter[Phrase] = Counter(_part_of_day(clock_hour(h, day_start)) for _d, h, _u in urges)
    weekdays: Counter[int] = Counter(d.weekday() for d, _h, _u in urges)
    (part, part_n), *rest = parts.most_common()
    sentences: list[Phrase] = []
    if part_n * 2 >= len(urges):
        sentences.append(phrase("Insights", "Urges came mostly {part}.")(part=part))
    elif rest:
        sentences.append(
            phrase("Insights", "Urges came {part} and {other}, more than at other times.")(
                part=part, other=rest[0][0]
            )
        )
    else:  # pragma: no cover - a single part of the day always holds at least half
        sentences.append(phrase("Insights", "Urges came {part}.")(part=part))
    busiest, busiest_n = weekdays.most_common(1)[0]
    # A weekday worth naming stands out from an even spread over the seven.
    if len(urges) >= 7 and busiest_n * 7 >= 2 * len(urges):
        sentences.append(
            phrase("Insights", "{weekdays} were busier than other days.")(
                weekdays=WEEKDAYS_PLURAL[busiest]
            )
        )
    elif len(urges) >= 7:
        weekend = weekdays[5] + weekdays[6]
        if weekend * 7 >= 4 * len(urges):
            sentences.append(phrase("Insights", "Weekends were busier than weekdays."))
        elif weekend * 7 <= len(urges):
            sentences.append(phrase("Insights", "Weekends were quieter than weekdays."))
    return tuple(sentences)


# -- what came before ---------------------------------------------------------------------------


def _answers(urges: Sequence[UrgeMoment], categories: Mapping[str, Category]) -> tuple[Phrase, ...]:
    answered = [u for u in urges if u.answer]
    if not answered:
        return ()
    counts: Counter[str] = Counter(u.answer for u in answered if u.answer)
    top = counts.most_common(TOP_ANSWERS)
    sentences = [
        phrase("Insights", "Most often you answered: {answer}.")(answer=_quoted(top[0][0]))
    ]
    # Gentle words instead of counts: "often" when it is a real part of the picture.
    often: list[Arg] = [_quoted(text) for text, n in top[1:] if n * 5 >= len(answered)]
    sometimes: list[Arg] = [_quoted(text) for text, n in top[1:] if n * 5 < len(answered)]
    if often:
        sentences.append(phrase("Insights", "Often, too: {answers}.")(answers=and_list(often)))
    if sometimes:
        sentences.append(phrase("Insights", "Sometimes: {answers}.")(answers=and_list(sometimes)))
    kinds: Counter[Category] = Counter(
        categories[u.prompt_id]
        for u in answered
        if u.prompt_id is not None and u.prompt_id in categories
    )
    if kinds:
        kind, n = kinds.most_common(1)[0]
        if n * 3 >= sum(kinds.values()):
            sentences.append(
                phrase("Insights", "Many of these moments were about {topic}.")(
                    topic=CATEGORY_WORDS[kind]
                )
            )
    return tuple(sentences)


def _quoted(text: str) -> str:
    return f"\u2018{text}\u2019"


# -- where urges land ---------------------------------------------------------------------------


def _targets(
    urges: Sequence[UrgeMoment], usage_by_subject: Mapping[Subject, float]
) -> tuple[TargetShape, ...]:
    counts: Counter[tuple[str, str]] = Counter(
        (u.target_kind or "", u.target_name) for u in urges if u.target_name
    )
    if not counts:
        return ()
    ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0][1]))[:TOP_TARGETS]
    peak = ranked[0][1]
    usage_by_name: dict[tuple[str, str], float] = {}
    for subject, seconds in usage_by_subject.items():
        key = (subject.kind.value, subject.name.casefold())
        usage_by_name[key] = usage_by_name.get(key, 0.0) + seconds
    return tuple(
        TargetShape(kind, name, n / peak, usage_by_name.get((kind, name.casefold()), 0.0))
        for (kind, name), n in ranked
    )


# -- focus time ---------------------------------------------------------------------------------


def _focus_words(focus_days: Sequence[DayFocus]) -> tuple[Phrase, ...]:
    with_focus = [d for d in focus_days if d.focus_s > 0]
    if not with_focus:
        return (phrase("Insights", "No focus sessions in these days."),)
    by_weekday: Counter[int] = Counter()
    for d in with_focus:
        by_weekday[d.day.weekday()] += int(d.focus_s)
    total = sum(by_weekday.values())
    leading = [wd for wd, s in by_weekday.most_common(2) if s * 4 >= total]
    most = len(with_focus) * 2 >= len(focus_days)
    if len(by_weekday) > 2 and leading:
        # Over a week a weekday happened once; over a month it is a habit of the week.
        names = WEEKDAYS_PLURAL if len(focus_days) > 7 else WEEKDAYS
        days = and_list([names[wd] for wd in sorted(leading)])
        if most:
            return (
                phrase("Insights", "Focus time came on most days, most of it on {days}.")(
                    days=days
                ),
            )
        return (
            phrase("Insights", "Focus time came on some days, most of it on {days}.")(days=days),
        )
    if most:
        return (phrase("Insights", "Focus time came on most days."),)
    return (phrase("Insights", "Focus time came on some days."),)


# -- limits -------------------------------------------------------------------------------------


def _limit_words(
    limits: Sequence[Limit],
    usage: Mapping[tuple[date, Subject], float],
    days: Sequence[date],
    period_days: int,
) -> tuple[Phrase, ...]:
    sentences: list[Phrase] = []
    for limit in limits:
        used: dict[date, float] = {}
        for (day, subject), seconds in usage.items():
            if counts_for(limit, subject):
                used[day] = used.get(day, 0.0) + seconds
        budget_days = [d for d in days if limit.minutes_on(d.weekday()) > 0]
        if not budget_days:
            continue
        ran_out = [d for d in budget_days if used.get(d, 0.0) >= limit.minutes_on(d.weekday()) * 60]
        name = limit.name
        if not ran_out:
            sentences.append(phrase("Insights", "{name} stayed within its limit.")(name=name))
        elif len(ran_out) * 2 > len(budget_days):
            sentences.append(
                phrase("Insights", "{name} often reached its limit before the day was over.")(
                    name=name
                )
            )
        elif period_days <= 7:
            when = and_list([WEEKDAYS[d.weekday()] for d in ran_out])
            sentences.append(
                phrase("Insights", "{name} mostly stayed within its limit; it ran out on {days}.")(
                    name=name, days=when
                )
            )
        else:
            weekdays: Counter[int] = Counter(d.weekday() for d in ran_out)
            wd, n = weekdays.most_common(1)[0]
            if n >= 2:
                sentences.append(
                    phrase(
                        "Insights",
                        "{name} mostly stayed within its limit; it ran out now and then, "
                        "mostly on {weekdays}.",
                    )(name=name, weekdays=WEEKDAYS_PLURAL[wd])
                )
            else:
                sentences.append(
                    phrase(
                        "Insights",
                        "{name} mostly stayed within its limit; it ran out now and then.",
                    )(name=name)
                )
    return tuple(sentences)


# -- what changed -------------------------------------------------------------------------------


def _mean_hour(urges: Sequence[tuple[date, int, UrgeMoment]]) -> float:
    return sum(h for _d, h, _u in urges) / len(urges)


def _changes(
    now_urges: Sequence[tuple[date, int, UrgeMoment]],
    past_urges: Sequence[tuple[date, int, UrgeMoment]],
    usage_now: Mapping[Subject, float],
    usage_past: Mapping[Subject, float],
    focus_now: float,
    focus_past: float,
    *,
    has_past: bool,
    before: Phrase,
) -> tuple[Phrase, ...]:
    if not has_past:
        return ()
    sentences: list[Phrase] = []
    if past_urges or now_urges:
        n_now, n_past = len(now_urges), len(past_urges)
        if n_now > n_past * _MORE_RATIO and n_now - n_past >= 3:
            sentences.append(
                phrase("Insights", "Urges came more often than {before}.")(before=before)
            )
        elif n_now < n_past * _LESS_RATIO and n_past - n_now >= 3:
            sentences.append(
                phrase("Insights", "Urges came less often than {before}.")(before=before)
            )
        if len(now_urges) >= _MIN_URGES_FOR_TIMING and len(past_urges) >= _MIN_URGES_FOR_TIMING:
            shift = _mean_hour(now_urges) - _mean_hour(past_urges)
            if shift >= _HOUR_SHIFT:
                sentences.append(
                    phrase("Insights", "Urges came later in the day than {before}.")(before=before)
                )
            elif shift <= -_HOUR_SHIFT:
                sentences.append(
                    phrase("Insights", "Urges came earlier in the day than {before}.")(
                        before=before
                    )
                )
    deltas = [
        (usage_now.get(s, 0.0) - usage_past.get(s, 0.0), s)
        for s in set(usage_now) | set(usage_past)
    ]
    notable = [
        (delta, s)
        for delta, s in deltas
        if abs(delta) >= _USAGE_CHANGE_S
        and (
            usage_now.get(s, 0.0) > usage_past.get(s, 0.0) * _MORE_RATIO
            or usage_now.get(s, 0.0) < usage_past.get(s, 0.0) * _LESS_RATIO
        )
    ]
    notable.sort(key=lambda ds: (-abs(ds[0]), ds[1].name))
    for delta, subject in notable[:_MAX_USAGE_CHANGES]:
        if delta > 0:
            more_less = phrase("Insights", "More time on {name} than {before}.")
        else:
            more_less = phrase("Insights", "Less time on {name} than {before}.")
        sentences.append(more_less(name=subject.name, before=before))
    if abs(focus_now - focus_past) >= _FOCUS_CHANGE_S:
        if focus_now > focus_past * _MORE_RATIO:
            sentences.append(phrase("Insights", "More focus time than {before}.")(before=before))
        elif focus_now < focus_past * _LESS_RATIO:
            sentences.append(phrase("Insights", "Less focus time than {before}.")(before=before))
    if not sentences:
        sentences.append(phrase("Insights", "Much the same as {before}.")(before=before))
    return tuple(sentences)
