import sys
from pathlib import Path
sys.path.insert(0, '.')
from tests.print_helpers import render
name = sys.argv[1]
res, art, pdf, large = render(Path(f'tests/data/scripts/{name}.md'), Path('scratch/out') / name, validate=len(sys.argv) > 2)
print(res.pages, res.large_print_pages, res.warnings)
import pypdfium2 as pdfium
for p in (pdf, large):
    doc = pdfium.PdfDocument(str(p))
    doc[0].render(scale=1.5).to_pil().save(f'scratch/out/{name}-{p.stem}.png')
