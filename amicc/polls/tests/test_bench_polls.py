"""bench/polls at a small size: it runs, and the platform and pandas agree on every count."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[3] / "bench" / "polls"

pytest.importorskip("pandas")


def test_bench_polls_small_run_agrees(tmp_path):
    results = tmp_path / "polls.txt"
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    completed = subprocess.run(
        [sys.executable, str(BENCH), "--responses", "2000", "--results", str(results)],
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert completed.returncode == 0, completed.stdout + completed.stderr
    text = results.read_text()
    assert "same counts: yes" in text
    assert "platform tabulate_poll, 5 questions" in text
    assert "pandas groupby tabulation" in text


def test_bench_polls_refuses_a_bad_size():
    completed = subprocess.run(
        [sys.executable, str(BENCH), "--responses", "0"], capture_output=True, text=True
    )
    assert completed.returncode == 2
    assert "--responses must be at least 1" in completed.stderr
