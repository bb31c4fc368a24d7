"""The mailings benchmark's report as text, from the dictionary written as JSON."""


def _verdict(value: float | None, target: float) -> str:
    if value is None:
        return f"target ≥ {target:,}/s: not measured"
    return f"target ≥ {target:,}/s: {'met' if value >= target else 'MISSED'}"


def _rate(value: float | None) -> str:
    return f"{value:,.0f}/s" if value else "-"


def _verification(lines: list[str], check: dict) -> None:
    statuses = ", ".join(f"{status} {n:,}" for status, n in check["statuses"].items())
    lines.append(f"         delivery records: {statuses}")
    if check["skipped_and_failed_reasons"]:
        reasons = "; ".join(f"{r} ({n:,})" for r, n in check["skipped_and_failed_reasons"].items())
        lines.append(f"         skipped/failed: {reasons}")
    lines.append(
        f"         sink: {check['messages_in_sink']:,} messages to "
        f"{check['distinct_recipients_in_sink']:,} recipients; duplicates by recipient "
        f"{check['duplicate_recipients']}, by Message-ID {check['duplicate_message_ids']}; "
        f"missing {check['missing']} ({check['missing_handed_over_at_a_kill']} of them handed "
        "over at a kill); to skipped or unknown addresses "
        f"{check['sent_although_skipped_or_unknown']}; wrong Message-ID "
        f"{check['wrong_message_ids']}"
    )
    if check["uncertain"]:
        absent = len(check["uncertain_not_in_sink"])
        lines.append(f"         uncertain: {check['uncertain']} ({absent} of them not in the sink)")
    for key in ("duplicate_recipients_shown", "missing_shown", "wrong_message_ids_shown",
                "sent_although_skipped_or_unknown_shown", "uncertain_not_in_sink"):  # fmt: skip
        if check.get(key):
            lines.append(f"         {key.replace('_', ' ')}: {check[key]}")
    lines.append(
        f"         exactly one message per recipient: {'yes' if check['exactly_once'] else 'NO'}"
    )


def _delivery(lines: list[str], sent: dict) -> None:
    if not sent.get("messages"):
        lines.append("         no message reached the sink")
    else:
        lines.append(
            f"         first → last message: {sent['messages']:,} in "
            f"{sent['first_to_last_seconds']:.1f} s = {_rate(sent['per_second'])}"
        )
        lines.append(
            f"         send_now → first message {sent['seconds_to_first_message']:.1f} s, "
            f"→ status {sent['newsletter_status']} {sent['seconds_to_sent_status']:.1f} s; "
            f"worker peak RSS {sent['worker_peak_rss_mb']:.0f} MB"
        )
        lines.append(
            f"         worker CPU {sent['worker_cpu_ms_per_message']:.2f} ms/message (all "
            f"{sent['worker_processes']} processes, queueing included); sink CPU "
            f"{(sent['sink_cpu_share_of_delivery'] or 0):.0%} of the delivery time"
        )
        if sent.get("database_commits_per_message"):
            lines.append(
                f"         database commits per message: {sent['database_commits_per_message']:.2f}"
                " (PostgreSQL's count for the database, the benchmark's polling included)"
            )
    for exit_ in sent["worker_exits"]:
        lines.append(f"         the worker exited by itself: {exit_}")


def summary(report: dict) -> str:
    m = report["machine"]
    lines = [
        f"Mailings benchmark {report['started']} · {report['database']} · "
        f"{report['recipients']:,} recipients",
        f"{m['cpus']} CPUs ({m['cpu']}), {m['memory_gb']} GB, Python {m['python']}, "
        "load average before: {:.2f} {:.2f} {:.2f}".format(*m["load_average_before"]),
    ]
    people = report["population"]
    lines.append("Phase 0  " + " · ".join(f"{k} {v:.1f} s" for k, v in people["seconds"].items()))
    lines.append(
        f"         {people['people']:,} people with consent (+{people['without_consent']:,} "
        f"without): {people['placed_in_one_district']:,} in one district, "
        f"{people['split_zip']:,} in a split ZIP, {people['unknown_zip']:,} unknown ZIP, "
        f"{people['no_zip']:,} none; {people['with_alliance']:,} in an alliance; "
        f"{people['suppressed']} suppressed, {people['opted_out']} off the list; "
        f"{people['demo_people_with_newsletter']} demo people"
    )
    if "phase1" in report:
        p = report["phase1"]
        q, r = p["queue"], p["render"]
        steps = ", ".join(
            f"{k} {v:.0f} µs" for k, v in r["microseconds_per_message"].items() if v is not None
        )
        lines += [
            f"Phase 1  deliveries_queue: {q['queued']:,} queued, {q['skipped']:,} skipped in "
            f"{q['seconds']:.1f} s = {_rate(q['per_second'])}",
            f"         newsletter_template {1000 * r['template_seconds']:.0f} ms; render "
            f"{r['messages']:,} messages in {r['seconds']:.1f} s = {_rate(r['per_second'])}",
            f"         per message: {steps}; {r['mean_message_bytes'] / 1024:.1f} KB on average",
            f"         queue + render: {p['combined_seconds']:.1f} s = "
            f"{_rate(p['combined_per_second'])}  "
            + _verdict(p["combined_per_second"], p["target_per_second"]),
        ]
    if "phase2" in report:
        p = report["phase2"]
        c = p["sink_capacity"]
        lines.append(
            f"Phase 2  sink alone: {_rate(c['per_second_one_connection'])} from smtplib over one "
            f"connection ({c['message_bytes'] / 1024:.1f} KB messages); sink CPU "
            f"{c['sink_cpu_ms_per_message']:.2f} ms/message "
            f"(≈ {_rate(c['sink_capacity_per_second'])} on one core)"
        )
        _delivery(lines, p)
        lines.append(f"         {_verdict(p.get('per_second'), p['target_per_second'])}")
        _verification(lines, p["verification"])
    if "phase3" in report:
        p = report["phase3"]
        lines.append(
            f"Phase 3  {len(p['kills'])} SIGKILLs, {p['worker_processes']} worker processes"
        )
        for n, kill in enumerate(p["kills"], 1):
            after = kill.get("seconds_from_kill_to_next_message")
            ready = kill.get("seconds_from_kill_to_worker_ready")
            lost = "no message after it"
            if after is not None:
                lost = f"next message {after:.1f} s after the kill"
            if ready is not None:
                lost += f" (the new worker polled after {ready:.1f} s)"
            statuses = kill["delivery_statuses_at_kill"]
            in_flight = ", ".join(f"{status} {count:,}" for status, count in statuses.items())
            lines.append(f"         kill {n} at {kill['messages_before_kill']:,} messages: {lost}")
            lines.append(f"           records at the kill: {in_flight}")
            lines.append(
                f"           handed over at the kill: {len(kill['handed_over_at_kill'])}, "
                f"{kill['handed_over_in_sink']} of them in the sink"
            )
        _delivery(lines, p)
        _verification(lines, p["verification"])
    loads = [
        f"phase {phase[-1]} {report[phase]['load_average_before'][0]:.1f}"
        for phase in ("phase1", "phase2", "phase3")
        if phase in report
    ]
    lines.append("1-minute load average at the start of " + ", ".join(loads))
    lines.append(f"benchmark process peak RSS {report['benchmark_process_peak_rss_mb']:.0f} MB")
    lines.append(f"correct: {'yes' if report['ok'] else 'NO'}; targets: {report['targets']}")
    return "\n".join(lines)
