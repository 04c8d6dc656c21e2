# Assertions for the script tests: each prints what it expected and exits the test's subshell on a mismatch.
assert_eq() {
  [ "$1" = "$2" ] || { printf 'expected: %s\n  actual: %s\n' "$1" "$2"; exit 1; }
}
assert_contains() {
  grep -qF -- "$2" <<<"$1" || { printf 'expected to contain: %s\nin:\n%s\n' "$2" "$1"; exit 1; }
}
assert_not_contains() {
  if grep -qF -- "$2" <<<"$1"; then printf 'expected not to contain: %s\nin:\n%s\n' "$2" "$1"; exit 1; fi
}
# The first line of output $1 that contains $2.
line_of() { grep -F -- "$2" <<<"$1" | head -1; }
