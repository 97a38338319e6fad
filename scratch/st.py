import sys; sys.path.insert(0,'.')
from tests.tagged_helpers import structure
from pathlib import Path
for f in sys.argv[1:]:
    for n in structure(Path(f)):
        print(n.role, n.actual is not None, repr(n.read[:70]), '| marked:', repr(n.text[:30]))
