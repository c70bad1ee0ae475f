"""The benefit field: the section after a benefit label, and the amount a secretary would type from it.

A section runs from its label over prose, itemised lines ("- Tiết kiệm giấy: 3.200.000 đ") and savings tables
until the next section, field label or signature block. Every amount in it — figures, words, bare figures in a
table column whose header gives the unit — is classified by the words before it (rules/benefit.yaml): a gain, a
cost, a figure that is no benefit (tax, penalty, budget, revenue against a target), the end of a range, or unsaid;
and whether it is a total, an item, per year, and written in words too. Then one strategy picks the amount, and
names itself in the provenance's rule_id: a total after items; the one gain; the sum of itemised gains without a
total (lower confidence); the first of several gains; an unsaid amount; an amount written only in words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from extractors.fields.absence import not_stated
from extractors.fields.lines import KEY_VALUE, MISSING, Extracted, Hit, Ref, clean_text, find_labels, in_capitals
from extractors.fields.money_words import Amount, find_amounts
from extractors.fields.ruleset import LABEL_FIELDS, BenefitRules, benefit_rules, labels
from extractors.fold import fold

SECTION_LIMIT = 25  # lines after the label a benefit section may run on (table rows aside)
_SENTENCE_END = re.compile(r"[.;!?](?=\s|$)|\n")
_BARE_NUMBER = re.compile(r"^\s*(\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?)\s*$")  # "8.400.000", "38,5"
_WORDS_PAIR_GAP = re.compile(r"^[\s/a-z.,]{0,20}?(?:\(|bang\s+chu|tuc\s+la)", re.S)  # "…đồng/năm (Bằng chữ: …"
_SCALE = {"ty": 10**9, "trieu": 10**6, "nghin": 10**3, "ngan": 10**3}


@dataclass(frozen=True)
class Mention:
    """One amount of a benefit section and what the text says of it."""

    amount: int
    kind: str | None  # gain, cost, not_benefit, range (an estimate "40 - 60 triệu"), or None when nothing says
    total: bool
    item: bool  # on a line of its own in an itemised list, or a table row
    per_year: bool
    ref: Ref
    in_words: bool = False  # written in words only
    words: int | None = None  # the same amount also written in words right after the figures


def money_kind(context: str, rules: BenefitRules | None = None) -> str | None:
    """What the folded words before an amount make of it: the strong kind word nearest its end (ties: the kind
    listed first), else the nearest weak one; None when nothing says."""
    rules = rules or benefit_rules()
    for weak in (False, True):
        best = None  # (end, -order, kind)
        for order, entry in enumerate(rules.money_kinds):
            if entry.weak != weak:
                continue
            ends = [m.end() for m in entry.regex.finditer(context)]
            if ends and (best is None or (ends[-1], -order) > best[:2]):
                best = (ends[-1], -order, entry.kind)
        if best:
            return best[2]
    return None


def _clause_kind(folded: str, start: int, rules: BenefitRules) -> tuple[str | None, str]:
    """The kind of the amount at `start` of `folded` (its sub-clause first, then its sentence) and the sentence."""
    sentence_start = max((m.end() for m in _SENTENCE_END.finditer(folded, 0, start)), default=0)
    sentence = folded[sentence_start:start]
    sub_clause = sentence[sentence.rfind(",") + 1:]
    return money_kind(sub_clause, rules) or money_kind(sentence, rules), sentence


def _prose_mentions(lines: list[tuple[Ref, str]], rules: BenefitRules) -> list[Mention]:
    """The amounts of consecutive prose lines. A line carries on the sentence of the line before when that one
    wrapped onto it (text and OCR pages) or ended in a label's colon ("Số tiền làm lợi:" / "6,6 triệu đồng"); a
    list item, a key–value line, or a line after a sentence end, a numbered heading without a colon or a Word
    paragraph starts anew."""
    text, starts, previous = "", [], None
    for ref, line in lines:
        fresh = bool(rules.item.match(fold(line)) or KEY_VALUE.match(ref.key))
        if text:
            last = text.rstrip()
            heading = heading_level(previous.folded) is not None and ":" not in previous.text
            ended = last.endswith((".", ";")) or (not last.endswith(":") and (
                previous.method == "docx" or heading and not line[:1].islower()))
            text += "\n" if fresh or ended else " "
        starts.append((len(text), ref, fresh))
        text += line
        previous = ref
    folded, found = fold(text), []
    amounts = find_amounts(text)
    for i, amount in enumerate(amounts):
        _, ref, fresh = _line_of(starts, amount)
        previous = amounts[i - 1] if i else None
        if amount.in_words and previous and found and found[-1].words is None and not previous.in_words \
                and _WORDS_PAIR_GAP.match(folded[previous.end: amount.start]):
            found[-1] = _with_words(found[-1], amount.amount)
            continue
        kind, sentence = _clause_kind(folded, amount.start, rules)
        if rules.range.search(folded[max(0, amount.start - 30): amount.start]):
            kind = "range"
        after = folded[amount.end: amount.end + 25]
        on_line = [a for a in amounts if _line_of(starts, a)[1] is ref and not a.in_words]
        found.append(Mention(amount.amount, kind, bool(rules.total.search(sentence)), fresh and len(on_line) <= 1,
                             bool(rules.per_year.search(after) or rules.per_year.search(sentence)), ref,
                             amount.in_words))
    return found


def _line_of(starts: list[tuple[int, Ref, bool]], amount: Amount) -> tuple[int, Ref, bool]:
    """(offset, line, starts a list item?) of the line an amount starts on."""
    return max((s for s in starts if s[0] <= amount.start), key=lambda s: s[0])


def _with_words(mention: Mention, words: int) -> Mention:
    return Mention(mention.amount, mention.kind, mention.total, mention.item, mention.per_year, mention.ref,
                   mention.in_words, words)


def _column_scale(header: str, unit_line: str, rules: BenefitRules) -> int | None:
    """What one bare figure of a column is worth in đồng, from its header ("(triệu đồng)") or an announced unit
    ("ĐVT: đồng"); None when neither names a unit."""
    for source in (fold(header), fold(unit_line)):
        m = rules.unit.search(source)
        if m:
            return _SCALE.get(m.group(1) or "", 1)
    return None


def _table_mentions(rows: list[Ref], unit_line: str, rules: BenefitRules) -> list[Mention]:
    """The amounts of a table's rows: a cell's kind from its column header first, then its row's label cells."""
    found, header = [], ()
    for ref in rows:
        cells = ref.line.cells
        if not any(_BARE_NUMBER.match(c) or find_amounts(c) for c in cells):  # a header row: no figure in it
            header = cells
            continue
        label = " ".join(c for c in cells if not re.search(r"\d", c))
        folded_label = fold(label)
        # The row's label under the header of its label columns: "Khoản tiết kiệm" makes every row a saving.
        label_context = fold(" ".join([*(h for h, c in zip(header, cells) if not re.search(r"\d", c)), label]))
        for i, cell in enumerate(cells):
            column = header[i] if i < len(header) else ""
            if rules.row_numbers.search(fold(column)) or (i == 0 and re.fullmatch(r"\s*\d{1,2}[.)]?\s*", cell)):
                continue
            written = find_amounts(cell)
            # the upper end of a range in a cell ("khoảng 500 - 700 triệu đồng/năm") is an estimate, as in prose
            amounts = [(a.amount, bool(rules.range.search(fold(cell)[max(0, a.start - 30): a.start])))
                       for a in written]
            bare = _BARE_NUMBER.match(cell)
            scale = _column_scale(column, unit_line, rules) if not amounts and bare else None
            if scale:
                amounts = [(round(float(bare.group(1).replace(".", "").replace(",", ".")) * scale), False)]
            context = fold(f"{column} {cell}")
            kind = money_kind(fold(column), rules) or money_kind(label_context, rules)
            total = bool(rules.total.search(folded_label))
            per_year = bool(rules.per_year.search(context) or rules.per_year.search(folded_label)
                            or rules.per_year.search(fold(unit_line)))
            found += [Mention(a, "range" if ranged else kind, total, not total, per_year, ref)
                      for a, ranged in amounts]
    # A bare "Tổng" row adds up the rows above it: of gains only, it is a gain too.
    kinds = {m.kind for m in found if not m.total}
    if kinds == {"gain"}:
        found = [replace(m, kind="gain") if m.total and m.kind is None else m for m in found]
    return found


