"""Bahasa Indonesia for the engine's input errors (the package returns both languages as data)."""

from __future__ import annotations

import re
from collections.abc import Callable

WHAT = {
    "status": "status pegawai",
    "position": "jenis jabatan",
    "instansi level": "tingkat instansi",
    "provision": "ketentuan",
    "sanction": "jenis hukuman",
    "schedule": "jadwal kerja",
    "calendar": "kalender",
    "impact": "dampak",
    "superior": "atasan",
    "step": "tahap",
    "counting convention": "cara penghitungan",
    "option": "opsi",
    "rules command": "perintah rules",
    "instansi rule": "aturan instansi",
}

EXACT = {
    "must be a JSON object": "harus berupa objek JSON",
    "must be a JSON object or an array of objects": "harus berupa objek JSON atau larik objek",
    "must be a date written YYYY-MM-DD": "harus berupa tanggal dengan format YYYY-MM-DD",
    "must be a time written HH:MM": "harus berupa jam dengan format HH:MM",
    "must be a whole number": "harus berupa bilangan bulat",
    "cannot be negative": "tidak boleh negatif",
    "must be a list": "harus berupa daftar",
    "must be a non-empty list": "harus berupa daftar yang tidak kosong",
    "must be a non-empty text": "harus berisi teks",
    "must be a list of citations": "harus berupa daftar kutipan peraturan",
    "must be a list of position kinds": "harus berupa daftar jenis jabatan",
    "must be a list of [start, end] pairs": "harus berupa daftar pasangan [mulai, selesai]",
    "must be a calendar id": "harus berupa kode kalender",
    "must be a calendar year": "harus berupa tahun",
    "must be an instansi code": "harus berupa kode instansi",
    "must be exclusive or inclusive": "harus exclusive atau inclusive",
    "must be later than the start": "harus lebih akhir daripada jam mulai",
    "must be ringan, sedang or berat": "harus ringan, sedang, atau berat",
    "must be true or false": "harus true atau false",
    "must be WIB, WITA or WIT": "harus WIB, WITA, atau WIT",
    "must be WIB, WITA, WIT or local": "harus WIB, WITA, WIT, atau local",
    "must be a provision id such as pp-94-2021:4:f": (
        "harus berupa kode ketentuan, misalnya pp-94-2021:4:f"
    ),
    "must be a positive whole number of minutes": "harus berupa jumlah menit yang positif",
    "must lie between committed_on and as_of": "harus di antara committed_on dan as_of",
    "must lie inside the working day, start before end": (
        "harus di dalam hari kerja, dengan jam mulai sebelum jam selesai"
    ),
    "must not be below min": "tidak boleh kurang dari min",
    "needs at least one working weekday": "perlu paling sedikit satu hari kerja",
    "is after as_of": "lebih akhir daripada as_of",
    "cannot exceed unexcused_days": "tidak boleh melebihi unexcused_days",
    "provision data lacks a level": "data ketentuan tidak memuat tingkat hukuman",
    "a new code must start with 'local:'": "kode baru harus diawali 'local:'",
    "must be {kind: always, level, basis}": "harus berbentuk {kind: always, level, basis}",
    'needs an offset (e.g. +07:00) or "timezone": "WIB"': (
        'perlu selisih waktu (misalnya +07:00) atau "timezone": "WIB"'
    ),
    "must not be before the first day": "tidak boleh sebelum hari pertama",
    "a Ramadan period lasts at most 30 days": "masa Ramadan paling lama 30 hari",
    "overlaps another period": "bertumpang tindih dengan masa lain",
    "must be a list of periods": "harus berupa daftar masa",
    "only the last band may be open-ended": "hanya rentang terakhir yang boleh tanpa batas atas",
    "must list the rule's own sanction codes": "harus berisi kode hukuman dari aturan ini",
    "must be a list of bands {min, max, level, sanction, basis}": (
        "harus berupa daftar rentang {min, max, level, sanction, basis}"
    ),
    'must be a pair ["YYYY-MM-DD", "YYYY-MM-DD"] or {from, until, days, basis}': (
        'harus berupa pasangan ["YYYY-MM-DD", "YYYY-MM-DD"] atau {from, until, days, basis}'
    ),
    "a pack's schedule lists its versions": "jadwal dalam paket harus memuat daftar versinya",
    "an item as reported must name its sources": (
        "butir yang bersumber dari pemberitaan harus menyebut sumbernya"
    ),
    "must be a list of texts": "harus berupa daftar teks",
    "must name who verified the text": "harus menyebut siapa yang memeriksa teksnya",
    "only an item whose text was read can be verified against it": (
        "hanya butir yang teksnya sudah dibaca yang dapat ditandai telah diperiksa"
    ),
    "is also listed as an extra day off": "juga tercantum sebagai hari libur tambahan",
    "no version of the schedule is in force on this day": (
        "tidak ada versi jadwal yang berlaku pada hari ini"
    ),
    "must be a list of unit codes": "harus berupa daftar kode unit",
    "must not be before in_force_from": "tidak boleh sebelum in_force_from",
    "give one pack file": "sebutkan satu berkas paket",
    "must be 'tegak-rule-pack/1'": "harus 'tegak-rule-pack/1'",
    "must be a local time HH:MM, without an offset": (
        "harus berupa jam setempat HH:MM, tanpa selisih waktu"
    ),
    "is nested too deeply": "bersarang terlalu dalam",
    "a number has more than 4300 digits": "ada bilangan dengan lebih dari 4300 angka",
    "a number is too large": "ada bilangan yang terlalu besar",
    "lies too close to the first or last day the calendar can hold (0001-9999)": (
        "terlalu dekat dengan hari pertama atau terakhir yang dapat dihitung kalender (0001-9999)"
    ),
    "a date lies outside the years the engine can count (0001-9999)": (
        "ada tanggal di luar tahun yang dapat dihitung mesin aturan (0001-9999)"
    ),
    "must be a date and time (ISO 8601 with an offset)": (
        "harus berupa tanggal dan jam (ISO 8601 dengan selisih waktu)"
    ),
}


