"""The `learn-sectors` flow: retrain the sector classifier from reviewers' corrected sectors
(pipeline.sector_learning), as a Prefect run whose result table says how the new model measured and whether it
was switched in. Started by `sangkien learn`, by the admin page's button, and by a batch before it reads, once
`learn_every` sector corrections came since the last model."""

from __future__ import annotations

from dataclasses import asdict

from prefect import flow, get_run_logger
from prefect.artifacts import create_table_artifact

from pipeline.labels import share
from pipeline.sector_learning import SectorLearning
from pipeline.store import Store


@flow(name="learn-sectors")
def learn_sectors(database_url: str, username: str) -> dict | None:
    version = SectorLearning(Store.shared(database_url)).retrain(username)
    if version is None:
        get_run_logger().info("no corrected sector to learn from")
        return None
    get_run_logger().info("sector model %d from %d corrections (%d held out): %s -> %s, %s", version.id,
                          version.corrections, version.held_out, share(version.accuracy_before),
                          share(version.accuracy_after), "switched in" if version.active else "kept aside")
    create_table_artifact([{"Phiên bản": version.id, "Số hồ sơ đã sửa": version.corrections,
                            "Giữ riêng để đo": version.held_out, "Trước": share(version.accuracy_before),
                            "Sau": share(version.accuracy_after), "Kết quả": version.note}],
                          key="sector-model", description="Mô hình phân loại lĩnh vực học lại từ các lần sửa.")
    return asdict(version)


def learn_if_due(database_url: str, every: int) -> dict | None:
    """Retrain first when `every` (> 0) sector corrections came since the last model (a batch calls this)."""
    if every <= 0 or SectorLearning(Store.shared(database_url)).corrections_since_last() < every:
        return None
    return learn_sectors(database_url, "tự động")
