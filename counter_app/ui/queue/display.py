"""The hall display (叫号屏): a full-screen window for a second monitor or a TV. The last call
large, the number at each open window, the last calls, how many wait per group. Numbers
only, never a name.

Calls are spoken through QtTextToSpeech ("请 A012 号到 3 号窗口办理") when an engine exists;
otherwise the display stays silent and says so once in the log.

Where the board comes from: on a PC enrolled with the hall service, the service's call feed
(each call the moment it is made; a lost link is shown on the screen, and the board is
fetched whole again when it is back); elsewhere, this PC's own database every second.
Keys: F11 full screen on/off, Esc leaves full screen, Ctrl+W closes.
"""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from ...services.queue.service import Board, QueueService
from ..services import AppServices

log = logging.getLogger(__name__)
POLL_MS = 1000
RECENT = 8


def call_text(ticket_no: str, desk_no: int) -> str:
    """What the display says and shows for a call (data: Chinese, as the hall speaks)."""
    return f"请 {ticket_no} 号到 {desk_no} 号窗口办理"


class Speaker:
    """Speech through QtTextToSpeech, or silence with one log line when there is none."""

    def __init__(self) -> None:
        self.tts: Any = None
        self.spoken: list[str] = []  # what was said (or would have been), newest last
        try:
            from PySide6.QtTextToSpeech import QTextToSpeech  # PySide6-Addons

            engines = QTextToSpeech.availableEngines()
            if engines:
                self.tts = QTextToSpeech(engines[0])
            else:
                log.info("hall display: no speech engine installed; calls are shown, not spoken")
        except ImportError:
            log.info("hall display: QtTextToSpeech is not installed; calls are shown, not spoken")

    @property
    def available(self) -> bool:
        return self.tts is not None

    def say(self, text: str) -> None:
        self.spoken.append(text)
        if self.tts is not None:
            self.tts.say(text)


class _FeedBridge(QObject):
    """Carries the feed thread's news onto the GUI thread."""

    board = Signal(object)
    call = Signal(object)
    lost = Signal(str)


