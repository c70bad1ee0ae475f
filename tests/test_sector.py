"""Sector: keyword rules on the written sector, the trained classifier, its disk cache, a replaced taxonomy."""

from __future__ import annotations

import threading
import time

import pytest

from extractors.fields import sector_model
from extractors.fields.lines import MISSING, Extracted
from extractors.fields.ruleset import sectors
from extractors.fields.sector import classify
from extractors.fields.sector_examples import sector_examples
from extractors.fields.sector_keywords import keyword_shares
from extractors.fold import squash

# Written for this test, not in sector_examples.yaml (checked below): the classifier must generalise to them.
HELD_OUT = [
    ("Rèn kỹ năng giải bài toán có lời văn cho học sinh lớp 2", "giao-duc"),
    ("Giảm tỷ lệ té ngã của người bệnh cao tuổi nằm viện", "y-te"),
    ("Chăm sóc răng miệng cho người bệnh thở máy tại khoa Hồi sức", "y-te"),
    ("Phòng trừ rầy nâu hại lúa vụ hè thu bằng bẫy đèn", "nong-nghiep"),
    ("Giảm sự cố mất điện do động vật leo lên trạm biến áp", "cong-nghiep"),
    ("Thi công dầm cầu bê tông dự ứng lực bằng xe lao dầm", "xay-dung"),
    ("Phần mềm quản lý văn bản đi đến trên nền tảng điện toán đám mây", "cntt"),
    ("Rút ngắn thời gian cấp bản sao trích lục hộ tịch cho người dân", "hanh-chinh"),
    ("Đôn đốc thu nợ thuế của doanh nghiệp ngừng hoạt động", "tai-chinh"),
    ("Khôi phục điệu múa truyền thống của đồng bào Mường", "van-hoa-xa-hoi"),
    ("Lắp tấm chắn an toàn cho máy mài cầm tay tại xưởng cơ khí", "atvsld"),
    ("Phòng ngừa tội phạm cướp giật trên các tuyến đường vắng", "quoc-phong-an-ninh"),
    ("Nâng cao chất lượng sinh hoạt chi đoàn khu dân cư", "dang-doan-the"),
    ("Giảm thời gian chờ thanh toán của khách tại quầy siêu thị", "khac"),
]


def _forget() -> None:
    sectors.cache_clear()
    sector_examples.cache_clear()
    sector_model.forget_loaded()


@pytest.fixture(scope="module", autouse=True)
def models_home(tmp_path_factory):
    """One model cache for the module, so the shipped model is trained once here."""
    with pytest.MonkeyPatch.context() as mp:
        home = tmp_path_factory.mktemp("cache")
        mp.setenv("XDG_CACHE_HOME", str(home))
        mp.delenv("SANGKIEN_SECTORS", raising=False)
        mp.delenv("SANGKIEN_SECTOR_EXAMPLES", raising=False)
        _forget()
        yield home
    _forget()


def _written(text: str) -> Extracted:
    return Extracted(text, 0.9, "don.docx", 1, f"Lĩnh vực áp dụng sáng kiến: {text}", "linh-vuc-ap-dung")


def _model():
    return sector_model.load_model(sectors(), sector_examples())


def test_shipped_examples_cover_every_code():
    examples, codes = sector_examples(), [s.code for s in sectors().sectors]
    assert set(examples.examples) == set(codes)
    assert all(len(examples.examples[code].all) >= 25 for code in codes)


@pytest.mark.parametrize("text, problem", [("Giáo duc", "not NFC"), ("Kế toán", "example of both")])
def test_examples_file_is_validated(tmp_path, monkeypatch, text, problem):
    path = tmp_path / "examples.yaml"
    text = text.replace("duc", "du\u0323c")  # a combining dot below: NFD, as some editors save it
    path.write_text(f"version: t\nexamples:\n  giao-duc: {{raw: [{text}]}}\n  tai-chinh: {{raw: [Kế toán]}}\n",
                    encoding="utf-8")
    monkeypatch.setenv("SANGKIEN_SECTOR_EXAMPLES", str(path))
    sector_examples.cache_clear()
    with pytest.raises(ValueError, match=problem) as caught:
        sector_examples()
    assert str(path) in str(caught.value)
    sector_examples.cache_clear()


@pytest.mark.parametrize("raw, code", [
    ("Quản lý giáo dục", "giao-duc"), ("SKKN môn Hoá học", "giao-duc"), ("Quan ly giao duc", "giao-duc"),
    ("Dược", "y-te"), ("Điều dưỡng", "y-te"), ("Chăn nuôi – Thú y", "nong-nghiep"),
    ("Quản lí vận hành lưới điện", "cong-nghiep"), ("Xây dựng Đảng", "dang-doan-the"), ("Kế toán", "tai-chinh"),
    ("Cải cách hành chính", "hanh-chinh"), ("An toàn vệ sinh lao động", "atvsld"), ("Chuyển đổi số", "cntt"),
    ("Phòng cháy chữa cháy", "quoc-phong-an-ninh"), ("Thư viện - Thiết bị", "khac"),
])
def test_keywords_map_typical_raws(raw, code):
    found = classify(_written(raw), "Một tiêu đề không liên quan về kế toán", "")
    assert (found.value["code"], found.rule_id) == (code, "sector-keywords-raw")
    assert found.value["raw"] == raw and found.file == "don.docx"