def section_mentions(section: list[tuple[Ref, str]], rules: BenefitRules | None = None) -> list[Mention]:
    """Every amount of a benefit section, in order; `section` is its lines with the text to read on each."""
    rules = rules or benefit_rules()
    found, prose, rows, unit_line = [], [], [], ""
    for ref, line in [*section, (None, "")]:
        if ref is not None and ref.line.cells:
            if prose:
                found += _prose_mentions(prose, rules)
                prose = []
            rows.append(ref)
            continue
        if rows:
            found += _table_mentions(rows, unit_line, rules)
            rows = []
        if ref is not None:
            if rules.unit_announced.search(ref.key):
                unit_line = line
            prose.append((ref, line))
    return found + (_prose_mentions(prose, rules) if prose else [])


@dataclass(frozen=True)
class Choice:
    """The amount picked from a section, by which strategy (a key of `confidence`), and where it was read."""

    amount: int | None
    per_year: bool
    strategy: str
    ref: Ref | None = None
    words_agree: bool = False


def choose(mentions: list[Mention]) -> Choice:
    """The benefit among a section's amounts: a total after items wins (the last of several; less surely when it
    is not the largest); else the one gain (or the headline whose items add up to it); else itemised gains of one
    kind and period are summed; else the first gain; else the first amount nothing calls a cost or no benefit. A
    purely social section has none."""
    candidates = [m for m in mentions if m.kind in ("gain", None)]
    gains = [m for m in candidates if m.kind == "gain"]
    totals = [m for m in candidates if m.total]
    if totals:
        preferred = [m for m in totals if m.kind == "gain"] or totals
        pick = preferred[-1]  # a grand total comes after the sub-totals
        items = [m for m in candidates if m.item and not m.total]
        per_year = pick.per_year or bool(items) and all(m.per_year for m in items)
        strategy = "total" if pick.kind == "gain" else "total_unlabelled"
        grand = pick.amount >= max(m.amount for m in preferred)  # sub-totals add up to it: no doubt
        return _chosen(pick, strategy if grand else "last_of_totals", per_year)
    if gains:
        first, rest = gains[0], gains[1:]
        if not rest or all(m.amount == first.amount for m in rest) or sum(m.amount for m in rest) == first.amount:
            return _chosen(first, "labelled")
        if all(m.item for m in gains) and len({m.per_year for m in gains}) == 1:
            return Choice(sum(m.amount for m in gains), first.per_year, "sum_of_items", first.ref)
        return _chosen(first, "first_of_several")
    if candidates:
        return _chosen(candidates[0], "unlabelled")
    return Choice(None, False, "social")