class HallDisplay(QWidget):
    def __init__(self, services: AppServices, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("hallDisplay")
        self.setWindowTitle(self.tr("Hall display"))
        self.services = services
        self.speaker = Speaker()
        self.desks: dict[int, str] = {}
        self.recent: list[tuple[str, int, str]] = []  # (number, desk, hh:mm:ss), newest first
        self.waiting: dict[str, int] = {}
        self.names: dict[str, str] = {}
        self._last_seen: tuple[str, int, str] | None = None
        self._loaded = False
        self.setStyleSheet("#hallDisplay { background: #0b2545; } QLabel { color: #ffffff; }"
                           " QListWidget { background: #13315c; color: #ffffff; border: none; }")
        self.title = QLabel(self.tr("Calling"))
        self.title.setObjectName("displayTitle")
        self.clock = QLabel("")
        self.clock.setObjectName("displayClock")
        self.clock.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.latest = QLabel(self.tr("Please wait for your number"))
        self.latest.setObjectName("displayLatest")
        self.latest.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.latest.setStyleSheet("color: #ffd166;")
        self.grid_box = QWidget()
        self.grid = QGridLayout(self.grid_box)
        self.grid.setHorizontalSpacing(18)
        self.recent_list = QListWidget()
        self.recent_list.setObjectName("displayRecent")
        self.recent_list.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.recent_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.waiting_label = QLabel("")
        self.waiting_label.setObjectName("displayWaiting")
        self.waiting_label.setWordWrap(True)
        self.status = QLabel("")
        self.status.setObjectName("displayStatus")
        self.status.setWordWrap(True)
        self.status.setStyleSheet("color: #ff8a80;")
        head = QHBoxLayout()
        head.addWidget(self.title, 1)
        head.addWidget(self.clock)
        body = QHBoxLayout()
        body.addWidget(self.grid_box, 3)
        side = QVBoxLayout()
        self.recent_title = QLabel(self.tr("Last calls"))
        side.addWidget(self.recent_title)
        side.addWidget(self.recent_list, 1)
        body.addLayout(side, 2)
        lay = QVBoxLayout(self)
        lay.addLayout(head)
        lay.addWidget(self.latest)
        lay.addLayout(body, 1)
        lay.addWidget(self.waiting_label)
        lay.addWidget(self.status)
        for seq, fn in {"F11": self.toggle_full_screen, "Esc": self.showNormal,
                        "Ctrl+W": self.close}.items():
            QShortcut(QKeySequence(seq), self, fn)
        self.tick = QTimer(self)
        self.tick.setInterval(1000)
        self.tick.timeout.connect(self._tick)
        self.tick.start()
        self.feed: Any = None
        self.poll: QTimer | None = None
        self._fit()
        self._tick()

    # -- where the board comes from ---------------------------------------------------------
    def start(self) -> HallDisplay:
        if self.services.ctx.records_ops:
            self._start_feed()
        else:
            self.poll = QTimer(self)
            self.poll.setInterval(POLL_MS)
            self.poll.timeout.connect(self.refresh)
            self.poll.start()
            self.refresh()
        return self

    def refresh(self) -> None:
        q = QueueService(self.services.ctx)
        self.services.ops.run(self, lambda: q.board(recent=RECENT),
                                  lambda b: self.show_board(b) if isValid(self) else None,
                                  lambda exc: self.lost(str(exc)) if isValid(self) else None)

    def _start_feed(self) -> None:
        from ...hallsync import config
        from ...hallsync.board import BoardFeed
        from ...hallsync.client import HallClient

        db = self.services.ctx.db
        bridge = self.bridge = _FeedBridge(self)
        bridge.board.connect(self._board_from_hall)
        bridge.call.connect(self.on_call)
        bridge.lost.connect(self.lost)

        def make_client() -> HallClient:
            cfg = config.load(db)
            assert cfg is not None
            return HallClient(cfg.url, cfg.ca_pem, cfg.token)

        self.feed = BoardFeed(make_client, bridge.board.emit, bridge.call.emit, bridge.lost.emit).start()

    def closeEvent(self, event) -> None:
        if self.feed is not None:
            self.feed.stop()
        super().closeEvent(event)

    # -- what it shows ------------------------------------------------------------------------
    def show_board(self, b: Board) -> None:
        """The board from this PC's database (stand-alone)."""
        self.status.setText("")
        self.desks = dict(b.desks)
        self.waiting, self.names = dict(b.waiting), dict(b.group_names)
        recent = [(c.ticket_no, c.desk_no, f"{c.at:%H:%M:%S}") for c in b.recent]
        first = b.recent[0] if b.recent else None
        newest = (first.ticket_no, first.desk_no, first.at.isoformat()) if first else None
        if not self._loaded:  # calls made before the display opened are shown, not spoken
            self._loaded, self._last_seen = True, newest
            if newest is not None:
                self.latest.setText(call_text(newest[0], newest[1]))
        elif newest is not None and newest != self._last_seen:
            self._last_seen = newest
            self._announce(newest[0], newest[1])
        self.recent = recent
        self._paint()

    def _board_from_hall(self, data: dict[str, Any]) -> None:
        self.status.setText("")
        self.desks = {int(d): str(n) for d, n in data.get("desks", [])}
        self.waiting, self.names = dict(data.get("waiting", {})), dict(data.get("groups", {}))
        self.recent = [(r["ticket_no"], int(r["desk_no"]), r["at"][11:19]) for r in data.get("recent", [])]
        if self.recent:
            self.latest.setText(call_text(self.recent[0][0], self.recent[0][1]))
        self._paint()

    def on_call(self, event: dict[str, Any]) -> None:
        """One act from the hall's feed, the moment it was done."""
        self.status.setText("")
        number, desk, act = str(event["ticket_no"]), event.get("desk_no"), event.get("act")
        if event.get("finished") and desk is not None and self.desks.get(int(desk)) == event["finished"]:
            self.desks[int(desk)] = ""
        if act in ("called", "recalled") and desk is not None:
            self.desks[int(desk)] = number
            self.recent = [(number, int(desk), str(event.get("at", ""))[11:19]), *self.recent][:RECENT]
            self._announce(number, int(desk))
        elif act in ("done", "no_show", "transferred") and desk is not None \
                and self.desks.get(int(desk)) == number:
            self.desks[int(desk)] = ""
        self._paint()

    def lost(self, why: str) -> None:
        self.status.setText(self.tr("Connection to the hall service lost, reconnecting… "
                                    "The numbers shown may be out of date. (%1)").replace("%1", why))

    def _announce(self, number: str, desk: int) -> None:
        text = call_text(number, desk)
        self.latest.setText(text)
        self.speaker.say(text)

    def _paint(self) -> None:
        while self.grid.count():
            item = self.grid.takeAt(0)
            w = item.widget() if item is not None else None
            if w is not None:
                w.setParent(None)  # gone from findChild at once, not only after deleteLater
                w.deleteLater()
        size = self._unit()
        cols = 2 if len(self.desks) > 6 else 1
        head_style = f"font-size: {int(size * 0.9)}px; color: #a9c4eb;"
        for c in range(cols):
            for k, text in enumerate((self.tr("Window"), self.tr("Number"))):
                h = QLabel(text)
                h.setStyleSheet(head_style)
                self.grid.addWidget(h, 0, c * 2 + k)
        rows = -(-len(self.desks) // cols) if self.desks else 0
        for i, (desk, number) in enumerate(sorted(self.desks.items())):
            r, c = 1 + i % max(rows, 1), i // max(rows, 1)
            d = QLabel(self.tr("Window %1").replace("%1", str(desk)))
            n = QLabel(number or "—")
            d.setObjectName(f"displayDesk{desk}")
            n.setObjectName(f"displayNumber{desk}")
            d.setStyleSheet(f"font-size: {int(size * 1.2)}px;")
            n.setStyleSheet(f"font-size: {int(size * 1.4)}px; font-weight: bold; color: #ffd166;")
            self.grid.addWidget(d, r, c * 2)
            self.grid.addWidget(n, r, c * 2 + 1)
        self.grid.setRowStretch(rows + 1, 1)
        self.recent_list.clear()
        for number, desk, at in self.recent:
            self.recent_list.addItem(f"{number} → {self.tr('Window %1').replace('%1', str(desk))}  {at[:5]}")
        parts = [f"{self.names.get(code, code)} {n}" for code, n in sorted(self.waiting.items()) if n]
        self.waiting_label.setText(self.tr("Waiting: %1").replace("%1", "　".join(parts) or "0"))

    # -- size and time ------------------------------------------------------------------------
    def _unit(self) -> int:
        """A text size that reads from across the hall: a share of the screen's height."""
        return max(18, self.height() // 22)

    def _fit(self) -> None:
        u = self._unit()
        self.title.setStyleSheet(f"font-size: {int(u * 1.1)}px; font-weight: bold;")
        self.clock.setStyleSheet(f"font-size: {u}px;")
        self.latest.setStyleSheet(f"font-size: {int(u * 2.2)}px; font-weight: bold; color: #ffd166;")
        self.recent_title.setStyleSheet(f"font-size: {int(u * 0.9)}px; color: #a9c4eb;")
        self.recent_list.setStyleSheet(f"font-size: {int(u * 0.8)}px;")
        self.waiting_label.setStyleSheet(f"font-size: {int(u * 0.8)}px; color: #a9c4eb;")
        self.status.setStyleSheet(f"font-size: {int(u * 0.7)}px; color: #ff8a80;")

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._fit()
        self._paint()

    def _tick(self) -> None:
        self.clock.setText(f"{self.services.ctx.now():%Y-%m-%d %H:%M:%S}")

    def toggle_full_screen(self) -> None:
        self.showNormal() if self.isFullScreen() else self.showFullScreen()


def open_display(services: AppServices) -> HallDisplay:
    """The display on the second screen when there is one, full screen."""
    display = HallDisplay(services).start()
    screens = QGuiApplication.screens()
    if len(screens) > 1:
        display.setGeometry(screens[1].geometry())
        display.showFullScreen()
    else:
        display.resize(1280, 720)
        display.show()
    return display
