#!/usr/bin/env python3
"""Reads what the measurements of bench/ leave behind; called by bench/lib.sh, prints plain numbers.

  parse.py wrk FILE [--refused] [--tokens-once]
      FILE: the JSON object bench/wrk.lua wrote for one wrk run. Prints "req/s p50_ms p99_ms MB/s requests"
      (MB: 10^6 bytes). Exits 1, saying why on stderr, when no request completed or an answer was an error
      (status >= 400; with --refused: when any answer was not, e.g. every one must be the 401). Socket
      errors, and with --tokens-once a token file that ran out (tokens sent twice), are only reported.
  parse.py heap-after-gc FILE
      FILE: a unified GC log (-Xlog:gc). Prints two lines, "min_MiB max_MiB count" of the heap after
      every collection and after full collections only; a line is empty when there was none.
  parse.py allocated-mib FILE
      FILE: a unified GC log (-Xlog:gc). Prints the MiB the application allocated between the first and
      the last collection: the sum of each one's "before" minus the previous one's "after".
  parse.py doc-id FILE
      FILE: the JSON answer of an upload. Prints its "id" (the doc_id); exits 1 when it has none.
"""
import json
import re
import sys


def wrk(path, refused=False, tokens_once=False):
    try:
        with open(path) as f:
            run = json.load(f)
    except (OSError, ValueError) as e:
        sys.exit(f"wrk wrote no summary ({e})")
    requests, errors = run["requests"], run["status_4xx_5xx"]
    seconds = run["duration_us"] / 1e6
    problems = []
    if requests == 0 or seconds <= 0:
        problems.append("no request completed")
    elif refused and errors != requests:
        problems.append(f"{requests - errors} of {requests} answers were not refused")
    elif not refused and errors:
        problems.append(f"{errors} of {requests} answers had a status >= 400")
    sockets = {kind: n for kind, n in run["errors"].items() if n}
    if sockets:
        print(f"wrk socket errors: {sockets}", file=sys.stderr)
    if tokens_once and run["wrapped"]:
        print(f"the tokens ran out {run['wrapped']} time(s): tokens were sent again", file=sys.stderr)
    if problems:
        sys.exit("; ".join(problems))
    latency = run["latency_us"]
    print(f"{requests / seconds:.2f} {latency['p50'] / 1000:.2f} {latency['p99'] / 1000:.2f} "
          f"{run['bytes'] / seconds / 1e6:.1f} {requests}")


# "[12.3s][info][gc] GC(7) Pause Full (System.gc()) 60M->50M(123M) 45.6ms": the JVM's one info line per
# collection on the gc tag, the same for every collector; the decorators in brackets are ignored.
COLLECTION = re.compile(r"GC\(\d+\) Pause (\w+).* (\d+)([KMG])->(\d+)([KMG])\(\d+[KMG]\)")
MIB = {"K": 1 / 1024, "M": 1, "G": 1024}


def heap_after_gc(path):
    after, after_full = [], []
    with open(path) as log:
        for line in log:
            m = COLLECTION.search(line)
            if m:
                mib = int(m.group(4)) * MIB[m.group(5)]
                after.append(mib)
                if m.group(1) == "Full":
                    after_full.append(mib)
    for values in (after, after_full):
        print(f"{min(values):g} {max(values):g} {len(values)}" if values else "")


def allocated_mib(path):
    total, previous_after = 0.0, None
    with open(path) as log:
        for line in log:
            m = COLLECTION.search(line)
            if m:
                before, after = int(m.group(2)) * MIB[m.group(3)], int(m.group(4)) * MIB[m.group(5)]
                if previous_after is not None:
                    total += before - previous_after
                previous_after = after
    print(f"{total:.0f}")


def doc_id(path):
    try:
        with open(path) as f:
            answer = json.load(f)
    except (OSError, ValueError) as e:
        sys.exit(f"no JSON answer in {path} ({e})")
    if not isinstance(answer, dict) or not isinstance(answer.get("id"), str):
        sys.exit(f"the answer in {path} has no id")
    print(answer["id"])


if __name__ == "__main__":
    args = sys.argv[1:]
    if args[:1] == ["wrk"] and len(args) >= 2:
        wrk(args[1], "--refused" in args[2:], "--tokens-once" in args[2:])
    elif args[:1] == ["heap-after-gc"] and len(args) == 2:
        heap_after_gc(args[1])
    elif args[:1] == ["allocated-mib"] and len(args) == 2:
        allocated_mib(args[1])
    elif args[:1] == ["doc-id"] and len(args) == 2:
        doc_id(args[1])
    else:
        sys.exit(__doc__)
