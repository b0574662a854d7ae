"""Turn TOML syntax errors and pydantic validation errors into line-numbered `Problem`s."""

from __future__ import annotations

import re
import tomllib
import types
import typing
from collections.abc import Sequence
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from imm_tui.model.problems import InputError, Problem, format_path
from imm_tui.model.toml_lines import TomlLines

M = TypeVar("M", bound=BaseModel)


def read_text(path: Path) -> str:
    """The file's text (UTF-8, BOM tolerated), or an InputError naming the file."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise InputError([Problem(str(path), None, "", "file not found")]) from None
    except OSError as error:
        raise InputError([Problem(str(path), None, "", f"cannot read: {error.strerror}")]) from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise InputError([Problem(str(path), line, "", "not valid UTF-8 text (save the file as UTF-8)")]) from None


def parse_toml(text: str, file: str) -> dict[str, Any]:
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        message = str(error)
        match = re.search(r"\(at line (\d+), column \d+\)", message)
        line = int(match.group(1)) if match else None
        message = re.sub(r"\s*\(at (line \d+, column \d+|end of document)\)", "", message)
        raise InputError([Problem(file, line, "", f"TOML syntax: {message}")]) from None


def validate(model: type[M], data: dict[str, Any], file: str, lines: TomlLines | None) -> M:
    """`model.model_validate(data)`, with every error as a Problem naming file, line and field."""
    try:
        return model.model_validate(data)
    except ValidationError as error:
        raise InputError(problems_from(error, model, file, lines)) from None


def problems_from(error: ValidationError, model: type[BaseModel], file: str, lines: TomlLines | None) -> list[Problem]:
    problems = []
    for item in error.errors(include_url=False):
        loc = tuple(part for part in item["loc"] if isinstance(part, int | str))
        line = lines.line_of(loc) if lines else None
        problems.append(Problem(file, line, format_path(loc), _describe(item, model, loc)))
    return problems


def _describe(item: Any, model: type[BaseModel], loc: Sequence[str | int]) -> str:
    kind = item["type"]
    if kind == "extra_forbidden":
        known = _fields_at(model, loc[:-1])
        hint = f" (known: {', '.join(known)})" if known else ""
        return f"unknown key '{loc[-1]}'{hint}"
    if kind == "missing":
        return "missing required key"
    message = str(item["msg"]).removeprefix("Value error, ")
    message = message[0].lower() + message[1:] if message else message
    value = item.get("input")
    if isinstance(value, str | int | float | bool) and not isinstance(value, dict):
        message += f", got {value!r}"
    return message


def _fields_at(model: Any, loc: Sequence[str | int]) -> list[str]:
    current: Any = model
    for part in loc:
        current = _unwrap(current)
        if isinstance(part, int):
            args = typing.get_args(current)
            current = args[0] if args else None
        elif isinstance(current, type) and issubclass(current, BaseModel):
            field = current.model_fields.get(part) or next(
                (f for f in current.model_fields.values() if f.alias == part), None
            )
            current = field.annotation if field else None
        else:
            args = typing.get_args(current)
            current = args[-1] if args else None
    current = _unwrap(current)
    if isinstance(current, type) and issubclass(current, BaseModel):
        return [f.alias or name for name, f in current.model_fields.items()]
    return []


def _unwrap(annotation: Any) -> Any:
    origin = typing.get_origin(annotation)
    if origin in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(annotation) if a is not type(None)]
        return _unwrap(args[0]) if len(args) == 1 else annotation
    if origin is typing.Annotated:
        return _unwrap(typing.get_args(annotation)[0])
    return annotation
