# Shared by bench/run and bench/preboot-ab (sourced, not executed): starting and stopping this service,
# nginx and S3Proxy on loopback, measuring with wrk and curl, and the bookkeeping of the results.
# Expects: $root (repository), $work (work directory), set -euo pipefail.

deps="$root/it-tests/target/it-deps"

# ---------------------------------------------------------------- set-up

log() { printf '[bench %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { log "FAILED: $*"; exit 1; }

# Builds the WAR, Payara Micro, S3Proxy and the dev tools when one of them is missing.
build_if_needed() {
  local need=0 f
  for f in "$deps/payara-micro.jar" "$deps/coc-attachments.war" "$deps/coc-attachments-grizzly.jar" "$deps/s3proxy.jar" \
           "$root/it-tests/target/devtools.classpath" "$root/it-tests/target/classes"; do
    [ -e "$f" ] || need=1
  done
  if [ $need = 1 ]; then
    log "building (mvn -q -B package -DskipTests) ..."
    (cd "$root" && mvn -q -B package -DskipTests)
  fi
  devtools_cp="$root/it-tests/target/classes:$(cat "$root/it-tests/target/devtools.classpath")"
}

# The runtime floor: the two classes of bench/floor compiled against the Jakarta EE API of the parent
# POM (from ~/.m2, which the build filled) into $work/floor/floor.war. Never shipped, not in the reactor.
build_floor() {
  local version api dir="$work/floor"
  version=$(sed -n 's:.*<jakartaee-api.version>\(.*\)</jakartaee-api.version>.*:\1:p' "$root/pom.xml")
  api="${HOME}/.m2/repository/jakarta/platform/jakarta.jakartaee-api/$version/jakarta.jakartaee-api-$version.jar"
  [ -f "$api" ] || die "no Jakarta EE API jar at $api (run the Maven build once)"
  rm -rf "$dir" && mkdir -p "$dir/war/WEB-INF/classes"
  javac --release 17 -nowarn -cp "$api" -d "$dir/war/WEB-INF/classes" \
    $(find "$root/bench/floor" -name '*.java') || die "cannot compile the floor WAR"
  (cd "$dir/war" && jar --create --file "$dir/floor.war" .) || die "cannot package the floor WAR"
  floor_war="$dir/floor.war"
}

# Installs nginx-light, wrk, curl and gnuplot-nox from Debian, only those that are missing.
install_tools() {
  "$root/bin/ensure-packages" nginx:nginx-light wrk curl gnuplot:gnuplot-nox
  export PATH="$PATH:/usr/sbin"
}

free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

now_ms() { echo $(( $(date +%s%N) / 1000000 )); }

# Text files of printable ASCII (Tika detects text/plain; every system stores the same bytes).
make_text_file() { # path bytes
  { yes 'incident evidence: the quick brown fox jumps over the lazy dog 0123456789 ABCDEFGHIJKLMNOPQRSTUVWXYZ' \
      || true; } | head -c "$2" > "$1"
}

# ---------------------------------------------------------------- processes

declare -a bench_pids=()

stop_pid() { # pid: TERM, up to 20 s, then KILL
  local pid=$1 i
  kill -0 "$pid" 2>/dev/null || return 0
  kill -TERM "$pid" 2>/dev/null || true
  for i in $(seq 1 200); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  if kill -0 "$pid" 2>/dev/null; then kill -KILL "$pid" 2>/dev/null || true; fi
  wait "$pid" 2>/dev/null || true
}

stop_all() {
  local pid
  for pid in "${bench_pids[@]}"; do stop_pid "$pid"; done
  bench_pids=()
}

forget_pid() { # pid
  local kept=() p
  for p in "${bench_pids[@]}"; do [ "$p" = "$1" ] || kept+=("$p"); done
  bench_pids=("${kept[@]}")
}

# Polls a URL with curl until it answers 2xx (no pause but 10 ms); prints the milliseconds since $2.
await_ok() { # url since_ms timeout_s pid [curl args...]
  local url=$1 since=$2 timeout=$3 pid=$4; shift 4
  local deadline=$(( $(now_ms) + timeout * 1000 ))
  while [ "$(now_ms)" -lt $deadline ]; do
    if curl -fsS -o /dev/null --max-time 5 "$@" "$url" 2>/dev/null; then
      echo $(( $(now_ms) - since ))
      return 0
    fi
    kill -0 "$pid" 2>/dev/null || { log "process $pid died while starting"; return 1; }
    sleep 0.01
  done
  log "no answer from $url within ${timeout}s"
  return 1
}

# This service as bin/run starts it (bin/payara-micro: Payara Micro, filesystem store, loopback), with
# the heap and upload limit given. Sets svc_pid (the JVM's: the launcher execs it) and svc_started_ms.
# Extra JVM options: SERVICE_JAVA_OPTS. COC_LOG_FORMAT=json: the JSON log format (etc/logging-json.properties).
start_service() { # name heap max_bytes port data_dir preboot [war]
  local name=$1 heap=$2 max=$3 port=$4 data=$5 preboot=$6 war=${7:-${service_war:-$deps/coc-attachments.war}}
  mkdir -p "$data"
  local opts=(-Dmp.jwt.verify.publickey.location="file:$work/keys/jwks-public.json"
    -Dcoc.storage.filesystem.root="$data"
    -Xlog:gc:file="$work/logs/$name-gc.log:uptime,level,tags")
  [ -n "$max" ] && opts+=(-Dcoc.upload.max-bytes="$max")
  [ "$war" = "${floor_war:-}" ] && opts+=(-Dfloor.file="$work/files/small.txt")
  # shellcheck disable=SC2206
  [ -n "${SERVICE_JAVA_OPTS:-}" ] && opts+=(${SERVICE_JAVA_OPTS})
  # an empty root each start: on a kept one Payara Micro first redeploys the remembered WAR, answers,
  # then deploys it again (docs/scale-out.md, "Restarts and --rootdir")
  rm -rf "$work/payara-root-$port"
  svc_started_ms=$(now_ms)
  "$root/bin/payara-micro" --heap "$heap" --port "$port" --war "$war" --preboot "$preboot" \
    --rootdir "$work/payara-root-$port" --tmpdir "$work/tmp" "${opts[@]}" \
    >> "$work/logs/$name.log" 2>&1 &
  svc_pid=$!
  bench_pids+=("$svc_pid")
}

# nginx: sendfile on, loopback only, its own prefix and configuration under $work/nginx.
start_nginx() { # port
  local dir="$work/nginx"
  mkdir -p "$dir/html" "$dir/tmp" "$dir/logs"
  cat > "$dir/nginx.conf" <<EOF
# Written by bench/run: static files with sendfile, loopback only, no logging per request.
worker_processes auto;
daemon off;
pid $dir/nginx.pid;
error_log $dir/logs/error.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  sendfile on;
  tcp_nopush on;
  keepalive_requests 1000000;
  default_type application/octet-stream;
  client_body_temp_path $dir/tmp/client;
  proxy_temp_path $dir/tmp/proxy;
  fastcgi_temp_path $dir/tmp/fastcgi;
  uwsgi_temp_path $dir/tmp/uwsgi;
  scgi_temp_path $dir/tmp/scgi;
  server {
    listen 127.0.0.1:$1;
    root $dir/html;
  }
}
EOF
  nginx_started_ms=$(now_ms)
  nginx -p "$dir" -c "$dir/nginx.conf" -e "$dir/logs/error.log" >> "$work/logs/nginx.log" 2>&1 &
  nginx_pid=$!
  bench_pids+=("$nginx_pid")
}

