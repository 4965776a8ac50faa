"""Prints how long picking a reflective prompt takes: p50/p99 over many picks. A script, not a test.

Each pick uses the bundled library, a 20-long history of recently shown ids, a trigger, an hour
and a history of answers, as the app does on every intervention. Target: p99 under 1 ms.
Exits non-zero when the target is missed, so it can guard a CI step.

Run from the repository root: `python -m tests.perf.bench_prompts [--picks N] [--language nl]`.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time

TARGET_P99_MS = 1.0


def main(argv: list[str] | None = None) -> int:
    from focusapp.core.prompts import NO_REPEAT_WITHIN, Category, PromptLibrary, Trigger

    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--picks", type=int, default=10_000)
    parser.add_argument("--language", default="en")
    args = parser.parse_args(argv)

    started = time.perf_counter()
    library = PromptLibrary.bundled(args.language)
    load_ms = 1000 * (time.perf_counter() - started)

    rng = random.Random(7)
    triggers = [trigger.value for trigger in Trigger]
    categories = [category.value for category in Category]
    history = list(rng.sample(library.ids, NO_REPEAT_WITHIN))
    durations: list[float] = []
    for n in range(args.picks):
        trigger = triggers[n % len(triggers)]
        hour = n % 24
        answered = {categories[n % len(categories)]: 3, categories[(n + 3) % len(categories)]: 1}
        begin = time.perf_counter()
        prompt = library.pick(trigger, history, rng, hour=hour, answered=answered)
        durations.append(time.perf_counter() - begin)
        if prompt.id in history:
            raise SystemExit(f"pick {n} repeated {prompt.id} from the last {NO_REPEAT_WITHIN}")
        history = [*history[1:], prompt.id]

    cuts = statistics.quantiles(durations, n=100)
    p50_ms, p99_ms = 1000 * cuts[49], 1000 * cuts[98]
    print(f"library: {len(library)} prompts ({args.language}), loaded in {load_ms:.1f} ms")
    print(f"pick, {args.picks} picks with a {NO_REPEAT_WITHIN}-long history:")
    max_us = 1e6 * max(durations)
    print(f"  p50 {p50_ms * 1000:.1f} us   p99 {p99_ms * 1000:.1f} us   max {max_us:.1f} us")
    ok = p99_ms < TARGET_P99_MS
    print(f"  target p99 < {TARGET_P99_MS} ms: {'met' if ok else 'MISSED'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
