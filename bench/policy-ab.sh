#!/usr/bin/env bash
# Compares the IAM policy engine of an earlier revision ("before") with the working tree ("after") in one
# JVM, timing alternating rounds in thread CPU time (PolicyAbComparison): on a shared, loaded machine this
# is steadier than two separate JMH runs.
#
#   bench/policy-ab.sh 3c57698             # decide, 15 rounds
#   bench/policy-ab.sh 3c57698 15 fresh    # decideWithFreshContext
#
# The earlier revision is exported with git archive into a temporary directory and compiled there
# (mvn compile, nothing is installed); the benchmark class is the working tree's, so both engines run the
# same benchmark. MVN_ARGS: extra Maven options, for instance -o.
set -euo pipefail
cd "$(dirname "$0")/.."

revision="${1:?usage: bench/policy-ab.sh <revision> [rounds] [fresh]}"
rounds="${2:-15}"
mode="${3:-}"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

mvn -q ${MVN_ARGS:-} -pl auth -am test-compile dependency:build-classpath \
    -Dmdep.outputFile="$work/classpath" -Dmdep.includeScope=test

mkdir -p "$work/before"
git archive "$revision" | tar -x -C "$work/before"
mvn -q ${MVN_ARGS:-} -f "$work/before/pom.xml" -pl auth -am compile

harness="$work/harness/org/opencoc/attachment/iam/policy/bench"
mkdir -p "$harness"
cp auth/target/test-classes/org/opencoc/attachment/iam/policy/bench/PolicyAbComparison*.class "$harness/"

java -cp "$work/harness" org.opencoc.attachment.iam.policy.bench.PolicyAbComparison \
    "$(cat "$work/classpath")" auth/target/test-classes "$work/before/auth/target/classes" auth/target/classes \
    "$rounds" $mode