# S3Proxy 4.1.0 with the filesystem backend and the properties the tests use
# (it-tests/src/test/resources/s3proxy.properties; system properties override the file's), but
# s3proxy.authorization=none: the benchmark drives it with wrk and curl, which cannot sign AWS V4
# requests; signing would only add cost on the S3Proxy side.
start_s3proxy() { # port
  local dir="$work/s3proxy"
  mkdir -p "$dir/data"
  s3_started_ms=$(now_ms)
  java -Ds3proxy.endpoint="http://127.0.0.1:$1" -Ds3proxy.authorization=none -Djclouds.filesystem.basedir="$dir/data" \
    -jar "$deps/s3proxy.jar" --properties "$root/it-tests/src/test/resources/s3proxy.properties" \
    >> "$work/logs/s3proxy.log" 2>&1 &
  s3_pid=$!
  bench_pids+=("$s3_pid")
}

# ---------------------------------------------------------------- measuring

failures=0
record() { # metric system round value
  printf '%s\t%s\t%s\t%s\n' "$1" "$2" "$3" "$4" >> "$work/results.tsv"
}
fail() { log "measurement failed: $*"; failures=$((failures + 1)); }

# wrk; sets wrk_rps, wrk_p50_ms, wrk_p99_ms, wrk_mbps (10^6 bytes/s) and wrk_requests from the JSON that
# bench/wrk.lua writes beside its output ($out with .json); returns 1 on errors or answers of status >= 400
# (WRK_EXPECT_401=1: unless every answer is refused, and a first curl sees a 401). The header may be
# "script:<token-file>": every request then carries the next token of that file.
run_wrk() { # out_file threads conns duration url [header]
  local out=$1 t=$2 c=$3 d=$4 url=$5 header=${6:-}
  local json="${out%.txt}.json" args=() checks=() numbers notes
  local env=(WRK_JSON="$json")
  if [[ $header == script:* ]]; then
    env+=(WRK_TOKENS="${header#script:}" WRK_THREADS="$t")
    [[ $header == *fresh* ]] && checks+=(--tokens-once)
  elif [ -n "$header" ]; then
    args+=(-H "$header")
  fi
  if [ "${WRK_EXPECT_401:-0}" = 1 ]; then
    checks+=(--refused)
    [ "$(curl -sS -o /dev/null -w '%{http_code}' "$url")" = 401 ] || { log "$url does not answer 401"; return 1; }
  fi
  rm -f "$json"
  env "${env[@]}" wrk -t"$t" -c"$c" -d"$d" --latency --timeout 10s -s "$root/bench/wrk.lua" "${args[@]}" "$url" \
    > "$out" 2>&1 || true
  if ! numbers=$(python3 "$root/bench/parse.py" wrk "$json" "${checks[@]}" 2>> "$out"); then
    log "wrk problem, see $out:"; sed 's/^/    /' "$out" >&2
    return 1
  fi
  read -r wrk_rps wrk_p50_ms wrk_p99_ms wrk_mbps wrk_requests <<< "$numbers"
  notes=$(grep -E '^(wrk socket errors|the tokens ran out)' "$out" || true)
  [ -z "$notes" ] || log "$notes ($out)"
  return 0
}

