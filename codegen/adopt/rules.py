"""The reviewed deviations adopt's house rules cause, as drift will see them.

Each house rule that makes an adopted operation differ from upstream in a way the drift
check compares names a Rule here: which finding it explains (kinds, a location glob and
a glob over the change text, so that it covers the decision and nothing else upstream
may do at the same place) and why. After adopting, every finding on an adopted operation
must be explained by a rule that was applied to that operation; each becomes an entry of
codegen/deviations.yaml (id `adopted-...`). Anything else is reported: drift stays loud
for what nobody decided.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from fnmatch import fnmatchcase

from codegen.drift.findings import Finding

GENERATED_PREFIX = "adopted-"


@dataclass(frozen=True)
class Rule:
    id: str
    kinds: tuple[str, ...]
    location: str  # a glob over finding locations
    change: str  # a glob over the finding's text
    reason: str
    # One entry per concrete location (a rule on schema properties, which sit at many
    # places), instead of one entry with the rule's glob.
    per_location: bool = False

    def explains(self, finding: Finding) -> bool:
        return (
            finding.kind in self.kinds
            and fnmatchcase(finding.location, self.location)
            and fnmatchcase(finding.change, self.change)
        )

    def entry_id(self, finding: Finding) -> str:
        if not self.per_location:
            return GENERATED_PREFIX + self.id
        slug = re.sub(r"[^A-Za-z0-9]+", "-", finding.location).strip("-")
        return f"{GENERATED_PREFIX}{self.id}--{slug}"

    def entry_location(self, finding: Finding) -> str:
        return finding.location if self.per_location else self.location


LIMIT_MINIMUM = Rule(
    "limit-minimum",
    ("bound-changed",),
    "/parameters/query/_limit/schema/minimum",
    "minimum changed: ours 1, upstream none *",
    "Upstream gives _limit no minimum; a page of at least one record is what the call is"
    " for, so the client refuses 0 or less before sending (as for getConversations).",
)
OFFSET_MINIMUM = Rule(
    "offset-minimum",
    ("bound-changed",),
    "/parameters/query/_offset/schema/minimum",
    "minimum changed: ours 0, upstream none *",
    "Upstream describes _offset as zero-based only in prose; minimum 0 says the same in"
    " the schema, so a negative offset is refused before the call.",
)
PAGING_FORMAT = Rule(
    "paging-integer-format",
    ("format-changed",),
    "/parameters/query/_*/schema/format",
    "format changed: ours int32, upstream none",
    "Upstream gives _limit and _offset no format (no upper bound at all); int32 is far"
    " beyond any real page and lets the client refuse an absurd value before the call.",
)


def limit_maximum(maximum: int) -> Rule:
    return Rule(
        f"limit-maximum-{maximum}",
        ("bound-changed",),
        "/parameters/query/_limit/schema/maximum",
        f"maximum changed: ours {maximum}, upstream none *",
        f"Upstream states a maximum of {maximum} for _limit in its description only; ours"
        " is that number made machine-readable, so a larger page is refused before the call.",
    )


NO_SUCCESS_DOCUMENTED = Rule(
    "no-2xx-documented",
    ("response-removed",),
    "/responses/20?",
    "*",
    "Upstream documents no 2xx answer for these operations, only errors. We document 200"
    " and 204 without a body (as for join and leave) so that the generated client knows"
    " a success when it sees one and reads no body; reviewed when adopted.",
)
MEDIA_TYPE_CHARSET = Rule(
    "media-type-charset",
    ("media-type-removed",),
    "/requestBody/content",
    "media type application/json is gone upstream (upstream: application/json; charset=UTF-8)",
    "Upstream writes the request media type as application/json; charset=UTF-8, which is"
    " application/json (UTF-8 is JSON's encoding); we write the plain form our client sends.",
)
DATE_TIME_PLAIN = Rule(
    "date-time-as-plain-string",
    ("format-changed",),
    "*",
    "format changed: ours none, upstream dateTime",
    "Upstream marks this field `format: dateTime`, which is no OpenAPI or JSON Schema"
    " format and promises no ISO 8601; as everywhere in openapi.yaml it is a plain string"
    " (parse_dts() reads date/times tolerantly when asked).",
    per_location=True,
)
MERGED_PARAMETER = Rule(
    "merged-duplicate-parameter",
    ("parameter-required", "parameter-optional"),
    "/parameters/*",
    "*",
    "Upstream lists this query parameter twice; we declare it once, required if either"
    " declaration is, which is how the service must be called.",
)
TOTAL_RECORDS_NULLABLE = Rule(
    "total-records-nullable",
    ("nullable-changed",),
    "*/result_set/total_records/nullable",
    "not nullable upstream, nullable in ours",
    "The operation uses our ResultSet, whose total_records is nullable (upstream documents"
    " null in prose; see total-records-nullable); here it is in a request body, where the"
    " entry for responses does not reach.",
)

# Rules about schemas, which adopted operations share: they explain findings on any
# adopted operation (each is pinned to the one change it makes).
SCHEMA_RULES = (DATE_TIME_PLAIN, TOTAL_RECORDS_NULLABLE)

_STATIC_RULES = (
    LIMIT_MINIMUM,
    OFFSET_MINIMUM,
    PAGING_FORMAT,
    NO_SUCCESS_DOCUMENTED,
    MEDIA_TYPE_CHARSET,
    MERGED_PARAMETER,
    *SCHEMA_RULES,
)
_LIMIT_MAXIMUM = re.compile(r"maximum changed: ours (\d+), upstream none")


def recognised(finding: Finding) -> Rule | None:
    """The house rule whose one change this finding is, whichever operation it is on.

    `--changes` uses this for the operations we carry, which may have been renamed or
    written by hand since they were adopted (adopt itself only counts the rules it
    applied to an operation).
    """
    candidates = list(_STATIC_RULES)
    stated = _LIMIT_MAXIMUM.match(finding.change)
    if stated:
        candidates.append(limit_maximum(int(stated.group(1))))
    return next((rule for rule in candidates if rule.explains(finding)), None)
