"""Golden tests: the forms laid out as real dossiers are (`REAL_VARIANTS`, `generate.py --real`: fields in letterheads,
signature blocks, prose, totals after items; issue #16) in every medium, read end to end, against ground truth.
"""

from __future__ import annotations

import pytest

from samples.gen_forms import REAL_VARIANTS
from tests.golden_support import KINDS, grid_of, wrong_fields

pytestmark = pytest.mark.ocr


@pytest.fixture(scope="module")
def real_grid(tmp_path_factory):
    return grid_of(tmp_path_factory.mktemp("real-grid"), REAL_VARIANTS, "--real")


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("variant", REAL_VARIANTS)
def test_every_real_layout_in_every_medium(real_grid, kind, variant):
    assert wrong_fields(kind, *real_grid[(kind, variant)]) == {}