# How many methods the JIT of JVM $1 has compiled so far (jstat -compiler), or nothing if it cannot tell.
jit_compiled() { # pid
  jstat -compiler "$1" 2>/dev/null | awk 'NR == 2 {print $1}'
}

# How many methods the JIT of JVM $2 compiled since it had compiled $1 (from jit_compiled), or nothing.
jit_since() { # before pid
  local after
  [ -n "$1" ] && after=$(jit_compiled "$2") && [ -n "$after" ] && echo $((after - $1))
  return 0
}

# The warm-up of every full measurement (bench/run, war-ab, profile-war): see warm_up.
full_warm_up() { warm_window=10s; warm_min=120s; warm_max=300s; }

# Warm-up of one system: windows of $warm_window, for at least $warm_min (default 0) and then until two
# in a row agree within 10% and, for a JVM (its pid given), the JIT compiled at most 20 methods in the
# last window; or until $warm_max of load has passed. Logs how long it took and, per window, the req/s
# and the methods compiled. On 2 cores the service's JIT compiles 110-240 methods per 10 s window
# for its first 110 s of load and its rate climbs meanwhile with plateaus (3.6k, 3.8k, 4.0k, then 6k,
# 7.5k), so two agreeing windows alone once ended its warm-up at 2.8k req/s on a busy machine, where
# it later ran at 6k; once its hot path is compiled it compiles 0-15 per window (bench/warm-curve).
warm_up() { # name threads conns url [header] [jvm pid]
  local name=$1 t=$2 c=$3 url=$4 header=${5:-} pid=${6:-} previous="" spent=0 i=0 w=${warm_window%s} min=${warm_min:-0s} seen=""
  local before compiled
  while [ $spent -lt "${warm_max%s}" ]; do
    i=$((i + 1))
    spent=$((spent + w))
    before=""; [ -n "$pid" ] && before=$(jit_compiled "$pid")
    # a cold server may answer nothing within the first window: that window counts, the next one decides
    run_wrk "$work/logs/wrk-warm-$name-$i.txt" "$t" "$c" "$warm_window" "$url" "$header" 2>/dev/null \
      || { previous=""; wrk_rps=0; seen="$seen 0"; continue; }
    compiled=$(jit_since "$before" "$pid")
    seen="$seen ${wrk_rps%.*}${compiled:+/$compiled}"
    if [ $spent -ge "${min%s}" ] && [ -n "$previous" ] && [ "${compiled:-0}" -le 20 ] \
        && awk -v a="$previous" -v b="$wrk_rps" 'BEGIN {d = a - b; if (d < 0) d = -d; exit !(d <= 0.1 * b)}'; then
      break
    fi
    previous=$wrk_rps
  done
  log "  warm-up $name: ${spent}s, windows of $warm_window (req/s[/methods the JIT compiled]):$seen"
  record warmup_s "$name" 1 "$spent"
}

