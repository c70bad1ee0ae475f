"""What stands where a name should but is none: a template's placeholder ("[Họ tên tác giả]", "(ghi rõ họ tên)",
"Tập thể …", dot leaders, "xxx", the example "Nguyễn Văn A"), or a position ("Phó Giám đốc Sở …").
The patterns are data (extractors/fields/rules/authors.yaml)."""

from __future__ import annotations

from extractors.fields.author_rules import author_rules
from extractors.fold import squash


def is_placeholder(text: str) -> bool:
    """What a template leaves where a name goes."""
    rules = author_rules()
    return bool(rules.placeholder.search(squash(text)) or rules.example.search(text.strip()))


def is_position(text: str) -> bool:
    """'Phó Giám đốc Sở …', 'giáo viên': a position, never a name."""
    return bool(author_rules().position.match(squash(text)))
