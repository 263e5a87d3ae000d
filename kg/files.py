"""Small file helpers shared by every stage: atomic writes, output locks and tolerant text
reading."""

from __future__ import annotations

import json
import os
import secrets
import socket
import stat
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import IO, Any

_NEW_FILE_MODE = 0o666  # what open() asks for; the kernel takes the process umask off it
_TEMP_NAME_TRIES = 100


def _create_temp_beside(target: Path) -> tuple[int, str]:
    """Create and open a new, empty temporary file in `target`'s folder.

    Unlike tempfile.mkstemp (always 0o600), the file is created with mode 0o666, so the
    kernel applies the process umask (or the folder's default ACL) as for any new file."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    for _ in range(_TEMP_NAME_TRIES):
        tmp = os.path.join(target.parent, f".{target.name}.{secrets.token_hex(6)}.tmp")
        try:
            return os.open(tmp, flags, _NEW_FILE_MODE), tmp
        except FileExistsError:
            continue
    raise FileExistsError(f"{target.parent}: no free temporary file name for {target.name}")


@contextmanager
def atomic_writer(
    path: str | Path, mode: str = "w", encoding: str | None = "utf-8"
) -> Iterator[IO]:
    """Write to a temporary file beside `path` and move it into place only on success,
    so a crash or an error never leaves a half-written output behind.

    A new file gets the usual permissions (0o666 minus the umask); replacing an existing
    file keeps that file's permission bits."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = _create_temp_beside(target)
    try:
        kwargs = {"encoding": encoding, "newline": ""} if "b" not in mode else {}
        with os.fdopen(fd, mode, **kwargs) as handle:
            with suppress(FileNotFoundError):  # an existing target keeps its mode
                os.chmod(tmp, stat.S_IMODE(os.stat(target).st_mode))
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, target)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


class OutputLocked(RuntimeError):
    """Another process is writing the same output (it holds its lock)."""

    def __init__(self, output: str | Path, holder: dict[str, Any]) -> None:
        self.output = str(output)
        self.holder = holder
        pid = holder.get("pid")
        who = f"pid {pid}" if pid else "a process that has not written its pid yet"
        if pid == os.getpid() and holder.get("host") in (None, socket.gethostname()):
            who += ": this same process"
        if holder.get("host") and holder.get("host") != socket.gethostname():
            who += f" on {holder['host']}"
        if holder.get("command"):
            who += f", '{holder['command']}'"
        if holder.get("started"):
            who += f", since {holder['started']}"
        super().__init__(
            f"{output} is being written by another kg process ({who}); wait for it to "
            "finish, or write to another output"
        )


def lock_path(output: str | Path, *, folder: bool = False) -> Path:
    """The lock file of an output: `.NAME.lock` beside a file, `.kg.lock` in a folder
    (hidden, so no folder scan reads it as a document)."""
    target = Path(output)
    return target / ".kg.lock" if folder else target.parent / f".{target.name}.lock"


@contextmanager
def output_lock(output: str | Path, *, folder: bool = False) -> Iterator[Path]:
    """Hold the lock of `output` (a file, or a folder with `folder=True`) for the block.

    The lock is an OS lock (flock on POSIX, LockFileEx on Windows, through `filelock`) on
    the file `lock_path(output)`: the kernel drops it when the holder ends, however it
    ends (kill -9 included), so a crashed run never leaves a stale lock behind; the file
    itself stays (removing it would let two processes lock two different files of one
    name). Only one attempt is made: when another process holds it, OutputLocked is raised
    at once, with the holder's pid, host, command and start time, which the holder writes
    into the lock file. Locks are per open file, so a second lock on the same output in
    the same process fails too."""
    from filelock import FileLock, Timeout

    path = lock_path(output, folder=folder)
    path.parent.mkdir(parents=True, exist_ok=True)
    lock = FileLock(
        path,
        timeout=0,
        thread_local=False,
        preserve_lock_file=True,
        fallback_to_soft=False,
        on_acquired=_write_holder,
    )
    try:
        lock.acquire(blocking=False)
    except Timeout:
        raise OutputLocked(output, _read_holder(path)) from None
    try:
        yield path
    finally:
        lock.release()


def _write_holder(fd: int) -> None:
    holder = {
        "pid": os.getpid(),
        "host": socket.gethostname(),
        "started": time.strftime("%Y-%m-%d %H:%M:%S"),
        "command": " ".join([Path(sys.argv[0]).name, *sys.argv[1:]])[:200] if sys.argv else "",
    }
    os.ftruncate(fd, 0)
    os.lseek(fd, 0, os.SEEK_SET)
    os.write(fd, (json.dumps(holder) + "\n").encode("utf-8"))


def _read_holder(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text(encoding="utf-8") or "{}")
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def read_yaml(path: str | Path, error: type[Exception], what: str = "") -> Any:
    """Parse a YAML file (a data file under data/); a file that cannot be read or parsed
    raises `error` with "PATH: cannot read WHAT: why". Checking the shape is the caller's."""
    import yaml

    try:
        return yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as problem:
        raise error(f"{path}: cannot read{' ' + what if what else ''}: {problem}") from problem


def write_text_atomic(path: str | Path, text: str) -> None:
    with atomic_writer(path) as handle:
        handle.write(text)


def write_bytes_atomic(path: str | Path, data: bytes) -> None:
    with atomic_writer(path, "wb", encoding=None) as handle:
        handle.write(data)


class UnreadableFile(ValueError):
    """A file that is not text we can read (binary, or not decodable)."""


def read_text(path: str | Path) -> str:
    """Read a text file as UTF-8 (BOM tolerated), UTF-16 or UTF-32 with a BOM, or another
    encoding kg.textcodec detects with enough confidence. Raises UnreadableFile for binary
    data or text whose encoding is too uncertain to read."""
    from kg.textcodec import MIN_CONFIDENCE, decode_bytes

    raw = Path(path).read_bytes()
    has_bom = raw.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff"))
    if not has_bom and b"\x00" in raw[:8192]:
        raise UnreadableFile(f"{path}: binary file (NUL bytes), not text")
    decoded = decode_bytes(raw)
    if decoded.text is None:
        raise UnreadableFile(
            f"{path}: not UTF-8, and no encoding fits with confidence {MIN_CONFIDENCE:.0%} "
            f"or more (best: {decoded.encoding}, {decoded.confidence:.0%}); convert it to UTF-8"
        )
    return decoded.text
