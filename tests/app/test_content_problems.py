"""Bad content meets the user as a clear, non-blocking message; the window stays usable."""

import json

import pytest

from viewer import MainWindow, locations
from viewer.content import load_annotations_for_app

pytestmark = pytest.mark.usefixtures("qapp")


def test_window_opens_on_damaged_content_and_says_what_was_left_out(
    qapp, tmp_path, viewer_mesh_dir
):
    data = json.loads(locations.annotations_path().read_text(encoding="utf-8-sig"))
    data["structures"]["piriformis_left"]["colour"] = "not a colour"
    f = tmp_path / "annotations.json"
    f.write_text(json.dumps(data), encoding="utf-8")
    content, problems = load_annotations_for_app(f)
    assert any("piriformis_left" in str(p) for p in problems)

    w = MainWindow(content, viewer_mesh_dir)
    w.show()
    w.report_content_problems(problems)
    qapp.processEvents()
    box = w.content_problems_box
    assert box.isVisible() and not box.isModal()
    assert "piriformis_left" in box.detailedText()
    # the rest is usable: the bundled entry stands in, and selecting works
    w.select("piriformis_left")
    qapp.processEvents()
    assert "Piriformis" in w.info_panel.toPlainText()
    w.close()
