"""Pseudonyms for exports: no name, e-mail, account or person id leaves in an anonymised file.

Pseudonyms are stable within one export (the same person is the same "Person 07" everywhere in it) and
drawn afresh for every export, so two exports cannot be joined on them.
"""

from __future__ import annotations

import random
import re
from collections.abc import Iterable, Sequence

import pandas as pd

from imm_tui.model.plan import Plan


class Pseudonyms:
    @classmethod
    def for_plan(cls, plan: Plan, accounts: Iterable[str]) -> Pseudonyms:
        """Pseudonyms for everyone in the plan and every account name."""
        return cls([(p.id, p.name, p.email or "") for p in plan.people], accounts)

    def __init__(self, people: Sequence[tuple[str, str, str]], accounts: Iterable[str] = (), seed: int | None = None) -> None:
        """`people`: (id, name, e-mail) of everyone who may appear; `accounts`: account names."""
        rng = random.Random(seed)
        order = list(range(len(people)))
        rng.shuffle(order)
        width = max(2, len(str(len(people))))
        self.person = {pid: f"Person {n + 1:0{width}d}" for (pid, _, _), n in zip(people, order, strict=True)}
        self.replacements: dict[str, str] = {}
        for (pid, name, email), alias in ((p, self.person[p[0]]) for p in people):
            for text in (name, email, pid):
                if text:
                    self.replacements[text] = alias
        accounts = list(accounts)
        shuffled = list(range(len(accounts)))
        rng.shuffle(shuffled)
        for name, n in zip(accounts, shuffled, strict=True):
            self.replacements[name] = f"Account {n + 1:03d}"
        longest_first = sorted(self.replacements, key=len, reverse=True)
        self._pattern = re.compile("|".join(rf"(?<![\w@.-]){re.escape(t)}(?![\w@-])" for t in longest_first)) if longest_first else None

    def text(self, value: str) -> str:
        if self._pattern is None:
            return value
        return self._pattern.sub(lambda m: self.replacements[m.group(0)], value)

    def frame(
        self, frame: pd.DataFrame, id_columns: Sequence[str] = ("person", "group"), drop: Sequence[str] = ("name", "account")
    ) -> pd.DataFrame:
        out = frame.drop(columns=[c for c in drop if c in frame.columns]).copy()
        for column in id_columns:
            if column in out.columns:
                out[column] = out[column].astype(str).map(lambda v: self.person.get(v, v))
        for column in out.columns:
            if out[column].dtype == object or pd.api.types.is_string_dtype(out[column]):
                out[column] = out[column].map(lambda v: self.text(v) if isinstance(v, str) else v)
        return out
