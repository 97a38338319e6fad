"""The output folder: made if missing, and checked writable before anything is rendered into it.

Takes the ``--out`` path; gives nothing, or an :class:`~editions.errors.InputError` naming what is wrong with it
(a file where the folder should be, a folder that cannot be created or written), so a build does not narrate
every article only to fail when it writes the first one.
"""
from __future__ import annotations

import errno
import os
from pathlib import Path

from ..errors import InputError

__all__ = ["prepare_output", "why"]

_HINT = "choose another folder with --out, or make this one writable"


def prepare_output(out: Path) -> None:
    if os.path.exists(out) and not os.path.isdir(out):  # (os.path, unlike Path, never raises: a name too long)
        raise InputError("the output folder is a file", path=out, hint="give a folder with --out")
    try:
        out.mkdir(parents=True, exist_ok=True)
    except (FileExistsError, NotADirectoryError):
        raise InputError("the output folder's path runs through a file", path=out,
                         hint="give a folder with --out") from None
    except OSError as e:
        hint = "give --out a path a folder can have" if e.errno in (errno.ENAMETOOLONG, errno.ELOOP) else _HINT
        raise InputError(f"cannot create the output folder ({why(e)})", path=out, hint=hint) from None
    probe = out / f".write-test-{os.getpid()}"
    try:
        fd = os.open(probe, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        os.close(fd)
        os.unlink(probe)
    except FileExistsError:
        pass
    except OSError as e:
        raise InputError(f"cannot write to the output folder ({why(e)})", path=out, hint=_HINT) from None


def why(e: OSError) -> str:
    if e.errno == errno.EROFS:
        return "read-only file system"
    if e.errno in (errno.EACCES, errno.EPERM):
        return "permission denied"
    if e.errno == errno.ENOSPC:
        return "no space left on the device"
    if e.errno == errno.ENAMETOOLONG:
        return "a name in the path is longer than the file system allows, 255 bytes"
    if e.errno == errno.ELOOP:
        return "the path runs through a loop of symbolic links"
    return e.strerror or str(e)
