"""Summary counts of a kg graph, as plain data.

    >>> from kg.store import new_dataset
    >>> stats(new_dataset())["triples"]
    0
"""

from __future__ import annotations

from rdflib import Graph

from kg.sparql import run

__all__ = ["stats"]

_COUNTS = """
SELECT
  (COUNT(DISTINCT ?doc) AS ?documents)
  (COUNT(DISTINCT ?sentence) AS ?sentences)
  (COUNT(DISTINCT ?mention) AS ?mentions)
WHERE {
  { ?doc a nif:Context } UNION { ?sentence a nif:Sentence } UNION { ?mention a nif:Phrase }
}
"""

_TRIPLES = "SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?p ?o WHERE { ?s ?p ?o } }"

_ENTITIES = """
SELECT ?type (COUNT(DISTINCT ?e) AS ?n) WHERE {
  VALUES ?type { kg:Person kg:Organization kg:Place kg:AdministrativeDivision kg:Event kg:Project }
  ?e a ?type .
} GROUP BY ?type
"""

_RELATIONS = """
SELECT ?p (COUNT(DISTINCT ?stmt) AS ?n) WHERE {
  { ?stmt a org:Membership . BIND(org:Membership AS ?p) }
  UNION
  { ?stmt a kg:RelationStatement ; rdf:predicate ?p }
} GROUP BY ?p
"""


def stats(graph: Graph) -> dict[str, object]:
    """Documents, sentences, mentions, entities per type and relations per predicate."""
    counts = next(iter(run(graph, _COUNTS)))
    entities = {
        _local(row[0]): int(row[1])  # type: ignore[index]
        for row in run(graph, _ENTITIES)
    }
    relations = {
        _local(row[0]): int(row[1])  # type: ignore[index]
        for row in run(graph, _RELATIONS)
    }
    return {
        "triples": int(next(iter(run(graph, _TRIPLES)))[0]),  # type: ignore[index]
        "documents": int(counts[0]),  # type: ignore[index]
        "sentences": int(counts[1]),  # type: ignore[index]
        "mentions": int(counts[2]),  # type: ignore[index]
        "entities": dict(sorted(entities.items())),
        "relations": dict(sorted(relations.items())),
    }


def _local(iri: object) -> str:
    text = str(iri)
    return text.rsplit("#", 1)[-1].rsplit("/", 1)[-1]