def _chosen(mention: Mention, strategy: str, per_year: bool | None = None) -> Choice:
    return Choice(mention.amount, mention.per_year if per_year is None else per_year,
                  "words_only" if mention.in_words and strategy == "labelled" else strategy, mention.ref,
                  mention.words == mention.amount)


def confidence_of(choice: Choice, rules: BenefitRules | None = None) -> float:
    """The multiplier of the label's confidence for `choice`: its strategy's, raised when words agree."""
    table = (rules or benefit_rules()).confidence
    factor = getattr(table, choice.strategy)
    return factor * table.words_agree if choice.words_agree else factor


def words_disagree(text: str, amount: int | None) -> bool:
    """Whether `text` writes `amount` in figures followed by other words ("41.200.000 đồng (Bằng chữ: Bốn mươi
    triệu đồng)"): one of the two was mistyped or misread."""
    if amount is None:
        return False
    folded, amounts = fold(text), find_amounts(text)
    return any(a.amount == amount and not a.in_words and b.in_words and b.amount != amount
               and _WORDS_PAIR_GAP.match(folded[a.end: b.start]) for a, b in zip(amounts, amounts[1:]))


# ---------------------------------------------------------------- the section after a label

_OTHER_FIELDS = tuple(f for f in LABEL_FIELDS if f != "benefit")


def _other_field_label(ref: Ref) -> bool:
    rules = labels()
    return any(rule.regex.search(ref.key) for field in _OTHER_FIELDS for rule in rules.rules(field))


# Heading numbers by depth: "IV." / "Phần II" over "3." over "3.2" over "b)".
_HEADING_LEVELS = ((re.compile(r"^\s*(?:phan\s+)?[ivx]{1,4}\s*[.):]\s"), 0), (re.compile(r"^\s*\d{1,2}\.\d"), 2),
                   (re.compile(r"^\s*\d{1,2}\s*[.)]\s"), 1), (re.compile(r"^\s*[a-hđ]\s*[.)]\s"), 3))


def heading_level(folded: str) -> int | None:
    """How deep a numbered heading is (0 = "IV.", 1 = "3.", 2 = "3.2", 3 = "b)"), None when not numbered."""
    return next((level for regex, level in _HEADING_LEVELS if regex.match(folded)), None)


def _ends_section(ref: Ref, rules: BenefitRules, level: int | None) -> bool:
    """A line after the first that no longer belongs to the benefit section headed at `level` (None: not a
    numbered heading). A numbered section runs to the next heading as deep or shallower; another one ends at a
    heading, key–value line or capitals line that neither holds money nor speaks of the benefit."""
    if ref.line.cells or rules.unit_announced.search(ref.key):
        return False
    if rules.stop.search(ref.key) or any(rule.regex.search(ref.folded) for rule in labels().rules("section_start")
                                         if rule.id != "numbered"):
        return True
    if _other_field_label(ref):
        return True
    own = heading_level(ref.folded)
    if level is not None:  # a numbered section holds everything up to its next sibling heading
        return own is not None and own <= level
    carries_on = bool(find_amounts(ref.text) or rules.section.search(ref.key))
    heading = any(rule.regex.search(ref.folded) for rule in labels().rules("section_start") if rule.id == "numbered")
    text = clean_text(ref.text)
    starts_new = heading or bool(KEY_VALUE.match(ref.key)) or (in_capitals(text) and len(text.split()) > 1)
    return starts_new and not carries_on


