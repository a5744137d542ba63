"""The ontology and SHACL shapes files: where they are, and loaded as graphs.

``ontology/kg.ttl`` defines every term of :class:`kg.vocab.KG`;
``ontology/shapes.ttl`` holds the SHACL shapes :func:`kg.shacl.validate`
checks graphs against. In a checkout (or an editable install) they sit beside
the package; an installed kg has them under ``<prefix>/share/kg/ontology``
(``data_files`` in setup.cfg).

    >>> ontology_path("kg.ttl").name
    'kg.ttl'
    >>> from rdflib.namespace import OWL, RDF
    >>> from kg.vocab import KG
    >>> (KG.Person, RDF.type, OWL.Class) in load_ontology()
    True
"""

from __future__ import annotations

import site
import sys
from functools import cache
from pathlib import Path

from rdflib import Graph

from kg.errors import ConfigError

__all__ = ["ONTOLOGY_FILES", "load_ontology", "load_shapes", "ontology_dirs", "ontology_path"]

#: The files of the ``ontology/`` folder.
ONTOLOGY_FILES = ("kg.ttl", "shapes.ttl")


def ontology_dirs() -> tuple[Path, ...]:
    """The folders searched for ontology files, in order.

    The checkout's ``ontology/`` folder first (so a developer's edits win),
    then where ``data_files`` installs them for a normal and a ``--user``
    installation.
    """
    import kg

    return (
        Path(kg.__file__).resolve().parent.parent / "ontology",
        Path(sys.prefix) / "share" / "kg" / "ontology",
        Path(site.getuserbase()) / "share" / "kg" / "ontology",
    )


def ontology_path(name: str) -> Path:
    """The path of the ontology file ``name`` (``"kg.ttl"`` or ``"shapes.ttl"``).

    Raises :class:`~kg.errors.ConfigError` naming the folders searched when
    the file is in none of them.
    """
    if Path(name).name != name:
        raise ConfigError(f"ontology file name {name!r} must be a bare file name such as 'kg.ttl'")
    dirs = ontology_dirs()
    for folder in dirs:
        path = folder / name
        if path.is_file():
            return path
    searched = ", ".join(str(d) for d in dirs)
    raise ConfigError(
        f"ontology file {name!r} not found (searched {searched}); run kg from a checkout "
        "or reinstall it with `pip install .` so that setup.cfg's data_files are installed"
    )


@cache
def load_ontology() -> Graph:
    """``ontology/kg.ttl`` as a graph, parsed once per process.

    The graph is shared between callers: copy it before changing it.
    """
    return _parse("kg.ttl")


@cache
def load_shapes() -> Graph:
    """``ontology/shapes.ttl`` as a graph, parsed once per process.

    The graph is shared between callers: copy it before changing it.
    """
    return _parse("shapes.ttl")


def _parse(name: str) -> Graph:
    path = ontology_path(name)
    graph = Graph()
    try:
        graph.parse(path, format="turtle")
    except Exception as err:  # rdflib's parsers raise many types; all mean a broken file
        raise ConfigError(
            f"{path}: not valid Turtle ({err}); restore it from the repository"
        ) from err
    return graph
