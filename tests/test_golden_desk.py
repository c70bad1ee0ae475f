"""Golden tests: the classic forms photographed on a desk (`desk-photo`: the sheet filling 60–90 % of the frame in
perspective, shadow band, colour cast; issue #17), read end to end, against ground truth.
"""

from __future__ import annotations

import pytest

from samples.gen_facts import VARIANTS
from tests.golden_support import grid_of, wrong_fields

pytestmark = pytest.mark.ocr


@pytest.fixture(scope="module")
def desk_grid(tmp_path_factory):
    return grid_of(tmp_path_factory.mktemp("desk-grid"), VARIANTS, kinds=("desk-photo",))


@pytest.mark.parametrize("variant", VARIANTS)
def test_every_variant_photographed_on_a_desk(desk_grid, variant):
    assert wrong_fields("desk-photo", *desk_grid[("desk-photo", variant)]) == {}
