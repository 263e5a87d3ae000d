"""The build manifest of a store: what `kg build --store` loaded and derived, and whether
its last build finished.

A store is a RocksDB directory that a killed build can leave half loaded or half derived,
and nothing in the quads says so. The manifest, a small JSON file inside the store
directory written atomically, does:

    {"format": 1, "complete": false,
     "current": {"inputs": [{"path", "sha256", "bytes"}...], "fresh": true,
                 "incremental": false, "steps": ["load"], "started": ..., ...},
     "builds": [...the finished builds, same shape...],
     "derived_rules": "sha1 of the rules the derived graph was last derived with"}

A build writes `current` (steps empty, `complete` false) before touching the data, adds
each step's name once the step is done (`load`, then `derive`, then `count`), and sets
`complete` last. Readers (`kg query`, `kg serve`, `kg align`, `kg push`) refuse a store
whose manifest says incomplete (`require_complete`); `kg build` on it finishes the build
(`kg.store.build_store`). A store without a manifest was built by an older kg, or
written by other tools: it is read as it is, and the next build derives it in full.

`pause_point(name)` is a test hook: with KG_PAUSE_AT=name in the environment the build
says so on stderr and waits there to be killed, so a test can kill it at a known point.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
import time
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from kg.files import atomic_writer

MANIFEST_NAME = "kg-build.json"
FORMAT = 1
LOAD, DERIVE, COUNT = "load", "derive", "count"
PAUSE_ENV = "KG_PAUSE_AT"


class IncompleteStoreError(RuntimeError):
    """The store's last build did not finish; the message names the build to re-run."""


def manifest_path(directory: str | Path) -> Path:
    return Path(directory) / MANIFEST_NAME


def read_manifest(directory: str | Path) -> dict[str, Any] | None:
    """The store's manifest, or None when it has none. A manifest that cannot be parsed
    (it is written atomically, so only a hand edit does this) reads as incomplete."""
    path = manifest_path(directory)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None
    try:
        data = json.loads(text)
    except json.JSONDecodeError:
        return {"format": FORMAT, "complete": False, "current": None, "builds": []}
    return data if isinstance(data, dict) else {"complete": False, "current": None}


def write_manifest(directory: str | Path, manifest: dict[str, Any]) -> None:
    """Write the manifest atomically (a temporary file, fsync, rename), then fsync the
    folder, so after a crash it is the old or the new one, never half of one."""
    path = manifest_path(directory)
    with atomic_writer(path) as handle:
        json.dump(manifest, handle, indent=1, sort_keys=True)
        handle.write("\n")
    _fsync_dir(path.parent)


def _fsync_dir(directory: Path) -> None:
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:  # not supported everywhere (e.g. Windows): the rename is still atomic
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def is_incomplete(manifest: dict[str, Any] | None) -> bool:
    return manifest is not None and not manifest.get("complete", False)


def rebuild_command(directory: str | Path, manifest: dict[str, Any]) -> str:
    """The command that finishes the build the manifest records as unfinished."""
    current = manifest.get("current") or {}
    inputs = " ".join(_quote(item["path"]) for item in current.get("inputs", [])) or "RECORDS"
    return f"kg build {inputs} --store {_quote(str(directory))}"


def incomplete_message(directory: str | Path, manifest: dict[str, Any]) -> str:
    current = manifest.get("current") or {}
    done = current.get("steps", [])
    stage = "loading" if LOAD not in done else "deriving"
    return (
        f"{directory}: the last 'kg build --store' on this store did not finish (it stopped "
        f"while {stage}), so the store is incomplete; finish it with "
        f"'{rebuild_command(directory, manifest)}'"
    )


def require_complete(directory: str | Path) -> None:
    """Raise IncompleteStoreError when the store's last build did not finish."""
    manifest = read_manifest(directory)
    if is_incomplete(manifest):
        assert manifest is not None
        raise IncompleteStoreError(incomplete_message(directory, manifest))


def describe_inputs(files: Iterable[Path]) -> list[dict[str, Any]]:
    """Path, size and SHA-256 of each record file (read in blocks: memory stays flat)."""
    inputs = []
    for path in files:
        sha256, size = _file_digest(path)
        # Absolute: the command that finishes a build must work from any folder.
        inputs.append({"path": str(path.resolve()), "sha256": sha256, "bytes": size})
    return inputs


def _file_digest(path: Path) -> tuple[str | None, int]:
    """SHA-256 and size of a file; (None, 0) when it cannot be read (the build reports
    that, with the reason, when it reads the records)."""
    digest = hashlib.sha256()
    size = 0
    try:
        with path.open("rb") as handle:
            while block := handle.read(1 << 20):
                digest.update(block)
                size += len(block)
    except OSError:
        return None, 0
    return digest.hexdigest(), size


def same_inputs(a: list[dict[str, Any]], b: list[dict[str, Any]]) -> bool:
    """Whether two builds read the same records (the same file contents, in order)."""
    return [item.get("sha256") for item in a] == [item.get("sha256") for item in b]


def rules_version(rules: Iterable[Any]) -> str:
    """A digest of the derivation rules: derived data made with other rules is redone."""
    text = "\n".join(sorted(f"{rule.head} {rule}" for rule in rules))
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


def kg_version() -> str:
    from kg import __version__

    return __version__


def now() -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())


def pause_point(name: str) -> None:
    """Test hook: with KG_PAUSE_AT=name, announce the point on stderr and wait there until
    killed (a test kills the build at a known step). No effect otherwise."""
    if os.environ.get(PAUSE_ENV) != name:
        return
    print(f"kg: paused at {name}", file=sys.stderr, flush=True)
    while True:
        time.sleep(3600)


def _quote(text: str) -> str:
    import shlex

    return shlex.quote(text)
