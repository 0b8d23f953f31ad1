"""The main window: a thin assembly of the rooms of the app.

- :mod:`.scene_view` and :mod:`viewer.render.assembly`: the 3D view and the scene drawn in it,
  with the scene state (the one source of truth every widget follows);
- :mod:`.render_loop`: render scheduling, level of detail, camera moves;
- :mod:`.structure_commands`: select, hide, isolate, fade (undoable);
- :mod:`.pointer`: clicks, hovering and the context menu on the 3D view;
- :mod:`.teaching`: stories, the S1 paths, the article;
- :mod:`.action_table`: the actions, their keys, the menus and the toolbar, as data;
- :mod:`.settings`: what is remembered between runs; :mod:`.launcher`: ``run()``.

- :mod:`.docks`: the docks around the 3D view, each holding one widget that follows the state.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QEvent
from PySide6.QtGui import QAction, QCloseEvent, QShowEvent, QUndoStack
from PySide6.QtWidgets import QMainWindow, QMenu, QMessageBox, QWidget

from ..content import Annotations, Problem, load_annotations
from ..render.assembly import ModelScene
from ..scene.pain_painting import scene_file_hook
from ..scene.state import Voice
from ..vocabulary import DEFAULT_VIEW, Side
from . import settings
from .action_table import action_table, build_actions, build_menus, build_toolbar, mirror_toggles
from .article_panel import ArticlePanel
from .body_chart import BodyChart
from .docks import build_docks, reset_minimum_widths
from .export_dialog import ExportDialog
from .handout_dialog import HandoutDialog, open_handout_dialog
from .info_panel import InfoPanel
from .pain_explorer_dock import install_pain_explorer
from .patient_mode import PatientMode
from .pins_panel import PinTools
from .pointer import ViewPointer
from .presentation import Presentation
from .quiz_controller import QuizController
from .render_loop import RenderLoop
from .scene_files import SceneFiles
from .scene_view import SceneView
from .screen_fit import ViewShareKeeper, first_layout, fit_to_screen
from .search import SearchField, search_target
from .slots import SlotErrors
from .story_list import SideChooser, StoryList
from .structure_commands import StructureCommands
from .structure_tree import StructureTree
from .teaching import TeachingController
from .text_size import TextSize, install_text_size_menu
from .tour_panel import TourEditor


class MainWindow(QMainWindow):
    """The viewer window. ``MainWindow()`` opens the bundled content and meshes.

    For scripting and tests: ``scene_view`` (a pyvistaqt ``QtInteractor``), ``structure_tree``,
    ``info_panel``, ``search_field``, ``story_list``, ``side_chooser`` (the side stories are
    told on), ``article_panel``, ``body_chart``,
    ``state`` (the :class:`~viewer.scene.state.SceneState`), ``scene``
    (:class:`~viewer.render.assembly.ModelScene`), ``renderer``, ``undo_stack``,
    ``actions_by_name``, ``docks`` (by name), ``loop``, ``commands``, ``pointer`` and
    ``teaching``; ``errors`` lists what slots reported.
    """

    def __init__(
        self,
        annotations: Annotations | None = None,
        mesh_dir: Path | None = None,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.slot_errors = SlotErrors(self.statusBar().showMessage)
        self._closed = False
        self._first_layout = False  # set once the saved layout is restored (or found missing)
        self.content = annotations if annotations is not None else load_annotations()
        self.setWindowTitle(f"{self.content.title} - L5-S1 viewer")
        self.setObjectName("main_window")
        fit_to_screen(self)  # 1280x800, or the screen's available area where it is smaller

        # pyvistaqt must not render on its own (auto_update=False): the render loop does
        self.scene_view = SceneView(self, auto_update=False, multi_samples=0)
        self.scene_view.setObjectName("scene_view")
        self.setCentralWidget(self.scene_view)
        self.scene = ModelScene(
            self.scene_view,
            self.content,
            mesh_dir,
            label_scale=self.devicePixelRatioF(),
            on_change=self.request_render,
        )
        self.state = self.scene.state
        self.renderer = self.scene.renderer
        self.loop = RenderLoop(self.scene_view, self.renderer, self.slot_errors)
        # S1, the app's subject, visible from the start: the back muscles over it faded or off
        self.state.open_as_the_app_starts()
        self.undo_stack = QUndoStack(self)
        self.commands = StructureCommands(self.state, self.undo_stack, self.renderer, self.loop)
        self.pointer = ViewPointer(
            self.scene_view, self.scene, self.commands, self._status, self.slot_errors, self
        )

        self.info_panel = InfoPanel(self.content, self.state)
        self.structure_tree = StructureTree(self.content, self.state)
        self.article_panel = ArticlePanel(self.content, self.state)
        self.story_list = StoryList(self.content, self.state)
        self.side_chooser = SideChooser(self.state)
        self.body_chart = BodyChart(self.content, self.state)
        self.search_field = SearchField(self.content, self.state.structures)
        self.docks = build_docks(
            self,
            self.search_field,
            self.structure_tree,
            self.info_panel,
            self.side_chooser,
            self.story_list,
            self.article_panel,
            self.body_chart,
        )
        self.pain = install_pain_explorer(self)  # the "Where does it hurt?" dock and skin brush
        self.teaching = TeachingController(
            self.scene,
            self.loop,
            self.article_panel,
            self.docks,
            self._status,
            self.slot_errors,
            parent=self,
        )
        self.text_size = TextSize(self, settings.saved_text_size())
        self.presentation = Presentation(self)
        # issue 11: scene files (pins, tours and the quiz build on them)
        self.scene_files = SceneFiles(self)
        # the patient's painting travels only in a scene file the user saves
        self.scene_files.pain_map_hook = scene_file_hook(
            self.state.pain_painting, set(self.content.doc.pain_zones)
        )
        self.pin_tools = PinTools(self)
        self.quiz = QuizController(self)
        self.tours = TourEditor(self)
        self.patient_mode = PatientMode(self)
        table = action_table(self.content)
        self.actions_by_name: dict[str, QAction] = build_actions(self, table)
        build_menus(self, table, self.actions_by_name)
        self.scene_files.install_menu(self.menuBar().findChild(QMenu, "menu_file"))
        self.toolbar = build_toolbar(self, table, self.actions_by_name)
        mirror_toggles(self, self.actions_by_name)
        install_text_size_menu(self, self.actions_by_name)
        self.text_size.follow(self._scale_text)
        self.presentation.active_changed.connect(self.actions_by_name["presentation"].setChecked)
        self._connect()
        self.statusBar().showMessage("Click a structure to read about it; drag to turn the model.")
        layout_restored, camera_restored = settings.restore_window(self)
        self._first_layout = not layout_restored
        self._fit_default_view = not camera_restored
        fit_to_screen(self, (self.width(), self.height()))  # a layout saved on a larger screen
        self.view_share = ViewShareKeeper(self)
        if self._first_layout:
            self.docks["chart"].setVisible(False)  # it appears with the S1 path
        self.patient_mode.restore()

    # -- building ------------------------------------------------------------------------------
    def _connect(self) -> None:
        guard, teaching = self.slot_errors.guard, self.teaching
        self.state.events.selection.connect(self._on_selection)
        self.structure_tree.visibility_requested.connect(guard(self._on_tree_visibility))
        self.structure_tree.structure_activated.connect(guard(self._select_and_frame))
        self.info_panel.structure_clicked.connect(guard(self._select_and_frame))
        self.info_panel.topic_clicked.connect(guard(teaching.show_topic))
        self.info_panel.story_clicked.connect(guard(self.show_story))
        self.article_panel.section_chosen.connect(guard(teaching.show_section))
        self.article_panel.topic_chosen.connect(guard(teaching.show_topic))
        self.story_list.story_chosen.connect(guard(self.show_story))
        self.story_list.path_chosen.connect(guard(teaching.show_path))
        self.side_chooser.side_chosen.connect(guard(teaching.set_side))
        self.search_field.search_requested.connect(guard(self.search))

    def _status(self, message: str) -> None:
        self.statusBar().showMessage(message)

    def _scale_text(self, factor: float) -> None:
        self.scene.labels.set_text_scale(factor)
        self.info_panel.set_text_scale(self.text_size.factor)
        reset_minimum_widths(self.docks)
        self.request_render()

    def _on_selection(self, event) -> None:
        _old, sid = event.value
        if sid is not None:
            self._status(self.scene.name(sid))

    def _on_tree_visibility(self, ids: list[str], on: bool) -> None:
        (self.commands.show_structures if on else self.commands.hide_structures)(ids)
        self.structure_tree.sync_visibility()  # a request that changed nothing: tick it back

    def _select_and_frame(self, sid: str) -> None:
        if sid in self.state.structures:
            self.select(sid, frame=True)

    # -- the scripting API (README): each a step a user could take ---------------------------
    @property
    def errors(self) -> list[BaseException]:
        """What slots have reported (empty while all is well)."""
        return self.slot_errors.errors

    def select(self, sid: str | None, frame: bool = False) -> None:
        """Select a structure (None clears) as one undoable step; ``frame`` brings it into view."""
        self.commands.select(sid, frame)

    def hide_structures(self, ids: Sequence[str]) -> None:
        self.commands.hide_structures(ids)

    def isolate_structures(self, ids: Sequence[str]) -> None:
        self.commands.isolate_structures(ids)

    def fade_structures(self, ids: Sequence[str]) -> None:
        self.commands.fade_structures(ids)

    def show_all(self) -> None:
        """End any story and show every structure shown at the start, none faded."""
        self.teaching.clear()
        self.commands.show_all()

    def set_view(self, name: str, animate: bool = True) -> None:
        """Go to a standard view (``viewer.vocabulary.VIEW_NAMES``)."""
        pose = self.renderer.view_pose(name)
        self.loop.move_camera(pose) if animate else self.loop.apply_pose(pose)

    def reset_view(self) -> None:
        self.set_view(DEFAULT_VIEW)

    def set_voice(self, voice: Voice) -> None:
        """Speak in the student's or the patient's words (``"student"`` or ``"patient"``): the
        info panel, headings, lists, stage names, the story list, the tree and the labels."""
        self.state.set_voice(voice)

    def use_patient_words(self, on: bool) -> None:
        """The "Patient's words" toggle (V)."""
        self.state.set_voice("patient" if on else "student")

    def show_story(self, story_id: str, side: Side | None = None) -> None:
        """Show a condition story told on ``side`` ("left" or "right"; default: the side chosen
        in the Stories dock)."""
        self.teaching.show_story(story_id, side or self.side_chooser.side)

    def show_path(self, path_id: str, side: Side | None = None) -> None:
        """Show an S1 nerve path (its twin on ``side``, if given)."""
        self.teaching.show_path(path_id, side)

    def use_right_side(self, on: bool) -> None:
        """The "Tell on the right side" toggle (R)."""
        self.set_story_side("right" if on else "left")

    def set_story_side(self, side: Side) -> None:
        """Tell stories on ``side`` from now on, the one in focus included (as the Stories
        dock's Left/Right does)."""
        self.side_chooser.choose(side)

    def clear_story(self) -> None:
        self.teaching.clear()

    def search(self, text: str) -> str | None:
        """Show the best match for ``text`` (a structure, a story's topic, a topic): its id."""
        found = search_target(self.content, self.state.structures, text)
        if found is None:
            self.statusBar().showMessage(f"Nothing called {text!r}", 4000)
            return None
        kind, key = found
        if kind == "structure":
            self.select(key, frame=True)
        elif kind == "story":
            self.show_story(key)
        else:
            self.teaching.show_topic(key)
        return key

    def focus_search(self) -> None:
        self.search_field.focus_and_select()

    def request_render(self) -> None:
        self.loop.request_render()

    @property
    def camera_moving(self) -> bool:
        return self.loop.camera_moving

    def set_full_screen(self, on: bool) -> None:
        self.showFullScreen() if on else self.showNormal()

    def escape(self) -> None:
        """Esc: leave presentation mode, else full screen, else clear the selection and the
        name the pointer left in the status bar."""
        if self.presentation.active:
            self.presentation.leave()
        elif self.isFullScreen():
            self.set_full_screen(False)
        else:
            self.select(None)
            self.statusBar().clearMessage()
            self.pointer.hovered = None  # the next hover names it again

    def export_picture_dialog(self) -> None:
        """File › Export picture…: size, labels, caption, body chart and folder."""
        ExportDialog(self).exec()

    def open_scene(self, path: str | Path) -> list[str]:
        """Open a scene file (``*.l5s1scene``): what was left out of it (also in a message)."""
        return self.scene_files.open(path)

    def save_scene(self, path: str | Path | None = None) -> Path | None:
        """Save the scene (atomically) to ``path``, by default the scene file in use."""
        return self.scene_files.save(path)

    def make_handout(self) -> HandoutDialog:
        """Open "Make a handout" on what the window shows (the page, a note, save or print)."""
        return open_handout_dialog(self)

    def report_content_problems(self, problems: Sequence[Problem]) -> None:
        """Say, without blocking, which parts of the content could not be used: the rest of the
        app stays usable."""
        lines = [str(p) for p in problems]
        more = f"\n… and {len(lines) - 12} more" if len(lines) > 12 else ""
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            "Content problems",
            f"{len(lines)} problem(s) in the content; the rest is shown.",
            QMessageBox.StandardButton.Ok,
            self,
        )
        box.setDetailedText("\n".join(lines[:12]) + more)
        box.setObjectName("content_problems")
        box.setModal(False)
        box.show()
        self.content_problems_box = box
        self.statusBar().showMessage(f"Content problems: {len(lines)} (see the message)", 10000)

    # -- Qt events -----------------------------------------------------------------------------
    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt API
        super().showEvent(event)
        if self._first_layout:
            self._first_layout = False
            first_layout(self, self.docks)
            self.docks["stories"].raise_()  # the Stories tab in front of the Article tab
        if self._fit_default_view:  # fitted before the view had its size: fit it to that now
            self._fit_default_view = False
            self.set_view(DEFAULT_VIEW, animate=False)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt API
        super().changeEvent(event)
        if event.type() == QEvent.Type.WindowStateChange and hasattr(self, "actions_by_name"):
            self.actions_by_name["full_screen"].setChecked(self.isFullScreen())

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt API
        if not self._closed and not self.scene_files.may_discard():
            event.ignore()  # the user chose Cancel: the changed scene stays open
            return
        try:
            self.shutdown()
        finally:
            super().closeEvent(event)

    def shutdown(self) -> None:
        """Save the layout and view, stop the timers and release the render window; closing
        twice is harmless."""
        if self._closed:
            return
        try:
            self.presentation.leave()  # the layout saved is the user's, not the presentation's
            settings.save_window(self)
            self.patient_mode.save_settings()
        except Exception as exc:  # noqa: BLE001 - closing goes on
            self.slot_errors.report("saving the settings", exc)
        self._closed = True
        self.loop.stop()
        self.teaching.stop()
        self.pain.stop()
        self.pointer.stop()
        self.pin_tools.stop()
        self.quiz.stop()
        self.scene.close()
        self.scene_view.close()