def _unknown(match: re.Match[str]) -> str:
    what, value, rest = match.group(1), match.group(2), match.group(3)
    text = f"{WHAT.get(what, what)} {value} tidak dikenal"
    return f"{text}; pilihan: {rest}" if rest else text


PATTERNS: list[tuple[re.Pattern[str], Callable[[re.Match[str]], str]]] = [
    (
        re.compile(
            r"^unknown (.+?) ('[^']*'|None|\d+|\S+)"
            r"(?:; (?:expected one of:?|use|known:|expected) (.*))?$"
        ),
        _unknown,
    ),
    (re.compile(r"^unknown weekday; use (.*)$"), lambda m: f"hari tidak dikenal; gunakan {m[1]}"),
    (
        re.compile(r"^(.*) is not a real date \(YYYY-MM-DD\)$"),
        lambda m: f"{m[1]} bukan tanggal yang benar (YYYY-MM-DD)",
    ),
    (
        re.compile(r"^(.*) is not a date \(YYYY-MM-DD\)$"),
        lambda m: f"{m[1]} bukan tanggal (YYYY-MM-DD)",
    ),
    (
        re.compile(r"^(.*) is not a time \(HH:MM\)$"),
        lambda m: f"{m[1]} bukan jam yang benar (HH:MM)",
    ),
    (
        re.compile(r"^(.*) is not a real date and time \(ISO 8601\)$"),
        lambda m: f"{m[1]} bukan tanggal dan jam yang benar (ISO 8601)",
    ),
    (re.compile(r"^not valid JSON (.*)$"), lambda m: f"bukan JSON yang sah {m[1]}"),
    (
        re.compile(r"^is not UTF-8 text \(byte (\d+) cannot be read\)$"),
        lambda m: f"bukan teks UTF-8 (bita ke-{m[1]} tidak dapat dibaca)",
    ),
    (
        re.compile(r"^is larger than (\d+) MB$"),
        lambda m: f"lebih besar daripada {m[1]} MB",
    ),
    (re.compile(r"^(\S+) is not a JSON number$"), lambda m: f"{m[1]} bukan bilangan JSON"),
    (
        re.compile(r"^is too late: (\S+) would fall after 9999-12-31$"),
        lambda m: f"terlalu akhir: {m[1]} akan jatuh setelah 31-12-9999",
    ),
    (
        re.compile(r"^cannot read (.*?): (.*)$"),
        lambda m: f"berkas {m[1]} tidak dapat dibaca: {m[2]}",
    ),
    (
        re.compile(r"^schedule (.*) has no hours in force on (.*)$"),
        lambda m: f"jadwal {m[1]} tidak memiliki jam kerja yang berlaku pada {m[2]}",
    ),
    (
        re.compile(r"^must be one of (.*), not (.*)$"),
        lambda m: f"harus salah satu dari {m[1]}, bukan {m[2]}",
    ),
    (re.compile(r"^role must be one of (.*)$"), lambda m: f"peran harus salah satu dari {m[1]}"),
    (re.compile(r"^must be one of (.*)$"), lambda m: f"harus salah satu dari {m[1]}"),
    (
        re.compile(r"^is not a field here; known fields: (.*)$"),
        lambda m: f"bukan kolom yang dikenal di sini; kolom yang dikenal: {m[1]}",
    ),
    (
        re.compile(r"^is after the effective date \((\S+) (\S+)\); .*$"),
        lambda m: (
            f"lebih akhir daripada tanggal berlakunya ({m[1]} {m[2]}); dokumen tidak dapat "
            "berlaku sebelum ada"
        ),
    ),
    (
        re.compile(r"^must list weekdays from (.*)$"),
        lambda m: f"harus berisi hari dari {m[1]}",
    ),
    (
        re.compile(r"^overlaps (pack\.rules\[\d+\]) for (.*?); .*$"),
        lambda m: (
            f"bertumpang tindih dengan {m[1]} untuk {m[2]}; akhiri versi sebelumnya sehari "
            "sebelum versi ini mulai"
        ),
    ),
    (re.compile(r"^not valid TOML \((.*)\)$"), lambda m: f"bukan TOML yang sah ({m[1]})"),
    (
        re.compile(r"^overlaps break (\d+)$"),
        lambda m: f"bertumpang tindih dengan istirahat ke-{m[1]}",
    ),
    (
        re.compile(r"^overlaps the band before it \(which ends at (\d+)\)$"),
        lambda m: f"bertumpang tindih dengan rentang sebelumnya (yang berakhir pada {m[1]})",
    ),
    (
        re.compile(
            r"^leaves a gap after the band before it \(which ends at (\d+); "
            r"this one must start at (\d+)\)$"
        ),
        lambda m: (
            f"ada celah setelah rentang sebelumnya (yang berakhir pada {m[1]}; rentang ini "
            f"harus dimulai pada {m[2]})"
        ),
    ),
    (re.compile(r"^must list statuses from (.*)$"), lambda m: f"harus berisi status dari {m[1]}"),
    (re.compile(r"^must start with (.*)$"), lambda m: f"harus diawali {m[1]}"),
    (
        re.compile(r"^(.*) is not one of the rule's sanctions$"),
        lambda m: f"{m[1]} bukan jenis hukuman dalam aturan ini",
    ),
]


def indonesian(message: str) -> str:
    """The Indonesian text of an engine error message (the English text when none is known)."""
    exact = EXACT.get(message)
    if exact is not None:
        return exact
    for pattern, render in PATTERNS:
        match = pattern.match(message)
        if match:
            return render(match)
    return message
