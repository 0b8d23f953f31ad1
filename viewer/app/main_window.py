"""The main window: the 3D scene in the centre, the structure tree, the info panel, stories.

Widgets stay thin: they turn user actions into scene-state changes (through the undo stack) and
show what the state says; the renderer (:mod:`viewer.render`) maps the state onto the actors.
"""

from __future__ import annotations

import functools
import json
import logging
import sys
import time
import traceback
from pathlib import Path

from PySide6.QtCore import QByteArray, QEvent, QObject, QSettings, QStringListModel, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence, QUndoStack
from PySide6.QtWidgets import (
    QApplication,
    QCompleter,
    QDockWidget,
    QFileDialog,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMenu,
    QMessageBox,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from ..content import Annotations, load_annotations
from ..render.assembly import ModelScene
from ..render.picking import is_click
from ..render.teaching import Teaching
from ..scene.article import article_focus, section_structures, topic_structures
from ..scene.camera import CameraPose, frame, interpolate
from .article_panel import ArticlePanel
from .body_chart import BodyChart
from .info_panel import InfoPanel
from .scene_view import SceneView
from .structure_tree import StructureTree
from .undo import record

log = logging.getLogger(__name__)

ORGANISATION = "l5s1-viewer"
APPLICATION = "l5s1-viewer"
CAMERA_MOVE_MS = 300
HOVER_MS = 50  # hover picks at most this often
PULSE_PERIOD_S = 2.4  # one trip of the pulse along the S1 path
PULSE_TICK_MS = 50
VIEW_KEYS = {
    "anterior": "1",
    "posterior": "2",
    "left": "3",
    "right": "4",
    "superior": "5",
    "inferior": "6",
    "oblique": "7",
}


def settings() -> QSettings:
    """The app's settings, in the default format and place (which tests point elsewhere)."""
    return QSettings(
        QSettings.defaultFormat(), QSettings.Scope.UserScope, ORGANISATION, APPLICATION
    )


def reported(method):
    """A Qt slot that reports an exception (status bar, log) instead of letting it escape."""

    @functools.wraps(method)
    def slot(self, *args, **kwargs):
        try:
            return method(self, *args, **kwargs)
        except Exception as exc:  # noqa: BLE001 - a slot must never raise into Qt
            self.errors.append(exc)
            log.error("%s failed:\n%s", method.__name__, traceback.format_exc())
            try:
                self.statusBar().showMessage(f"Error: {exc}", 8000)
            except RuntimeError:
                pass
            return None

    return slot


class _ViewEvents(QObject):
    """Watches the 3D view's mouse and keys: clicks pick, drags rotate, hovering names."""

    def __init__(self, window: MainWindow):
        super().__init__(window)
        self.window = window
        self.press: tuple[float, float] | None = None
        self.button = None

    def eventFilter(self, obj, event) -> bool:  # noqa: N802 - Qt API
        t = event.type()
        if t == QEvent.Type.MouseButtonPress:
            self.press = (event.position().x(), event.position().y())
            self.button = event.button()
        elif t == QEvent.Type.MouseButtonRelease:
            pos = (event.position().x(), event.position().y())
            if event.button() == self.button and is_click(self.press, pos):
                if self.button == Qt.MouseButton.LeftButton:
                    self.window.click_at(*pos)
                elif self.button == Qt.MouseButton.RightButton:
                    self.window.context_menu_at(*pos, event.globalPosition().toPoint())
            self.press = None
        elif t == QEvent.Type.MouseMove and event.buttons() == Qt.MouseButton.NoButton:
            self.window.hover_at(event.position().x(), event.position().y())
        elif t in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            # VTK's own single-letter keys (w: wireframe, e/q: quit, ...) must not reach it
            return True
        return False


class MainWindow(QMainWindow):
    """The viewer window. ``MainWindow()`` opens the bundled content and meshes.

    Attributes for scripting and tests: ``scene_view`` (a pyvistaqt ``QtInteractor``),
    ``structure_tree`` (``QTreeView``), ``info_panel`` (``QTextBrowser``), ``search_field``
    (``QLineEdit``), ``state`` (the :class:`~viewer.scene.state.SceneState`), ``scene``
    (:class:`~viewer.render.assembly.ModelScene`), ``undo_stack`` and ``actions`` (by name).
    """

    def __init__(
        self,
        annotations: Annotations | None = None,
        mesh_dir: Path | None = None,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.errors: list[BaseException] = []
        self._closed = False
        self.content = annotations if annotations is not None else load_annotations()
        self.setWindowTitle(f"{self.content.title} - L5-S1 viewer")
        self.setObjectName("main_window")
        self.resize(1280, 800)

        # no multisampling (4x MSAA costs llvmpipe three times the frame); FXAA smooths the
        # edges of still frames and is switched off while the user turns the model
        self.scene_view = SceneView(self, auto_update=False, multi_samples=0)
        self.scene_view.setObjectName("scene_view")
        self.setCentralWidget(self.scene_view)
        self._render_pending = False
        self._frames = 0
        self._coarse_timer = QTimer(self)
        self._coarse_timer.setInterval(0)
        self._coarse_timer.timeout.connect(self._prepare_coarse_step)
        self.scene_view.ren_win.AddObserver("EndEvent", self._count_frame)
        self.scene = ModelScene(
            self.scene_view,
            self.content,
            mesh_dir,
            label_scale=self.devicePixelRatioF(),
            on_change=self.request_render,
        )
        self.state = self.scene.state
        self.renderer = self.scene.renderer
        self.teaching = Teaching(self.scene)
        self.undo_stack = QUndoStack(self)

        self.info_panel = InfoPanel(self.content)
        self.structure_tree = StructureTree(self.content, self.state)
        self.article_panel = ArticlePanel(self.content)
        self.search_field = QLineEdit()
        self.search_field.setObjectName("search_field")
        self.search_field.setPlaceholderText("Search structures and topics (Ctrl+F)")
        self.search_field.setClearButtonEnabled(True)
        self._build_docks()
        self.actions: dict[str, QAction] = {}
        self._build_actions()
        self._connect()

        self._camera_timer = QTimer(self)
        self._camera_timer.setInterval(16)
        self._camera_timer.timeout.connect(self._camera_step)
        self._camera_move: tuple[CameraPose, CameraPose, float] | None = None
        self._hover_timer = QTimer(self)
        self._hover_timer.setSingleShot(True)
        self._hover_timer.setInterval(HOVER_MS)
        self._hover_timer.timeout.connect(self._hover_pick)
        self._hover_pos: tuple[float, float] | None = None
        self.hovered: str | None = None
        self._pulse_timer = QTimer(self)
        self._pulse_timer.setInterval(PULSE_TICK_MS)
        self._pulse_timer.timeout.connect(self._pulse_step)
        self._pulse_t0 = time.perf_counter()
        self.pulse_paused = False

        self.scene_view.renderer.SetUseFXAA(True)
        style = self.scene_view.iren.interactor.GetInteractorStyle()
        if style is not None:
            # moving frames from the press on (VTK renders a drag's first step before it
            # announces the step); a plain click still costs one frame, drawn after the release
            style.AddObserver("StartInteractionEvent", lambda *_: self._set_smoothing(False))
            style.AddObserver("EndInteractionEvent", lambda *_: self._set_smoothing(True))
        self._view_events = _ViewEvents(self)
        self.scene_view.installEventFilter(self._view_events)
        self.scene_view.setMouseTracking(True)
        self.statusBar().showMessage("Click a structure to read about it; drag to turn the model.")
        self._restore_settings()

    # -- building ------------------------------------------------------------------------------
    def _build_docks(self) -> None:
        tree_box = QWidget()
        lay = QVBoxLayout(tree_box)
        lay.setContentsMargins(4, 4, 4, 4)
        lay.addWidget(self.search_field)
        lay.addWidget(self.structure_tree)
        names = []
        for sid, e in self.content.structures.items():
            if sid in self.state.structures:
                names += [e.name, *e.other_names]
        for t in self.content.topics.values():
            names += [t.title, *t.other_names]
        completer = QCompleter(QStringListModel(sorted(set(names), key=str.lower), self), self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.search_field.setCompleter(completer)
        self.completer = completer

        self.tree_dock = QDockWidget("Structures", self)
        self.tree_dock.setObjectName("structures_dock")
        self.tree_dock.setWidget(tree_box)
        self.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, self.tree_dock)

        self.info_dock = QDockWidget("Information", self)
        self.info_dock.setObjectName("info_dock")
        self.info_dock.setWidget(self.info_panel)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.info_dock)

        self.story_list = QListWidget()
        self.story_list.setObjectName("story_list")
        for sid, story in self.content.stories.items():
            item = QListWidgetItem(story.title)
            item.setData(Qt.ItemDataRole.UserRole, ("story", sid))
            self.story_list.addItem(item)
        for pid, path in self.content.paths.items():
            item = QListWidgetItem(f"S1 nerve path, {path.side} side")
            item.setData(Qt.ItemDataRole.UserRole, ("path", pid))
            self.story_list.addItem(item)
        self.story_dock = QDockWidget("Stories", self)
        self.story_dock.setObjectName("stories_dock")
        self.story_dock.setWidget(self.story_list)
        self.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, self.story_dock)
        self.article_dock = QDockWidget("Article", self)
        self.article_dock.setObjectName("article_dock")
        self.article_dock.setWidget(self.article_panel)
        self.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, self.article_dock)
        self.tabifyDockWidget(self.story_dock, self.article_dock)
        self.body_chart = BodyChart(self.content)
        self.chart_dock = QDockWidget("Where S1 pain is felt", self)
        self.chart_dock.setObjectName("body_chart_dock")
        self.chart_dock.setWidget(self.body_chart)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.chart_dock)
        self.tree_dock.setMinimumWidth(220)
        self.info_dock.setMinimumWidth(280)
        self.story_dock.setMinimumWidth(220)

    def _action(
        self,
        name: str,
        text: str,
        shortcut: str | QKeySequence.StandardKey | None,
        slot,
        checkable: bool = False,
        checked: bool = False,
        short: str | None = None,
    ) -> QAction:
        act = QAction(text, self)
        if short:
            act.setIconText(short)
        act.setObjectName(f"action_{name}")
        if shortcut is not None:
            act.setShortcut(QKeySequence(shortcut))
        keys = act.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
        act.setToolTip(f"{text} ({keys})" if keys else text)
        act.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        if checkable:
            act.setCheckable(True)
            act.setChecked(checked)
            act.toggled.connect(self._safe(slot))
        else:
            safe = self._safe(slot)
            act.triggered.connect(lambda _=False: safe())
        self.addAction(act)
        self.actions[name] = act
        return act

    def _safe(self, fn):
        """``fn`` as a slot that reports an exception instead of raising it into Qt."""
        return functools.partial(reported(lambda _self, *a: fn(*a)), self)

    def _build_actions(self) -> None:
        A = self._action
        for view, key in VIEW_KEYS.items():
            A(
                f"view_{view}",
                f"{view.capitalize()} view",
                key,
                functools.partial(self.set_view, view),
                short=view.capitalize(),
            )
        A("reset_view", "Reset view", "0", self.reset_view, short="Reset")
        A("xray", "X-ray", "X", self._on_xray, checkable=True)
        A("isolate", "Isolate selection", "I", self.isolate_selection, short="Isolate")
        A("hide", "Hide selection", "H", self.hide_selection, short="Hide")
        A("fade", "Fade selection", "F", self.fade_selection)
        A("show_all", "Show all", "A", self.show_all)
        A("clear_selection", "Clear selection", "Esc", lambda: self.select(None))
        A("labels", "Labels", "L", self._on_labels, checkable=True, checked=True)
        A(
            "screenshot",
            "Save screenshot",
            "Ctrl+S",
            self.save_screenshot_dialog,
            short="Screenshot",
        )
        A("search", "Search", "Ctrl+F", self._focus_search)
        A("full_screen", "Full screen", "F11", self._on_full_screen, checkable=True)
        A("voice", "Patient's words", "V", self._on_voice, checkable=True)
        A("path_left", "S1 nerve path, left", "P", functools.partial(self.show_path, "s1_left"))
        A(
            "path_right",
            "S1 nerve path, right",
            "Shift+P",
            functools.partial(self.show_path, "s1_right"),
        )
        A("pause_pulse", "Pause the pulse", "Space", self._on_pause_pulse, checkable=True)
        A("clear_story", "End story", "Ctrl+0", self.clear_story)
        A("article", "Article contents", "Ctrl+T", self.focus_article)
        A(
            "next_section",
            "Next article section",
            "Alt+Right",
            functools.partial(self.step_section, 1),
        )
        A(
            "previous_section",
            "Previous article section",
            "Alt+Left",
            functools.partial(self.step_section, -1),
        )
        A("quit", "Quit", "Ctrl+Q", self.close)
        undo = self.undo_stack.createUndoAction(self, "Undo")
        undo.setShortcut(QKeySequence("Ctrl+Z"))
        redo = self.undo_stack.createRedoAction(self, "Redo")
        redo.setShortcut(QKeySequence("Ctrl+Shift+Z"))
        for name, act in (("undo", undo), ("redo", redo)):
            act.setObjectName(f"action_{name}")
            act.setToolTip(f"{name.capitalize()} ({act.shortcut().toString()})")
            self.addAction(act)
            self.actions[name] = act
        for n, sid in enumerate(self.content.stories, start=1):
            if n <= 9:
                A(
                    f"story_{sid}",
                    self.content.story(sid).title,
                    f"Ctrl+{n}",
                    functools.partial(self.show_story, sid),
                )

        tb = QToolBar("View", self)
        tb.setObjectName("view_toolbar")
        for view in VIEW_KEYS:
            tb.addAction(self.actions[f"view_{view}"])
        tb.addAction(self.actions["reset_view"])
        tb.addSeparator()
        for name in ("xray", "isolate", "hide", "show_all", "labels"):
            tb.addAction(self.actions[name])
        tb.addSeparator()
        tb.addAction(self.actions["undo"])
        tb.addAction(self.actions["redo"])
        tb.addAction(self.actions["screenshot"])
        self.addToolBar(tb)
        self.toolbar = tb

        mb = self.menuBar()
        m = mb.addMenu("&File")
        m.addAction(self.actions["screenshot"])
        m.addAction(self.actions["quit"])
        m = mb.addMenu("&Edit")
        for name in ("undo", "redo", "search", "clear_selection"):
            m.addAction(self.actions[name])
        m = mb.addMenu("&View")
        for view in VIEW_KEYS:
            m.addAction(self.actions[f"view_{view}"])
        for name in ("reset_view", "xray", "labels", "full_screen", "voice"):
            m.addAction(self.actions[name])
        m = mb.addMenu("&Structures")
        for name in ("isolate", "hide", "fade", "show_all"):
            m.addAction(self.actions[name])
        m = mb.addMenu("S&tories")
        for sid in self.content.stories:
            if f"story_{sid}" in self.actions:
                m.addAction(self.actions[f"story_{sid}"])
        m.addSeparator()
        for name in ("path_left", "path_right", "pause_pulse", "clear_story"):
            m.addAction(self.actions[name])
        m = mb.addMenu("&Article")
        for name in ("article", "next_section", "previous_section"):
            m.addAction(self.actions[name])
        m = mb.addMenu("&Window")
        for dock in (
            self.tree_dock,
            self.info_dock,
            self.story_dock,
            self.article_dock,
            self.chart_dock,
        ):
            m.addAction(dock.toggleViewAction())

    def _connect(self) -> None:
        self.state.events.selection.connect(self._on_selection_event)
        self.state.events.visibility.connect(self._on_visibility_event)
        self.state.events.focus.connect(self._on_visibility_event)
        self.structure_tree.visibility_requested.connect(self._on_tree_visibility)
        self.structure_tree.structure_activated.connect(self._on_tree_activated)
        self.info_panel.structure_clicked.connect(self._on_link)
        self.info_panel.topic_clicked.connect(self.show_topic)
        self.info_panel.story_clicked.connect(self.show_story)
        self.article_panel.section_chosen.connect(self.show_section)
        self.article_panel.topic_chosen.connect(self.show_topic)
        self.search_field.returnPressed.connect(self._on_search)
        self.completer.activated.connect(self._on_completion)
        self.story_list.itemActivated.connect(self._on_story_item)
        self.story_list.currentItemChanged.connect(self._on_story_item)
        self.undo_stack.indexChanged.connect(lambda _i: self.request_render())

    def report_content_problems(self, problems) -> None:
        """Say, without blocking, which parts of the content could not be used: the rest of the
        app stays usable."""
        lines = [str(p) for p in problems]
        shown = "\n".join(lines[:12]) + (
            f"\n… and {len(lines) - 12} more" if len(lines) > 12 else ""
        )
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            "Content problems",
            f"{len(lines)} problem(s) in the content; the rest is shown.",
            QMessageBox.StandardButton.Ok,
            self,
        )
        box.setDetailedText(shown)
        box.setObjectName("content_problems")
        box.setModal(False)
        box.show()
        self.content_problems_box = box
        self.statusBar().showMessage(f"Content problems: {len(lines)} (see the message)", 10000)

    # -- rendering -----------------------------------------------------------------------------
    def request_render(self) -> None:
        """Render once the current event is handled (many state events, one frame; none if
        something else, such as VTK ending a mouse gesture, has rendered meanwhile)."""
        if self._render_pending or self._closed:
            return
        self._render_pending = True
        QTimer.singleShot(0, functools.partial(self._render_now, self._frames))

    def _count_frame(self, *_args) -> None:
        self._frames += 1
        if self._frames == 1:
            self._coarse_timer.start()

    def _render_now(self, frames_at_request: int) -> None:
        self._render_pending = False
        if not self._closed and self._frames == frames_at_request:
            self.scene_view.render()

    def _set_smoothing(self, on: bool) -> None:
        """Still frames: full meshes and FXAA; moving frames: coarse meshes, no FXAA."""
        if self._closed or bool(self.scene_view.renderer.GetUseFXAA()) == on:
            return
        self.scene_view.renderer.SetUseFXAA(on)
        if not on:
            self.renderer.prepare_coarse()  # those not made yet (a drag in the first second)
        self.renderer.set_coarse(not on)
        if on:
            self.request_render()

    def _prepare_coarse_step(self) -> None:
        """Make the coarse copies a few meshes at a time after the first frame, so that
        neither the start nor the user waits for them."""
        if self._closed or self.renderer.prepare_coarse(limit=3):
            self._coarse_timer.stop()

    # -- selection, picking --------------------------------------------------------------------
    def select(self, sid: str | None, frame: bool = False) -> None:
        """Select a structure (None clears), as one undoable step; ``frame`` brings it into view."""
        if sid is not None and sid not in self.state.structures:
            raise KeyError(f"no structure {sid!r} in the scene")
        if sid is not None and not self.state.is_shown(sid):
            record(
                self.undo_stack,
                self.state,
                "Show and select",
                lambda: (self.state.show([sid]), self.state.select(sid)),
            )
        else:
            record(self.undo_stack, self.state, "Select", lambda: self.state.select(sid))
        if frame and sid is not None:
            self.move_camera(self.renderer.framing_pose(sid))

    def _display_point(self, x: float, y: float) -> tuple[float, float]:
        """Qt logical widget coordinates -> VTK display pixels (origin bottom-left)."""
        dpr = self.scene_view.devicePixelRatioF()
        h = self.scene_view.height()
        return x * dpr, (h - y) * dpr - 1

    def pick_at(self, x: float, y: float) -> str | None:
        return self.renderer.pick(*self._display_point(x, y))

    @reported
    def click_at(self, x: float, y: float) -> None:
        self.select(self.pick_at(x, y))

    @reported
    def hover_at(self, x: float, y: float) -> None:
        self._hover_pos = (x, y)
        if not self._hover_timer.isActive():
            self._hover_timer.start()

    @reported
    def _hover_pick(self) -> None:
        if self._hover_pos is None or self._closed:
            return
        sid = self.pick_at(*self._hover_pos)
        if sid != self.hovered:
            self.hovered = sid
            self.statusBar().showMessage(self.scene.name(sid) if sid else "")

    @reported
    def context_menu_at(self, x: float, y: float, global_pos) -> QMenu | None:
        sid = self.pick_at(x, y)
        if sid is None:
            return None
        menu = QMenu(self)
        menu.setObjectName("structure_menu")
        menu.addSection(self.scene.name(sid))
        menu.addAction("Hide", self._safe(lambda: self.hide([sid])))
        menu.addAction("Isolate", self._safe(lambda: self.isolate([sid])))
        menu.addAction(
            "Unfade" if sid in self.state.faded else "Fade", self._safe(lambda: self.fade([sid]))
        )
        menu.addAction("Show info", self._safe(lambda: self.select(sid)))
        menu.popup(global_pos)
        return menu

    def _on_visibility_event(self, _event) -> None:
        self.structure_tree.sync_visibility()

    def _on_selection_event(self, event) -> None:
        _old, sid = event.value
        self.structure_tree.show_selected(sid)
        if sid is not None:
            self.info_panel.show_subject("structure", sid)
            self.statusBar().showMessage(self.scene.name(sid))
        elif self.teaching.story is not None:
            self.info_panel.show_subject("story", self.teaching.story)
        elif self.teaching.path is not None:
            self.info_panel.show_subject("path", self.teaching.path)
        else:
            self.info_panel.show_nothing()

    @reported
    def _on_tree_activated(self, sid: str) -> None:
        self.select(sid, frame=True)

    @reported
    def _on_link(self, sid: str) -> None:
        if sid in self.state.structures:
            self.select(sid, frame=True)

    @reported
    def _on_tree_visibility(self, ids: list, on: bool) -> None:
        if on:
            record(self.undo_stack, self.state, "Show", lambda: self.state.show(ids))
        else:
            record(self.undo_stack, self.state, "Hide", lambda: self.state.hide(ids))
        self.structure_tree.sync_visibility()

    def search(self, text: str) -> str | None:
        """Select the best structure match for ``text`` (a name, other name or id)."""
        for eid in self.content.search(text):
            if eid in self.state.structures:
                self.select(eid, frame=True)
                return eid
            story = self.content.story_for_topic(eid) if eid in self.content.topics else None
            if story is not None:
                self.show_story(story.id)
                return story.id
            if eid in self.content.topics:
                self.show_topic(eid)
                return eid
        self.statusBar().showMessage(f"Nothing called {text!r}", 4000)
        return None

    @reported
    def _on_search(self) -> None:
        if self.completer.popup().isVisible():
            return
        text = self.search_field.text().strip()
        if text:
            self.search(text)

    @reported
    def _on_completion(self, text: str) -> None:
        self.search(text)

    def _focus_search(self) -> None:
        self.search_field.setFocus()
        self.search_field.selectAll()

    # -- visibility ----------------------------------------------------------------------------
    def _targets(self) -> list[str]:
        return [self.state.selected] if self.state.selected else []

    def hide(self, ids: list[str]) -> None:
        record(self.undo_stack, self.state, "Hide", lambda: self.state.hide(ids))

    def isolate(self, ids: list[str]) -> None:
        record(self.undo_stack, self.state, "Isolate", lambda: self.state.isolate(ids))
        if ids:
            self.move_camera(self.renderer.framing_pose(ids[0]))

    def fade(self, ids: list[str]) -> None:
        record(
            self.undo_stack,
            self.state,
            "Fade",
            lambda: self.state.set_faded(self.state.faded ^ set(ids)),
        )

    @reported
    def isolate_selection(self) -> None:
        if self._targets():
            self.isolate(self._targets())

    @reported
    def hide_selection(self) -> None:
        if self._targets():
            self.hide(self._targets())

    @reported
    def fade_selection(self) -> None:
        if self._targets():
            self.fade(self._targets())

    @reported
    def show_all(self) -> None:
        self.clear_story()
        record(self.undo_stack, self.state, "Show all", self.state.show_all)

    @reported
    def _on_xray(self, on: bool) -> None:
        self.state.set_xray(on)

    @reported
    def _on_labels(self, on: bool) -> None:
        self.scene.labels.set_enabled(on)
        self.request_render()

    @reported
    def _on_voice(self, patient: bool) -> None:
        self.info_panel.set_voice("patient" if patient else "student")

    @reported
    def _on_full_screen(self, on: bool) -> None:
        self.showFullScreen() if on else self.showNormal()

    # -- camera --------------------------------------------------------------------------------
    @reported
    def set_view(self, name: str, animate: bool = True) -> None:
        pose = self.renderer.view_pose(name)
        self.move_camera(pose) if animate else self._apply_pose(pose)

    @reported
    def reset_view(self) -> None:
        self.set_view("oblique")

    def _apply_pose(self, pose: CameraPose) -> None:
        self._camera_timer.stop()
        self._camera_move = None
        self._set_smoothing(True)
        self.renderer.set_camera_pose(pose)
        self.request_render()

    def move_camera(self, target: CameraPose, duration_ms: int = CAMERA_MOVE_MS) -> None:
        """A short smooth move from the current pose to ``target``."""
        self._camera_move = (self.renderer.camera_pose(), target, time.perf_counter())
        self._camera_duration = duration_ms / 1000.0
        self._set_smoothing(False)
        if not self._camera_timer.isActive():
            self._camera_timer.start()

    @property
    def camera_moving(self) -> bool:
        return self._camera_move is not None

    @reported
    def _camera_step(self) -> None:
        if self._camera_move is None or self._closed:
            self._camera_timer.stop()
            return
        start, target, t0 = self._camera_move
        t = (time.perf_counter() - t0) / self._camera_duration
        self.renderer.set_camera_pose(interpolate(start, target, t))
        if t >= 1.0:
            self._camera_move = None
            self._camera_timer.stop()
            self._set_smoothing(True)  # the last frame, still: full meshes, smoothed
        self.scene_view.render()

    # -- stories and the S1 path ---------------------------------------------------------------
    @reported
    def show_story(self, story_id: str) -> None:
        self.state.select(None)
        pose = self.teaching.show_story(story_id)
        self.info_panel.show_subject("story", story_id)
        self._sync_story_list("story", story_id)
        nerve_path = self.content.story(story_id).nerve_path
        if nerve_path is not None:
            self.body_chart.show_path(nerve_path)
            self.chart_dock.show()
        self.move_camera(pose, 600)
        self._update_pulse_timer()
        self.statusBar().showMessage(self.content.story(story_id).title)

    @reported
    def show_path(self, path_id: str) -> None:
        self.state.select(None)
        pose = self.teaching.show_path(path_id, animate=True)
        self.info_panel.show_subject("path", path_id)
        self._sync_story_list("path", path_id)
        self.body_chart.show_path(path_id)
        self.chart_dock.show()
        self.statusBar().showMessage(
            f"S1 nerve path, {self.content.path(path_id).side} side (Space pauses the pulse)"
        )
        self.move_camera(pose, 600)
        self._pulse_t0 = time.perf_counter()
        self._update_pulse_timer()

    @reported
    def clear_story(self) -> None:
        if self.teaching.story is None and self.teaching.path is None and self.state.focus is None:
            return
        self.teaching.clear()
        self._update_pulse_timer()
        self._sync_story_list(None, None)
        if self.state.selected:
            self.info_panel.show_subject("structure", self.state.selected)
        else:
            self.info_panel.show_nothing()
        self.request_render()

    # -- the article: its sections and topics, read in the info panel, lit in the model ---------
    def focus_article(self) -> None:
        self.article_dock.show()
        self.article_dock.raise_()
        self.article_panel.setFocus()

    @reported
    def show_section(self, section_id: str) -> None:
        self._show_article("section", section_id, section_structures(self.content, section_id))

    @reported
    def show_topic(self, topic_id: str) -> None:
        self._show_article("topic", topic_id, topic_structures(self.content, topic_id))

    @reported
    def step_section(self, step: int) -> None:
        """The next (or previous) section in the article's order: the seed of the guided tour."""
        self.article_dock.show()
        self.article_panel.step(step)

    def _show_article(self, kind: str, key: str, ids: list[str]) -> None:
        """Show a section or topic in the info panel and light its structures (dimming the
        rest), framing them; nothing is lit when it names none."""
        self.teaching.clear()
        self._update_pulse_timer()
        self._sync_story_list(None, None)
        self.state.select(None)
        focus = article_focus(kind, key, ids, self.state.ids)
        self.state.set_focus(focus)
        self.info_panel.show_subject(kind, key)
        self.article_panel.choose(kind, key, announce=False)
        framed = sorted(focus.lit & set(self.scene.meshes)) if focus is not None else []
        if framed:
            self.move_camera(frame(self.renderer.camera_pose(), self.renderer.bounds(framed)), 600)
        self.request_render()
        title = (
            self.content.section(key).title if kind == "section" else self.content.topic(key).title
        )
        self.statusBar().showMessage(f"{title} (Alt+Right: next section of the article)")

    def _sync_story_list(self, kind, key) -> None:
        self.story_list.blockSignals(True)
        try:
            self.story_list.setCurrentRow(-1)
            for row in range(self.story_list.count()):
                if self.story_list.item(row).data(Qt.ItemDataRole.UserRole) == (kind, key):
                    self.story_list.setCurrentRow(row)
        finally:
            self.story_list.blockSignals(False)

    @reported
    def _on_story_item(self, item, _previous=None) -> None:
        if item is None:
            return
        kind, key = item.data(Qt.ItemDataRole.UserRole)
        if (kind == "story" and self.teaching.story == key) or (
            kind == "path" and self.teaching.path == key
        ):
            return
        self.show_story(key) if kind == "story" else self.show_path(key)

    def _update_pulse_timer(self) -> None:
        if self.teaching.pulsing and not self.pulse_paused:
            self._pulse_timer.start()
        else:
            self._pulse_timer.stop()

    @reported
    def _on_pause_pulse(self, paused: bool) -> None:
        self.pulse_paused = paused
        self._update_pulse_timer()

    @reported
    def _pulse_step(self) -> None:
        if self._closed:
            return
        phase = ((time.perf_counter() - self._pulse_t0) / PULSE_PERIOD_S) % 1.0
        self.teaching.set_pulse(phase)
        if not self.camera_moving:
            self.scene_view.render()

    # -- screenshot ----------------------------------------------------------------------------
    def save_screenshot(self, path: str | Path) -> Path:
        self.scene_view.render()
        self.scene_view.screenshot(str(path))
        return Path(path)

    @reported
    def save_screenshot_dialog(self) -> None:
        name, _ = QFileDialog.getSaveFileName(self, "Save screenshot", "l5s1.png", "PNG (*.png)")
        if name:
            self.save_screenshot(name)
            self.statusBar().showMessage(f"Saved {name}", 4000)

    # -- settings and closing ------------------------------------------------------------------
    def _restore_settings(self) -> None:
        s = settings()
        geometry = s.value("geometry")
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)
        window_state = s.value("windowState")
        if not (isinstance(window_state, QByteArray) and self.restoreState(window_state)):
            # first start: the body chart appears with the S1 path
            self.chart_dock.setVisible(False)
            self._first_layout = True
        pose = None
        try:
            raw = s.value("camera")
            if raw:
                pose = CameraPose.from_lists(json.loads(raw))
        except (ValueError, TypeError):
            pose = None
        self.renderer.set_camera_pose(pose or self.renderer.view_pose("oblique"))
        self.actions["labels"].setChecked(str(s.value("labels", "true")).lower() == "true")
        self.actions["voice"].setChecked(str(s.value("voice", "student")) == "patient")

    def _save_settings(self) -> None:
        s = settings()
        s.setValue("geometry", self.saveGeometry())
        s.setValue("windowState", self.saveState())
        s.setValue("camera", json.dumps(self.renderer.camera_pose().as_lists()))
        s.setValue("labels", "true" if self.actions["labels"].isChecked() else "false")
        s.setValue("voice", self.info_panel.voice)
        s.sync()

    def showEvent(self, event) -> None:  # noqa: N802 - Qt API
        super().showEvent(event)
        if getattr(self, "_first_layout", False):
            self._first_layout = False
            self.resizeDocks(
                [self.tree_dock, self.info_dock], [280, 380], Qt.Orientation.Horizontal
            )

    def closeEvent(self, event) -> None:  # noqa: N802 - Qt API
        try:
            self.shutdown()
        finally:
            super().closeEvent(event)

    def shutdown(self) -> None:
        """Save the layout and view, stop timers and release the render window (idempotent)."""
        if self._closed:
            return
        try:
            self._save_settings()
        except Exception:  # noqa: BLE001
            log.exception("could not save settings")
        self._closed = True
        for timer in (self._camera_timer, self._hover_timer, self._pulse_timer):
            timer.stop()
        self.scene_view.removeEventFilter(self._view_events)
        self.scene.close()
        self.scene_view.close()


def run(
    content: Annotations,
    mesh_dir: Path | None = None,
    select: str | None = None,
    view: str | None = None,
    xray: bool = False,
    story: str | None = None,
    highlight_path: str | None = None,
    content_problems=(),
) -> int:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setOrganizationName(ORGANISATION)
    app.setApplicationName(APPLICATION)
    window = MainWindow(content, mesh_dir)
    window.show()
    if view:
        window.set_view(view, animate=False)
    if xray:
        window.actions["xray"].setChecked(True)
    if story:
        window.show_story(story)
    if highlight_path:
        window.show_path(highlight_path)
    if select:
        window.select(select, frame=True)
    window.request_render()
    if content_problems:
        window.report_content_problems(content_problems)
    return app.exec()
