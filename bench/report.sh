# Sourced by bench/run after the measurements: medians, ratios, targets -> report.md and a PNG in the
# work directory; a full run also copies them to docs/benchmarks.md and docs/benchmarks.png.

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
  for m in small_rps small_p99_ms medium_single_MBps medium_par8_MBps big_MBps upload_per_s startup_ms; do
    for s in service nginx s3proxy; do med[$m.$s]=$(median "$m" "$s"); done
  done
  local mixes_all=(service service_account service_401 service_rr50 service_fresh floor nginx s3proxy)
  for m in floor_rps floor_p99_ms; do
    for s in "${mixes_all[@]}"; do med[$m.$s]=$(median "$m" "$s"); done
  done
  med[startup_ms.floor]=$(median startup_ms floor)
  # 4 KiB request rates as throughput, for the chart
  for s in service nginx s3proxy; do
    med[small_MBps.$s]=$( [ -n "${med[small_rps.$s]}" ] && awk -v r="${med[small_rps.$s]}" 'BEGIN {printf "%.1f", r * 4096 / 1e6}')
  done

  local heap_line oom_line heap_ok=MISSED
  read -r hmin hmax hn <<< "${heap_full:-}"
  read -r amin amax an <<< "${heap_all:-}"
  if [ -n "${hmax:-}" ] && awk -v a="$hmin" -v b="$hmax" 'BEGIN {exit !(b - a <= 12.8 && b <= 64)}'; then heap_ok=met; fi
  heap_line="after forced full GCs: ${hmin:-?}–${hmax:-?} MiB ($hn samples); after every GC: ${amin:-?}–${amax:-?} MiB ($an GCs)"
  local uploads_ok=MISSED
  local n_up
  n_up=$(awk -F'\t' '$1 == "upload_per_s" && $2 == "service"' "$work/results.tsv" | wc -l)
  [ "$oom" = 0 ] && [ "$n_up" = "$rounds" ] && uploads_ok=met

  row() { # label metric [no-ratio]
    local l=$1 k=$2
    printf '| %s | %s | %s | %s | %s | %s |\n' "$l" "$(fmt "${med[$k.service]}")" "$(fmt "${med[$k.nginx]}")" \
      "$(fmt "${med[$k.s3proxy]}")" "$(ratio "${med[$k.service]}" "${med[$k.nginx]}")" \
      "$(ratio "${med[$k.service]}" "${med[$k.s3proxy]}")"
  }

  local cmd="bench/run"; [ $mode = quick ] && cmd="bench/run --quick"
  local report="$work/report.md"
  {
    echo "# Benchmarks: this service next to nginx and S3Proxy"
    echo
    echo "Produced by \`$cmd\` (commit \`$commit\`, $date). Everything on loopback on one machine;"
    echo "the three systems take turns within each round ($rounds round(s), ${dur} per wrk measurement) so that"
    echo "drift of the machine hits all of them alike. Values are medians over rounds (and repetitions)."
    echo
    echo "- **this service**: Payara Micro exactly as \`bin/run\` starts it (\`--addlibs coc-attachments-grizzly.jar"
    echo "  --nohazelcast --disablephonehome --prebootcommandfile $preboot\`), filesystem store, production defaults, \`-Xmx256m\`"
    echo "  (\`-Xmx128m\` and the upload limit raised for the $big_label file). Downloads use a USER token whose"
    echo "  policy has 10 statements with conditions (\`bench/policy-10-statements.json\`: 9 that do not"
    echo "  apply, 1 Allow that does), so JWT verification and the policy engine run on every request."
    echo "  Uploads use an account token. Extra JVM options: \`${service_java_opts:-none}\`."
    echo "- **nginx** $nginx: static files, \`sendfile on\`, \`access_log off\`, \`worker_processes auto\`: the physical limit."
    echo "- **S3Proxy** 4.1.0: filesystem backend, default JVM options, \`s3proxy.authorization=none\` (wrk and"
    echo "  curl cannot sign AWS requests; anonymous access only spares S3Proxy work). A Java peer."
    echo "- Same bytes everywhere: each test file (printable ASCII \`.txt\`) is uploaded through the service's"
    echo "  API, hard-linked into nginx's root and PUT into an S3Proxy bucket; the run checks that all three"
    echo "  serve identical SHA-256s before measuring."
    echo
    echo "| measurement | this service | nginx | S3Proxy | service / nginx | service / S3Proxy |"
    echo "|---|---:|---:|---:|---:|---:|"
    row "4 KiB GET, req/s (wrk -t2 -c64)" small_rps
    row "4 KiB GET, p99 latency, ms (lower is better)" small_p99_ms
    row "10 MiB GET, one stream, MB/s (curl)" medium_single_MBps
    row "10 MiB GET, 8 streams, MB/s total (wrk -t2 -c8)" medium_par8_MBps
    row "$big_label GET, one stream, MB/s (curl; service at -Xmx128m)" big_MBps
    printf '| 10 MiB upload, 16 concurrent, uploads/s (service: multipart POST; S3Proxy: PUT) | %s | – | %s | – | %s |\n' \
      "$(fmt "${med[upload_per_s.service]}")" "$(fmt "${med[upload_per_s.s3proxy]}")" \
      "$(ratio "${med[upload_per_s.service]}" "${med[upload_per_s.s3proxy]}")"
    row "start to first successful GET, ms (lower is better)" startup_ms
    echo
    echo
    echo "## Small requests against the runtime floor"
    echo
    echo "The **floor** is a 2-class JAX-RS WAR (\`bench/floor\`, built by the benchmark, never shipped) that"
    echo "returns the same 4 KiB from memory, on the same Payara Micro with the same JVM options, heap and"
    echo "pre-boot file as the service. Every system was warmed up first (${warm_window} windows, at least"
    echo "${warm_min} and then until two in a row agree within 10% and the JIT of a JVM compiled at most 20 methods in the last, at most ${warm_max}: service"
    echo "$(median warmup_s service) s, floor $(median warmup_s floor) s, nginx $(median warmup_s nginx) s, S3Proxy"
    echo "$(median warmup_s s3proxy) s), then all take turns in each round (wrk -t2 -c64, ${dur}; the"
    echo "new-token mix runs shorter so that no token is sent twice)."
    echo
    echo "| 4 KiB GET | req/s | p99, ms | / floor | / nginx | / S3Proxy | p99 / floor p99 |"
    echo "|---|---:|---:|---:|---:|---:|---:|"
    local label
    for s in "${mixes_all[@]}"; do
      case $s in
        service) label="this service, 10-statement USER token" ;;
        service_account) label="this service, account token" ;;
        service_401) label="this service, no token (401)" ;;
        service_rr50) label="this service, 50 distinct USER tokens round-robin" ;;
        service_fresh) label="this service, a new USER token on every request" ;;
        floor) label="runtime floor (trivial JAX-RS WAR)" ;;
        nginx) label="nginx" ;;
        s3proxy) label="S3Proxy (anonymous)" ;;
      esac
      printf '| %s | %s | %s | %s | %s | %s | %s |\n' "$label" "$(fmt "${med[floor_rps.$s]}")" "$(fmt "${med[floor_p99_ms.$s]}")" \
        "$(ratio "${med[floor_rps.$s]}" "${med[floor_rps.floor]}")" "$(ratio "${med[floor_rps.$s]}" "${med[floor_rps.nginx]}")" \
        "$(ratio "${med[floor_rps.$s]}" "${med[floor_rps.s3proxy]}")" "$(ratio "${med[floor_p99_ms.$s]}" "${med[floor_p99_ms.floor]}")"
    done
    printf '| start to first successful GET, ms: service %s, floor %s | | | %s | | | |\n' \
      "$(fmt "${med[startup_ms.service]}")" "$(fmt "${med[startup_ms.floor]}")" "$(ratio "${med[startup_ms.service]}" "${med[startup_ms.floor]}")"
    echo
    echo "MB/s is 10^6 bytes per second. Heap of the service during the $big_label downloads at -Xmx128m: $heap_line."
    echo "OutOfMemoryError lines in the service logs: $oom."
    echo
    echo "![Throughput by file size](benchmarks.png)"
    echo
    echo "## Targets (ratios from this run)"
    echo
    echo "| target | result |"
    echo "|---|---|"
    echo "| 4 KiB authenticated GET ≥ 0.35× nginx req/s | $(at_least "${med[small_rps.service]}" "${med[small_rps.nginx]}" 0.35) |"
    echo "| 4 KiB authenticated GET ≥ 1.2× S3Proxy req/s | $(at_least "${med[small_rps.service]}" "${med[small_rps.s3proxy]}" 1.2) |"
    echo "| 10 MiB GET, one stream ≥ 0.7× nginx MB/s | $(at_least "${med[medium_single_MBps.service]}" "${med[medium_single_MBps.nginx]}" 0.7) |"
    echo "| 10 MiB GET, 8 streams ≥ 0.7× nginx MB/s | $(at_least "${med[medium_par8_MBps.service]}" "${med[medium_par8_MBps.nginx]}" 0.7) |"
    echo "| $big_label GET ≥ 0.7× nginx MB/s | $(at_least "${med[big_MBps.service]}" "${med[big_MBps.nginx]}" 0.7) |"
    echo "| heap flat at -Xmx128m during the $big_label download (live heap spread ≤ 12.8 MiB, ≤ 64 MiB) | $heap_ok |"
    echo "| 16 concurrent 10 MiB uploads at -Xmx256m, all 200, no OutOfMemoryError | $uploads_ok |"
    echo "| 4 KiB GET, USER token ≥ 0.5× the floor | $(at_least "${med[floor_rps.service]}" "${med[floor_rps.floor]}" 0.5) |"
    echo "| 4 KiB GET, USER token ≥ 1.0× S3Proxy | $(at_least "${med[floor_rps.service]}" "${med[floor_rps.s3proxy]}" 1.0) |"
    echo "| 4 KiB GET, USER token p99 ≤ 3× the floor's p99 | $(awk -v a="${med[floor_p99_ms.service]:-}" -v b="${med[floor_p99_ms.floor]:-}" 'BEGIN {if (a == "" || b == "") print "not measured"; else printf "%s (%.2f×, target ≤ 3×)", (a <= 3 * b) ? "met" : "MISSED", a / b}') |"
    echo "| 4 KiB GET, account token ≥ 0.6× the floor | $(at_least "${med[floor_rps.service_account]}" "${med[floor_rps.floor]}" 0.6) |"
    echo "| 401 without a token ≥ 0.6× the floor | $(at_least "${med[floor_rps.service_401]}" "${med[floor_rps.floor]}" 0.6) |"
    echo "| 50 round-robin tokens ≥ 0.4× the floor | $(at_least "${med[floor_rps.service_rr50]}" "${med[floor_rps.floor]}" 0.4) |"
    echo "| start to first authenticated GET ≤ 2× the floor's start | $(awk -v a="${med[startup_ms.service]:-}" -v b="${med[startup_ms.floor]:-}" 'BEGIN {if (a == "" || b == "") print "not measured"; else printf "%s (%.2f×, target ≤ 2×)", (a <= 2 * b) ? "met" : "MISSED", a / b}') |"
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
    echo "bench/run            # this page: 3 rounds, 15 s per measurement, 1 GiB, the runtime floor and token mixes; ~20 min"
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

  if [ $mode = full ]; then
    mkdir -p "$root/docs"
    cp "$report" "$root/docs/benchmarks.md"
    cp "$work/benchmarks.png" "$root/docs/benchmarks.png"
    log "wrote docs/benchmarks.md and docs/benchmarks.png"
  fi
  sed -n '/^| measurement/,/^$/p' "$report" >&2
  sed -n '/^| 4 KiB GET | req/,/^$/p' "$report" >&2
  sed -n '/^| target/,/^$/p' "$report" >&2
}