# One curl download to /dev/null; prints MB/s (10^6 bytes/s); fails on a non-200 or a short body.
curl_mbps() { # url expected_bytes [header]
  local url=$1 size=$2 header=${3:-}
  local r args=()
  [ -n "$header" ] && args+=(-H "$header")
  r=$(curl -sS -o /dev/null -w '%{http_code} %{size_download} %{speed_download}' "${args[@]}" "$url") || return 1
  set -- $r
  [ "$1" = 200 ] && [ "$2" = "$size" ] || { log "curl $url: status $1, $2 bytes"; return 1; }
  awk -v s="$3" 'BEGIN {printf "%.1f", s / 1e6}'
}

# Medians over every value recorded for (metric, system).
median() { # metric system
  awk -F'\t' -v m="$1" -v s="$2" '$1 == m && $2 == s {print $4}' "$work/results.tsv" | sort -g |
    awk '{v[NR] = $1} END {if (NR == 0) print ""; else if (NR % 2) print v[(NR + 1) / 2];
                              else printf "%.2f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2}'
}

# Uploads through the service (multipart, curl -F) or PUTs to S3Proxy: 16 parallel loops of n each.
# Prints uploads per second; fails when any answer is not 200.
parallel_uploads() { # kind(service|s3proxy) file n round
  local kind=$1 file=$2 n=$3 round=$4 dir="$work/uploads/$1-$4" w
  mkdir -p "$dir"
  local start end pids=()
  start=$(date +%s%N)
  for w in $(seq 1 16); do
    (
      for k in $(seq 1 "$n"); do
        if [ "$kind" = service ]; then
          curl -sS -o "$dir/$w-$k.json" -w '%{http_code}\n' -H 'Expect:' \
            -H "Authorization: Bearer $account_token" -F "file=@$file;filename=upload.txt" \
            "http://127.0.0.1:$svc_port/v1/incident/attachments" || echo 000
        else
          curl -sS -o /dev/null -w '%{http_code}\n' -H 'Expect:' -T "$file" \
            "http://127.0.0.1:$s3_port/bench/upload-$w-$k" || echo 000
        fi
      done > "$dir/codes-$w"
    ) &
    pids+=($!)
  done
  for w in "${pids[@]}"; do wait "$w" || true; done
  end=$(date +%s%N)
  local ok
  ok=$(cat "$dir"/codes-* | grep -c '^200$' || true)
  if [ "$ok" != $((16 * n)) ]; then
    log "$kind uploads: $ok of $((16 * n)) answered 200 (see $dir)"
    return 1
  fi
  awk -v c="$ok" -v ns=$((end - start)) 'BEGIN {printf "%.2f", c / (ns / 1e9)}'
}

# The doc_id of an upload answer.
doc_id_of() { python3 "$root/bench/parse.py" doc-id "$1" 2>/dev/null || true; }

# The two tokens every small-request benchmark uses, signed with the keys in $work/keys: sets
# account_token and user_token (bench/run's 10-statement USER policy, with MFA).
mint_bench_tokens() {
  account_token=$(java -cp "$devtools_cp" org.opencoc.attachment.devtools.DevToken --keys "$work/keys" --account)
  user_token=$(java -cp "$devtools_cp" org.opencoc.attachment.devtools.DevToken --keys "$work/keys" \
    --user bench --policy "$root/bench/policy-10-statements.json" --mfa)
}

# Uploads $work/files/small.txt with the account token to the service on port; sets small_url to
# its download URL, or dies.
upload_small() { # port name
  local answer="$work/logs/$2-small.json" d
  curl -sS -o "$answer" -H 'Expect:' -H "Authorization: Bearer $account_token" \
    -F "file=@$work/files/small.txt" "http://127.0.0.1:$1/v1/incident/attachments"
  d=$(doc_id_of "$answer"); [ -n "$d" ] || die "upload to $2 refused"
  small_url="http://127.0.0.1:$1/v1/incident/attachments/$d"
}
