"""RDF vocabularies: the project's ontology terms and the standard namespaces.

``KG`` is a closed :class:`rdflib.namespace.DefinedNamespace` (a misspelt term
raises ``AttributeError``); every term is defined in ``ontology/kg.ttl`` with
Chinese and English labels. Standard namespaces come from rdflib where it has
them.
"""

from __future__ import annotations

from rdflib import Namespace, URIRef
from rdflib.namespace import DCTERMS, FOAF, ORG, PROV, RDF, RDFS, SKOS, XSD, DefinedNamespace

from kg.iri import ONTOLOGY

__all__ = [
    "DCTERMS",
    "FOAF",
    "ITSRDF",
    "KG",
    "NIF",
    "ORG",
    "PREFIXES",
    "PROV",
    "RDF",
    "RDFS",
    "SCHEMA",
    "SKOS",
    "XSD",
]

SCHEMA = Namespace("https://schema.org/")
NIF = Namespace("http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#")
ITSRDF = Namespace("http://www.w3.org/2005/11/its/rdf#")


class KG(DefinedNamespace):
    """The project's ontology (``ontology/kg.ttl``)."""

    _NS = Namespace(ONTOLOGY)
    _fail = True

    # classes
    Person: URIRef
    Organization: URIRef
    GovernmentAgency: URIRef
    PartyOrgan: URIRef
    PeoplesCongress: URIRef
    CPPCC: URIRef
    JudicialOrgan: URIRef
    Enterprise: URIRef
    FinancialInstitution: URIRef
    ZoneCommittee: URIRef
    Place: URIRef
    AdministrativeDivision: URIRef
    Province: URIRef
    City: URIRef
    County: URIRef
    Township: URIRef
    Event: URIRef
    Meeting: URIRef
    Project: URIRef
    RelationStatement: URIRef
    # properties
    adminCode: URIRef
    extractor: URIRef
    score: URIRef
    contentHash: URIRef
    jurisdiction: URIRef
    spokeAt: URIRef
    attended: URIRef
    commendedAt: URIRef
    connects: URIRef
    responsibleFor: URIRef
    relatedTo: URIRef


#: Prefixes bound on every graph kg writes and every query it runs.
PREFIXES: dict[str, Namespace] = {
    "kg": Namespace(ONTOLOGY),
    "foaf": Namespace(str(FOAF)),
    "org": Namespace(str(ORG)),
    "schema": SCHEMA,
    "skos": Namespace(str(SKOS)),
    "prov": Namespace(str(PROV)),
    "dcterms": Namespace(str(DCTERMS)),
    "nif": NIF,
    "itsrdf": ITSRDF,
    "rdfs": Namespace(str(RDFS)),
    "rdf": Namespace(str(RDF)),
    "xsd": Namespace(str(XSD)),
}