def _parent_level(refs: list[Ref], ref: Ref, level: int | None) -> int | None:
    """The level a numbered benefit section runs at: its parent's when the line right above is a shallower heading
    that itself speaks of the benefit ("V. HIỆU QUẢ KINH TẾ" over "5.1. Tiết kiệm …", "5.2 …", "5.5. Tổng …"), so
    the subsections' items and the total after them are read as one section."""
    above = refs[ref.index - 1] if level and ref.index else None
    parent = heading_level(above.folded) if above else None
    if parent is None or parent >= level or not any(r.regex.search(above.key) for r in labels().rules("benefit")):
        return level
    return parent


def benefit_section(refs: list[Ref], hit: Hit, rules: BenefitRules | None = None) -> list[tuple[Ref, str]]:
    """The lines of the benefit section starting at `hit`, each with the text to read: the label line's from its
    label on (the label may say what the amount is: "Số tiền làm lợi: …"), the others whole."""
    rules = rules or benefit_rules()
    first = hit.value_ref
    lines = [(first, clean_text(first.text))]
    if first is not hit.ref:  # the value under its label: the label still says what the amount is
        lines.insert(0, (hit.ref, clean_text(hit.ref.text)))
    level = _parent_level(refs, hit.ref, heading_level(hit.ref.folded))
    prose = 0
    for ref in refs[first.index + 1:]:
        prose += not ref.line.cells  # a savings table's rows are not counted: its total comes after all of them
        if prose > SECTION_LIMIT or _ends_section(ref, rules, level):
            break
        lines.append((ref, clean_text(ref.text)))
    return lines


def _passage(hit: Hit, section: list[tuple[Ref, str]]) -> str:
    """The benefit text shown to reviewers: the value after the label and the rest of the section."""
    rest = [line for ref, line in section if ref.index > hit.value_ref.index]
    return " ".join(" ".join([hit.head, *rest]).split())


def _is_total(hit: Hit, choice: Choice, rules: BenefitRules) -> bool:
    return choice.strategy in ("total", "total_unlabelled", "last_of_totals") or bool(rules.total.search(hit.ref.key))


def extract_benefit(refs: list[Ref]) -> Extracted:
    """The benefit passage and its amount; sections with money win over purely social ones, then the surest
    label, then the earliest. A label inside a section already read (an item "Tiết kiệm điện: …", "Giá trị làm
    lợi: …" under a bare heading "Hiệu quả") starts no section of its own, but lends the section its confidence
    when it is surer than the section's own label."""
    rules, found, covered = benefit_rules(), [], set()
    hits = list(find_labels(refs, labels().rules("benefit")))
    for hit in hits:
        if hit.ref.index in covered:
            continue
        section = benefit_section(refs, hit, rules)
        lines = {ref.index for ref, _ in section}
        covered |= lines
        passage = _passage(hit, section)
        if not passage:
            continue
        surest = max((h for h in hits if h.ref.index in lines), key=lambda h: h.rule.confidence, default=hit)
        choice = choose(section_mentions(section, rules))
        found.append((choice.amount is not None, surest.rule, hit, passage, choice))
    if not found:
        return MISSING if hits else not_stated(refs, "form-without-benefit")
    # A section that ends in a total (or is a total's own line, "TỔNG SỐ TIỀN LÀM LỢI: …") beats one that gives an
    # item of it: a report may number its items afresh ("1. Tiết kiệm in ấn: …") under a subsection, so that an
    # item reads as a labelled benefit of its own.
    _, rule, hit, passage, choice = max(found, key=lambda f: (f[0], _is_total(f[2], f[4], rules), f[1].confidence))
    value = {"text": passage, "amount_vnd": choice.amount, "per_year": choice.per_year}
    confidence = min(rule.confidence * confidence_of(choice, rules), rules.confidence.ceiling)
    where = choice.ref or hit.value_ref
    rule_id = f"{rule.id}/{choice.strategy}" + ("+words" if choice.words_agree else "")
    snippet = where.text[:200] if choice.ref else passage[:200]
    return Extracted.at(value, confidence, where, rule_id, snippet, check="")
