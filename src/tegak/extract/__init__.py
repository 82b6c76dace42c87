"""Facts from Indonesian text, in plain Python (no Django).

`extract(text, reported_on=..., schedule=...)` returns the CONTRACTS.md answer; `decode_input`
and `check_text` turn bad input into `ExtractInputError` with a plain message.
"""

from tegak.extract.core import MAX_BYTES, ExtractInputError, check_text, decode_input, extract

__all__ = ["MAX_BYTES", "ExtractInputError", "check_text", "decode_input", "extract"]
