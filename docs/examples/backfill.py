#!/usr/bin/env python3
"""Day-one backfill: loads every customer's current quantity into the connector through the signed webhook
(docs/BACKFILL.md), standard library only.

Each CSV row becomes a `usage.set` (an absolute count) at the snapshot time `--as-of`, with an event id derived from
(partner, account, service, as-of): a re-run of the same file and snapshot time sends the same ids, which the
connector answers as duplicates and which change nothing. With an `account_name` column, each account also gets an
`account.upserted` (id derived the same way) so Gradient shows its name.

CSV (UTF-8, a header row; extra columns are refused):
    partner,account,service,quantity[,account_name]
    demo-partner,acct-1,backup-server,12,Acme Dental

Usage (e.g. against `make run`):
    WEBHOOK_URL=http://127.0.0.1:3000/webhooks/vendor-events WEBHOOK_SECRET=local-webhook-secret \\
        python3 docs/examples/backfill.py customers.csv --as-of 2026-12-01T00:00:00Z

Every row is checked before anything is sent (a bad row stops the run, naming its line). Deliveries hold at most
100 events and 256 KiB; 429, 503, other 5xx and network errors are retried with backoff (webhook_sender.deliver).
Progress goes to stderr, one line per delivery. Completed deliveries are written to a state file
(`<csv>.backfill-state.json`) after each one, so an interrupted run continues where it stopped when started again
with the same file and `--as-of`; a finished run writes a JSON summary (`<csv>.backfill-summary.json`).
Exit status: 0 done, 2 invalid input, 1 a delivery could not be recorded (start again to resume).
"""
import argparse
import csv
import datetime
import decimal
import hashlib
import json
import os
import re
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from webhook_sender import MAX_BYTES, MAX_EVENTS, deliver  # noqa: E402  (the reference sender beside this file)

PARTNER_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$")
SERVICE_KEY = re.compile(r"^[a-z0-9][a-z0-9._-]{0,63}$")
COLUMNS = ["partner", "account", "service", "quantity"]
MAX_QUANTITY = decimal.Decimal("1000000000000")
MAX_ACCOUNT_CHARS = 256


class InvalidInput(Exception):
    pass


def event_id(prefix: str, *parts: str) -> str:
    """Deterministic: the same parts always give the same id (the connector's de-duplication key)."""
    digest = hashlib.sha256("\n".join(parts).encode("utf-8")).hexdigest()
    return prefix + digest[:40]


def read_rows(path: str):
    rows = []
    with open(path, newline="", encoding="utf-8-sig") as f:
        reader = csv.reader(f)
        header = next(reader, None)
        if header is None:
            raise InvalidInput("%s is empty: it needs a header row %s" % (path, ",".join(COLUMNS)))
        header = [h.strip() for h in header]
        if header[:4] != COLUMNS or header[4:] not in ([], ["account_name"]):
            raise InvalidInput("line 1: the header must be %s[,account_name], was %s" % (",".join(COLUMNS), ",".join(header)))
        seen = {}
        for number, fields in enumerate(reader, start=2):
            if not fields or all(not f.strip() for f in fields):
                continue
            if len(fields) != len(header):
                raise InvalidInput("line %d: %d fields, expected %d" % (number, len(fields), len(header)))
            partner, account, service, quantity = (f.strip() for f in fields[:4])
            name = fields[4].strip() if len(fields) > 4 else ""
            if not PARTNER_ID.match(partner):
                raise InvalidInput("line %d: partner must match %s" % (number, PARTNER_ID.pattern))
            if not account or len(account) > MAX_ACCOUNT_CHARS or any(ord(c) < 32 for c in account):
                raise InvalidInput("line %d: account must be 1-%d characters, no control characters"
                                   % (number, MAX_ACCOUNT_CHARS))
            if not SERVICE_KEY.match(service):
                raise InvalidInput("line %d: service must be a SKU of the catalog (%s)" % (number, SERVICE_KEY.pattern))
            try:
                value = decimal.Decimal(quantity)
            except decimal.InvalidOperation:
                raise InvalidInput("line %d: quantity must be a number" % number)
            if not value.is_finite() or value < 0 or value > MAX_QUANTITY:
                raise InvalidInput("line %d: quantity must be from 0 to %s" % (number, MAX_QUANTITY))
            if value == 0:
                value = decimal.Decimal(0)  # "-0", "0.00": one zero
            key = (partner, account, service)
            if key in seen:
                raise InvalidInput("line %d: %s/%s/%s already given on line %d" % (number, partner, account, service,
                                                                                  seen[key]))
            seen[key] = number
            rows.append({"partner": partner, "account": account, "service": service, "quantity": value, "name": name})
    return rows


def events_for(rows, as_of: str):
    """The events of the whole file, in file order: each account's upsert (once, if named) before its usage."""
    events = []
    named = set()
    for row in rows:
        partner, account = row["partner"], row["account"]
        if row["name"] and (partner, account) not in named:
            named.add((partner, account))
            events.append({"id": event_id("bfa-", partner, account, as_of, row["name"]), "type": "account.upserted",
                           "partnerId": partner, "occurredAt": as_of, "account": {"id": account, "name": row["name"]}})
        events.append({"id": event_id("bf-", partner, account, row["service"], as_of), "type": "usage.set",
                       "partnerId": partner, "occurredAt": as_of, "accountId": account, "service": row["service"],
                       "quantity": row["quantity"]})
    return events


_DECIMAL = re.compile(r'"\\u0000([0-9.]+)\\u0000"')


