"""The regular expressions users write in classify.toml (`subject`, `location`), made safe to run.

A pattern such as `(\\w+\\s?)+:` or `^(a|aa)+$` can backtrack for minutes on one ordinary 50-character
subject. So patterns are compiled with the `regex` package (the syntax of Python's `re`), which avoids most
such backtracking by itself and gives every search a time limit; and a pattern that is still slow on a set
of ordinary-looking probe subjects is refused when the file is read, with the rule's line.
"""

from __future__ import annotations

import regex

MATCH_SECONDS = 0.05
"""At most this long for one search in one subject; longer means the pattern backtracks catastrophically."""
CONFIRM_SECONDS = 1.0
"""A search that ran out of MATCH_SECONDS is tried once more with this long before a pattern is judged slow:
the limit is wall-clock time, and a busy machine can pause a process for longer than 50 ms."""
CONFIRMATIONS = 3
"""Probes per pattern that may be tried again so (see Retries): a pattern slow on more of them is slow (and this bounds
the check)."""

# Subjects of about 50 characters built from one repeated piece and an ending that makes a match fail late:
# the shapes on which nested repetition explodes.
_PIECES = ("a", "aa", "a ", "ab", "word ", "Word", "1", "12 ", " ", ".", "-", "x.", "a1 ", "é")
_ENDINGS = ("", "!", "b", ":", "\n", " x")
PROBES = tuple(piece * (48 // len(piece)) + ending for piece in _PIECES for ending in _ENDINGS)


class SlowPattern(ValueError):
    """A pattern that takes too long on ordinary text."""


def compile_pattern(pattern: str) -> regex.Pattern[str]:
    """Compile a user's pattern (re syntax), refusing invalid ones and ones that backtrack catastrophically."""
    try:
        compiled = regex.compile(pattern, regex.VERSION0)
    except (regex.error, OverflowError, RecursionError) as error:
        raise ValueError(f"not a valid regular expression: {error}") from None
    retries = Retries(CONFIRMATIONS)
    for probe in PROBES:
        if search_again_if_slow(compiled, probe, retries) is None:
            raise SlowPattern(
                f"this pattern takes over {1000 * MATCH_SECONDS:.0f} ms on the subject {probe[:24]!r}…: it repeats a repetition "
                "(like (a+)+ or (\\w+\\s?)+), which can take minutes; write it without the outer repetition"
            )
    return compiled


class Retries:
    """What is left of a budget of searches that may be tried again with CONFIRM_SECONDS."""

    def __init__(self, left: int) -> None:
        self.left = left


def search_again_if_slow(compiled: regex.Pattern[str], text: str, retries: Retries) -> bool | None:
    """`search`, and once more with CONFIRM_SECONDS when it ran out of time and `retries` has one left; None when
    the search ran out of time after all."""
    found = search(compiled, text)
    if found is None and retries.left > 0:
        retries.left -= 1
        found = search(compiled, text, CONFIRM_SECONDS)
    return found


def search(compiled: regex.Pattern[str], text: str, seconds: float = MATCH_SECONDS) -> bool | None:
    """Whether the pattern is found in `text`; None when the search ran out of `seconds`."""
    try:
        return compiled.search(text, timeout=seconds) is not None
    except TimeoutError:
        return None
