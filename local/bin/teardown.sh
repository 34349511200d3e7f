#!/usr/bin/env bash
# Tears down a deployed connector stack (docs/DEPLOY.md, "Teardown"):
#   1. unless --keep-data, deletes the partner key secrets under the stack's PartnerSecretPrefix (they are created at
#      run time, not by CloudFormation, so `sam delete` alone would orphan them);
#   2. `sam delete` of the stack;
#   3. with --delete-table (and without --keep-data), backs up and deletes the retained DynamoDB table.
# --dry-run prints every step and changes nothing. Needs the AWS CLI v2 and the SAM CLI on PATH (or SAM=...).
set -euo pipefail

usage() {
  cat >&2 <<'USAGE'
usage: teardown.sh --stack NAME [--region REGION] [--keep-data] [--delete-table] [--recovery-days N] [--dry-run] [--yes]
  --keep-data        keep the partner key secrets and the table (only the stack goes)
  --delete-table     also delete the retained table, after an on-demand backup (not with --keep-data)
  --recovery-days N  Secrets Manager recovery window for the deleted secrets, 7-30 (default 7); 0 deletes at once
  --dry-run          print what would be done, change nothing
  --yes              do not ask for confirmation
USAGE
  exit 2
}

STACK="" REGION="" KEEP_DATA=0 DELETE_TABLE=0 RECOVERY_DAYS=7 DRY_RUN=0 YES=0
while [ $# -gt 0 ]; do
  case "$1" in
    --stack) [ $# -ge 2 ] || usage; STACK="$2"; shift 2 ;;
    --region) [ $# -ge 2 ] || usage; REGION="$2"; shift 2 ;;
    --keep-data) KEEP_DATA=1; shift ;;
    --delete-table) DELETE_TABLE=1; shift ;;
    --recovery-days) [ $# -ge 2 ] || usage; RECOVERY_DAYS="$2"; shift 2 ;;
    --dry-run) DRY_RUN=1; shift ;;
    --yes|-y) YES=1; shift ;;
    -h|--help) usage ;;
    *) echo "teardown.sh: unknown argument: $1" >&2; usage ;;
  esac
done
[ -n "$STACK" ] || { echo "teardown.sh: --stack is required" >&2; usage; }
[[ "$STACK" =~ ^[A-Za-z][A-Za-z0-9-]{0,127}$ ]] || { echo "teardown.sh: not a stack name: $STACK" >&2; exit 2; }
[[ "$RECOVERY_DAYS" =~ ^[0-9]+$ ]] && { [ "$RECOVERY_DAYS" = 0 ] || { [ "$RECOVERY_DAYS" -ge 7 ] && [ "$RECOVERY_DAYS" -le 30 ]; }; } \
  || { echo "teardown.sh: --recovery-days must be 0 or 7..30" >&2; exit 2; }
if [ "$KEEP_DATA" = 1 ] && [ "$DELETE_TABLE" = 1 ]; then
  echo "teardown.sh: --delete-table contradicts --keep-data" >&2; exit 2
fi

AWS=(aws)
SAM_CMD=("${SAM:-sam}")
if [ -n "$REGION" ]; then AWS+=(--region "$REGION"); fi
REGION_ARGS=(); [ -n "$REGION" ] && REGION_ARGS=(--region "$REGION")

run() { # a step that changes something
  if [ "$DRY_RUN" = 1 ]; then echo "DRY-RUN: $*"; else echo "+ $*"; "$@"; fi
}

output() {
  "${AWS[@]}" cloudformation describe-stacks --stack-name "$STACK" \
    --query "Stacks[0].Outputs[?OutputKey=='$1'].OutputValue" --output text
}

PREFIX=$(output PartnerSecretPrefix)
TABLE=$(output TableName)
case "$PREFIX" in
  ""|None|/) echo "teardown.sh: stack $STACK has no usable PartnerSecretPrefix output ('$PREFIX')" >&2; exit 1 ;;
  */) ;;
  *) echo "teardown.sh: PartnerSecretPrefix '$PREFIX' does not end with '/'; refusing to guess" >&2; exit 1 ;;
esac

SECRETS=()
if [ "$KEEP_DATA" = 0 ]; then
  # Name filters match prefixes; each name is checked again below so nothing outside the prefix is touched.
  while IFS= read -r name; do
    [ -n "$name" ] && [ "$name" != None ] && [[ "$name" == "$PREFIX"* ]] && SECRETS+=("$name")
  done < <("${AWS[@]}" secretsmanager list-secrets --filters "Key=name,Values=$PREFIX" \
             --query 'SecretList[].Name' --output text | tr '\t' '\n')
fi

echo "Stack:          $STACK${REGION:+ ($REGION)}"
echo "Partner keys:   ${#SECRETS[@]} secret(s) under $PREFIX $([ "$KEEP_DATA" = 1 ] && echo '(kept: --keep-data)' || echo 'will be deleted')"
echo "Table:          $TABLE $([ "$DELETE_TABLE" = 1 ] && echo 'will be backed up and deleted' || echo 'is retained (DeletionPolicy: Retain)')"
if [ "$DRY_RUN" = 0 ] && [ "$YES" = 0 ]; then
  read -r -p "Type the stack name to continue: " answer
  [ "$answer" = "$STACK" ] || { echo "teardown.sh: not confirmed; nothing changed" >&2; exit 1; }
fi

if [ "${#SECRETS[@]}" -gt 0 ]; then
  if [ "$RECOVERY_DAYS" = 0 ]; then WINDOW=(--force-delete-without-recovery); else WINDOW=(--recovery-window-in-days "$RECOVERY_DAYS"); fi
  for name in "${SECRETS[@]}"; do
    run "${AWS[@]}" secretsmanager delete-secret --secret-id "$name" "${WINDOW[@]}"
  done
fi

run "${SAM_CMD[@]}" delete --stack-name "$STACK" "${REGION_ARGS[@]}" --no-prompts

if [ "$DELETE_TABLE" = 1 ] && [ -n "$TABLE" ] && [ "$TABLE" != None ]; then
  run "${AWS[@]}" dynamodb create-backup --table-name "$TABLE" --backup-name "$TABLE-final-$(date -u +%Y%m%d%H%M%S)"
  run "${AWS[@]}" dynamodb delete-table --table-name "$TABLE"
fi
echo "Done.$([ "$DRY_RUN" = 1 ] && echo ' (dry run: nothing changed)')"
