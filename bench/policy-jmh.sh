#!/usr/bin/env bash
# Runs the JMH benchmark of the IAM policy evaluator (auth module, test sources).
#
#   bench/policy-jmh.sh                      # default: -f 1 -wi 3 -i 5, all @Param values
#   bench/policy-jmh.sh -p statements=10     # extra JMH options are passed through
#
# Builds auth (and what it needs) up to test-compile, which runs the JMH annotation processor over
# the benchmark, writes the test classpath to a file, and starts org.openjdk.jmh.Main on it.
set -euo pipefail
cd "$(dirname "$0")/.."

classpath_file="$(mktemp)"
trap 'rm -f "$classpath_file"' EXIT

# MVN_ARGS: extra Maven options, for instance -o.
mvn -q ${MVN_ARGS:-} -pl auth -am test-compile dependency:build-classpath \
    -Dmdep.outputFile="$classpath_file" -Dmdep.includeScope=test

if [ ! -s auth/target/test-classes/META-INF/BenchmarkList ]; then
    echo "JMH did not generate auth/target/test-classes/META-INF/BenchmarkList" >&2
    exit 1
fi

java -cp "auth/target/test-classes:auth/target/classes:$(cat "$classpath_file")" \
    org.openjdk.jmh.Main PolicyEvaluatorBenchmark -f 1 -wi 3 -i 5 -w 1s -r 1s "$@"
