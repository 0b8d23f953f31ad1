"""Patient mode: the window turned towards a patient (the "Patient mode" toggle, ``--patient``,
restored on start).

While it is on:

- the text is large (:func:`.patient_text.apply_text_scale`: the app's font and the 3D labels);
- the texts, headings and 3D labels speak in the patient's words (the state's voice);
- only the stories (with the S1 path), the information panel that tells them and the "Where does
  it hurt?" explorer are shown; the structure tree, the article and the pain map dock are put
  away;
- the side is chosen once (the Stories dock's Left / Right): stories, the S1 path (only that
  side's is listed) and the explorer's list and "Show me" all use it;
- "When to get help" (the red flags and the disclaimer) is one click away on the toolbar.

It fits a 1280 x 720 screen. Turning it off puts back exactly the layout, voice and text size
there were before. The mode itself is remembered (``patient/mode``); the normal layout is what is
saved as the window's layout, so the next start can leave patient mode to it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QObject, Qt, Signal
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QTextBrowser,
    QToolBar,
    QVBoxLayout,
)

from ..scene.state import Voice
from ..vocabulary import Side
from . import settings
from .patient_text import PATIENT_TEXT_SCALE, apply_text_scale, text_scale
from .safety import disclaimer_html, red_flags_html
from .story_list import ROW_ROLE

if TYPE_CHECKING:
    from .main_window import MainWindow

#: where the mode is remembered (QSettings; a display choice, never patient data)
MODE_SETTING = "patient/mode"
#: the docks shown in patient mode; every other dock is put away
PATIENT_DOCKS = ("stories", "info", "pain")
#: the actions on patient mode's own toolbar (the main toolbar is put away: it is too wide for
#: large text on 1280 pixels, and its tools are not for patients)
PATIENT_ACTIONS = ("patient_mode", "red_flags", "handout")
#: the widths of the left (stories, information) and right (explorer) columns at 1280 x 720
LEFT_WIDTH, RIGHT_WIDTH = 330, 430
#: the explorer's least width in patient mode
PAIN_MIN_WIDTH = 380


@dataclass(frozen=True)
class NormalLayout:
    """What patient mode changes, as it was before: put back on leaving."""

    window_state: QByteArray
    voice: Voice
    text_scale: float
    #: each shown dock's size (restoreState can round a split by a pixel)
    dock_sizes: dict[str, tuple[int, int]]


class PatientMode(QObject):
    """See the module. ``on`` says whether it is on; ``toggled(bool)`` when that changes;
    ``red_flags_dialog`` is the "When to get help" window once opened."""

    toggled = Signal(bool)

    def __init__(self, window: MainWindow):
        super().__init__(window)
        self.window = window
        self.on = False
        self.normal: NormalLayout | None = None
        self.red_flags_dialog: QDialog | None = None
        self.toolbar: QToolBar | None = None
        self._wrap_stories = False
        self._pain_min_width = 0
        window.side_chooser.side_chosen.connect(self._follow_side)

    # -- on and off ----------------------------------------------------------------------------
    def set_on(self, on: bool) -> None:
        """Turn patient mode on or off (off puts the layout, voice and text size back)."""
        on = bool(on)
        if on == self.on:
            return
        w = self.window
        if on:
            sizes = {
                n: (d.width(), d.height())
                for n, d in w.docks.items()
                if d.isVisible() and not d.visibleRegion().isEmpty()
            }
            self.normal = NormalLayout(w.saveState(), w.state.voice, text_scale(w), sizes)
            self.on = True
            self._arrange()
        else:
            self.on = False
            normal = self.normal
            self.normal = None
            self._patient_toolbar().setVisible(False)
            w.docks["pain"].setMinimumWidth(self._pain_min_width)
            if normal is not None:
                apply_text_scale(w, normal.text_scale)
                w.state.set_voice(normal.voice)
                w.restoreState(normal.window_state)
                # once more after the font and toolbars have settled: docks split to the pixel
                for _ in range(3):
                    QApplication.sendPostedEvents()
                    QApplication.processEvents()
                w.restoreState(normal.window_state)
            self._show_path_rows(None)
            w.story_list.setWordWrap(self._wrap_stories)
            w.pain.explorer.set_only_side(None)
        action = getattr(w, "actions_by_name", {}).get("patient_mode")
        if action is not None:
            action.setChecked(on)
        w.request_render()
        self.toggled.emit(on)

    def _patient_toolbar(self) -> QToolBar:
        """Patient mode's own toolbar (made the first time): the mode, "When to get help" and
        the handout."""
        if self.toolbar is None:
            w = self.window
            bar = QToolBar("Patient", w)
            bar.setObjectName("patient_toolbar")
            actions = getattr(w, "actions_by_name", {})
            for name in PATIENT_ACTIONS:
                if name in actions:
                    bar.addAction(actions[name])
            w.insertToolBar(w.toolbar, bar)
            bar.setVisible(False)
            self.toolbar = bar
        return self.toolbar

    def _arrange(self) -> None:
        w = self.window
        w.toolbar.setVisible(False)
        normal = self.normal.text_scale if self.normal is not None else 1.0
        apply_text_scale(w, normal * PATIENT_TEXT_SCALE)
        self._patient_toolbar().setVisible(True)  # after the font: its buttons fit their text
        self._wrap_stories = w.story_list.wordWrap()
        w.story_list.setWordWrap(True)  # long plain titles in a narrow column
        w.state.set_voice("patient")
        for name, dock in w.docks.items():
            dock.setVisible(name in PATIENT_DOCKS)
            dock.setFloating(False)
        left, right = Qt.DockWidgetArea.LeftDockWidgetArea, Qt.DockWidgetArea.RightDockWidgetArea
        stories, info, pain = (w.docks[n] for n in PATIENT_DOCKS)
        w.addDockWidget(left, stories)
        w.splitDockWidget(stories, info, Qt.Orientation.Vertical)
        w.addDockWidget(right, pain)
        self._pain_min_width = pain.minimumWidth()
        pain.setMinimumWidth(PAIN_MIN_WIDTH)  # the chart and the list stay readable
        pain.raise_()
        w.resizeDocks([stories, pain], [LEFT_WIDTH, RIGHT_WIDTH], Qt.Orientation.Horizontal)
        w.resizeDocks([stories, info], [200, 480], Qt.Orientation.Vertical)
        self._follow_side(w.side_chooser.side)

    # -- the side, chosen once -----------------------------------------------------------------
    @property
    def side(self) -> Side:
        return self.window.side_chooser.side

    def _follow_side(self, side: Side) -> None:
        if not self.on:
            return
        self.window.pain.explorer.set_only_side(side)
        self._show_path_rows(side)

    def _show_path_rows(self, side: Side | None) -> None:
        """List only ``side``'s S1 path (None: both)."""
        stories = self.window.story_list
        for row in range(stories.count()):
            item = stories.item(row)
            kind, key = item.data(ROW_ROLE) or (None, None)
            if kind == "path" and isinstance(key, str):
                path_side = self.window.content.path(key).side
                item.setHidden(side is not None and path_side != side)

    # -- the red flags, always one click away --------------------------------------------------
    def show_red_flags(self) -> QDialog:
        """Open (or raise) "When to get help": the red flags and the disclaimer, in the voice."""
        w = self.window
        if self.red_flags_dialog is None:
            dialog = QDialog(w)
            dialog.setObjectName("red_flags_dialog")
            dialog.setWindowTitle("When to get help")
            lay = QVBoxLayout(dialog)
            text = QTextBrowser(dialog)
            text.setObjectName("red_flags_text")
            lay.addWidget(text)
            buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, dialog)
            buttons.rejected.connect(dialog.close)
            lay.addWidget(buttons)
            dialog.resize(560, 560)
            self.red_flags_dialog = dialog
        browser = self.red_flags_dialog.findChild(QTextBrowser, "red_flags_text")
        if browser is not None:
            browser.setHtml(red_flags_html(w.content, w.state.voice) + disclaimer_html(w.content))
        self.red_flags_dialog.show()
        self.red_flags_dialog.raise_()
        return self.red_flags_dialog

    # -- remembered between runs ---------------------------------------------------------------
    def restore(self) -> None:
        """Turn patient mode on at start when it was on when the app last closed."""
        if str(settings.settings().value(MODE_SETTING, "false")).lower() == "true":
            self.set_on(True)

    def save_settings(self) -> None:
        """Remember the mode; in patient mode, keep the normal layout and voice as the window's
        (after :func:`settings.save_window`, which saved what is shown)."""
        s = settings.settings()
        s.setValue(MODE_SETTING, "true" if self.on else "false")
        if self.on and self.normal is not None:
            s.setValue("windowState", self.normal.window_state)
            s.setValue("voice", self.normal.voice)
            s.setValue("text_size", self.normal.text_scale)
        s.sync()
