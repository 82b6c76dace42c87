"""Importing org units and employees from CSV or XLSX (`tegak import`, and the admin page).

Every row is checked before anything is written; an error names its row (the header is row 1),
its column and the reason. A file with any bad row changes nothing unless `partial=True`, which
keeps the valid rows. Employees are matched by NIP and units by code, so importing the same file
again writes nothing (and records no audit event). One audit event per import that changed
something, with counts only.
"""

from tegak.people.imports.common import (
    EMPLOYEE_COLUMNS,
    EMPLOYEE_OPTIONAL,
    UNIT_COLUMNS,
    UNIT_OPTIONAL,
    ImportRefused,
    ImportResult,
    read_table,
    resolve_instansi,
)
from tegak.people.imports.employees import import_employees
from tegak.people.imports.units import import_units

__all__ = [
    "EMPLOYEE_COLUMNS",
    "EMPLOYEE_OPTIONAL",
    "UNIT_COLUMNS",
    "UNIT_OPTIONAL",
    "ImportRefused",
    "ImportResult",
    "import_employees",
    "import_units",
    "read_table",
    "resolve_instansi",
]
