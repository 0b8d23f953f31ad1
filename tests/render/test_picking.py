"""Pick logic with a fake picker: which structure a click lands on, and click versus drag."""

from viewer.render.picking import CLICK_SLOP_PX, StructurePicker, is_click


class FakePicker:
    """Answers a pick with the first pickable actor whose screen box holds the point."""

    def __init__(self, boxes):
        self.boxes = boxes  # actor -> (x0, y0, x1, y1)
        self.list = []
        self.hit = None

    def PickFromListOn(self):
        pass

    def InitializePickList(self):
        self.list = []

    def AddPickList(self, actor):
        self.list.append(actor)

    def Pick(self, x, y, z, renderer):
        self.hit = next(
            (
                a
                for a in self.list
                if self.boxes[a][0] <= x <= self.boxes[a][2]
                and self.boxes[a][1] <= y <= self.boxes[a][3]
            ),
            None,
        )
        return int(self.hit is not None)

    def GetActor(self):
        return self.hit

    def GetPickPosition(self):
        return (0.0, 0.0, 0.0)


def make():
    l5, root = object(), object()
    fake = FakePicker({l5: (0, 0, 100, 100), root: (40, 40, 60, 60)})
    picker = StructurePicker(
        fake, renderer=None, actor_ids={l5: "l5_vertebra", root: "s1_nerve_root_left"}
    )
    return picker


def test_pick_names_the_structure_and_background_is_none():
    picker = make()
    picker.set_pickable(["s1_nerve_root_left", "l5_vertebra"])
    assert picker.pick(50, 50) == "s1_nerve_root_left"
    assert picker.pick(10, 10) == "l5_vertebra"
    assert picker.pick(500, 500) is None


def test_only_pickable_structures_are_hit():
    picker = make()
    picker.set_pickable(["l5_vertebra"])  # the root hidden or see-through
    assert picker.pick(50, 50) == "l5_vertebra"
    picker.set_pickable([])
    assert picker.pick(50, 50) is None


def test_click_versus_drag():
    assert is_click((100, 100), (100, 100))
    assert is_click((100, 100), (100 + CLICK_SLOP_PX - 1, 100))
    assert not is_click((100, 100), (130, 90))
    assert not is_click(None, (100, 100))
