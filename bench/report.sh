# Sourced by bench/run after the measurements: medians, ratios, targets -> report.md and benchmarks.png
# in the work directory (bench/target/<mode>, git-ignored), the sections in the order of bench/run's
# phases. docs/benchmarks.md is written by hand from a full run's report.

fmt() { # value -> readable number (integers above 100, one decimal below)
  [ -n "$1" ] || { echo "n/a"; return; }
  awk -v v="$1" 'BEGIN {if (v >= 100) printf "%d", v + 0.5; else printf "%.1f", v}'
}
ratio() { # a b -> a/b with two decimals
  [ -n "$1" ] && [ -n "$2" ] || { echo "n/a"; return; }
  awk -v a="$1" -v b="$2" 'BEGIN {if (b == 0) print "n/a"; else if (a / b < 0.1) printf "%.3f×", a / b; else printf "%.2f×", a / b}'
}
at_least() { # a b factor -> met/MISSED (a >= factor * b)
  [ -n "$1" ] && [ -n "$2" ] || { echo "not measured"; return; }
  awk -v a="$1" -v b="$2" -v f="$3" 'BEGIN {printf (a / b < 0.1 ? "%s (%.3f×, target %s×)" : "%s (%.2f×, target %s×)"), (a >= f * b) ? "met" : "MISSED", a / b, f}'
}
at_most() { # a b factor -> met/MISSED (a <= factor * b)
  [ -n "$1" ] && [ -n "$2" ] || { echo "not measured"; return; }
  awk -v a="$1" -v b="$2" -v f="$3" 'BEGIN {printf "%s (%.2f×, target ≤ %s×)", (a <= f * b) ? "met" : "MISSED", a / b, f}'
}

