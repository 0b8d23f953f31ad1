"""The window's actions as data: one row per action (its name, text, shortcut, the slot it calls,
whether it is a toggle, and where it sits in the menus and on the toolbar). The actions, their
shortcuts, the menus and the toolbar are all built from the table, and each toggle is bound to the
state it mirrors, both ways.
"""

from __future__ import annotations

import functools
import operator
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QToolBar

from ..vocabulary import VIEW_NAMES
from .plain_text import tooltip

if TYPE_CHECKING:
    from .main_window import MainWindow

#: the menu bar, in order (``&`` marks the mnemonic); "Window" lists the docks
MENUS = ("&File", "&Edit", "&View", "&Structures", "S&tories", "&Article", "&Class", "&Window")
#: the S1 path of each side and its key
PATH_KEYS = {"left": "P", "right": "Shift+P"}
#: stories beyond this many have no Ctrl+number key
STORY_KEYS = 9


@dataclass(frozen=True)
class ActionSpec:
    """One action of the window.

    ``slot`` names what it calls, as an attribute path from the window (``"teaching.show_path"``),
    with ``args`` in front of a toggle's checked flag. ``menu`` is its menu (one of
    :data:`MENUS`, without ``&``), ``toolbar`` its group on the toolbar (groups are separated);
    within a menu or group the table's order holds.
    """

    name: str
    text: str
    shortcut: str
    slot: str
    args: tuple[Any, ...] = ()
    checkable: bool = False
    checked: bool = False
    icon_text: str | None = None
    menu: str | None = None
    toolbar: int | None = None
    separator_before: bool = False


