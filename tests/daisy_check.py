"""The DAISY 2.02 rules the issue's book is held to, checked with ElementTree (no validator is on the package
index): ``problems(folder)`` lists every rule broken, [] for a good book."""
import re
import xml.etree.ElementTree as ET
from pathlib import Path

from editions.issue.frames import bare_frames
from editions.speech.sound.frames import frame_samples

X = "{http://www.w3.org/1999/xhtml}"
REQUIRED = ["dc:title", "dc:identifier", "dc:format", "dc:date", "dc:publisher", "dc:creator", "dc:language",
            "ncc:charset", "ncc:generator", "ncc:totalTime", "ncc:tocItems", "ncc:files", "ncc:multimediaType",
            "ncc:pageFront", "ncc:pageNormal", "ncc:pageSpecial", "ncc:depth"]
ALLOWED = {".html", ".smil", ".mp3"}
_NPT = re.compile(r"npt=(\d+(?:\.\d+)?)s")


def seconds(clock: str) -> float:
    h, m, s = clock.split(":")
    return int(h) * 3600 + int(m) * 60 + float(s)


def meta(root, ns="") -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for m in root.iter(f"{ns}meta"):
        if m.get("name"):
            out.setdefault(m.get("name"), []).append(m.get("content"))
    return out


def audio_seconds(path: Path) -> float:
    frames, fmt, n = bare_frames(path.read_bytes(), str(path))  # raises unless one format throughout (CBR)
    return n * frame_samples(fmt.rate) / fmt.rate


def problems(book: Path) -> list[str]:
    bad = []
    names = {p.name for p in book.iterdir()}
    if [p for p in book.iterdir() if p.name.lower() == "ncc.html"] != [book / "ncc.html"]:
        return ["no single ncc.html"]
    bad += [f"file type not allowed: {n}" for n in names if Path(n).suffix not in ALLOWED]
    ncc = ET.parse(book / "ncc.html").getroot()
    docs = {n: ET.parse(book / n).getroot() for n in names if n.endswith((".html", ".smil"))}
    m = meta(ncc, X)
    for key in REQUIRED:
        if len(m.get(key, [])) != 1:
            bad.append(f"{key} appears {len(m.get(key, []))} times")
    if bad:
        return bad
    one = {k: v[0] for k, v in m.items()}
    if one["dc:format"] != "Daisy 2.02":
        bad.append("dc:format")
    body = list(ncc.find(f"{X}body"))
    if not body or body[0].tag != f"{X}h1" or body[0].get("class") != "title":
        bad.append("the NCC body does not open with <h1 class=\"title\">")
    levels, prev = [], 0
    for el in body:
        tag = el.tag.replace(X, "")
        if not re.fullmatch(r"h[1-6]", tag):
            bad.append(f"unexpected body element {tag}")
            continue
        level = int(tag[1])
        if level > prev + 1:
            bad.append(f"level skipped at {el.get('id')}")
        prev = level
        levels.append(level)
        links = el.findall(f"{X}a")
        if not el.get("id") or len(links) != 1:
            bad.append(f"heading {el.get('id')} has no id or not one link")
            continue
        file, _, frag = links[0].get("href").partition("#")
        target = docs.get(file)
        hit = [e for e in target.iter() if e.get("id") == frag] if target is not None else []
        if len(hit) != 1 or hit[0].tag not in ("par", "text"):
            bad.append(f"heading {el.get('id')} links to {links[0].get('href')}: no par or text there")
            continue
        text = hit[0] if hit[0].tag == "text" else hit[0].find("text")
        src_file, _, src_id = text.get("src").partition("#")
        if src_file == "ncc.html" and src_id != el.get("id"):
            bad.append(f"heading {el.get('id')}'s SMIL text points to {text.get('src')}, not back")
    if int(one["ncc:tocItems"]) != len(body):
        bad.append("ncc:tocItems is not the number of body items")
    if levels and int(one["ncc:depth"]) != max(levels):
        bad.append("ncc:depth is not the deepest level")
    if int(one["ncc:files"]) != len(names):
        bad.append(f"ncc:files says {one['ncc:files']}, the book has {len(names)}")
    smils = sorted(n for n in names if n.endswith(".smil"))
    lengths = {n: audio_seconds(book / n) for n in names if n.endswith(".mp3")}
    elapsed = 0.0
    for name in smils:
        root = docs[name]
        sm = meta(root)
        seqs = root.find("body").findall("seq")
        if len(seqs) != 1 or len(root.find("body")) != 1:
            bad.append(f"{name}: not one body seq")
            continue
        total = 0.0
        for par in seqs[0]:
            if par.tag != "par" or par.get("endsync") != "last":
                bad.append(f"{name}: {par.tag} {par.get('id')} is not a par endsync=last")
                continue
            # a par's clip stands in it or in a seq of clips inside it (both are DAISY 2.02); one clip here
            text, clips = par.find("text"), par.findall("audio") + par.findall("seq/audio")
            if text is None or len(clips) != 1:
                bad.append(f"{name}: par {par.get('id')} lacks text or has not one audio clip")
                continue
            audio = clips[0]
            file, _, frag = text.get("src").partition("#")
            if file not in docs or not [e for e in docs[file].iter() if e.get("id") == frag]:
                bad.append(f"{name}: text {text.get('src')} points to nothing")
            if audio.get("src") not in lengths:
                bad.append(f"{name}: audio {audio.get('src')} is not in the book")
                continue
            b = float(_NPT.fullmatch(audio.get("clip-begin")).group(1))
            e = float(_NPT.fullmatch(audio.get("clip-end")).group(1))
            if not b < e <= lengths[audio.get("src")] + 1e-6:
                bad.append(f"{name}: clip {b}-{e} outside {audio.get('src')} ({lengths[audio.get('src')]:.3f} s)")
            total += e - b
        if abs(seconds(sm["ncc:timeInThisSmil"][0]) - total) > 0.5:
            bad.append(f"{name}: ncc:timeInThisSmil is not its clips' sum")
        if abs(seconds(sm["ncc:totalElapsedTime"][0]) - elapsed) > 0.5:
            bad.append(f"{name}: ncc:totalElapsedTime is not the SMILs' before it")
        if sm.get("dc:format") != ["Daisy 2.02"]:
            bad.append(f"{name}: dc:format")
        elapsed += total
    if abs(seconds(one["ncc:totalTime"]) - elapsed) > 0.5:
        bad.append(f"ncc:totalTime {one['ncc:totalTime']} is not the SMILs' sum {elapsed:.3f}")
    return bad
