"""Reviewers' corrected sectors retrain the sector classifier (issue #18).

Every sector a reviewer corrected is a labelled example: the dossier's title, and the sector as the dossier wrote
it, if it did (what the classifier reads at extraction). (The written value itself is also learned as it is, at
once: pipeline.learning.) Retraining (flows/learn.py: `sangkien learn`, the admin page's button, and on its own
before a batch once `learn_every` corrections came since the last model) trains on the repository's examples plus
the corrections, except one in `HELD_OUT_EVERY` (chosen by the dossier's fingerprint, so always the same ones) kept
apart to measure it. The new model is switched in only when it is right on those at least as often as the model in
use. Every model is kept, with its figures and its weights (in the database, so every worker loads the same one);
an admin may switch back to any of them, or to none (the classifier trained from the repository's examples).
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import func, insert, select, update

from extractors.fields.ruleset import sectors
from extractors.fields.sector_examples import CodeExamples, SectorExamples, sector_examples
from extractors.fields.sector_model import SectorModel, from_bytes, load_model, to_bytes, train, trained_codes
from extractors.fold import squash
from pipeline.store import Store, utc_now

HELD_OUT_EVERY = 4


@dataclass(frozen=True)
class Example:
    fingerprint: str
    text: str
    code: str


@dataclass(frozen=True)
class ModelVersion:
    """One retrained classifier and how it measured (accuracies on the held-out corrections, None without any)."""

    id: int
    trained_at: datetime
    trained_by: str
    corrections: int
    held_out: int
    accuracy_before: float | None
    accuracy_after: float | None
    active: bool
    note: str


def held_out(example: Example) -> bool:
    return int(example.fingerprint[:8], 16) % HELD_OUT_EVERY == 0


def merged(shipped: SectorExamples, learned: list[Example]) -> SectorExamples:
    """The repository's examples plus the learned ones; a learned text overrides the same text (folded) shipped
    under another code — a reviewer said so."""
    taught = {squash(e.text): e for e in learned}
    per_code: dict[str, list[str]] = {}
    for text, code in shipped.pairs(list(shipped.examples)):
        if squash(text) not in taught:
            per_code.setdefault(code, []).append(text)
    for example in taught.values():
        per_code.setdefault(example.code, []).append(example.text)
    return SectorExamples(version=f"{shipped.version}+{len(taught)}-learned",
                          examples={code: CodeExamples(texts=texts) for code, texts in per_code.items()})


def accuracy(model: SectorModel | None, examples: list[Example]) -> float | None:
    """The share of `examples` whose top-scored code is theirs (a text the model knows no word of counts wrong)."""
    if not examples:
        return None
    right = 0
    for example in examples:
        scores = model.scores(example.text) if model else {}
        right += bool(scores) and max(scores, key=scores.get) == example.code
    return right / len(examples)


def better(before: float | None, after: float | None) -> bool:
    """Whether a retrained model may be switched in: never when it scores worse than the model in use."""
    return after is None or before is None or after >= before


_MODELS: dict[int, SectorModel] = {}  # loaded weights by version: a version never changes
_MODELS_LOCK = threading.Lock()


@dataclass
class SectorLearning:
    store: Store

    @property
    def _table(self):
        return self.store.meta.tables["sector_models"]

    def corrected(self) -> list[Example]:
        """Every corrected sector as examples: the dossier's title, and the sector as written."""
        corrections, dossiers = self.store.meta.tables["corrections"], self.store.dossiers
        query = (select(corrections.c.fingerprint, corrections.c.value, dossiers.c.title, dossiers.c.record)
                 .join(dossiers, dossiers.c.fingerprint == corrections.c.fingerprint)
                 .where(corrections.c.field == "sector").order_by(corrections.c.at))
        with self.store.engine.connect() as conn:
            rows = conn.execute(query).all()
        out = []
        for fingerprint, value, title, record in rows:
            code = (value or {}).get("code")
            written = ((record or {}).get("sector") or {}).get("raw")
            out += [Example(fingerprint, text, code) for text in (title, written) if code and text]
        return out

    def versions(self) -> list[ModelVersion]:
        t = self._table
        columns = [c for c in t.c if c.name not in ("config", "weights")]
        with self.store.engine.connect() as conn:
            rows = conn.execute(select(*columns).order_by(t.c.id.desc())).mappings().all()
        return [ModelVersion(**row) for row in rows]

    def active(self) -> SectorModel | None:
        """The classifier in use, when one was retrained and switched in (else None: the repository's own)."""
        t = self._table
        with self.store.engine.connect() as conn:
            version = conn.execute(select(t.c.id).where(t.c.active)).scalar()
            if version is None:
                return None
            with _MODELS_LOCK:
                if version not in _MODELS:
                    config, weights = conn.execute(select(t.c.config, t.c.weights).where(t.c.id == version)).one()
                    _MODELS[version] = from_bytes(config, weights, f"sector-model-{version}")
                return _MODELS[version]

    def corrections_since_last(self) -> int:
        """Sector corrections made since the newest model was trained (all of them, before any)."""
        corrections, t = self.store.meta.tables["corrections"], self._table
        with self.store.engine.connect() as conn:
            last = conn.execute(select(func.max(t.c.trained_at))).scalar()
            query = select(func.count()).select_from(corrections).where(corrections.c.field == "sector")
            if last is not None:
                query = query.where(corrections.c.at > last)
            return conn.execute(query).scalar()

    def retrain(self, username: str) -> ModelVersion | None:
        """Train on the repository's and the corrected examples, measure it against the model in use on the held-out
        corrections, keep it, and switch it in unless it scores worse; None when no sector was corrected yet."""
        learned = self.corrected()
        if not learned:
            return None
        kept_apart = [e for e in learned if held_out(e)]
        shipped, taxonomy = sector_examples(), sectors()
        examples = merged(shipped, [e for e in learned if not held_out(e)])
        model = SectorModel(train(trained_codes(taxonomy, examples), examples), Path("retrained"))
        before = accuracy(self.active() or load_model(taxonomy, shipped), kept_apart)
        after = accuracy(model, kept_apart)
        switch = better(before, after)
        note = ("chưa có sửa nào được giữ riêng để đo" if after is None else
                "đã dùng: đúng bằng hoặc hơn mô hình đang dùng" if switch else
                "không dùng: kém hơn mô hình đang dùng")
        config, weights = to_bytes(model)
        t = self._table
        row = {"trained_at": utc_now(), "trained_by": username, "corrections": len({e.fingerprint for e in learned}),
               "held_out": len(kept_apart), "accuracy_before": before, "accuracy_after": after, "active": switch,
               "note": note}
        with self.store.engine.begin() as conn:
            if switch:
                conn.execute(update(t).where(t.c.active).values(active=False))
            new_id = conn.execute(insert(t).values(**row, config=config, weights=weights)).inserted_primary_key[0]
        with _MODELS_LOCK:
            _MODELS[new_id] = model
        return ModelVersion(id=new_id, **row)

    def activate(self, version: int | None) -> bool:
        """Use model `version` from now on (None: the repository's own); False for an unknown version."""
        t = self._table
        with self.store.engine.begin() as conn:
            if version is not None and conn.execute(select(t.c.id).where(t.c.id == version)).first() is None:
                return False
            conn.execute(update(t).where(t.c.active).values(active=False))
            if version is not None:
                conn.execute(update(t).where(t.c.id == version).values(active=True))
        return True
