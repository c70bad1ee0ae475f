"""Loads extractors/fields/rules/authors.yaml: signature roles, prose intros, positions and placeholders.

Validated and compiled at load like labels.yaml (`ruleset.load_rule_file`); `SANGKIEN_AUTHORS` points to a
replacement file an admin maintains.
"""

from __future__ import annotations

import os
import re
from functools import cached_property, lru_cache
from pathlib import Path

from extractors.fields.ruleset import RULES_DIR, Regex, _Strict, load_rule_file


class SignatureRules(_Strict):
    author: list[Regex]
    head: list[Regex]
    hint: Regex
    role_filler: Regex
    role_leftover_words: int
    place_date: Regex
    lines_after_role: int

    @cached_property
    def roles(self) -> re.Pattern:
        """Any role; the group named `author` or `head` says which kind matched (longest alternatives first)."""
        author = "|".join(f"(?:{p})" for p in self.author)
        head = "|".join(f"(?:{p})" for p in self.head)
        return re.compile(rf"(?<![a-z])(?:(?P<head>{head})|(?P<author>{author}))(?![a-z])")

    @cached_property
    def hints(self) -> re.Pattern:
        return re.compile(self.hint)

    @cached_property
    def filler(self) -> re.Pattern:
        return re.compile(self.role_filler)

    @cached_property
    def signed_at(self) -> re.Pattern:
        return re.compile(self.place_date)


class AuthorRules(_Strict):
    version: str
    signature: SignatureRules
    prose_intro: list[Regex]
    prose_honorifics: Regex
    name_separators: Regex
    positions: Regex
    organisation_words: Regex
    placeholders: Regex
    example_letter: Regex
    contact_details: Regex
    misread_syllables: dict[str, str]

    @cached_property
    def intros(self) -> list[re.Pattern]:
        return [re.compile(p) for p in self.prose_intro]

    @cached_property
    def honorific(self) -> re.Pattern:
        """An honorific standing alone as the next word(s)."""
        return re.compile(rf"\s*(?:{self.prose_honorifics})(?:\s+|(?<=\.))")

    @cached_property
    def separator(self) -> re.Pattern:
        return re.compile(self.name_separators)

    @cached_property
    def position(self) -> re.Pattern:
        return re.compile(self.positions)

    @cached_property
    def organisation(self) -> re.Pattern:
        return re.compile(self.organisation_words)

    @cached_property
    def placeholder(self) -> re.Pattern:
        return re.compile(self.placeholders)

    @cached_property
    def contact(self) -> re.Pattern:
        return re.compile(self.contact_details)

    @cached_property
    def example(self) -> re.Pattern:
        return re.compile(self.example_letter)


@lru_cache(maxsize=None)
def author_rules() -> AuthorRules:
    return load_rule_file(AuthorRules, Path(os.environ.get("SANGKIEN_AUTHORS") or RULES_DIR / "authors.yaml"))
