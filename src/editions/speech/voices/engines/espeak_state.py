"""What of eSpeak NG's state outlives a sentence, and how each sentence starts from the same state.

eSpeak NG keeps three function-local statics in its wave generator (``wavegen.c``) that no call resets, not even
``espeak_Initialize``: the phase of its pitch flutter (``Flutter_ix``, a slow wobble read from a table), the count
of glottal cycles that paces a voice's roughness (``cycle_count``) and its automatic gain (``agc``).  So the same
sentence came out a little different (a few samples longer or shorter, other wobbles) depending on what was said
before it in the process -- and the clip cache, the freshness check and a rebuild's comparison rely on the same
text giving the same clip.  Putting the three back to their first values before each sentence makes the voice
deterministic (measured: sentences in eight languages said in shuffled orders, byte for byte the same).

Takes the loaded library and its file; gives :class:`Reset`, or None where the variables cannot be found safely (a
library without a symbol table, or not ELF: macOS and Windows wheels) -- clips are then still right, only not
bit-identical from one run to the next.  Found through the ELF symbol table of the very file that is loaded, with
every check that could tell a wrong address: each variable is one 4-byte symbol in a writable data section,
three exported functions agree on where the library was loaded, and the values read there are sensible.
"""
from __future__ import annotations

import ctypes
import struct

__all__ = ["Reset", "state_reset"]

FIRST = {"Flutter_ix": 0, "cycle_count": 0, "agc": 256}
"""Each variable and the value the library starts with."""
_FLUTTER_PERIOD = 0x170 * 64  # Flutter_ix runs over 0 .. N_FLUTTER * 64 in steps of 64
_SHT_SYMTAB, _SHT_PROGBITS, _SHT_NOBITS = 2, 1, 8
_SHF_WRITE = 1


def _symbols(path: str) -> dict[str, tuple[int, int, bool]]:
    """Name -> (value, size, in a writable data section) for the symbols of an ELF64 little-endian file."""
    with open(path, "rb") as f:
        data = f.read()
    if data[:4] != b"\x7fELF" or data[4] != 2 or data[5] != 1:
        return {}
    shoff, = struct.unpack_from("<Q", data, 0x28)
    shentsize, shnum = struct.unpack_from("<HH", data, 0x3A)
    sections = [struct.unpack_from("<IIQQQQIIQQ", data, shoff + i * shentsize) for i in range(shnum)]
    found: dict[str, tuple[int, int, bool]] = {}
    for sec in sections:
        if sec[1] != _SHT_SYMTAB:
            continue
        strtab = sections[sec[6]]
        names, start = data[strtab[4]:strtab[4] + strtab[5]], sec[4]
        for k in range(sec[5] // 24):
            st_name, _, _, shndx, value, size = struct.unpack_from("<IBBHQQ", data, start + k * 24)
            name = names[st_name:names.find(b"\0", st_name)].decode("ascii", "replace")
            writable = (0 < shndx < len(sections) and sections[shndx][1] in (_SHT_PROGBITS, _SHT_NOBITS)
                        and bool(sections[shndx][2] & _SHF_WRITE))
            found[name] = (value, size, writable) if name not in found else (-1, 0, False)  # twice: unusable
    return found


class Reset:
    """The variables of :data:`FIRST`, put back to their first values by :meth:`__call__`."""

    def __init__(self, cells: dict[str, ctypes.c_int]):
        self.cells = cells

    def __call__(self) -> None:
        for name, cell in self.cells.items():
            cell.value = FIRST[name]


def _sensible(name: str, value: int) -> bool:
    if name == "Flutter_ix":
        return 0 <= value < _FLUTTER_PERIOD and value % 64 == 0
    if name == "agc":
        return 0 < value <= 256
    return value >= 0


def state_reset(lib: ctypes.CDLL, path: str) -> Reset | None:
    """A :class:`Reset` for the loaded library, or None where its variables cannot be found safely."""
    try:
        syms = _symbols(path)
        bases = {ctypes.cast(getattr(lib, fn), ctypes.c_void_p).value - syms[fn][0]
                 for fn in ("espeak_Synth", "espeak_Initialize", "espeak_ListVoices")}
        if len(bases) != 1:
            return None
        base = bases.pop()
        cells = {}
        for var in FIRST:  # a function's static is named "NAME.NUMBER" in the symbol table
            hits = [v for name, v in syms.items() if name == var or (name.startswith(var + ".")
                                                                    and name[len(var) + 1:].isdigit())]
            if len(hits) != 1 or hits[0][0] < 0 or hits[0][1] != 4 or not hits[0][2]:
                return None
            cells[var] = ctypes.c_int.from_address(base + hits[0][0])
            if not _sensible(var, cells[var].value):
                return None
        return Reset(cells)
    except (OSError, KeyError, ValueError, struct.error, AttributeError, TypeError):
        return None
