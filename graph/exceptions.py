"""Domain errors of the graph layer. The API maps each one to an HTTP status in one table."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path


class StackAtlasError(Exception):
    """Base of every error this project raises on purpose."""


@dataclass
class RdfSyntaxError(StackAtlasError):
    """A file or payload is not well-formed RDF; nothing was written."""

    source: str
    line: int | None
    column: int | None
    problem: str

    def __str__(self) -> str:
        where = self.source
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        return f"{where}: {self.problem}"


@dataclass(frozen=True)
class Violation:
    """One broken rule: which node, in which file, which rule, and what is wrong."""

    source: str
    focus: str
    path: str | None
    rule: str
    message: str
    value: str | None = None

    def __str__(self) -> str:
        at = f" {self.path}" if self.path else ""
        val = f" (value: {self.value})" if self.value else ""
        return f"{self.source}: {self.focus}{at}: {self.message} [{self.rule}]{val}"


@dataclass
class ValidationError(StackAtlasError):
    """Data breaks the shapes or the vocabulary; nothing was written."""

    violations: list[Violation] = field(default_factory=list)

    def __str__(self) -> str:
        head = f"{len(self.violations)} violation(s); nothing was written"
        return "\n".join([head, *(f"  {v}" for v in self.violations[:50])])


class QuerySyntaxError(StackAtlasError):
    """A SPARQL query or update does not parse."""


class QueryEvaluationError(StackAtlasError):
    """A SPARQL query parsed but could not be evaluated."""


class StoreError(StackAtlasError):
    """The store cannot be opened or written (locked, missing, corrupt)."""


def display_path(path: Path) -> str:
    """A short, stable name for a file in messages: relative to the working directory when inside it."""
    try:
        return str(path.resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)


@dataclass
class NotFoundError(StackAtlasError):
    """No thing with that slug (of that kind); ``suggestions`` are the closest known slugs."""

    kind: str
    slug: str
    suggestions: list[str] = field(default_factory=list)

    def __str__(self) -> str:
        hint = f"; did you mean {', '.join(self.suggestions)}?" if self.suggestions else ""
        return f"no {self.kind} with slug {self.slug!r}{hint}"


class InvalidParameterError(StackAtlasError):
    """A request parameter is well-formed but names nothing valid (unknown kind, format, organization)."""
