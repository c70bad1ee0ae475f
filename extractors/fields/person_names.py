"""Person names where a form has no label for them: in capitals, in a run of prose, or two signature columns
merged onto one line ("Nguyễn Thị Kim Oanh Ngô Thị Bích Ngọc"), and what a template leaves instead of a name.

A name is a known surname then one to four capitalised syllables (`names.is_person_name`); the surnames are
those of extractors/fields/rules/checks.yaml.
"""

from __future__ import annotations

import re
from functools import lru_cache

from extractors.fields.author_rules import author_rules
from extractors.fields.lines import in_capitals
from extractors.fields.names import is_person_name
from extractors.fields.placeholders import is_placeholder, is_position
from extractors.fields.plausibility import checks
from extractors.fold import fold

# Syllables that open the given part of a name far more often than a surname ("Thị", "Văn"): a split of a merged
# line that starts a name with one is unlikely; a name whose second word is one is likely.
_MIDDLE = frozenset({"thi", "van"})
_COMMON_SURNAMES = frozenset({"nguyen", "tran", "le", "pham", "hoang", "huynh", "phan", "vu", "vo", "dang", "bui",
                              "do", "ho", "ngo", "duong", "ly", "dao", "doan", "dinh", "trinh", "truong"})


@lru_cache(maxsize=1)
def surnames() -> frozenset[str]:
    return frozenset(fold(s) for s in checks().surnames)


def proper_case(text: str) -> str:
    """'NGUYỄN VĂN AN' → 'Nguyễn Văn An'; text not set in capitals is returned as it is. Syllables OCR misreads into
    no name's word ('Thì' for 'Thị') are mended (rules/authors.yaml `misread_syllables`)."""
    mend = author_rules().misread_syllables
    text = " ".join(mend.get(word, word) for word in text.split())
    if not in_capitals(text):
        return text
    return " ".join(word[:1].upper() + word[1:].lower() for word in text.split())


def as_name(text: str) -> str | None:
    """`text` as a person's full name (capitals made proper case), or None when it is not one."""
    words = text.strip(" .,;:-–_|*").split()
    name = proper_case(" ".join(words))
    if not 2 <= len(words) <= 5 or is_placeholder(name) or is_position(name) or _organisation(name):
        return None
    return name if is_person_name(name, surnames()) else None


def _organisation(text: str) -> bool:
    return bool(author_rules().organisation.search(fold(text)))


def _score(part: list[str]) -> float:
    """How typical a name of these words is: three or four words, a common surname, 'Thị'/'Văn' second."""
    folded = [fold(w) for w in part]
    score = {2: -0.5, 3: 0.0, 4: 0.0, 5: -1.0}[len(part)]
    score += 0.5 * (folded[0] in _COMMON_SURNAMES) + 0.7 * (folded[1] in _MIDDLE) - 1.5 * (folded[0] in _MIDDLE)
    return score


def split_merged(text: str, most: int = 4) -> list[str] | None:
    """The names of a line where up to `most` names stand side by side with no mark between them, as PDF text and
    OCR merge the columns of a signature block; None when the words do not split into names."""
    words = proper_case(text).split()
    best: dict[int, tuple[float, list[str]]] = {0: (0.0, [])}  # words consumed → best (score, names)
    for end in range(1, len(words) + 1):
        for start in range(max(0, end - 5), end - 1):
            if start not in best or len(best[start][1]) >= most:
                continue
            name = as_name(" ".join(words[start:end]))
            if name:
                score = best[start][0] + _score(words[start:end])
                if end not in best or score > best[end][0]:
                    best[end] = (score, best[start][1] + [name])
    return best[len(words)][1] if len(words) in best else None


# A vowel with a diaeresis, which Vietnamese never writes, right after the same vowel with its tone mark: OCR read
# one letter twice ("Lãä Văn Kiên").
_DOUBLED = re.compile(r"(?i)([aàáảãạ])ä|([eèéẻẽẹ])ë|([iìíỉĩị])ï|([oòóỏõọ])ö|([uùúủũụ])ü|([yỳýỷỹỵ])ÿ")


def name_run(text: str) -> list[str]:
    """The names listed at the start of `text` ("cô Nguyễn Thị Lan, cô TRẦN THỊ HOA và thầy Lê Văn Cường, giáo
    viên …" → three names), each after an optional honorific, up to the first thing that is not a name."""
    rules = author_rules()
    names, rest = [], _DOUBLED.sub(lambda m: next(g for g in m.groups() if g), text)
    while rest:
        m = rules.honorific.match(fold(rest))
        if m and rest[m.end():m.end() + 1].isupper():
            rest = rest[m.end():]
        if is_position(rest):  # "…, Phó Giám đốc Sở …": capitalised, yet no name
            break
        name, rest = _leading_name(rest)
        if not name:
            break
        names.append(name)
        sep = rules.separator.match(fold(rest))
        if not sep:
            break
        rest = rest[sep.end():]
    return names


_WORD = re.compile(r"\s*([^\W\d_]+)")


def _leading_name(text: str) -> tuple[str | None, str]:
    """The longest name (2–5 words) at the start of `text`, and the text after it."""
    ends, pos = [], 0
    for _ in range(5):
        m = _WORD.match(text, pos)
        if not m or not m.group(1)[:1].isupper():
            break
        pos = m.end()
        ends.append(pos)
    for end in reversed(ends[1:]):
        name = as_name(text[:end])
        if name:
            return name, text[end:]
    return None, text
