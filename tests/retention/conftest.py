from tests.cases.conftest import open_case, org, staff, today, verified_report  # noqa: F401
