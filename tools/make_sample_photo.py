"""Draw the sample article's photo (a harbour seawall at low tide) with Pillow.

Run: python tools/make_sample_photo.py  -> assets/photos/seawall.jpg
The picture is made here so the sample has an image we own outright.
"""
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter

W, H = 1600, 900


def main(out: Path = Path(__file__).resolve().parents[1] / "assets" / "photos" / "seawall.jpg") -> Path:
    img = Image.new("RGB", (W, H))
    d = ImageDraw.Draw(img)
    for y in range(H // 2):  # evening sky
        t = y / (H / 2)
        d.line([(0, y), (W, y)], fill=(int(70 + 150 * t), int(90 + 90 * t), int(150 - 20 * t)))
    for y in range(H // 2, H):  # water
        t = (y - H / 2) / (H / 2)
        d.line([(0, y), (W, y)], fill=(int(40 - 20 * t), int(80 - 30 * t), int(110 - 40 * t)))
    d.ellipse([1150, 250, 1290, 390], fill=(250, 210, 150))  # low sun
    for i in range(0, W, 7):  # glints on the water
        y = H // 2 + 20 + (i * 37) % (H // 2 - 40)
        d.line([(i, y), (i + 18, y)], fill=(200, 170, 120), width=2)
    # the seawall: a long stone band with blocks, cracked in the middle
    d.polygon([(0, 610), (W, 540), (W, 640), (0, 730)], fill=(120, 116, 108))
    for x in range(0, W, 80):
        y0 = 610 - x * 70 / W
        d.line([(x, y0), (x, y0 + 120)], fill=(90, 88, 82), width=3)
    d.polygon([(720, 565), (800, 560), (760, 690), (700, 700)], fill=(60, 58, 54))
    # boats and a crane
    for bx, by in ((250, 470), (520, 500), (1350, 480)):
        d.polygon([(bx, by), (bx + 120, by), (bx + 95, by + 30), (bx + 20, by + 30)], fill=(230, 230, 225))
        d.line([(bx + 60, by), (bx + 60, by - 90)], fill=(230, 230, 225), width=4)
    d.line([(980, 560), (980, 250), (1120, 250)], fill=(230, 170, 40), width=12)
    d.line([(1100, 250), (1100, 420)], fill=(40, 40, 40), width=3)
    img = img.filter(ImageFilter.GaussianBlur(1.2))
    out.parent.mkdir(parents=True, exist_ok=True)
    img.save(out, "JPEG", quality=82, optimize=True)
    return out


if __name__ == "__main__":
    print(main())
