"""Read a YAML file into a pydantic model, turning every failure into one line that names the file."""

from __future__ import annotations

from pathlib import Path
from typing import TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from .errors import FrontlineError

Model = TypeVar("Model", bound=BaseModel)
SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when the wheel has it: faster


def read_yaml(path: Path) -> object:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise FrontlineError("file not found", path) from None
    except UnicodeDecodeError as err:
        raise FrontlineError(f"not UTF-8 text ({err.reason})", path) from None
    try:
        return yaml.load(text, Loader=SAFE_LOADER)
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        where = f"line {mark.line + 1}: " if mark is not None else ""
        problem = getattr(err, "problem", None) or str(err).splitlines()[0]
        raise FrontlineError(f"malformed YAML: {where}{problem}", path) from None


def _item_of(data: object, loc: tuple) -> str | None:
    """The id of the list entry a validation error points into, so the message can name it."""
    node = data
    found = None
    for key in loc:
        try:
            node = node[key]  # type: ignore[index]
        except (KeyError, IndexError, TypeError):
            break
        if isinstance(node, dict) and isinstance(node.get("id"), str):
            found = node["id"]
    return found


def describe(err: ValidationError, data: object) -> tuple[str, str | None]:
    """The first error as a short sentence, and the id of the item it is in."""
    first = err.errors()[0]
    loc = tuple(first["loc"])
    field = ".".join(str(p) for p in loc if not isinstance(p, int)) or "file"
    message = first["msg"].removeprefix("Value error, ")
    return f"{field}: {message}", _item_of(data, loc)


def read_mapping(path: Path) -> dict:
    data = read_yaml(path)
    if not isinstance(data, dict):
        raise FrontlineError("expected a YAML mapping at the top level", path)
    return data


def validate(data: dict, model: type[Model], path: Path, note: str = "") -> Model:
    """`data` (read from `path`) as a `model`; `note` says more about where it came from, e.g. a
    translation's catalog."""
    try:
        return model.model_validate(data)
    except ValidationError as err:
        message, item = describe(err, data)
        raise FrontlineError(message + note, path, item) from None


def load_model(path: Path, model: type[Model]) -> Model:
    return validate(read_mapping(path), model, path)
