"""The report of a `kg run`: what it did (RunSummary) and how it is shown (terminal, markdown).

Plain data and pure formatting, kept apart from kg.pipeline, which runs the stages.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

SUMMARY_JSON = "summary.json"
SUMMARY_MD = "summary.md"
# Common targets shown per pair in the printed tables (summary.json keeps them all).
SHOWN_TARGETS = 3
# Issues kept in the summary (the count covers all of them).
MAX_KEPT_ISSUES = 200


@dataclass
class StageReport:
    name: str
    seconds: float = 0.0
    note: str = ""
    skipped: bool = False


@dataclass
class RunSummary:
    """What a run did and where it left its files (all paths as strings)."""

    inputs: list[str]
    out_dir: str
    documents: int = 0  # documents read from the inputs
    documents_with_statements: int = 0
    documents_skipped: int = 0  # already extracted by an earlier run (resume=True)
    failed_documents: int = 0  # documents whose extraction raised
    records_extracted: int = 0  # records in statements.jsonl (kept ones included)
    statements: int = 0  # records loaded into the graph (those that follow the contract)
    # --since / --until: the dates asked for, and what they left out of the graph
    since: str | None = None
    until: str | None = None
    statements_left_out: int = 0
    window_note: str = ""
    rejected_records: int = 0  # extracted records that broke the contract
    actors: int = 0  # distinct actors in the graph (speakers and targets)
    triples_asserted: int = 0
    triples_inferred: int = 0
    triples_alignment: int = 0
    reasoned: bool = False
    conforms: bool | None = None
    violations: int = 0  # SHACL violations (they break conformance)
    shacl_warnings: int = 0  # SHACL warnings (reported, conformance kept)
    alignment_pairs: int = 0
    top_alignments: list[dict[str, Any]] = field(default_factory=list)
    files: dict[str, str] = field(default_factory=dict)
    stages: list[StageReport] = field(default_factory=list)
    issue_count: int = 0  # input problems (warnings): skipped files, lines, records
    issues: list[str] = field(default_factory=list)  # the first MAX_KEPT_ISSUES of them
    notes: list[str] = field(default_factory=list)  # notes ("3 files of other kinds ignored")
    seconds: float = 0.0
    extractor_version: str = ""

    @property
    def triples(self) -> int:
        return self.triples_asserted + self.triples_inferred + self.triples_alignment

    def to_dict(self) -> dict[str, Any]:
        out = asdict(self)
        out["triples"] = self.triples
        return out

    def add_issue(self, message: str) -> None:
        self.issue_count += 1
        if len(self.issues) < MAX_KEPT_ISSUES:
            self.issues.append(message)


# --- the summary ----------------------------------------------------------------------------


def summary_text(summary: RunSummary) -> str:
    """The summary for a terminal: the figures, the top alignments and the files."""
    inferred = f" + {summary.triples_inferred:,} inferred" if summary.reasoned else ""
    lines = [
        f"kg run: done in {summary.seconds:.1f} s",
        f"  documents   {summary.documents:,} read, {summary.documents_with_statements:,} with "
        f"statements, {summary.failed_documents:,} failed",
        f"  statements  {summary.statements:,}"
        + (f" ({summary.rejected_records:,} rejected)" if summary.rejected_records else "")
        + _window_text(summary),
        f"  actors      {summary.actors:,}",
        f"  triples     {summary.triples_asserted:,} asserted{inferred}"
        f" + {summary.triples_alignment:,} alignment",
        f"  SHACL       {_conformance(summary)}",
    ]
    if summary.issue_count:
        lines.append(f"  problems    {summary.issue_count} (listed in {SUMMARY_MD})")
    if summary.top_alignments:
        lines += ["", f"top {len(summary.top_alignments)} alignments:"]
        lines += ["  " + line for line in _plain_table(summary.top_alignments)]
    lines += ["", "files:"]
    width = max((len(path) for path in summary.files.values()), default=0)
    for role, path in _ordered_files(summary):
        lines.append(f"  {path:<{width}}  {FILE_ROLES.get(role, role)}")
    if "graph" in summary.files and "html" in summary.files:
        lines += [
            "",
            "next:",
            f"  open {summary.files['html']} in a browser (it works offline)",
            f"  kg query who_blames_whom --graph {summary.files['graph']}",
        ]
    return "\n".join(lines)


def _window_text(summary: RunSummary) -> str:
    if summary.since is None and summary.until is None:
        return ""
    return (
        f", dated {summary.since or '…'} to {summary.until or '…'}"
        f" ({summary.statements_left_out:,} other records left out)"
    )


def _plain_table(rows: list[dict[str, Any]]) -> list[str]:
    columns = list(rows[0])
    cells = [[_cell(row.get(c, ""), c) for c in columns] for row in rows]
    widths = [max(len(c), *(len(r[i]) for r in cells)) for i, c in enumerate(columns)]
    out = ["  ".join(c.ljust(w) for c, w in zip(columns, widths, strict=True)).rstrip()]
    for row in cells:
        out.append("  ".join(v.ljust(w) for v, w in zip(row, widths, strict=True)).rstrip())
    return out


def summary_markdown(summary: RunSummary) -> str:
    """The summary as a short markdown report (what `out/summary.md` holds)."""
    lines = [
        "# kg run summary",
        "",
        f"Inputs: {', '.join(f'`{p}`' for p in summary.inputs)}; output folder "
        f"`{summary.out_dir}`; {summary.seconds:.1f} s.",
        "",
        "| what | count |",
        "| --- | ---: |",
        f"| documents read | {summary.documents} |",
        f"| documents with statements | {summary.documents_with_statements} |",
        f"| statements | {summary.statements}{_window_text(summary)} |",
        f"| actors | {summary.actors} |",
        f"| triples asserted | {summary.triples_asserted} |",
        f"| triples inferred | {summary.triples_inferred} |",
        f"| alignment triples | {summary.triples_alignment} |",
        f"| SHACL | {_conformance(summary)} |",
        f"| input problems | {summary.issue_count} |",
        "",
    ]
    if summary.top_alignments:
        lines += ["## Top alignments", "", *_alignment_table(summary.top_alignments), ""]
    lines += ["## Files", "", "| file | what |", "| --- | --- |"]
    for role, path in _ordered_files(summary):
        lines.append(f"| `{path}` | {FILE_ROLES.get(role, role)} |")
    lines += ["", "## Stages", "", "| stage | seconds | result |", "| --- | ---: | --- |"]
    for stage in summary.stages:
        lines.append(f"| {stage.name} | {stage.seconds:.1f} | {stage.note} |")
    if summary.issues:
        lines += ["", "## Input problems", ""]
        lines += [f"- {message}" for message in summary.issues]
        if summary.issue_count > len(summary.issues):
            lines.append(f"- ... and {summary.issue_count - len(summary.issues)} more")
    if summary.notes:
        lines += ["", "## Notes", "", *(f"- {message}" for message in summary.notes)]
    return "\n".join(lines) + "\n"


FILE_ROLES = {
    "graph": "asserted graph, Turtle (any RDF tool)",
    "inferred": "triples inferred by OWL-RL reasoning, Turtle",
    "alignment": "alignment scores as RDF, Turtle",
    "html": "interactive graph, HTML (any browser, offline)",
    "alignment_csv": "alignment score per actor pair, CSV (spreadsheets)",
    "alignment_graphml": "alignment network, GraphML (Gephi, yEd)",
    "statements": "statement records, JSON Lines (the extraction contract)",
    "shacl_report": "SHACL validation report",
    "summary_json": "this summary, JSON",
    "summary_md": "this summary, markdown",
}


def _ordered_files(summary: RunSummary) -> list[tuple[str, str]]:
    """The files in the order of FILE_ROLES (graph first, summaries last)."""
    order = {role: number for number, role in enumerate(FILE_ROLES)}
    return sorted(summary.files.items(), key=lambda item: order.get(item[0], len(order)))


def _conformance(summary: RunSummary) -> str:
    if summary.conforms is None:
        return "not checked"
    return "conforms" if summary.conforms else f"{summary.violations} violations"


def _alignment_table(rows: list[dict[str, Any]]) -> list[str]:
    columns = list(rows[0])
    out = ["| " + " | ".join(columns) + " |", "|" + " --- |" * len(columns)]
    for row in rows:
        out.append("| " + " | ".join(_cell(row[c], c).replace("|", "\\|") for c in columns) + " |")
    return out


def _cell(value: Any, column: str = "") -> str:
    if isinstance(value, float):
        return f"{value:.3f}"
    text = str(value)
    if column == "common_targets":  # can name dozens of targets on a big corpus
        targets = [name for name in text.split("; ") if name]
        if len(targets) > SHOWN_TARGETS:
            text = "; ".join(targets[:SHOWN_TARGETS]) + f" (+{len(targets) - SHOWN_TARGETS} more)"
    return text
