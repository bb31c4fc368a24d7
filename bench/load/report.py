"""The load benchmark's figures from what the visitors recorded, and the report as text."""

import statistics
from collections import Counter, defaultdict
from pathlib import Path

from visitors import KINDS, SUBMISSIONS, Request

P99_TARGET_MS = 500


def _percentile(ordered: list[float], fraction: float) -> float:
    if not ordered:
        return 0.0
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


def _failure(request: Request) -> str:
    return f"{request.status}" if request.status else f"no answer ({request.error})"


def latency(requests: list[Request], seconds: float) -> dict:
    ordered = sorted(r.seconds * 1000 for r in requests)
    return {
        "requests": len(requests),
        "ok": sum(r.ok for r in requests),
        "failures": dict(Counter(_failure(r) for r in requests if not r.ok)),
        "per_second": len(requests) / seconds if seconds else 0.0,
        "p50_ms": statistics.median(ordered) if ordered else 0.0,
        "p95_ms": _percentile(ordered, 0.95),
        "p99_ms": _percentile(ordered, 0.99),
        "max_ms": ordered[-1] if ordered else 0.0,
        "page_cache_hits": sum(r.cache == "hit" for r in requests),
    }


def server_times(directory: Path, since: float) -> dict:
    """Per request type, the time in the worker and its CPU time, from gunicorn_timing.py."""
    walls, cpus = defaultdict(list), defaultdict(list)
    for path in directory.glob("worker.*"):
        for line in path.read_text().splitlines():
            started, kind, _status, wall, cpu = line.split()
            if float(started) >= since:
                walls[kind.replace("_", " ")].append(float(wall))
                if float(cpu) >= 0:
                    cpus[kind.replace("_", " ")].append(float(cpu))
    walls["all"] = [value for values in list(walls.values()) for value in values]
    cpus["all"] = [value for values in list(cpus.values()) for value in values]
    result = {}
    for kind, values in walls.items():
        wall, cpu = sorted(values), sorted(cpus.get(kind, []))
        result[kind] = {
            "requests": len(wall),
            "wall_p50_ms": statistics.median(wall),
            "wall_p99_ms": _percentile(wall, 0.99),
            "cpu_p50_ms": statistics.median(cpu) if cpu else None,
            "cpu_p99_ms": _percentile(cpu, 0.99) if cpu else None,
            "cpu_mean_ms": statistics.fmean(cpu) if cpu else None,
        }
    return result


def _reaches_database(request: Request) -> bool:
    """Every answer but a page-cache hit needed the database (sessions, forms, pages)."""
    return request.cache != "hit"


def outage(requests: list[Request], restart: dict) -> dict:
    """What the visitors saw of one restart: the failures from the moment `pg_ctl restart`
    was called until the first request that needed the database succeeded again."""
    called, ready = restart["called"], restart["returned"]
    recovered = min(
        (
            r.started + r.seconds
            for r in requests
            if r.ok and _reaches_database(r) and r.started >= ready
        ),
        default=None,
    )
    until = recovered if recovered is not None else float("inf")
    during = [r for r in requests if r.started + r.seconds >= called and r.started <= until]
    failed = [r for r in during if not r.ok]
    clean = [r for r in failed if r.status == 503 and r.retry_after]
    return {
        **restart,
        "pg_ctl_seconds": ready - called,
        "recovered_at": recovered,
        "recovery_after_ready_seconds": recovered - ready if recovered else None,
        "requests_during": len(during),
        "ok_during": len(during) - len(failed),
        "failed_during": dict(Counter(_failure(r) for r in failed)),
        "clean_503_during": len(clean),
        "unclean_during": len(failed) - len(clean),
        "first_failure": min((r.started - called for r in failed), default=None),
        "last_failure_end": max((r.started + r.seconds - called for r in failed), default=None),
        "window": (called, until),
    }


def summarize(requests: list[Request], started: float, ended: float, restarts: list[dict]):
    seconds = ended - started
    outages = [outage(requests, restart) for restart in restarts]

    def in_outage(request: Request) -> bool:
        return any(
            request.started + request.seconds >= o["window"][0]
            and request.started <= o["window"][1]
            for o in outages
        )

    kinds = {kind: latency([r for r in requests if r.kind == kind], seconds) for kind in KINDS}
    outside = [r for r in requests if not in_outage(r)]
    return {
        "seconds": seconds,
        "kinds": kinds,
        "all": latency(requests, seconds),
        "outside_outages": latency(outside, seconds),
        "errors_outside_outages": dict(Counter(_failure(r) for r in outside if not r.ok)),
        "locked_answers": sum(r.locked for r in requests),
        "status_503": sum(r.status == 503 for r in requests),
        "status_500": sum(r.status == 500 for r in requests),
        "no_answer": sum(r.status == 0 for r in requests),
        "outages": outages,
    }


def _ms(value: float) -> str:
    return f"{value:,.0f}" if value >= 100 else f"{value:.1f}"


def _worker_columns(worker: dict | None) -> str:
    if worker is None:
        return " " * 32
    columns = [worker["wall_p50_ms"], worker["wall_p99_ms"]]
    cpu = [worker["cpu_mean_ms"], worker["cpu_p99_ms"]]  # None with gthread workers
    return "".join(f"{_ms(value) if value is not None else '-':>8}" for value in columns + cpu)


