"""Golden tests on stamped dossiers: two red seals a page, blue signatures and dates (samples/gen_seals.py), as a
colour scan PDF, a colour JPEG scan and phone photos, read end to end with real Tesseract against ground truth.

Without separating the ink (extractors/reading/ink.py) the seals' rings read as words and hide the unit's name,
the title and the signer; these forms then lose a third of their fields. As in test_golden, an OCR'd title may
differ from the truth only by a letter's tone mark (it must fold to the same text).
"""

from __future__ import annotations

import pytest

from tests.golden_support import grid_of, wrong_fields

pytestmark = pytest.mark.ocr
STAMPED = ("seal-scan", "seal-image", "seal-photo")
FORMS = ("don-tt18", "ban-mo-ta", "doanh-nghiep")  # a table and a signature; two letterheads under a seal


@pytest.fixture(scope="module")
def stamped_grid(tmp_path_factory) -> dict[tuple[str, str], tuple[dict, dict]]:
    return grid_of(tmp_path_factory.mktemp("stamped"), FORMS, "--variants", ",".join(FORMS), kinds=STAMPED)


@pytest.mark.parametrize("kind", STAMPED)
@pytest.mark.parametrize("variant", FORMS)
def test_stamped_forms_read_right(stamped_grid, kind, variant):
    assert wrong_fields("pdf-scan", *stamped_grid[(kind, variant)]) == {}