def test_keywords_need_their_diacritics_unless_the_text_lost_them():
    assert keyword_shares("mang lại hiệu quả rõ rệt, được áp dụng toàn bộ") == {}  # not mạng / Dược / Toán
    assert keyword_shares("An toàn lao động") == {"atvsld": 1.0}  # longest match; not "lao động", "Toán"
    assert keyword_shares("SANG KIEN VE DUOC LAM SANG") == {"y-te": 1.0}


@pytest.mark.parametrize("title, code", HELD_OUT)
def test_classifier_generalises_to_held_out_titles(title, code):
    assert squash(title) not in {squash(t) for group in sector_examples().examples.values() for t in group.all}
    scores = _model().scores(title)
    assert max(scores, key=scores.get) == code


def test_without_a_written_sector_the_title_decides_with_low_confidence():
    found = classify(MISSING, "Phòng ngừa tội phạm cướp giật trên các tuyến đường vắng", "")
    assert (found.value["code"], found.rule_id) == ("quoc-phong-an-ninh", "sector-textcat-text")
    assert 0.2 < found.confidence < 0.8 and found.value["raw"] is None


def test_written_sector_unknown_to_keywords_goes_to_the_classifier():
    found = classify(_written("Cơ điện"), None, "")
    assert (found.value["code"], found.rule_id) == ("cong-nghiep", "sector-textcat-raw")
    assert found.confidence < classify(_written("Điện lực"), None, "").confidence


def test_nothing_recognisable_falls_back_with_low_confidence():
    written = classify(_written("zzz"), None, "")
    assert (written.value["code"], written.rule_id) == ("khac", "sector-fallback") and written.confidence < 0.5
    assert classify(MISSING, None, "").confidence < written.confidence


def test_training_is_reproducible():
    sector_model.forget_loaded()
    saved = _model()  # trained earlier in this module, read back from disk
    examples = sector_examples()
    again = sector_model.train(sector_model.trained_codes(sectors(), examples), examples)
    for text, _ in HELD_OUT:
        assert saved.scores(text) == again(squash(text)).cats


def test_saved_model_is_loaded_not_retrained(monkeypatch):
    path = _model().path
    assert path.parent == sector_model.models_dir() and path.name.startswith("sector-")
    stamp = path.stat().st_mtime_ns
    sector_model.forget_loaded()
    monkeypatch.setattr(sector_model, "train", lambda *a: pytest.fail("retrained although saved"))
    started = time.perf_counter()
    assert _model().path == path and path.stat().st_mtime_ns == stamp
    assert time.perf_counter() - started < 1.0


def test_first_use_from_many_threads_trains_once(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    sector_model.forget_loaded()
    calls, real_train = [], sector_model.train
    monkeypatch.setattr(sector_model, "train", lambda *a: calls.append(1) or real_train(*a))
    loaded = []
    threads = [threading.Thread(target=lambda: loaded.append(_model())) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(calls) == 1 and len({id(m) for m in loaded}) == 1
    # no temporary folder left behind
    assert [p.name for p in (tmp_path / "sangkien" / "models").iterdir()] == [loaded[0].path.name]
    sector_model.forget_loaded()


TAXONOMY = """version: test-1
fallback: other
sectors:
  - {code: giao-duc, label: Giáo dục, keywords: [giáo dục]}
  - {code: y-te, label: Y tế, keywords: [y tế]}
  - {code: do-thi, label: Đô thị, keywords: [chiếu sáng công cộng, cây xanh]}
  - {code: other, label: Khác, keywords: []}
"""


def test_replaced_taxonomy_trains_on_shared_codes_and_keeps_keywords_for_the_rest(tmp_path, monkeypatch):
    path = tmp_path / "sectors.yaml"
    path.write_text(TAXONOMY, encoding="utf-8")
    monkeypatch.setenv("SANGKIEN_SECTORS", str(path))
    _forget()
    try:
        assert sector_model.trained_codes(sectors(), sector_examples()) == ["giao-duc", "y-te"]
        lights = classify(_written("Chiếu sáng công cộng"), None, "")
        assert (lights.value, lights.rule_id) == ({"code": "do-thi", "label": "Đô thị", "raw": "Chiếu sáng công cộng"},
                                                  "sector-keywords-raw")
        assert classify(MISSING, HELD_OUT[1][0], "").value["code"] == "y-te"  # classifier on its two codes
        assert classify(_written("zzz"), None, "").value["code"] == "other"
        assert classify(MISSING, "Trồng cây xanh trên phố", "").value["code"] == "do-thi"  # keywords-only code
        path.write_text(TAXONOMY.replace("giao-duc", "gd").replace("y-te", "yt"), encoding="utf-8")
        _forget()
        assert sector_model.load_model(sectors(), sector_examples()) is None  # no codes with examples
        assert classify(_written("Quản lý giáo dục"), None, "").value["code"] == "gd"
        assert classify(MISSING, "Cây xanh trên phố", "").rule_id == "sector-keywords-text"
    finally:
        monkeypatch.delenv("SANGKIEN_SECTORS")
        _forget()
