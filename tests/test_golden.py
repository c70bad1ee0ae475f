"""Golden tests: the six classic forms of shared/domain.md (`VARIANTS`) in every medium, read end to end, against
ground truth. Digital media must be exact on every field; scans and photos may differ from the truth only where OCR
changed a letter of the title (the value must still fold to the same text). The forms laid out as real dossiers are
in test_golden_real.py, the classic forms photographed on a desk in test_golden_desk.py.
"""

from __future__ import annotations

import pytest

from samples.gen_facts import VARIANTS
from tests.golden_support import KINDS, grid_of, wrong_fields

pytestmark = pytest.mark.ocr


@pytest.fixture(scope="module")
def grid(tmp_path_factory):
    return grid_of(tmp_path_factory.mktemp("grid"), VARIANTS)


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("variant", VARIANTS)
def test_every_variant_in_every_medium(grid, kind, variant):
    assert wrong_fields(kind, *grid[(kind, variant)]) == {}
