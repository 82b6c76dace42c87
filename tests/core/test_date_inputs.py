"""A date, time or date-and-time field shows its value in the browser's own picker.

`<input type="date">` takes only ISO values (2026-10-17); Django writes a widget's value in the
active language's first input format, which for Indonesian is 17-10-2026 and 15.00.00: the
browser then shows the field empty, so every prefilled date (a step's "today", a decision's day
being corrected) looked blank to an Indonesian user (seed walk). Every such widget of every form
in Tegak must write ISO."""

from __future__ import annotations

import importlib
import pkgutil
import re
from datetime import date, datetime, time

from django import forms
from django.utils import translation

import tegak

VALUES = {
    "date": (date(2026, 10, 17), re.compile(r'value="2026-10-17"')),
    "time": (time(15, 0), re.compile(r'value="15:00"')),
    "datetime-local": (datetime(2022, 8, 26, 15, 0), re.compile(r'value="2022-08-26T15:00"')),
}


def _all_forms() -> set[type[forms.BaseForm]]:
    for module in pkgutil.walk_packages(tegak.__path__, "tegak."):
        if module.name.rsplit(".", 1)[-1] in {"forms", "law_forms"} or ".views." in module.name:
            importlib.import_module(module.name)
    seen: set[type[forms.BaseForm]] = set()
    todo: list[type[forms.BaseForm]] = [forms.Form, forms.ModelForm]
    while todo:
        for sub in todo.pop().__subclasses__():
            if sub not in seen and sub.__module__.startswith("tegak."):
                seen.add(sub)
            todo.append(sub)
    return seen


def test_every_date_and_time_input_writes_iso_in_indonesian():
    checked, wrong = 0, []
    with translation.override("id"):
        for form_class in _all_forms():
            for name, field in getattr(form_class, "base_fields", {}).items():
                kind = getattr(field.widget, "input_type", "")
                if kind not in VALUES:
                    continue
                value, iso = VALUES[kind]
                html = field.widget.render(name, value)
                checked += 1
                if not iso.search(html):
                    wrong.append(f"{form_class.__module__}.{form_class.__name__}.{name}: {html}")
    assert checked >= 20, checked
    assert not wrong, "\n".join(wrong)
