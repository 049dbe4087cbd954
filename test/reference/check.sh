#!/usr/bin/env bash
# Proves that the committed golden values are current: re-runs the R reference script into a
# temporary directory and compares it with test/reference/fixtures. Exit 1 (and the diff) when they
# differ, e.g. after a change to the script, the shared cohort or the R survival version.
# Needs Rscript with the survival package (Debian: r-base-core r-cran-survival).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
Rscript "$here/survival.reference.R" "$tmp" >/dev/null
if ! diff -ru "$here/fixtures" "$tmp"; then
  echo "test/reference/fixtures are not current: run 'Rscript test/reference/survival.reference.R' and commit the result" >&2
  exit 1
fi
echo "test/reference/fixtures are current"
