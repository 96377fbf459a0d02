"""Claims: the write path (`write`), the lists and lookups (`queries`), and the page's read model (`view`).

The names the rest of factdb uses are gathered here, so callers need not know
which of the three holds them.
"""

from factdb.claims.checks import claim_problems
from factdb.claims.queries import (
    SORTS,
    ClaimFilters,
    ClaimRow,
    StatusCounts,
    filter_labels,
    get_claim,
    list_claims,
    list_heading,
    matching_claim_ids,
    matching_claims_query,
    status_counts,
    status_history,
    tag_names,
    tag_names_query,
)
from factdb.claims.recent import add_claim
from factdb.claims.write import (
    MAX_CITATIONS,
    MAX_CLAIM_LENGTH,
    MAX_QUOTE_LENGTH,
    CitationInput,
    ClaimInput,
    SaveResult,
    kept_citation,
    save_claim,
    unchanged_citations,
)
from factdb.declarations.claim import MAX_TAGS

__all__ = [
    "MAX_CITATIONS",
    "MAX_CLAIM_LENGTH",
    "MAX_QUOTE_LENGTH",
    "MAX_TAGS",
    "SORTS",
    "CitationInput",
    "ClaimFilters",
    "ClaimInput",
    "ClaimRow",
    "SaveResult",
    "StatusCounts",
    "add_claim",
    "claim_problems",
    "filter_labels",
    "get_claim",
    "kept_citation",
    "list_claims",
    "list_heading",
    "matching_claim_ids",
    "matching_claims_query",
    "save_claim",
    "status_counts",
    "status_history",
    "tag_names",
    "tag_names_query",
    "unchanged_citations",
]
