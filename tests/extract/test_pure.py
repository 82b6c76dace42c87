"""`tegak.extract` is plain Python: importing it must not import Django."""

from __future__ import annotations

import subprocess
import sys


def test_extract_package_imports_no_django():
    code = (
        "import sys, pkgutil, importlib, tegak.extract as package\n"
        "for module in pkgutil.walk_packages(package.__path__, 'tegak.extract.'):\n"
        "    importlib.import_module(module.name)\n"
        "print(sorted(name for name in sys.modules if name.split('.')[0] == 'django'))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"
