"""Scene files in the window: File › Open scene, Save scene, Save scene as, the recent scenes,
a scene file dropped on the window, and the question before closing a changed scene.

:meth:`SceneFiles.capture` reads the window into a
:class:`~viewer.scene.scene_file.SceneDocument`; :meth:`SceneFiles.apply` puts one back (what
the app does not know is left out and listed in a message). The ``pain_map`` part is passed
through :attr:`SceneFiles.pain_map_hook` (a pair: one function giving the pain painting to
save, one taking what a file holds) and kept untouched otherwise.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject, QSettings
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QFileDialog, QMenu, QMessageBox

from ..scene.scene_file import (
    SCENE_SUFFIX,
    ReadScene,
    SceneDocument,
    SceneFileError,
    SceneFocus,
    read_scene,
    restrict,
    save_scene,
)
from . import settings

if TYPE_CHECKING:
    from .main_window import MainWindow

#: the recent scenes listed in File › Recent scenes
MAX_RECENT = 8
RECENT_KEY = "recent_scenes"
FILE_FILTER = f"L5-S1 scenes (*{SCENE_SUFFIX})"
#: a camera that moved less than this (mm) has not changed the scene
CAMERA_CHANGE_MM = 1e-3

PainMapHook = tuple[Callable[[], dict[str, Any] | None], Callable[[dict[str, Any] | None], None]]
Button = QMessageBox.StandardButton


class SceneFiles(QObject):
    """Opens and saves the window's scene; ``path`` is the scene file in use (None: none)."""

    def __init__(self, window: MainWindow):
        super().__init__(window)
        self.window = window
        self.path: Path | None = None
        #: the scene as last opened or saved (None: nothing to lose yet)
        self.baseline: SceneDocument | None = None
        self.pain_map_hook: PainMapHook | None = None
        #: the pain painting of the scene opened, kept when no hook is wired
        self._pain_map: dict[str, Any] | None = None
        #: what the last open left out (each a sentence)
        self.left_out: list[str] = []
        #: why the last scene applied had its pain map left out (None: it had none, or it fitted)
        self.pain_map_problem: str | None = None
        #: asks Save / Discard / Cancel before a changed scene is closed (tests may replace it)
        self.ask_to_save: Callable[[], Button] = self._ask_to_save
        self.recent_menu: QMenu | None = None
        self.left_out_box: QMessageBox | None = None
        window.setAcceptDrops(True)
        window.installEventFilter(self)
        # the 3D view takes drops itself (pyvistaqt would read any file as a mesh): scene files
        # are opened, anything else is refused there
        window.scene_view.installEventFilter(self)

    # -- the window <-> a document ---------------------------------------------------------
    def capture(self) -> SceneDocument:
        """The scene the window shows now."""
        w = self.window
        st = w.state
        focus = st.focus
        pain_map = self.pain_map_hook[0]() if self.pain_map_hook else self._pain_map
        return SceneDocument(
            camera=w.renderer.camera_pose(),
            visible=st.visible,
            faded=st.faded,
            xray=st.xray,
            selected=st.selected,
            focus=None if focus is None else SceneFocus(focus.kind, focus.key, focus.side),
            voice=st.voice,
            text_scale=w.text_size.factor,
            labels=st.labels,
            pins=tuple(w.scene.pins),
            pain_map=pain_map,
        )

    def known(self, read: ReadScene) -> ReadScene:
        """``read`` without what this window does not know."""
        w = self.window
        c = w.content
        keys: dict[str, Collection[str]] = {
            "story": c.stories,
            "path": c.paths,
            "section": [s.id for s in c.sections],
            "topic": c.topics,
        }
        faces = {sid: m.n_cells for sid, m in w.scene.meshes.items()}
        return restrict(read, w.state.ids, keys, faces)

    def known_scene(self, doc: SceneDocument) -> SceneDocument:
        """``doc`` without what this window does not know (a tour's step)."""
        return self.known(ReadScene(doc)).document

    def apply(self, doc: SceneDocument, glide: bool = False) -> None:
        """Show ``doc`` (every id known to the window: see :meth:`known`); ``glide`` moves the
        camera there smoothly instead of jumping."""
        w = self.window
        st = w.state
        focus = doc.focus
        if focus is None:
            w.teaching.clear()
        elif focus.kind == "story":
            w.teaching.show_story(focus.key, focus.side)
        elif focus.kind == "path":
            w.teaching.show_path(focus.key)
        elif focus.kind == "section":
            w.teaching.show_section(focus.key)
        else:
            w.teaching.show_topic(focus.key)
        st.set_visible(doc.visible if doc.visible is not None else st.default_visible())
        st.set_faded(doc.faded)
        st.set_xray(doc.xray)
        st.set_labels(doc.labels)
        w.info_panel.use_patient_words(doc.voice == "patient")
        st.set_voice(doc.voice)
        w.text_size.set_factor(doc.text_scale)
        st.select(doc.selected if doc.selected is None or st.is_shown(doc.selected) else None)
        w.scene.pins.replace_all(doc.pins)
        self.pain_map_problem = None
        if self.pain_map_hook is not None:
            try:
                self.pain_map_hook[1](doc.pain_map)
            except ValueError as exc:  # a malformed pain map is left out, and said
                self.pain_map_problem = str(exc)
        self._pain_map = doc.pain_map
        if doc.camera is not None:
            w.loop.move_camera(doc.camera) if glide else w.loop.apply_pose(doc.camera)
        w.request_render()

    # -- opening and saving ------------------------------------------------------------------
    def open(self, path: str | Path) -> list[str]:
        """Open the scene file ``path``: what was left out (also said in a message)."""
        path = Path(path)
        read = self.known(read_scene(path))
        self.apply(read.document)
        if self.pain_map_problem is not None:
            read.left_out.append(self.pain_map_problem)
        self.window.undo_stack.clear()
        self.path = path
        self.baseline = self.capture()
        self.left_out = read.left_out
        self._remember(path)
        self._title()
        if read.left_out:
            self._say_left_out(path, read.left_out)
        else:
            self.window.statusBar().showMessage(f"Opened {path.name}", 4000)
        return read.left_out

    def save(self, path: str | Path | None = None) -> Path | None:
        """Save the scene to ``path`` (default: the file in use; none: ask where)."""
        target = Path(path) if path is not None else self.path
        if target is None:
            return self.save_as_dialog()
        if target.suffix != SCENE_SUFFIX:
            target = target.with_name(target.name + SCENE_SUFFIX)
        doc = self.capture()
        save_scene(doc, target)
        self.path, self.baseline = target, doc
        self.window.undo_stack.setClean()
        self._remember(target)
        self._title()
        self.window.statusBar().showMessage(f"Saved {target.name}", 4000)
        return target

    def open_dialog(self) -> None:
        if not self.may_discard():
            return
        name, _ = QFileDialog.getOpenFileName(self.window, "Open scene", "", FILE_FILTER)
        if name:
            self.open_reporting(name)

    def save_dialog(self) -> None:
        self.save()

    def save_as_dialog(self) -> Path | None:
        start = str(self.path) if self.path else f"class{SCENE_SUFFIX}"
        name, _ = QFileDialog.getSaveFileName(self.window, "Save scene as", start, FILE_FILTER)
        return self.save(name) if name else None

    def open_reporting(self, path: str | Path) -> bool:
        """Open ``path``, saying in the status bar why when it cannot be opened."""
        try:
            self.open(path)
        except SceneFileError as exc:
            self.window.statusBar().showMessage(f"Cannot open {Path(path).name}: {exc}", 8000)
            return False
        return True

    # -- changed? --------------------------------------------------------------------------------
    def is_changed(self) -> bool:
        """Whether closing now would lose something: a scene in use (or pins placed) differs
        from what was last opened or saved."""
        if self.path is None and len(self.window.scene.pins) == 0:
            return False
        if self.baseline is None:
            return True
        return not self.capture().same_as(self.baseline, CAMERA_CHANGE_MM)

    def may_discard(self) -> bool:
        """Whether the scene may be left: unchanged, saved now, or the user says discard."""
        if not self.is_changed():
            return True
        answer = self.ask_to_save()
        if answer == Button.Save:
            return self.save() is not None
        return answer == Button.Discard

    def _ask_to_save(self) -> Button:
        name = self.path.name if self.path else "The scene"
        box = QMessageBox(
            QMessageBox.Icon.Question,
            "Scene changed",
            f"{name} has changed. Save it before closing?",
            Button.Save | Button.Discard | Button.Cancel,
            self.window,
        )
        box.setObjectName("scene_changed")
        box.setDefaultButton(Button.Save)
        return Button(box.exec())

    # -- recent files, the title, messages ---------------------------------------------------
    def recent(self) -> list[Path]:
        raw = settings.settings().value(RECENT_KEY, [])
        items = [raw] if isinstance(raw, str) else list(raw) if isinstance(raw, list) else []
        return [Path(p) for p in items if isinstance(p, str) and p][:MAX_RECENT]

    def _remember(self, path: Path) -> None:
        items = [str(path.resolve())]
        items += [str(p) for p in self.recent() if str(p) != items[0]]
        s: QSettings = settings.settings()
        s.setValue(RECENT_KEY, items[:MAX_RECENT])
        s.sync()
        self.fill_recent_menu()

    def install_menu(self, file_menu: QMenu | None) -> None:
        """File › Recent scenes (filled from the settings, refilled after each open and save)."""
        if file_menu is None:
            return
        menu = QMenu("Recent scenes", file_menu)
        menu.setObjectName("menu_recent_scenes")
        quit_action = next(
            (a for a in file_menu.actions() if a.objectName() == "action_quit"), None
        )
        file_menu.insertMenu(quit_action, menu) if quit_action else file_menu.addMenu(menu)
        self.recent_menu = menu
        self.fill_recent_menu()

    def fill_recent_menu(self) -> None:
        menu = self.recent_menu
        if menu is None:
            return
        menu.clear()
        guard = self.window.slot_errors.guard
        for n, path in enumerate(self.recent(), start=1):
            act = menu.addAction(f"&{n} {path.name}")
            act.setToolTip(str(path))
            act.triggered.connect(guard(lambda p=path: self._open_recent(p)))
        menu.setEnabled(bool(menu.actions()))

    def _open_recent(self, path: Path) -> None:
        if self.may_discard():
            self.open_reporting(path)

    def _title(self) -> None:
        w = self.window
        name = f"{self.path.name} - " if self.path else ""
        w.setWindowTitle(f"{name}{w.content.title} - L5-S1 viewer")

    def _say_left_out(self, path: Path, lines: list[str]) -> None:
        box = QMessageBox(
            QMessageBox.Icon.Information,
            "Scene opened in part",
            f"{path.name} opened; {len(lines)} part(s) could not be used and were left out.",
            Button.Ok,
            self.window,
        )
        box.setObjectName("scene_left_out")
        box.setDetailedText("\n".join(lines))
        box.setModal(False)
        box.show()
        self.left_out_box = box
        self.window.statusBar().showMessage(
            f"Opened {path.name}; left out: {'; '.join(lines)[:200]}", 10000
        )

    # -- drag and drop -------------------------------------------------------------------------
    @staticmethod
    def dropped_scene(event: QDropEvent) -> Path | None:
        """The scene file a drag carries (the first local ``*.l5s1scene``), or None."""
        mime = event.mimeData()
        if mime is None or not mime.hasUrls():
            return None
        for url in mime.urls():
            if url.isLocalFile() and url.toLocalFile().endswith(SCENE_SUFFIX):
                return Path(url.toLocalFile())
        return None

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        kind = event.type()
        if kind not in (QEvent.Type.DragEnter, QEvent.Type.DragMove, QEvent.Type.Drop):
            return False
        assert isinstance(event, QDropEvent)
        path = self.dropped_scene(event)
        if path is None:
            if obj is self.window.scene_view:
                event.ignore()  # not for the 3D view
                return True
            return False
        event.acceptProposedAction()
        if kind == QEvent.Type.Drop and self.may_discard():
            self.open_reporting(path)
        return True
