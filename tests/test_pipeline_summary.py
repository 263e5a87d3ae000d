"""kg.pipeline_summary: the run's figures shown on a terminal and as markdown."""

from __future__ import annotations

from kg.pipeline_summary import RunSummary, StageReport, summary_markdown, summary_text


def _summary() -> RunSummary:
    summary = RunSummary(
        inputs=["news"],
        out_dir="out",
        documents=1200,
        documents_with_statements=1100,
        statements=4321,
        actors=57,
        triples_asserted=50000,
        triples_inferred=20000,
        triples_alignment=3000,
        reasoned=True,
        conforms=False,
        violations=2,
        seconds=12.5,
        top_alignments=[
            {
                "rank": 1,
                "actor_a": "Kata'ib Hezbollah",
                "actor_b": "Harakat Hezbollah al-Nujaba",
                "score": 1.25,
                "common_targets": "Israel; United Kingdom; United States; a | b; Zeta",
            }
        ],
        files={"summary_md": "out/summary.md", "graph": "out/graph.ttl"},
        stages=[StageReport("extract", 3.0, "1,200 documents -> 4,321 records")],
    )
    summary.add_issue("news/bad.jsonl:3: not JSON")
    summary.notes.append("news: 2 files of other kinds ignored (.pdf)")
    return summary


def test_terminal_summary() -> None:
    text = summary_text(_summary())
    assert "documents   1,200 read, 1,100 with statements" in text
    assert "statements  4,321" in text
    assert "triples     50,000 asserted + 20,000 inferred + 3,000 alignment" in text
    assert "SHACL       2 violations" in text
    assert "problems    1 (listed in summary.md)" in text
    # at most three common targets, the rest counted
    assert "Israel; United Kingdom; United States (+2 more)" in text
    # files listed graph first, whatever order they were added in
    assert text.index("out/graph.ttl") < text.index("out/summary.md")


def test_without_reasoning_no_inferred_figure() -> None:
    summary = _summary()
    summary.reasoned = False
    summary.triples_inferred = 0
    assert "inferred" not in summary_text(summary)


def test_markdown_summary() -> None:
    summary = _summary()
    markdown = summary_markdown(summary)
    assert markdown.startswith("# kg run summary\n")
    assert "| statements | 4321 |" in markdown
    assert "| SHACL | 2 violations |" in markdown
    assert "a \\| b" not in markdown  # cut to three targets before escaping
    assert "| extract | 3.0 | 1,200 documents -> 4,321 records |" in markdown
    assert "## Input problems\n\n- news/bad.jsonl:3: not JSON" in markdown
    assert "## Notes\n\n- news: 2 files of other kinds ignored (.pdf)" in markdown


def test_issues_beyond_the_kept_ones_are_counted() -> None:
    summary = RunSummary(inputs=["x"], out_dir="out")
    for number in range(250):
        summary.add_issue(f"x:{number}: bad")
    assert summary.issue_count == 250 and len(summary.issues) == 200
    assert "- ... and 50 more" in summary_markdown(summary)
    assert summary.to_dict()["triples"] == 0