def encode(events) -> bytes:
    """The delivery body; quantities are written as exact JSON numbers (never through a binary float)."""
    text = json.dumps({"events": events}, separators=(",", ":"), default=_marked)
    return _DECIMAL.sub(lambda m: m.group(1), text).encode()


def _marked(value):
    if isinstance(value, decimal.Decimal):
        return "\u0000" + format(value, "f") + "\u0000"  # replaced by the bare number in encode()
    raise TypeError(type(value))


def deliveries(events, size=MAX_EVENTS):
    """Batches of at most `size` (<= 100) events whose body stays within 256 KiB; deterministic for a given file."""
    batch = []
    for event in events:
        if batch and (len(batch) == size or len(encode(batch + [event])) > MAX_BYTES):
            yield batch
            batch = []
        batch.append(event)
    if batch:
        yield batch


def file_digest(path: str) -> str:
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


def load_state(path: str, digest: str, as_of: str, batch_size: int) -> dict:
    if os.path.exists(path):
        with open(path) as f:
            state = json.load(f)
        if state.get("file") == digest and state.get("asOf") == as_of and state.get("batchSize") == batch_size:
            return state
        print("state file %s is for another file, --as-of or --batch-size: starting from the first delivery" % path,
              file=sys.stderr)
    return {"file": digest, "asOf": as_of, "batchSize": batch_size, "deliveriesDone": 0, "accepted": 0,
            "duplicates": 0, "pending": 0}


def write_json(path: str, value: dict) -> None:
    temporary = path + ".tmp"
    with open(temporary, "w") as f:
        json.dump(value, f, indent=2)
        f.write("\n")
    os.replace(temporary, path)  # atomic: an interrupted run never leaves half a state file


def parse_as_of(text: str) -> str:
    try:
        moment = datetime.datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        raise InvalidInput("--as-of must be an ISO-8601 time with an offset, e.g. 2026-12-01T00:00:00Z")
    if moment.tzinfo is None:
        raise InvalidInput("--as-of needs an offset (e.g. Z): the connector orders events by their time")
    return moment.astimezone(datetime.timezone.utc).isoformat().replace("+00:00", "Z")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description="Load current quantities into the connector (day-one backfill).")
    parser.add_argument("csv", help="partner,account,service,quantity[,account_name] with a header row")
    parser.add_argument("--as-of", required=True, help="when the quantities were read (ISO-8601 with offset)")
    parser.add_argument("--state", help="resume file (default <csv>.backfill-state.json)")
    parser.add_argument("--summary", help="summary file (default <csv>.backfill-summary.json)")
    parser.add_argument("--max-attempts", type=int, default=8, help="tries per delivery before giving up")
    parser.add_argument("--batch-size", type=int, default=MAX_EVENTS, choices=range(1, MAX_EVENTS + 1),
                        metavar="1-100", help="events per delivery (default 100; a resumed run must use the same)")
    args = parser.parse_args(argv)
    url, secret = os.environ.get("WEBHOOK_URL"), os.environ.get("WEBHOOK_SECRET")
    if not url or not secret:
        print("set WEBHOOK_URL and WEBHOOK_SECRET", file=sys.stderr)
        return 2
    try:
        as_of = parse_as_of(args.as_of)
        rows = read_rows(args.csv)
    except InvalidInput as invalid:
        print("invalid input: %s (nothing sent)" % invalid, file=sys.stderr)
        return 2
    state_path = args.state or args.csv + ".backfill-state.json"
    summary_path = args.summary or args.csv + ".backfill-summary.json"
    state = load_state(state_path, file_digest(args.csv), as_of, args.batch_size)
    batches = list(deliveries(events_for(rows, as_of), args.batch_size))
    started = time.time()
    done_rows = sum(1 for b in batches[:state["deliveriesDone"]] for e in b if e["type"] == "usage.set")
    if state["deliveriesDone"]:
        print("resuming after delivery %d of %d" % (state["deliveriesDone"], len(batches)), file=sys.stderr)
    for number in range(state["deliveriesDone"], len(batches)):
        batch = batches[number]
        try:
            answer = deliver(url, secret, batch, max_attempts=args.max_attempts, body=encode(batch))
        except RuntimeError as failed:
            print("delivery %d of %d failed: %s; run again to resume" % (number + 1, len(batches), failed),
                  file=sys.stderr)
            return 1
        state["deliveriesDone"] = number + 1
        state["accepted"] += int(answer.get("accepted", 0))
        state["duplicates"] += int(answer.get("duplicates", 0))
        # Recorded; applied by the connector's pending-delivery sweep at its next scheduled run.
        state["pending"] += int(answer.get("pending", 0))
        write_json(state_path, state)
        done_rows += sum(1 for e in batch if e["type"] == "usage.set")
        print("delivery %d/%d: accepted %s, duplicates %s, pending %s; rows %d/%d" % (number + 1, len(batches),
              answer.get("accepted"), answer.get("duplicates"), answer.get("pending", 0), done_rows, len(rows)),
              file=sys.stderr)
    summary = {"file": os.path.basename(args.csv), "asOf": as_of, "rows": len(rows),
               "events": sum(len(b) for b in batches), "deliveries": len(batches),
               "accepted": state["accepted"], "duplicates": state["duplicates"], "pending": state["pending"],
               "partners": len({r["partner"] for r in rows}), "seconds": round(time.time() - started, 3)}
    write_json(summary_path, summary)
    print(json.dumps(summary))
    return 0


if __name__ == "__main__":
    sys.exit(main())