def table(result: dict) -> str:
    figures = result["figures"]
    server = figures.get("server", {})
    lines = [
        f"{'':<16}{'':>7}{'':>7}{'':>7}{'as the visitors saw it':^32}{'in the worker':^32}",
        f"{'request type':<16}{'count':>7}{'ok':>7}{'req/s':>7}{'p50 ms':>8}{'p95 ms':>8}"
        f"{'p99 ms':>8}{'max ms':>8}{'p50 ms':>8}{'p99 ms':>8}{'CPU avg':>8}{'CPU p99':>8}"
        "  failures",
    ]
    rows = [(kind, figures["kinds"][kind]) for kind in KINDS if figures["kinds"][kind]["requests"]]
    for kind, row in [*rows, ("all", figures["all"])]:
        failures = ", ".join(f"{k}: {n}" for k, n in sorted(row["failures"].items())) or "-"
        lines.append(
            f"{kind:<16}{row['requests']:>7}{row['ok']:>7}{row['per_second']:>7.1f}"
            f"{_ms(row['p50_ms']):>8}{_ms(row['p95_ms']):>8}{_ms(row['p99_ms']):>8}"
            f"{_ms(row['max_ms']):>8}{_worker_columns(server.get(kind))}  {failures}"
        )
    return "\n".join(lines)


def verdicts(result: dict) -> list[tuple[str, bool]]:
    figures, counts = result["figures"], result["counts"]
    outside = figures["errors_outside_outages"]
    slow = [
        kind
        for kind, row in figures["kinds"].items()
        if row["requests"] and row["p99_ms"] >= P99_TARGET_MS
    ]
    missing = sum(counts[kind]["missing"] for kind in SUBMISSIONS)
    checks = [
        (f"no error outside a restart ({sum(outside.values())} errors)", not outside),
        (
            f"p99 < {P99_TARGET_MS} ms for every request type"
            + (f" (missed: {', '.join(slow)})" if slow else ""),
            not slow,
        ),
        (f"every submission answered with success is stored ({missing} missing)", missing == 0),
        ("no answer says 'database is locked'", figures["locked_answers"] == 0),
        (
            "no 500 and no connection without an answer",
            figures["status_500"] == 0 and figures["no_answer"] == 0,
        ),
    ]
    for n, o in enumerate(figures["outages"], 1):
        recovered = o["recovery_after_ready_seconds"] is not None
        checks.append(
            (
                f"restart {n} ({o['mode']}): failures during it all 503 + Retry-After, "
                "recovered without restarting gunicorn",
                o["unclean_during"] == 0 and recovered,
            )
        )
    return checks


def text(result: dict) -> str:
    figures, counts, config = result["figures"], result["counts"], result["config"]
    lines = [
        f"== {config['database']} · {config['clients']} clients · {figures['seconds']:.0f} s · "
        f"think {config['think']} s · gunicorn {config['gunicorn']} · scale {config['scale']}"
        + (f" · autogroup nice {config['autogroup_nice']}" if config.get("autogroup_nice") else ""),
        f"   load average before {config['load_before']}, after {config['load_after']}; "
        f"CPU: gunicorn {result['cpu']['gunicorn_seconds']:.0f} s "
        f"({result['cpu']['gunicorn_ms_per_request']:.1f} ms/request), "
        f"the visitors {result['cpu']['clients_seconds']:.0f} s (warm-up included)",
        f"   warm-up ({config['warmup']:.0f} s, not in the figures): "
        f"{figures['warmup']['requests']} requests, {figures['warmup']['ok']} ok, "
        f"p99 {_ms(figures['warmup']['p99_ms'])} ms, max {_ms(figures['warmup']['max_ms'])} ms",
        "",
        table(result),
        "",
        "submissions   answered ok   found   missing   answered otherwise (stored anyway)",
    ]
    for kind in SUBMISSIONS:
        row = counts[kind]
        extra = ""
        if "stored_without_confirmation" in row:
            extra = f"   stored without a confirmation email: {row['stored_without_confirmation']}"
        if "queued_without_task" in row:
            extra = (
                f"   {row['letters_to_offices']} letters to offices, "
                f"{row['queued_without_task']} of them queued without a delivery task"
            )
        lines.append(
            f"{kind:<14}{row['answered_success']:>12}{row['found']:>8}{row['missing']:>10}"
            f"{row['answered_otherwise']:>12} ({row['answered_otherwise_but_stored']}){extra}"
        )
        if row["missing_shown"]:
            lines.append(f"   missing: {row['missing_shown']}")
    for n, o in enumerate(figures["outages"], 1):
        recovery = o["recovery_after_ready_seconds"]
        lines += [
            "",
            f"restart {n}: pg_ctl restart -m {o['mode']} at {o['at']:.0f} s, took "
            f"{o['pg_ctl_seconds']:.1f} s; first request needing the database ok "
            + (f"{recovery:.2f} s after the server was ready" if recovery is not None else "NEVER"),
            f"   during it: {o['requests_during']} requests, {o['ok_during']} ok, failures "
            f"{o['failed_during'] or 'none'} ({o['clean_503_during']} clean 503s with "
            f"Retry-After, {o['unclean_during']} other)",
        ]
        if o["first_failure"] is not None:
            lines.append(
                f"   failures from {o['first_failure']:+.2f} s to "
                f"{o['last_failure_end']:+.2f} s after the restart was called"
            )
    log = result["server_log"]
    lines += [
        "",
        f"'database is locked' in answers: {figures['locked_answers']}; 503s: "
        f"{figures['status_503']}; 500s: {figures['status_500']}; no answer: "
        f"{figures['no_answer']}; server log: {log}",
        "",
    ]
    lines += [f"  [{'ok' if passed else 'FAILED'}] {what}" for what, passed in verdicts(result)]
    return "\n".join(lines)
