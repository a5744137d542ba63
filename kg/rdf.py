"""Turning an :class:`~kg.pipeline.Extraction` into RDF, per the public contract.

Each document becomes one named graph (named by the document IRI) holding
its ``nif:Context``, its sentences, every mention as a NIF phrase linked to
its entity, the entities' types and labels, and the relations with their
evidence. See ``docs/rdf-mapping.md`` for the triples, and DESIGN.md for the
contract other tools rely on.
"""

from __future__ import annotations

import hashlib
import logging
import re
from collections.abc import Iterator

from rdflib import Literal, URIRef
from rdflib.term import Node

from kg.iri import doc_iri, mint, span_iri, statement_iri
from kg.model import EVENT, ORGANIZATION, PERSON, PLACE, PROJECT, Entity, Relation, Sentence
from kg.pipeline import Extraction
from kg.vocab import DCTERMS, FOAF, ITSRDF, KG, NIF, ORG, PROV, RDF, RDFS, SCHEMA, SKOS, XSD

__all__ = ["PREDICATES", "Triple", "extraction_triples", "graph_name"]

log = logging.getLogger(__name__)

Triple = tuple[Node, Node, Node]

_CLASSES: dict[str, tuple[URIRef, ...]] = {
    PERSON: (KG.Person, FOAF.Person),
    ORGANIZATION: (KG.Organization, ORG.Organization),
    PLACE: (KG.Place, SCHEMA.Place),
    EVENT: (KG.Event, SCHEMA.Event),
    PROJECT: (KG.Project,),
}
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_DIVISION_CLASSES = (KG.AdministrativeDivision, SCHEMA.AdministrativeArea)
_SUBTYPES = frozenset(
    {
        "GovernmentAgency",
        "PartyOrgan",
        "PeoplesCongress",
        "CPPCC",
        "JudicialOrgan",
        "Enterprise",
        "FinancialInstitution",
        "ZoneCommittee",
        "Province",
        "City",
        "County",
        "Township",
        "Meeting",
    }
)
_LEVEL_CLASS = {"province": KG.Province, "city": KG.City, "county": KG.County, "town": KG.Township}

#: The predicate asserted for each relation kind (``holds_post`` is an org:Membership).
PREDICATES: dict[str, URIRef] = {
    "located_in": SCHEMA.containedInPlace,
    "jurisdiction": KG.jurisdiction,
    "sub_organization_of": ORG.subOrganizationOf,
    "spoke_at": KG.spokeAt,
    "attended": KG.attended,
    "commended_at": KG.commendedAt,
    "connects": KG.connects,
    "responsible_for": KG.responsibleFor,
    "organizer": SCHEMA.organizer,
    "location": SCHEMA.location,
    "related_to": KG.relatedTo,
}


def graph_name(doc_id: str) -> URIRef:
    """The named graph (and ``nif:Context``) of a document."""
    return URIRef(doc_iri(doc_id))


def _zh(text: str) -> Literal:
    return Literal(text, lang="zh")


def _date(text: str) -> Literal:
    """A full ISO date as ``xsd:date``, a partial one (2014, 2024-06, 2024-Q1) as it is."""
    if _ISO_DATE.fullmatch(text):
        return Literal(text, datatype=XSD.date)
    return Literal(text)


def _index(n: int) -> Literal:
    return Literal(n, datatype=XSD.nonNegativeInteger)


def extraction_triples(ex: Extraction) -> Iterator[Triple]:
    """All triples of one document's named graph."""
    doc = ex.doc
    context = graph_name(doc.id)
    yield context, RDF.type, NIF.Context
    yield context, NIF.isString, Literal(doc.text)
    yield context, NIF.beginIndex, _index(0)
    yield context, NIF.endIndex, _index(len(doc.text))
    yield context, DCTERMS.source, Literal(doc.source)
    yield context, KG.contentHash, Literal(content_hash(doc.text))
    if doc.title:
        yield context, DCTERMS.title, Literal(doc.title)
    if doc.date:
        yield context, DCTERMS.date, _date(doc.date)

    used: dict[int, Sentence] = {}
    for m in ex.mentions:
        used.setdefault(m.start, ex.analysis.sentence_at(m.start))
    for r in ex.relations:
        used.setdefault(r.sentence.start, r.sentence)
    for s in sorted(set(used.values()), key=lambda s: s.start):
        yield from _sentence(doc.id, context, s)

    for m in ex.mentions:
        node = URIRef(span_iri(doc.id, m.start, m.end))
        yield node, RDF.type, NIF.Phrase
        yield node, NIF.beginIndex, _index(m.start)
        yield node, NIF.endIndex, _index(m.end)
        yield node, NIF.anchorOf, Literal(m.text)
        yield node, NIF.referenceContext, context
        s = ex.analysis.sentence_at(m.start)
        if s.start <= m.start and m.end <= s.end:
            # a name across the forced cut of an overlong run has no sentence holding it
            yield node, NIF.sentence, URIRef(span_iri(doc.id, s.start, s.end))
        yield node, ITSRDF.taIdentRef, URIRef(ex.iri_of[m])
        yield node, KG.extractor, Literal(m.extractor)
        yield node, KG.score, Literal(m.score)

    for e in ex.entities:
        yield from _entity(e)
    for r in ex.relations:
        yield from _relation(ex, r)