def action_table(content) -> tuple[ActionSpec, ...]:
    """Every action of the window, in menu and toolbar order."""
    A = ActionSpec
    views = [
        A(
            f"view_{v}",
            f"{v.capitalize()} view",
            str(n),
            "set_view",
            (v,),
            icon_text=v.capitalize(),
            menu="View",
            toolbar=0,
        )
        for n, v in enumerate(VIEW_NAMES, start=1)
    ]
    stories = [
        A(
            f"story_{sid}",
            content.story(sid).title,
            f"Ctrl+{n}",
            "show_story",
            (sid,),
            menu="Stories",
        )
        for n, sid in enumerate(list(content.stories)[:STORY_KEYS], start=1)
    ]
    paths = [
        A(
            f"path_{p.side}",
            f"S1 nerve path, {p.side}",
            PATH_KEYS[p.side],
            "teaching.show_path",
            (pid,),
            menu="Stories",
            separator_before=(n == 0),
        )
        for n, (pid, p) in enumerate(content.paths.items())
        if p.side in PATH_KEYS
    ]
    return (
        *views,
        A("reset_view", "Reset view", "0", "reset_view", icon_text="Reset", menu="View", toolbar=0),
        A("xray", "X-ray", "X", "state.set_xray", checkable=True, menu="View", toolbar=1),
        A(
            "isolate",
            "Isolate selection",
            "I",
            "commands.isolate_selection",
            icon_text="Isolate",
            menu="Structures",
            toolbar=1,
        ),
        A(
            "hide",
            "Hide selection",
            "H",
            "commands.hide_selection",
            icon_text="Hide",
            menu="Structures",
            toolbar=1,
        ),
        A("fade", "Fade selection", "F", "commands.fade_selection", menu="Structures"),
        A("show_all", "Show all", "A", "show_all", menu="Structures", toolbar=1),
        A(
            "labels",
            "Labels",
            "L",
            "state.set_labels",
            checkable=True,
            checked=True,
            menu="View",
            toolbar=1,
        ),
        A("undo", "Undo", "Ctrl+Z", "undo_stack.undo", menu="Edit", toolbar=2),
        A("redo", "Redo", "Ctrl+Shift+Z", "undo_stack.redo", menu="Edit", toolbar=2),
        # the picture the user asked for (size, caption, chart, folder), not the bare widget
        A(
            "screenshot",
            "Export picture…",
            "Ctrl+Shift+E",
            "export_picture_dialog",
            icon_text="Picture",
            menu="File",
            toolbar=2,
        ),
        *class_actions(),
        A("quit", "Quit", "Ctrl+Q", "close", menu="File", separator_before=True),
        A("search", "Search", "Ctrl+F", "focus_search", menu="Edit"),
        # Esc leaves presentation or full screen first, then clears the selection
        A("clear_selection", "Clear selection", "Esc", "escape", menu="Edit"),
        A("full_screen", "Full screen", "F11", "set_full_screen", checkable=True, menu="View"),
        A(
            "presentation",
            "Presentation mode",
            "F5",
            "presentation.set_active",
            checkable=True,
            menu="View",
        ),
        # in View › Text size (text_size.install_text_size_menu), which gives their keys
        A("text_larger", "Larger text", "Ctrl+=", "text_size.larger"),
        A("text_smaller", "Smaller text", "Ctrl+-", "text_size.smaller"),
        A("text_reset", "Standard text size", "Ctrl+0", "text_size.reset"),
        A(
            "voice",
            "Patient's words",
            "V",
            "use_patient_words",
            checkable=True,
            menu="View",
        ),
        A(
            "patient_mode",
            "Patient mode",
            "Ctrl+Shift+P",
            "patient_mode.set_on",
            checkable=True,
            menu="View",
            toolbar=3,
        ),
        A(
            "handout",
            "Make a handout",
            "Ctrl+P",
            "make_handout",
            icon_text="Handout",
            menu="File",
            toolbar=3,
        ),
        A(
            "red_flags",
            "When to get help",
            "Ctrl+Shift+H",
            "patient_mode.show_red_flags",
            icon_text="\u26a0 When to get help",
            menu="View",
            toolbar=3,
        ),
        *stories,
        *paths,
        A(
            "pause_pulse",
            "Pause the pulse",
            "Space",
            "teaching.set_pulse_paused",
            checkable=True,
            menu="Stories",
        ),
        A(
            "right_side",
            "Tell on the right side",
            "R",
            "use_right_side",
            checkable=True,
            menu="Stories",
        ),
        A("clear_story", "End story", "Ctrl+E", "teaching.clear", menu="Stories"),
        A("article", "Article contents", "Ctrl+T", "teaching.focus_article", menu="Article"),
        A(
            "next_section",
            "Next article section",
            "Alt+Right",
            "teaching.step_section",
            (1,),
            menu="Article",
        ),
        A(
            "previous_section",
            "Previous article section",
            "Alt+Left",
            "teaching.step_section",
            (-1,),
            menu="Article",
        ),
    )


def class_actions() -> tuple[ActionSpec, ...]:
    """Preparing a class (issue 11): scene files, pins, the quiz and guided tours."""
    A = ActionSpec
    return (
        A("open_scene", "Open scene…", "Ctrl+O", "scene_files.open_dialog", menu="File"),
        # Ctrl+S saves the document, as in every other program; the picture is an export
        A("save_scene", "Save scene", "Ctrl+S", "scene_files.save_dialog", menu="File"),
        A(
            "save_scene_as",
            "Save scene as…",
            "Ctrl+Shift+S",
            "scene_files.save_as_dialog",
            menu="File",
        ),
        A("place_pin", "Place a pin (then click)", "N", "pin_tools.arm_place", menu="Class"),
        A("edit_pin", "Edit the pin's note", "Shift+N", "pin_tools.edit_current", menu="Class"),
        A("move_pin", "Move the pin (then click)", "M", "pin_tools.arm_move", menu="Class"),
        A("delete_pin", "Delete the pin", "Del", "pin_tools.delete_current", menu="Class"),
        A("quiz", "Quiz", "Q", "quiz.open_panel", menu="Class", separator_before=True),
        A("end_quiz", "End the quiz", "Shift+Q", "quiz.end", menu="Class"),
        A("tours", "Tours", "T", "tours.open_panel", menu="Class", separator_before=True),
        A(
            "add_tour_step",
            "Add current view to the tour",
            "Shift+T",
            "tours.add_current_view",
            menu="Class",
        ),
        A("play_tour", "Play the tour", "Shift+F5", "tours.play_chosen", menu="Class"),
        A(
            "article_tour",
            "The article's tour",
            "Ctrl+Shift+T",
            "tours.use_article_tour",
            menu="Class",
        ),
    )


