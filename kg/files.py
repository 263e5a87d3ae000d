"""Small file helpers shared by every stage: atomic writes and tolerant text reading."""

from __future__ import annotations

import os
import secrets
import stat
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
    """Read a text file as UTF-8 (BOM tolerated); fall back to charset detection for other
    encodings. Raises UnreadableFile for binary data or text that cannot be decoded."""
    raw = Path(path).read_bytes()
    if b"\x00" in raw[:8192]:
        raise UnreadableFile(f"{path}: binary file (NUL bytes), not text")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as utf8_error:
        from charset_normalizer import from_bytes

        best = from_bytes(raw).best()
        if best is None:
            raise UnreadableFile(
                f"{path}: not UTF-8 (byte {utf8_error.start}) and no other encoding fits"
            ) from utf8_error
        return str(best)
