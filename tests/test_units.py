"""The unit registry snaps close variants to one canonical name and leaves unknown units as written."""

import pytest

from extractors.fields import units


@pytest.fixture
def registry_file(tmp_path, monkeypatch):
    path = tmp_path / "units.yaml"
    path.write_text(
        'version: "t1"\nabbreviations: {MN: Mầm non, THCS: Trung học cơ sở, TP: thành phố}\nmin_similarity: 0.92\n'
        "units:\n  - name: Trường Mầm non Trúc Đào\n    aliases: []\n"
        "  - name: Trường THCS Quang Sơn, thành phố Tam Điệp\n    aliases: [THCS Quang Sơn - Tam Điệp]\n",
        encoding="utf-8")
    monkeypatch.setenv("SANGKIEN_UNITS", str(path))
    units.registry.cache_clear()
    units._index.cache_clear()
    yield path
    units.registry.cache_clear()
    units._index.cache_clear()


@pytest.mark.parametrize("written, canonical", [
    ("Trường MN Trúc Đào", "Trường Mầm non Trúc Đào"),
    ("TRƯỜNG MẦM NON TRÚC ĐÀO", "Trường Mầm non Trúc Đào"),
    ("Trường Mầm non Trúc Đào.", "Trường Mầm non Trúc Đào"),
    ("Trường THCS Quang Sơn, TP Tam Điệp", "Trường THCS Quang Sơn, thành phố Tam Điệp"),
])
def test_close_variants_snap(registry_file, written, canonical):
    assert units.snap(written)[0] == canonical


@pytest.mark.parametrize("written", ["Trường Mầm non Hoa Sen", "Trường THCS Quang Trung, thành phố Tam Điệp",
                                     "Bệnh viện Đa khoa tỉnh Ninh Bình"])
def test_other_units_are_not_forced(registry_file, written):
    assert units.snap(written) is None


def test_broken_registry_fails_loudly(tmp_path, monkeypatch):
    path = tmp_path / "units.yaml"
    path.write_text('version: "x"\nabbreviations: {}\nmin_similarity: 0.9\nunits: [{name: A, alias: [B]}]\n',
                    encoding="utf-8")
    monkeypatch.setenv("SANGKIEN_UNITS", str(path))
    units.registry.cache_clear()
    with pytest.raises(ValueError, match="units.yaml"):
        units.registry()
    units.registry.cache_clear()