write_report() {
  if [ "${report_only:-0}" = 1 ]; then
    . "$work/state.env"
  else
    { printf 'heap_full=%q\nheap_all=%q\noom=%q\nrounds=%q\ndur=%q\nbig_label=%q\n' \
        "${heap_full:-}" "${heap_all:-}" "$oom" "$rounds" "$dur" "$big_label"
      printf 'warm_window=%q\nwarm_min=%q\nwarm_max=%q\n' "$warm_window" "${warm_min:-0s}" "$warm_max"; } > "$work/state.env"
  fi
  . "$work/machine.env"
  local m s
  declare -A med
  local all=(service service_account service_401 service_rr50 service_fresh floor nginx s3proxy)
  for m in startup_ms small_rps small_p99_ms medium_single_MBps medium_par8_MBps big_MBps upload_per_s; do
    for s in "${all[@]}"; do med[$m.$s]=$(median "$m" "$s"); done
  done
  # 4 KiB request rates as throughput, for the chart
  for s in service nginx s3proxy; do
    med[small_MBps.$s]=$( [ -n "${med[small_rps.$s]}" ] && awk -v r="${med[small_rps.$s]}" 'BEGIN {printf "%.1f", r * 4096 / 1e6}')
  done

  local heap_line heap_ok=MISSED
  read -r hmin hmax hn <<< "${heap_full:-}"
  read -r amin amax an <<< "${heap_all:-}"
  if [ -n "${hmax:-}" ] && awk -v a="$hmin" -v b="$hmax" 'BEGIN {exit !(b - a <= 12.8 && b <= 64)}'; then heap_ok=met; fi
  heap_line="after forced full GCs: ${hmin:-?}–${hmax:-?} MiB (${hn:-0} samples); after every GC: ${amin:-?}–${amax:-?} MiB (${an:-0} GCs)"
  local uploads_ok=MISSED
  local n_up
  n_up=$(awk -F'\t' '$1 == "upload_per_s" && $2 == "service"' "$work/results.tsv" | wc -l)
  [ "$oom" = 0 ] && [ "$n_up" = "$rounds" ] && uploads_ok=met

  row() { # label metric
    local l=$1 k=$2
    printf '| %s | %s | %s | %s | %s | %s |\n' "$l" "$(fmt "${med[$k.service]}")" "$(fmt "${med[$k.nginx]}")" \
      "$(fmt "${med[$k.s3proxy]}")" "$(ratio "${med[$k.service]}" "${med[$k.nginx]}")" \
      "$(ratio "${med[$k.service]}" "${med[$k.s3proxy]}")"
  }
  target() { # label at_least|at_most metric system reference factor
    printf '| %s | %s |\n' "$1" "$("$2" "${med[$3.$4]}" "${med[$3.$5]}" "$6")"
  }
  label() { # mix -> its row label
    case $1 in
      service) echo "this service, 10-statement USER token" ;;
      service_account) echo "this service, account token" ;;
      service_401) echo "this service, no token (401)" ;;
      service_rr50) echo "this service, 50 distinct USER tokens round-robin" ;;
      service_fresh) echo "this service, a new USER token on every request" ;;
      floor) echo "runtime floor (trivial JAX-RS WAR)" ;;
      nginx) echo "nginx" ;;
      s3proxy) echo "S3Proxy (anonymous)" ;;
    esac
  }

  local cmd="bench/run"; [ $mode = quick ] && cmd="bench/run --quick"
  local report="$work/report.md"
  {
    echo "# Benchmarks: this service next to nginx and S3Proxy"
    echo
    echo "Produced by \`$cmd\` (commit \`$commit\`, $date). Everything on loopback on one machine;"
    echo "the systems take turns within each round ($rounds round(s), ${dur} per wrk measurement) so that"
    echo "drift of the machine hits all of them alike. Values are medians over rounds (and repetitions)."
    echo "The sections follow the phases of the run."
    echo
    echo "## Set-up"
    echo
    echo "- **this service**: Payara Micro exactly as \`bin/run\` starts it (\`--addlibs coc-attachments-grizzly.jar"
    echo "  --nohazelcast --disablephonehome --prebootcommandfile $preboot\`), filesystem store, production defaults, \`-Xmx256m\`"
    echo "  (\`-Xmx128m\` for the $big_label file). Downloads use a USER token whose"
    echo "  policy has 10 statements with conditions (\`bench/policy-10-statements.json\`: 9 that do not"
    echo "  apply, 1 Allow that does), so JWT verification and the policy engine run on every request."
    echo "  Uploads use an account token. Extra JVM options: \`${service_java_opts:-none}\`."
    echo "- **runtime floor**: a 2-class JAX-RS WAR (\`bench/floor\`, built by the benchmark, never shipped)"
    echo "  that returns the same 4 KiB from memory, on the same Payara Micro with the same JVM options, heap"
    echo "  and pre-boot file as the service."
    echo "- **nginx** $nginx: static files, \`sendfile on\`, \`access_log off\`, \`worker_processes auto\`: the physical limit."
    echo "- **S3Proxy** 4.1.0: filesystem backend, default JVM options, \`s3proxy.authorization=none\` (wrk and"
    echo "  curl cannot sign AWS requests; anonymous access only spares S3Proxy work). A Java peer."
    echo "- Same bytes everywhere: each test file (printable ASCII \`.txt\`) is uploaded through the service's"
    echo "  API, hard-linked into nginx's root and PUT into an S3Proxy bucket; the run checks that all three"
    echo "  serve identical SHA-256s before measuring."
    echo
    echo "## Start-up"
    echo
    echo "Process start to the first successful GET of the 4 KiB file (curl in a tight loop; the service's with the USER token)."
    echo
    echo "| system | ms (lower is better) | / floor |"
    echo "|---|---:|---:|"
    for s in service floor nginx s3proxy; do
      printf '| %s | %s | %s |\n' "$(if [ "$s" = service ]; then echo "this service"; else label "$s"; fi)" "$(fmt "${med[startup_ms.$s]}")" "$(ratio "${med[startup_ms.$s]}" "${med[startup_ms.floor]}")"
    done
    echo
    echo "## 4 KiB GETs against the runtime floor"
    echo
    echo "Every system was warmed up first (${warm_window} windows, at least ${warm_min} and then until two in a row"
    echo "agree within 10% and the JIT of a JVM compiled at most 20 methods in the last, at most ${warm_max}: service"
    echo "$(median warmup_s service) s, floor $(median warmup_s floor) s, nginx $(median warmup_s nginx) s, S3Proxy"
    echo "$(median warmup_s s3proxy) s), then all take turns in each round (wrk -t2 -c64, ${dur}; the"
    echo "new-token mix runs shorter so that no token is sent twice)."
    echo
    echo "| 4 KiB GET | req/s | p99, ms | / floor | / nginx | / S3Proxy | p99 / floor p99 |"
    echo "|---|---:|---:|---:|---:|---:|---:|"
    for s in "${all[@]}"; do
      printf '| %s | %s | %s | %s | %s | %s | %s |\n' "$(label "$s")" "$(fmt "${med[small_rps.$s]}")" "$(fmt "${med[small_p99_ms.$s]}")" \
        "$(ratio "${med[small_rps.$s]}" "${med[small_rps.floor]}")" "$(ratio "${med[small_rps.$s]}" "${med[small_rps.nginx]}")" \
        "$(ratio "${med[small_rps.$s]}" "${med[small_rps.s3proxy]}")" "$(ratio "${med[small_p99_ms.$s]}" "${med[small_p99_ms.floor]}")"
    done
    echo
    echo "## Downloads beside nginx and S3Proxy, 4 KiB to $big_label"
    echo
    echo "| measurement | this service | nginx | S3Proxy | service / nginx | service / S3Proxy |"
    echo "|---|---:|---:|---:|---:|---:|"
    row "4 KiB GET, req/s (wrk -t2 -c64)" small_rps
    row "4 KiB GET, p99 latency, ms (lower is better)" small_p99_ms
    row "10 MiB GET, one stream, MB/s (curl)" medium_single_MBps
    row "10 MiB GET, 8 streams, MB/s total (wrk -t2 -c8)" medium_par8_MBps
    row "$big_label GET, one stream, MB/s (curl; service at -Xmx128m)" big_MBps
    echo
    echo "MB/s is 10^6 bytes per second."
    echo
    echo "![Throughput by file size](benchmarks.png)"
    echo
    echo "## Memory"
    echo
    echo "Heap of the service during the $big_label downloads at -Xmx128m (from its GC log): $heap_line."
    echo "OutOfMemoryError lines in the service logs: $oom."
    echo
    echo "## Uploads"
    echo
    echo "| 10 MiB upload, 16 concurrent (service: multipart POST at -Xmx256m; S3Proxy: PUT) | this service | S3Proxy | service / S3Proxy |"
    echo "|---|---:|---:|---:|"
    printf '| uploads/s | %s | %s | %s |\n' "$(fmt "${med[upload_per_s.service]}")" "$(fmt "${med[upload_per_s.s3proxy]}")" \
      "$(ratio "${med[upload_per_s.service]}" "${med[upload_per_s.s3proxy]}")"
    echo
    echo "## Targets (ratios from this run)"
    echo
    echo "| target | result |"
    echo "|---|---|"
    target "start to first authenticated GET ≤ 2× the floor's start" at_most startup_ms service floor 2
    target "4 KiB GET, USER token ≥ 0.5× the floor" at_least small_rps service floor 0.5
    target "4 KiB GET, USER token p99 ≤ 3× the floor's p99" at_most small_p99_ms service floor 3
    target "4 KiB GET, account token ≥ 0.6× the floor" at_least small_rps service_account floor 0.6
    target "401 without a token ≥ 0.6× the floor" at_least small_rps service_401 floor 0.6
    target "50 round-robin tokens ≥ 0.4× the floor" at_least small_rps service_rr50 floor 0.4
    target "4 KiB GET, USER token ≥ 1.0× S3Proxy" at_least small_rps service s3proxy 1.0
    target "4 KiB authenticated GET ≥ 1.2× S3Proxy req/s" at_least small_rps service s3proxy 1.2
    target "4 KiB authenticated GET ≥ 0.35× nginx req/s" at_least small_rps service nginx 0.35
    target "10 MiB GET, one stream ≥ 0.7× nginx MB/s" at_least medium_single_MBps service nginx 0.7
    target "10 MiB GET, 8 streams ≥ 0.7× nginx MB/s" at_least medium_par8_MBps service nginx 0.7
    target "$big_label GET ≥ 0.7× nginx MB/s" at_least big_MBps service nginx 0.7
    echo "| heap flat at -Xmx128m during the $big_label download (live heap spread ≤ 12.8 MiB, ≤ 64 MiB) | $heap_ok |"
    echo "| 16 concurrent 10 MiB uploads at -Xmx256m, all 200, no OutOfMemoryError | $uploads_ok |"
    echo
    echo "## Machine"
    echo
    echo "| | |"
    echo "|---|---|"
    echo "| CPU | $cpu, \`nproc\` = $nproc |"
    echo "| memory (\`free -g\`) | $mem |"
    echo "| Java | $java |"
    echo "| load average (1, 5, 15 min) at start / end | $load_start / $load_end |"
    echo "| date, duration | $date, $duration_s s |"
    echo
    echo "The machine is shared (other builds may run at the same time, see the load average); the"
    echo "alternation within rounds keeps the ratios meaningful even when absolute numbers move."
    echo
    echo "## How to run"
    echo
    echo '```sh'
    echo "bench/run            # 3 rounds, 15 s per measurement, 1 GiB, the runtime floor and token mixes; ~20 min"
    echo "bench/run --quick    # smoke run (1 round, 2 s, 64 MiB) into bench/target/quick/, used by the test build"
    echo "BENCH_JFR=1 bench/run --keep   # also records a JFR profile of the service per phase (bench/target/full/jfr)"
    echo "bench/war-ab 'before|old.war|' 'after|it-tests/target/it-deps/coc-attachments.war|'   # WARs side by side, token mixes"
    echo '```'
    echo
    echo "Per-round values (\`bench/target/<mode>/results.tsv\`: metric, system, round, value):"
    echo
    echo '```'
    cat "$work/results.tsv"
    echo '```'
    if [ -f "$root/bench/where-the-time-goes.md" ]; then
      echo
      cat "$root/bench/where-the-time-goes.md"
    fi
  } > "$report"

  # chart: throughput by file size, the three systems side by side
  {
    echo "# category service nginx s3proxy (MB/s)"
    echo "\"4 KiB GETs\\n(req/s × 4 KiB)\" ${med[small_MBps.service]:-0} ${med[small_MBps.nginx]:-0} ${med[small_MBps.s3proxy]:-0}"
    echo "\"10 MiB\\none stream\" ${med[medium_single_MBps.service]:-0} ${med[medium_single_MBps.nginx]:-0} ${med[medium_single_MBps.s3proxy]:-0}"
    echo "\"10 MiB\\n8 streams\" ${med[medium_par8_MBps.service]:-0} ${med[medium_par8_MBps.nginx]:-0} ${med[medium_par8_MBps.s3proxy]:-0}"
    echo "\"$big_label\\none stream\" ${med[big_MBps.service]:-0} ${med[big_MBps.nginx]:-0} ${med[big_MBps.s3proxy]:-0}"
  } > "$work/plot.dat"
  gnuplot -e "datafile='$work/plot.dat'; outfile='$work/benchmarks.png'; subtitle='$date, $nproc CPUs, $rounds round(s), medians'" \
    "$root/bench/throughput.gp" 2> "$work/logs/gnuplot.log" || { log "gnuplot failed: $(cat "$work/logs/gnuplot.log")"; failures=$((failures + 1)); }

  # the tables, without the per-round values and the analysis
  sed -n '/^## Start-up/,/^## Machine/p' "$report" | grep '^|' >&2
  log "report: $report"
}
