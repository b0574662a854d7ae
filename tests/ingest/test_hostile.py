"""Hostile input ends in seconds with a message per file or per rule: patterns that backtrack, runaway
series, huge RDATE lists, quadratic text, non-regular files, deep team chains, absurd numbers."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from imm_tui.cli import main
from imm_tui.ingest.classify import Classifier, Contact
from imm_tui.model.classify import Classification, Rule
from imm_tui.model.patterns import PROBES, compile_pattern
from tests.ingest.conftest import workspace  # noqa: F401 - the fixture


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def contact(subject: str) -> Contact:
    return Contact(subject=subject, location=None, categories=(), domains=(), external=False, online=False, all_day=False,
                   minutes=60.0, private=False, cancelled=False, declined=False, free=False)


@pytest.mark.parametrize("pattern", [r"(\w+\s?)+:", r"(a+)+$", r"(?i)\b(offerte|quote|proposal)\b"])
def test_the_issues_patterns_classify_a_50_character_subject_at_once(pattern: str) -> None:
    rules = Classification(rules=[Rule(subject=pattern, activity="offer")])
    started = time.perf_counter()
    for subject in ("Klantbezoek bij de firma Jansen en zonen over de", "a" * 49 + "!", *PROBES):
        Classifier(rules).classify(contact(subject))
    assert time.perf_counter() - started < 2


def test_a_pattern_that_backtracks_is_refused_with_its_line(workspace: Path, capsys: pytest.CaptureFixture[str]) -> None:  # noqa: F811
    rules = workspace / "classify.toml"
    rules.write_text(rules.read_text(encoding="utf-8") + "\n[[rules]]\nsubject = '^(a|aa)+$'\nactivity = \"call\"\n", encoding="utf-8")
    started = time.perf_counter()
    code, _, err = run(capsys, "check", "-w", str(workspace))
    assert code == 2 and time.perf_counter() - started < 10
    line = rules.read_text(encoding="utf-8").splitlines().index("subject = '^(a|aa)+$'") + 1
    assert f"classify.toml:{line}: rules[" in err and "repeats a repetition" in err
    assert run(capsys, "events", "-w", str(workspace))[0] == 2  # every command refuses it, none hangs


def test_a_search_that_runs_out_of_time_switches_its_rule_off_and_says_so() -> None:
    slow = r"^(z|zz)+$"  # passes the probes (no z in them) but explodes on a subject of z's
    compile_pattern(slow)
    classifier = Classifier(Classification(rules=[Rule(subject=slow, activity="call"), Rule(subject="z", activity="visit")]))
    started = time.perf_counter()
    verdicts = [classifier.classify(contact("z" * 60 + "!")) for _ in range(50)]
    assert time.perf_counter() - started < 2  # one timed-out search, then the rule is off
    assert {v.activity for v in verdicts} == {"visit"}
    assert classifier.problems and "rule 1 " in classifier.problems[0] and "50 ms" in classifier.problems[0]
