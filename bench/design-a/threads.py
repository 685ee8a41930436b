#!/usr/bin/env python3
"""Thread dumps of bench/war-ab variants while they are under load, and what the request threads do.

  threads.py sample WAR_AB_LOG OUT_DIR NAME=WAR ...   (runs until killed)
      Follows bench/war-ab's log. war-ab runs its slots in a fixed order (round, then mix
      user/account/none/fresh, then variant), so when the line of one slot appears, the next slot's
      variant is under load: three seconds later and again three seconds after that this takes a
      `jcmd <pid> Thread.print` of that variant (found by the WAR it deployed) into
      OUT_DIR/<name>-<mix>-r<round>-<n>.txt.
  threads.py summary OUT_DIR
      Per variant and mix, the mean over the dumps of: request threads (http-thread-pool), busy
      ones (not idle in the pool's getTask), busy ones BLOCKED on a monitor, busy ones BLOCKED in
      Realm.getDefaultRealm/getInstance, and the monitor the busy threads waited for most.
"""
import collections
import os
import re
import subprocess
import sys
import time

MIXES = ["user", "account", "none", "fresh"]
REALM = re.compile(r"at com\.sun\.enterprise\.security\.auth\.realm\.Realm\.(getDefaultRealm|_?getInstance)\(")


def pid_of(war):
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/cmdline", "rb") as f:
                args = f.read().split(b"\0")
        except OSError:
            continue
        for i, arg in enumerate(args[:-1]):
            if arg == b"--deploy" and os.path.realpath(args[i + 1].decode()) == war:
                return entry
    return None


def sample(log, out, variants):
    names = [v.split("=", 1)[0] for v in variants]
    wars = {v.split("=", 1)[0]: os.path.realpath(v.split("=", 1)[1]) for v in variants}
    os.makedirs(out, exist_ok=True)
    slots = []  # (round, mix, name) in war-ab's order; rounds unknown in advance: generated lazily
    def slot(i):
        per_round = len(MIXES) * len(names)
        r, rest = divmod(i, per_round)
        return r + 1, MIXES[rest // len(names)], names[rest % len(names)]
    done = re.compile(r"round (\d+) (\w+) (\S+): ")
    warm_last = f"warm-up {names[-1]}:"
    seen = 0
    next_slot = None
    while not os.path.exists(log):
        time.sleep(0.5)
    with open(log, errors="replace") as f:
        while True:
            line = f.readline()
            if not line:
                time.sleep(0.2)
                continue
            if warm_last in line:
                next_slot = 0
            else:
                m = done.search(line)
                if not m:
                    continue
                r, mix, name = int(m.group(1)), m.group(2), m.group(3)
                for i in range(seen, seen + 4 * len(names) * 50):
                    if slot(i) == (r, mix, name):
                        seen = i + 1
                        next_slot = i + 1
                        break
            if next_slot is None:
                continue
            r, mix, name = slot(next_slot)
            pid = pid_of(wars[name])
            next_slot = None
            if pid is None:
                continue
            for n in (1, 2):
                time.sleep(3)
                path = os.path.join(out, f"{name}-{mix}-r{r}-{n}.txt")
                with open(path, "w") as dump:
                    subprocess.run(["jcmd", pid, "Thread.print"], stdout=dump, stderr=subprocess.STDOUT,
                                   timeout=30, check=False)


def threads_of(path):
    with open(path, errors="replace") as f:
        text = f.read()
    for block in text.split("\n\n"):
        lines = block.strip("\n").split("\n")
        if lines and lines[0].startswith('"'):
            yield lines


def summary(out):
    rows = collections.defaultdict(list)
    monitors = collections.defaultdict(collections.Counter)
    for file in sorted(os.listdir(out)):
        m = re.match(r"(.+)-(\w+)-r(\d+)-(\d+)\.txt$", file)
        if not m:
            continue
        name, mix = m.group(1), m.group(2)
        total = busy = blocked = realm = 0
        for lines in threads_of(os.path.join(out, file)):
            if "http-thread-pool" not in lines[0]:
                continue
            total += 1
            stack = "\n".join(lines[1:12])
            state = lines[1] if len(lines) > 1 else ""
            idle = "getTask" in stack or "LinkedTransferQueue" in stack or "SynchronousQueue" in stack
            if idle:
                continue
            busy += 1
            if "BLOCKED" in state:
                blocked += 1
                frames = [l.strip() for l in lines[2:] if l.strip().startswith("at ")]
                if frames and REALM.search(frames[0]):
                    realm += 1
                lock = re.search(r"waiting to lock <[^>]+> \(a ([^)]+)\)", stack)
                if lock:
                    top = frames[0][3:].split("(")[0] if frames else "?"
                    monitors[(name, mix)][f"{top} on {lock.group(1)}"] += 1
        rows[(name, mix)].append((total, busy, blocked, realm))
    print("| variant | mix | dumps | request threads | busy | busy, BLOCKED | BLOCKED in Realm.getDefaultRealm/getInstance | most waited-for monitor (threads, all dumps) |")
    print("|---|---|---:|---:|---:|---:|---:|---|")
    for (name, mix), values in sorted(rows.items(), key=lambda kv: (kv[0][0], MIXES.index(kv[0][1]) if kv[0][1] in MIXES else 9)):
        mean = [sum(v[i] for v in values) / len(values) for i in range(4)]
        top = monitors[(name, mix)].most_common(1)
        top_text = f"{top[0][0]} ({top[0][1]})" if top else ""
        print(f"| {name} | {mix} | {len(values)} | {mean[0]:.0f} | {mean[1]:.1f} | {mean[2]:.1f} | {mean[3]:.1f} | {top_text} |")


if __name__ == "__main__":
    if len(sys.argv) >= 5 and sys.argv[1] == "sample":
        sample(sys.argv[2], sys.argv[3], sys.argv[4:])
    elif len(sys.argv) == 3 and sys.argv[1] == "summary":
        summary(sys.argv[2])
    else:
        sys.exit(__doc__)