def _slot(window: MainWindow, spec: ActionSpec) -> Callable[..., Any]:
    fn = operator.attrgetter(spec.slot)(window)
    return functools.partial(fn, *spec.args) if spec.args else fn


def build_actions(window: MainWindow, table: Sequence[ActionSpec]) -> dict[str, QAction]:
    """One ``QAction`` per row, added to the window (so its shortcut works anywhere in it)."""
    actions: dict[str, QAction] = {}
    for spec in table:
        act = QAction(spec.text, window)
        act.setObjectName(f"action_{spec.name}")
        if spec.icon_text:
            act.setIconText(spec.icon_text)
        act.setShortcut(QKeySequence(spec.shortcut))
        act.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        keys = act.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
        act.setToolTip(tooltip(f"{spec.text} ({keys})"))
        slot = window.slot_errors.guard(_slot(window, spec), f"action {spec.name}")
        if spec.checkable:
            act.setCheckable(True)
            act.setChecked(spec.checked)
            act.toggled.connect(slot)
        else:
            act.triggered.connect(slot)
        window.addAction(act)
        actions[spec.name] = act
    return actions


def build_menus(window: MainWindow, table: Sequence[ActionSpec], actions: dict[str, QAction]):
    """The menu bar: each menu with its rows in table order; "Window" toggles the docks."""
    bar = window.menuBar()
    for title in MENUS:
        menu = bar.addMenu(title)
        menu.setObjectName(f"menu_{title.replace('&', '').lower()}")
        if title == "&Window":
            for dock in window.docks.values():
                menu.addAction(dock.toggleViewAction())
            continue
        for spec in table:
            if spec.menu == title.replace("&", ""):
                if spec.separator_before:
                    menu.addSeparator()
                menu.addAction(actions[spec.name])


def build_toolbar(
    window: MainWindow, table: Sequence[ActionSpec], actions: dict[str, QAction]
) -> QToolBar:
    """The toolbar: its groups in order, separated."""
    bar = QToolBar("View", window)
    bar.setObjectName("view_toolbar")
    groups = sorted({s.toolbar for s in table if s.toolbar is not None})
    for n, group in enumerate(groups):
        if n:
            bar.addSeparator()
        for spec in table:
            if spec.toolbar == group:
                bar.addAction(actions[spec.name])
    window.addToolBar(bar)
    return bar


def mirror_toggles(window: MainWindow, actions: dict[str, QAction]) -> None:
    """Each toggle follows what it switches, whoever switches it (a script, a setting, a key):
    the state's X-ray, labels and voice, the side stories are told on, the pulse's pause, full
    screen. A
    toggle set to what it already shows changes nothing, so the two directions do not loop."""
    events = window.state.events
    events.xray.connect(lambda e: actions["xray"].setChecked(e.value))
    events.labels.connect(lambda e: actions["labels"].setChecked(e.value))
    events.voice.connect(lambda e: actions["voice"].setChecked(e.value == "patient"))
    right = actions["right_side"]
    right.setChecked(window.side_chooser.side == "right")
    sides = window.side_chooser
    sides.side_chosen.connect(lambda side: right.setChecked(side == "right"))
    events.focus.connect(lambda _e: right.setChecked(sides.side == "right"))
    window.teaching.pulse_paused_changed.connect(actions["pause_pulse"].setChecked)
    # undo and redo: enabled when there is something to undo, named after it
    stack = window.undo_stack
    for name, can, text in (
        ("undo", stack.canUndoChanged, stack.undoTextChanged),
        ("redo", stack.canRedoChanged, stack.redoTextChanged),
    ):
        act, label = actions[name], name.capitalize()
        act.setEnabled(False)
        can.connect(act.setEnabled)
        text.connect(lambda t, act=act, label=label: act.setText(f"{label} {t}".strip()))
