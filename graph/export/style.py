"""How each kind of thing looks, in one table shared by every writer and the web explorer.

Colour and shape follow the kind so that a reader who learns the legend once can read every
picture: DOT, Mermaid, GEXF (Gephi), Cytoscape.js JSON and the HTML page all draw from here.

>>> style_of("Model").color, style_of("Chip").cytoscape
('#4e79a7', 'round-rectangle')
>>> style_of("Framework").label          # a software subclass looks like software
'Software'
>>> style_of("SomethingNew").label       # an unknown kind still gets a style
'Other'
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class KindStyle:
    """The look of one kind: legend label, fill colour and the shape in each drawing language."""

    label: str
    color: str
    cytoscape: str
    dot: str
    gexf: str
    mermaid: tuple[str, str]  # opening and closing brackets of a Mermaid flowchart node


_ORG = KindStyle("Organization", "#e15759", "ellipse", "ellipse", "disc", ("([", "])"))
_MODEL = KindStyle("Model", "#4e79a7", "ellipse", "ellipse", "disc", ("(", ")"))
_FAMILY = KindStyle("Model family", "#a0cbe8", "barrel", "cylinder", "disc", ("[(", ")]"))
_CHIP = KindStyle("Chip", "#f28e2b", "round-rectangle", "box", "square", ("[", "]"))
_CLOUD = KindStyle("Cloud", "#59a14f", "hexagon", "hexagon", "diamond", ("{{", "}}"))
_SERVICE = KindStyle("Service", "#8cd17d", "round-hexagon", "octagon", "diamond", ("{{", "}}"))
_LICENSE = KindStyle("License", "#b07aa1", "tag", "note", "triangle", (">", "]"))
_SOFTWARE = KindStyle("Software", "#edc948", "diamond", "diamond", "diamond", ("{", "}"))
_OFFERING = KindStyle("Offering", "#bab0ac", "round-tag", "parallelogram", "square", ("[/", "/]"))
_STANDARD = KindStyle("Standard", "#76b7b2", "pentagon", "house", "triangle", ("[\\", "\\]"))
_OTHER = KindStyle("Other", "#d7d7d7", "ellipse", "ellipse", "disc", ("(", ")"))

#: kind (the local name of the most specific ``sa:`` class) → its style
STYLES: dict[str, KindStyle] = {
    "Organization": _ORG,
    "Acquisition": _ORG,
    "Model": _MODEL,
    "ModelFamily": _FAMILY,
    "Chip": _CHIP,
    "Cloud": _CLOUD,
    "Service": _SERVICE,
    "License": _LICENSE,
    "LicenseTerm": _LICENSE,
    "Software": _SOFTWARE,
    "Framework": _SOFTWARE,
    "ServingEngine": _SOFTWARE,
    "AcceleratorStack": _SOFTWARE,
    "Library": _SOFTWARE,
    "Offering": _OFFERING,
    "Standard": _STANDARD,
}

#: how a node's role in an analysis answer is drawn (border colour); absent role: no highlight
ROLE_COLORS: dict[str, str] = {
    "stack": "#1f1f1f",
    "alternative": "#17becf",
    "exit": "#2ca02c",
}
EVIDENCE_COLOR = "#d62728"


def style_of(kind: str) -> KindStyle:
    """The style of ``kind``; kinds not in the table share a neutral look."""
    return STYLES.get(kind, _OTHER)


def legend(kinds: set[str]) -> list[KindStyle]:
    """The legend entries for the kinds present, one per distinct look, in table order.

    >>> [s.label for s in legend({"Chip", "Framework", "ServingEngine"})]
    ['Chip', 'Software']
    """
    seen: list[KindStyle] = []
    for kind in sorted(kinds, key=_order):
        style = style_of(kind)
        if style not in seen:
            seen.append(style)
    return seen


def _order(kind: str) -> int:
    order = list(STYLES)
    return order.index(kind) if kind in STYLES else len(order)
