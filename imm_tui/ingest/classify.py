"""Classify stored calendar items into activities with the rules of classify.toml (docs/reference.md).

Works on `Contact`s, the fields the store keeps, so stored items can be re-classified when
classify.toml or accounts.csv change, without the original calendar files.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import NamedTuple

import regex

from imm_tui.model.accounts import Account
from imm_tui.model.classify import Classification, Rule
from imm_tui.model.patterns import CONFIRM_SECONDS, MATCH_SECONDS, Retries, compile_pattern, search_again_if_slow


class Contact(NamedTuple):
    """What classification may look at for one stored item (a NamedTuple: cheap to make, and a key)."""

    subject: str | None
    location: str | None
    categories: tuple[str, ...]
    domains: tuple[str, ...] | None  # attendee and organiser domains (rooms and the owner left out); None in count-only
    external: bool  # as computed at import time; used when domains were not kept
    online: bool
    all_day: bool
    minutes: float
    private: bool
    cancelled: bool
    declined: bool
    free: bool


class Verdict(NamedTuple):
    """The outcome for one item: counted as an activity, unclassified, or skipped with a reason."""

    activity: str | None
    rule: int | None  # index in classify.toml's [[rules]] of the rule that set the activity
    commitment: bool
    account: str | None
    account_status: str | None
    skip_reason: str | None
    external: bool


class Classifier:
    """Compiled rules and accounts; `classify` is called once per item, so work is done here once."""

    def __init__(self, classification: Classification, accounts: Sequence[Account] = ()) -> None:
        self.settings = classification
        self.accounts = tuple(accounts)
        self.company = set(classification.company.domains)
        self._external: dict[tuple[str, ...], bool] = {}  # the same few sets of domains come back all the time
        self._accounts: dict[tuple[tuple[str, ...] | None, str | None, str | None], Account | None] = {}  # series share all three
        self.retries = Retries(RETRIES)  # shared by the rules: a set of slow patterns gets three seconds a file, not per rule
        self.rules = [(index, rule, _Compiled(rule, self.retries)) for index, rule in enumerate(classification.rules)]
        # what classify reads of each rule, as plain values (looked up once per item and rule)
        self._order = [(index, compiled, rule.activity, rule.commitment, compiled.outcome) for index, rule, compiled in self.rules]
        self.by_domain = {d: a for a in accounts for d in a.domains}
        names = sorted((a.name for a in accounts if a.name), key=len, reverse=True)
        self.by_name = {a.name.lower(): a for a in accounts}
        self.name_pattern = re.compile(r"(?<!\w)(" + "|".join(re.escape(n) for n in names) + r")(?!\w)", re.I) if names else None

    @classmethod
    def for_file(cls, classification: Classification, accounts: Sequence[Account] = ()) -> Classifier:
        """A classifier for the next file a process reads: the previous file's when the rules and accounts are
        the same, so that what it worked out (searches, accounts, external domain sets) carries over, as the
        people, customers and subjects of one organisation's calendars do; each file starts with no rule
        switched off."""
        accounts = tuple(accounts)
        previous = _LAST[0] if _LAST else None
        if previous is not None and previous.settings == classification and previous.accounts == accounts:
            for _, _, compiled in previous.rules:
                compiled.timed_out = False
            previous.retries.left = RETRIES
            return previous
        _LAST[:] = [cls(classification, accounts)]
        return _LAST[0]

    @property
    def problems(self) -> list[str]:
        """The rules switched off because one search ran out of time (said per file and per re-classification)."""
        return [f"rule {index + 1} ([[rules]] number {index + 1} in classify.toml): a search took over "
                f"{1000 * MATCH_SECONDS:.0f} ms, and over {CONFIRM_SECONDS:.0f} s when tried again (or after {RETRIES} such "
                "retries in this file), so the rule matched nothing more here; simplify its pattern"
                for index, _, compiled in self.rules if compiled.timed_out]

    def external(self, domains: Sequence[str]) -> bool:
        key = tuple(domains)
        known = self._external.get(key)
        if known is None:
            known = any(d and d not in self.company and not any(d.endswith("." + c) for c in self.company) for d in domains)
            if len(self._external) < SEEN_TEXTS:
                self._external[key] = known
        return known

    def account(self, contact: Contact) -> Account | None:
        key = (contact.domains, contact.subject, contact.location)
        found = self._accounts.get(key, _UNKNOWN)
        if found is not _UNKNOWN:
            return found  # type: ignore[return-value]
        found = self._account(contact)
        if len(self._accounts) < SEEN_TEXTS:
            self._accounts[key] = found
        return found

    def _account(self, contact: Contact) -> Account | None:
        for domain in contact.domains or ():
            account = self.by_domain.get(domain)
            if account is not None:
                return account
        if self.name_pattern is not None:
            for text in (contact.subject, contact.location):
                if text:
                    match = self.name_pattern.search(text)
                    if match:
                        return self.by_name[match.group(1).lower()]
        return None

    def classify(self, contact: Contact) -> Verdict:
        external = self.external(contact.domains) if contact.domains is not None else contact.external
        account = self.account(contact)
        status = account.status if account else None
        name = account.name if account else None
        skip = self.skip_reason(contact)
        if skip is not None:
            return Verdict(None, None, False, name, status, skip, external)
        activity: str | None = None
        matched: int | None = None
        commitment = False
        for index, compiled, rule_activity, rule_commitment, outcome in self._order:
            if activity is not None and not rule_commitment:
                continue
            if not compiled.matches(contact, external, status):
                continue
            if outcome is not None:  # internal or ignored: no contact, so no commitment either
                return Verdict(None, index, False, name, status, outcome, external)
            if rule_activity is not None and activity is None:
                activity, matched = rule_activity, index
            if rule_commitment:
                commitment = True
        return Verdict(activity, matched, commitment, name, status, None, external)

    def skip_reason(self, contact: Contact) -> str | None:
        skip = self.settings.skip
        if contact.cancelled and skip.cancelled:
            return "cancelled"
        if contact.declined and skip.declined:
            return "declined"
        if contact.free and skip.free:
            return "free"
        if contact.all_day and skip.all_day:
            return "all-day"
        if contact.private and skip.private_subject == "skip":
            return "private"
        return None


_UNKNOWN = object()
_LAST: list[Classifier] = []
"""The classifier of the last file this process read (see Classifier.for_file)."""

RETRIES = 3
"""Searches per file (all rules together) that ran out of MATCH_SECONDS and are tried again with CONFIRM_SECONDS (a
busy machine can pause a process that long); after that, or when a retry runs out of its second too, a search that
runs out of time switches its rule off."""
SEEN_TEXTS = 100_000
"""Texts whose search result a rule remembers, per field (subject, location): about 10 MB each at most."""


class _Compiled:
    def __init__(self, rule: Rule, retries: Retries) -> None:
        self.rule = rule
        self.retries = retries
        self.categories = {c.lower() for c in rule.categories} if rule.categories else None
        self.subject = compile_pattern(rule.subject) if rule.subject is not None else None
        self.location = compile_pattern(rule.location) if rule.location is not None else None
        self.outcome = rule.outcome
        self.domains = tuple(rule.attendee_domain) if rule.attendee_domain is not None else None
        self.suffixes = tuple("." + d for d in rule.attendee_domain) if rule.attendee_domain is not None else ()
        # No condition but categories and texts: most rules (checked per item, so the rest is skipped at once)
        self.texts_only = self.domains is None and all(
            value is None for value in (rule.online, rule.external, rule.all_day, rule.min_minutes, rule.max_minutes, rule.account_status))
        self.timed_out = False  # a search that ran out of time switches the rule off for the rest of this run
        # text → found, per field: the instances of a series share a subject, and so do many calendars' items
        self.seen: tuple[dict[str, bool], dict[str, bool]] = ({}, {})

    def matches(self, contact: Contact, external: bool, status: str | None) -> bool:
        """Whether every condition of the rule holds: the cheap ones first, the regular expressions last."""
        if self.categories is None:
            if contact.private:
                return False  # private items count by categories only
        elif not contact.categories or not any(c.lower() in self.categories for c in contact.categories):
            return False
        if not self.texts_only:
            rule = self.rule
            if self.domains is not None and not any(d in self.domains or d.endswith(self.suffixes) for d in contact.domains or ()):
                return False
            if rule.online is not None and contact.online != rule.online:
                return False
            if rule.external is not None and external != rule.external:
                return False
            if rule.all_day is not None and contact.all_day != rule.all_day:
                return False
            if rule.min_minutes is not None and contact.minutes < rule.min_minutes:
                return False
            if rule.max_minutes is not None and contact.minutes > rule.max_minutes:
                return False
            if rule.account_status is not None and status != rule.account_status:
                return False
        if self.subject is not None and not (contact.subject and self._found(self.subject, contact.subject, self.seen[0])):
            return False
        return self.location is None or bool(contact.location and self._found(self.location, contact.location, self.seen[1]))

    def _found(self, pattern: regex.Pattern[str], text: str, seen: dict[str, bool]) -> bool:
        """A search with a time limit (the limit's bookkeeping costs more than most searches, so each
        text is searched once per rule)."""
        if self.timed_out:
            return False
        known = seen.get(text)
        if known is not None:
            return known
        found = search_again_if_slow(pattern, text, self.retries)  # perhaps the machine was busy
        if found is None:
            self.timed_out = True
            return False
        if len(seen) < SEEN_TEXTS:
            seen[text] = found
        return found