def content_hash(text: str) -> str:
    """SHA-256 of a document's text, the key of incremental builds."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def _sentence(doc_id: str, context: URIRef, s: Sentence) -> Iterator[Triple]:
    node = URIRef(span_iri(doc_id, s.start, s.end))
    yield node, RDF.type, NIF.Sentence
    yield node, NIF.beginIndex, _index(s.start)
    yield node, NIF.endIndex, _index(s.end)
    yield node, NIF.anchorOf, Literal(s.text)
    yield node, NIF.referenceContext, context


def _entity(e: Entity) -> Iterator[Triple]:
    node = URIRef(e.iri)
    for cls in _CLASSES[e.type]:
        yield node, RDF.type, cls
    if e.subtype in _SUBTYPES:
        yield node, RDF.type, KG[e.subtype]
    yield node, RDFS.label, _zh(e.label)
    for alias in e.aliases:
        yield node, SKOS.altLabel, _zh(alias)
    if e.code:
        yield from _division(e.code, e.label)


def _division(code: str, label: str) -> Iterator[Triple]:
    """Type, code and the ``schema:containedInPlace`` chain of a division."""
    from kg import divisions

    chain = divisions.lineage(code)
    if not chain:
        node = URIRef(mint("division", code))
        yield from _division_node(node, code, None)
        return
    child: URIRef | None = None
    for d in chain:
        node = URIRef(mint("division", d.code))
        yield from _division_node(node, d.code, d.level)
        if child is not None:
            yield child, SCHEMA.containedInPlace, node
        if d.code != code:
            yield node, RDF.type, KG.Place
            yield node, RDF.type, SCHEMA.Place
            yield node, RDFS.label, _zh(d.name)
        child = node


def _division_node(node: URIRef, code: str, level: str | None) -> Iterator[Triple]:
    for cls in _DIVISION_CLASSES:
        yield node, RDF.type, cls
    if level in _LEVEL_CLASS:
        yield node, RDF.type, _LEVEL_CLASS[level]
    yield node, KG.adminCode, Literal(code)


def _relation(ex: Extraction, r: Relation) -> Iterator[Triple]:
    try:
        s_iri, o_iri = ex.iri_of[r.subject], ex.iri_of[r.object]
    except KeyError:
        log.warning("%s: relation %s refers to an unresolved mention, dropped", ex.doc.id, r.kind)
        return
    subject, obj = URIRef(s_iri), URIRef(o_iri)
    sentence = URIRef(span_iri(ex.doc.id, r.sentence.start, r.sentence.end))
    if r.kind == "holds_post":
        role_label = r.role or ""
        role = URIRef(mint("role", role_label))
        node = URIRef(mint("membership", f"{s_iri}|{o_iri}|{role_label}"))
        yield role, RDF.type, ORG.Role
        yield role, RDFS.label, _zh(role_label)
        yield node, RDF.type, ORG.Membership
        yield node, ORG.member, subject
        yield node, ORG.organization, obj
        yield node, ORG.role, role
    else:
        predicate = PREDICATES[r.kind]
        # document-local: keyed by where it was read, not by the entities' IRIs
        where = f"{r.subject.start},{r.subject.end}|{r.object.start},{r.object.end}"
        node = URIRef(statement_iri(ex.doc.id, f"{r.kind}|{predicate}|{where}|{r.sentence.start}"))
        yield subject, predicate, obj
        yield node, RDF.type, KG.RelationStatement
        yield node, RDF.type, RDF.Statement
        yield node, RDF.subject, subject
        yield node, RDF.predicate, predicate
        yield node, RDF.object, obj
    yield node, PROV.wasDerivedFrom, sentence
    yield node, KG.extractor, Literal(r.extractor)
    if r.date:
        yield node, DCTERMS.date, _date(r.date)
