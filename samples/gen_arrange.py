"""Sections of a form in the dossier's order, numbered after ordering, with footnote digits glued in that order.

Form builders make each section once (name -> blocks; a left-out optional line is simply absent or empty) and let
`arranged` put them in the order the dossier's wording chose (`Wording.order`), so a reordered form is still
numbered 1, 2, 3 … or a, b, c … from the top.
"""

from __future__ import annotations

from dataclasses import replace

from samples.gen_blocks import Block, Para, para
from samples.gen_facts import Facts
from samples.gen_wording import NOTE_TEXTS

LETTERS = ("a", "b", "c", "d", "đ", "e", "g", "h", "i", "k")


def _numbered(block: Para, mark: str) -> Para:
    """`block` with `mark` ('5.', 'c.') written before its first run."""
    first = block.runs[0]
    return replace(block, runs=(replace(first, text=f"{mark} {first.text}"),) + block.runs[1:])


def arranged(sections: dict[str, list[Block]], order: tuple[str, ...], style: str = "", start: int = 1) -> list[Block]:
    """The sections in `order` (names without blocks are left out); with `style` '1' or 'a' each section's first
    line is numbered from `start`."""
    unknown = set(sections) - set(order)
    if unknown:
        raise ValueError(f"sections {sorted(unknown)} are missing from the order {order}")
    blocks: list[Block] = []
    number = start
    for name in order:
        section = sections.get(name)
        if not section:
            continue
        if style:
            mark = f"{number}." if style == "1" else f"{LETTERS[number - 1]}."
            section = [_numbered(section[0], mark), *section[1:]]
            number += 1
        blocks += section
    return blocks


class Notes:
    """Footnote digits glued to report-form labels (a --vary habit), numbered in the order the labels appear."""

    def __init__(self, facts: Facts, topics: list[str]) -> None:
        used = [topic for topic in topics if topic in NOTE_TEXTS] if facts.wording.habit("notes") else []
        self.numbers = {topic: str(n) for n, topic in enumerate(used, 1)}

    def __call__(self, topic: str) -> str:
        """The digit glued to the label of `topic`, or ''."""
        return self.numbers.get(topic, "")

    def blocks(self) -> list[Block]:
        """The footnotes at the end of the form."""
        return [para(f"{number} {NOTE_TEXTS[topic]}", size=10, italic=True, space_after=0.5)
                for topic, number in self.numbers.items()]


def kept_columns(facts: Facts, count: int, optional: dict[int, str]) -> list[int]:
    """The indexes of the `count` table columns this dossier keeps; `optional` maps a column to its DROP_RATES key."""
    return [i for i in range(count) if not (i in optional and facts.wording.drops(optional[i]))]
