"""Reading `tegak rules` input safely and element by element.

A JSON array is read one element at a time from a stream of text chunks, so a batch of a million
requests needs the memory of one element, not of the whole array. Every way the text can be
malformed becomes a `RulesInputError` naming where: text that is not UTF-8, nesting deeper than
the parser can follow, integers longer than Python converts (4,300 digits), `NaN`/`Infinity`,
elements larger than `MAX_ELEMENT_CHARS`, text after the end.
"""

from __future__ import annotations

import codecs
import json
import math
from collections.abc import Iterator
from typing import IO, Any

from tegak.rules.config import RulesInputError
from tegak.rules.messages import say

CHUNK = 1 << 16
MAX_ELEMENT_CHARS = 16 * 1024 * 1024
MAX_INTEGER_DIGITS = 4300
WHITESPACE = " \t\n\r"


def _integer(text: str) -> int:
    if len(text.lstrip("-")) > MAX_INTEGER_DIGITS:
        raise RulesInputError(
            "$",
            say(
                "a number has more than {MAX_INTEGER_DIGITS} digits",
                MAX_INTEGER_DIGITS=MAX_INTEGER_DIGITS,
            ),
        )
    return int(text)


def _float(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise RulesInputError("$", "a number is too large")
    return value


def _constant(text: str) -> float:
    raise RulesInputError("$", say("{text} is not a JSON number", text=text))


DECODER = json.JSONDecoder(parse_int=_integer, parse_float=_float, parse_constant=_constant)


def located(error: RulesInputError, prefix: str) -> RulesInputError:
    """The same error with its field placed under `prefix` (an element's `[index]`)."""
    if not prefix:
        return error
    field = "" if error.field in {"", "$"} else f".{error.field}"
    if error.field.startswith("["):
        field = error.field
    return RulesInputError(f"{prefix}{field}", error.text)


def text_chunks(source: IO[Any], name: str) -> Iterator[str]:
    """Text chunks from a binary stream (UTF-8, checked) or a text stream."""
    probe = source.read(0)
    if isinstance(probe, str):
        while chunk := source.read(CHUNK):
            yield chunk
        return
    decoder = codecs.getincrementaldecoder("utf-8-sig")("strict")
    offset = 0
    while True:
        data = source.read(CHUNK)
        try:
            text = decoder.decode(data, final=not data)
        except UnicodeDecodeError as error:
            raise RulesInputError(
                name,
                say(
                    "is not UTF-8 text (byte {offset_start} cannot be read)",
                    offset_start=offset + error.start + 1,
                ),
            ) from None
        offset += len(data)
        if text:
            yield text
        if not data:
            return


def loads(text: str) -> Any:
    """One whole JSON document, every failure a `RulesInputError` at `$`."""
    try:
        return DECODER.decode(text)
    except json.JSONDecodeError as error:
        raise RulesInputError(
            "$",
            say(
                "not valid JSON (line {lineno}, column {colno}: {msg})",
                lineno=error.lineno,
                colno=error.colno,
                msg=error.msg,
            ),
        ) from None
    except RecursionError:
        raise RulesInputError("$", "is nested too deeply") from None


class Document:
    """The input: either one value (`single`) or an array read element by element (`elements`)."""

    def __init__(self, chunks: Iterator[str]) -> None:
        self._chunks = chunks
        self._buffer = ""
        self._position = 0
        self._ended = False
        first = self._peek()
        if first is None:
            raise RulesInputError("$", "not valid JSON (the input is empty)")
        self.is_array = first == "["
        self.single: Any = None
        if not self.is_array:
            rest = "".join(self._chunks)
            self.single = loads(self._buffer[self._position :] + rest)
            self._buffer, self._position = "", 0
        else:
            self._position += 1

    def _more(self) -> bool:
        if self._ended:
            return False
        chunk = next(self._chunks, None)
        if chunk is None:
            self._ended = True
            return False
        self._buffer = self._buffer[self._position :] + chunk
        self._position = 0
        return True

    def _peek(self) -> str | None:
        """The next character that is not whitespace, or None at the end of the input."""
        while True:
            while self._position < len(self._buffer) and self._buffer[self._position] in WHITESPACE:
                self._position += 1
            if self._position < len(self._buffer):
                return self._buffer[self._position]
            if not self._more():
                return None

    def _element(self, index: int) -> Any:
        while True:
            try:
                value, end = DECODER.raw_decode(self._buffer, self._position)
            except json.JSONDecodeError as error:
                if self._more():
                    if len(self._buffer) > MAX_ELEMENT_CHARS:
                        raise RulesInputError(
                            f"[{index}]",
                            say(
                                "is larger than {max_element_chars} MB",
                                max_element_chars=MAX_ELEMENT_CHARS // (1024 * 1024),
                            ),
                        ) from None
                    continue
                raise RulesInputError(
                    f"[{index}]", say("not valid JSON ({msg})", msg=error.msg)
                ) from None
            except RecursionError:
                raise RulesInputError(f"[{index}]", "is nested too deeply") from None
            except RulesInputError as error:
                raise located(error, f"[{index}]") from None
            if end == len(self._buffer) and self._more():
                continue  # a number or literal may go on in the next chunk
            self._position = end
            return value

    def elements(self) -> Iterator[tuple[int, Any]]:
        """Each element of the array with its index; a syntax error ends the iteration by
        raising a `RulesInputError` at the index where it was found."""
        index = 0
        if self._peek() == "]":
            self._position += 1
        else:
            while True:
                if self._peek() is None:
                    raise RulesInputError(f"[{index}]", "not valid JSON (the array is not closed)")
                yield index, self._element(index)
                index += 1
                following = self._peek()
                if following == ",":
                    self._position += 1
                    continue
                if following == "]":
                    self._position += 1
                    break
                raise RulesInputError(
                    f"[{index}]", "not valid JSON (expected ',' or ']' between elements)"
                )
        if self._peek() is not None:
            raise RulesInputError("$", "not valid JSON (text after the end of the array)")
