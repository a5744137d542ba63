"""Writing files atomically: all or nothing, never a partial output.

>>> import pathlib, tempfile
>>> target = pathlib.Path(tempfile.mkdtemp()) / "out.txt"
>>> with atomic_path(target) as tmp:
...     _ = tmp.write_text("done", "utf-8")
>>> target.read_text("utf-8")
'done'
"""

from __future__ import annotations

import contextlib
import os
import re
import tempfile
from collections.abc import Iterator
from pathlib import Path

from kg.errors import StoreError

__all__ = ["atomic_path"]


@contextlib.contextmanager
def atomic_path(target: str | os.PathLike[str]) -> Iterator[Path]:
    """A temporary path beside ``target``, renamed over it if the block succeeds.

    On any error the temporary file is removed and ``target`` is untouched;
    an ``OSError`` (a full disk, a read-only folder) becomes a
    :class:`~kg.errors.StoreError` naming the target. The file gets the
    permissions a plain ``open`` would give it.
    """
    target = Path(target)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
        os.close(fd)
    except OSError as err:
        raise StoreError(f"{target}: cannot write ({_reason(err)})") from err
    tmp = Path(name)
    try:
        yield tmp
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, target)
    except OSError as err:
        raise StoreError(f"{target}: cannot write ({_reason(err)})") from err
    finally:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()


def _reason(err: OSError) -> str:
    """The system's words for ``err`` ("No space left on device"), without a library's wrapping."""
    if err.errno:
        return os.strerror(err.errno)
    text = err.strerror or (str(err).splitlines() or [type(err).__name__])[0]
    return re.sub(r" \(os error \d+\)$", "", text)
