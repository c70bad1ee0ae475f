"""One dossier's wording habits under `--vary`: reworded labels, left-out optional lines, sections in another order.

`Wording()` is the default wording: it changes nothing, draws nothing, and the forms come out exactly as before.
`Wording(seed)` decides each point from its own random stream, keyed by the seed and the point's name, so the
decisions do not depend on the order the form builders ask in and never touch the dossier's main random state
(the facts of a dossier are the same with or without `--vary`). The pools are data in `gen_wording.py`.
"""

from __future__ import annotations

import random
from collections.abc import Sequence

from samples.gen_wording import (
    COUNCIL_ALTERNATIVES,
    COUNCIL_WORDS,
    DAY_LABELS,
    DROP_RATES,
    EXTRA_SPELLINGS,
    HABITS,
    KEEP_DEFAULT,
    LABELS,
    MONEY_LABELS,
    ORDERS,
    REORDER_DEFAULT,
    SPELLING_RATE,
)


class Wording:
    """The wording decisions of one dossier; without a seed, the generator's default wording."""

    def __init__(self, seed: str | None = None) -> None:
        self.seed = seed

    @property
    def varied(self) -> bool:
        """Whether this dossier departs from the default wording at all."""
        return self.seed is not None

    def rng(self, *point: str) -> random.Random:
        """The random stream of one decision point."""
        return random.Random("|".join((str(self.seed), *point)))

    def label(self, text: str, key: str | None = None, *, money: bool = False, day: bool = False) -> str | None:
        """Another wording of the default label `text` (pool `key`, default `text`), or None to keep `text`.

        `money` and `day` admit the alternatives that need a benefit in money or a first-applied day.
        """
        if not self.varied:
            return None
        key = key or text
        pool = (LABELS.get(key, ()) + (MONEY_LABELS.get(key, ()) if money else ())
                + (DAY_LABELS.get(key, ()) if day else ()))
        rng = self.rng("label", key)
        if not pool or rng.random() < KEEP_DEFAULT:
            return None
        return rng.choice(pool)

    def drops(self, line: str) -> bool:
        """Whether this dossier leaves out the optional line (or table column) `line` of DROP_RATES."""
        return self.varied and self.rng("drop", line).random() < DROP_RATES[line]

    def habit(self, name: str) -> bool:
        """Whether this dossier's writer has the habit `name` of HABITS."""
        return self.varied and self.rng("habit", name).random() < HABITS[name]

    def pick(self, name: str, options: Sequence[str], default: str) -> str:
        """`default`, or under `--vary` one of `options` (which may include it)."""
        return self.rng("pick", name).choice(options) if self.varied else default

    def order(self, part: str) -> tuple[str, ...]:
        """The order of the sections of `part` (ORDERS): the default, or one of the alternatives."""
        orders = ORDERS[part]
        if not self.varied:
            return orders[0]
        rng = self.rng("order", part)
        return orders[0] if rng.random() < REORDER_DEFAULT else rng.choice(orders[1:])

    def spellings(self) -> tuple[tuple[str, str], ...]:
        """The extra i/y and tone-placement swaps this writer makes."""
        if not self.habit("spelling"):
            return ()
        rng = self.rng("spellings")
        return tuple(pair for pair in EXTRA_SPELLINGS if rng.random() < SPELLING_RATE)

    def council_words(self, council: str) -> str:
        """The council's name, its first words ('Hội đồng sáng kiến') sometimes worded differently."""
        if not self.habit("council-words"):
            return council
        for words in COUNCIL_WORDS:
            if council.startswith(words):
                return self.rng("council-words").choice(COUNCIL_ALTERNATIVES) + council[len(words):]
        return council

