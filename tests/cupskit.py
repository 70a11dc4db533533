"""A real print spooler for tests: a private cupsd with a CUPS-PDF queue (Debian `cups`,
`printer-driver-cups-pdf`; scripts/install.sh --test installs them).

The daemon gets its own configuration, spool and socket in a temporary folder, so it
touches no system queue and listens on no port; a client reaches it by setting CUPS_SERVER
to the socket. cupsd runs as root (it runs the cups-pdf backend as root); the backend writes
each job to the job owner's ~/PDF (Out in /etc/cups/cups-pdf.conf), named after the job
title with "-job_N". The fixture stops the daemon it started (by its pid) and deletes the
files its jobs wrote.
"""

from __future__ import annotations

import os
import pwd
import shutil
import subprocess
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

CUPSD = "/usr/sbin/cupsd"
PPD = "/usr/share/ppd/cups-pdf/CUPS-PDF_opt.ppd"
QUEUE = "CounterPDF"


@dataclass
class Spooler:
    root: Path
    socket: Path
    queue: str = QUEUE
    out: Path = field(default_factory=lambda: Path(pwd.getpwuid(os.getuid()).pw_dir) / "PDF")
    # What the folder held at start, with its times: job numbers restart with each private
    # cupsd, so a new job can overwrite an old run's file of the same name.
    before: dict[Path, int] = field(default_factory=dict)

    def _new(self, pattern: str) -> list[Path]:
        out = []
        for p in self.out.glob(pattern):
            try:
                if self.before.get(p) != p.stat().st_mtime_ns:
                    out.append(p)
            except FileNotFoundError:  # removed between the listing and the look
                pass
        return out

    @property
    def env(self) -> dict[str, str]:
        return {**os.environ, "CUPS_SERVER": str(self.socket)}

    def written(self, name_part: str, timeout: float = 60) -> Path:
        """The PDF the queue wrote for the job whose title contains ``name_part``."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            found = self._new(f"*{name_part}*.pdf")
            if found and all(_settled(p) for p in found):
                return max(found, key=lambda p: p.stat().st_mtime)
            time.sleep(0.3)
        log = self.root / "log" / "error_log"
        tail = log.read_text(errors="replace")[-3000:] if log.exists() else "no log"
        raise AssertionError(f"the spooler wrote nothing for {name_part!r}:\n{tail}")

    def jobs_written(self) -> list[Path]:
        return self._new("*.pdf")


def _settled(path: Path) -> bool:
    size = path.stat().st_size
    time.sleep(0.2)
    return size > 0 and path.stat().st_size == size


def available() -> str:
    """Why a private spooler cannot run here, or "" when it can."""
    if os.geteuid() != 0:
        return "cupsd must run as root to run the cups-pdf backend"
    missing = [p for p in (CUPSD, PPD, "/usr/lib/cups/backend/cups-pdf") if not Path(p).exists()]
    if missing:
        return "missing " + ", ".join(missing) + ": scripts/install.sh --test installs them"
    return ""


def start() -> Iterator[Spooler]:
    root = Path(tempfile.mkdtemp(prefix="counter-cups-"))
    os.chmod(root, 0o755)  # filters run as lp and read the spool
    conf = root / "conf"
    for d in ("conf", "conf/ppd", "spool", "spool/tmp", "cache", "state", "log"):
        (root / d).mkdir(exist_ok=True)
    sock = root / "cups.sock"
    (conf / "cups-files.conf").write_text(
        f"ServerRoot {conf}\nRequestRoot {root}/spool\nTempDir {root}/spool/tmp\n"
        f"CacheDir {root}/cache\nStateDir {root}/state\nErrorLog {root}/log/error_log\n"
        f"AccessLog {root}/log/access_log\nPageLog {root}/log/page_log\n"
        "ServerBin /usr/lib/cups\nDataDir /usr/share/cups\nSandboxing Relaxed\n",
        encoding="utf-8")
    (conf / "cupsd.conf").write_text(
        f"Listen {sock}\nLogLevel info\nBrowsing Off\nWebInterface No\nDefaultAuthType None\n"
        "<Location />\n  Order allow,deny\n  Allow all\n</Location>\n"
        "<Location /admin>\n  Order allow,deny\n  Allow all\n</Location>\n"
        "<Policy default>\n  <Limit All>\n    Order deny,allow\n  </Limit>\n</Policy>\n",
        encoding="utf-8")
    daemon = subprocess.Popen([CUPSD, "-f", "-c", str(conf / "cupsd.conf"),
                               "-s", str(conf / "cups-files.conf")],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    spooler = Spooler(root, sock)
    try:
        deadline = time.monotonic() + 20
        while not sock.exists():
            if daemon.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"cupsd did not start (exit {daemon.returncode})")
            time.sleep(0.1)
        subprocess.run(["lpadmin", "-h", str(sock), "-p", QUEUE, "-v", "cups-pdf:/", "-E",
                        "-P", PPD], check=True, capture_output=True, timeout=30)
        spooler.out.mkdir(exist_ok=True)
        spooler.before = {p: p.stat().st_mtime_ns for p in spooler.out.glob("*.pdf")}
        yield spooler
    finally:
        daemon.terminate()
        try:
            daemon.wait(15)
        except subprocess.TimeoutExpired:
            daemon.kill()
            daemon.wait(5)
        for p in spooler.jobs_written():
            p.unlink(missing_ok=True)
        shutil.rmtree(root, ignore_errors=True)
