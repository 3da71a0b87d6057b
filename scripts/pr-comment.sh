#!/usr/bin/env bash
# Posts FILE (compare.md) as the pull request's comparison comment, or updates the one posted before (found by its
# marker), so that each push updates one comment instead of adding another. Long comparisons are cut under GitHub's
# 65,536-character limit with a pointer to the artifact that holds the whole file.
# Usage: scripts/pr-comment.sh PR_NUMBER FILE [ARTIFACT_URL]; needs gh on the PATH, GH_TOKEN and GITHUB_REPOSITORY.
set -euo pipefail
if [ $# -lt 2 ] || ! [[ "$1" =~ ^[0-9]+$ ]] || [ ! -f "$2" ]; then
  echo "pr-comment: usage: pr-comment.sh PR_NUMBER FILE [ARTIFACT_URL] (PR_NUMBER a number, FILE an existing file)" >&2
  exit 2
fi
: "${GITHUB_REPOSITORY:?pr-comment: GITHUB_REPOSITORY (owner/name) is not set}"
pr=$1 file=$2 url=${3:-}
marker='<!-- concurrencybench:compare -->'
body="$(mktemp)"
trap 'rm -f "$body"' EXIT
python3 - "$file" "$marker" "$url" > "$body" <<'PY'
import sys
text = open(sys.argv[1], encoding="utf-8", errors="replace").read()
limit = 60000
print(sys.argv[2])
if len(text) > limit:
    where = f": {sys.argv[3]}" if sys.argv[3] else ""
    text = text[:limit] + f"\n\n*(cut at {limit:,} characters: the whole comparison is compare.md in the artifact{where})*\n"
print(text)
PY
existing=$(gh api "repos/$GITHUB_REPOSITORY/issues/$pr/comments" --paginate --jq ".[] | select(.body | startswith(\"$marker\")) | .id" | head -n 1)
if [ -n "$existing" ]; then
  gh api -X PATCH "repos/$GITHUB_REPOSITORY/issues/comments/$existing" -F "body=@$body" > /dev/null
  echo "pr-comment: updated comment $existing on #$pr"
else
  gh api -X POST "repos/$GITHUB_REPOSITORY/issues/$pr/comments" -F "body=@$body" > /dev/null
  echo "pr-comment: posted a comment on #$pr"
fi
