#!/usr/bin/env python3
"""weather-csv: an external yardstick adapter for station readings (record protocol 1).

Reads a CSV with the columns station,name,month,element,value,unit (one row a line; quoted
fields may hold commas, not line breaks) and writes one observation per row, as JSON Lines on
stdout. Standard library only.

    python3 weather_csv.py describe
    python3 weather_csv.py read --options '{"station": "54511"}' --input sample.csv

Exit codes: 0 done, 1 bad input (the row is named on stderr), 2 bad options (the key is named).
The protocol is described in docs/adapter-protocol.md.
"""
import argparse
import csv
import json
import math
import os
import re
import sys

DESCRIPTOR = {
    "protocol": 1,
    "name": "weather-csv",
    "version": "1.0.0",
    "summary": "Station readings CSV: one observation per station, month and element",
    "options": [
        {"key": "station", "help": "keep only this station id (default: every station)"},
        {"key": "elements", "help": "keep only these elements, a list like [precipitation] (default: all)"},
    ],
}
COLUMNS = ["station", "name", "month", "element", "value", "unit"]
MONTH = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")


class BadOptions(Exception):
    pass


class BadInput(Exception):
    pass


def log(message):
    print(message, file=sys.stderr, flush=True)


def parse_options(text):
    try:
        options = json.loads(text or "{}")
    except ValueError as error:
        raise BadOptions("--options is not valid JSON: %s" % error)
    if not isinstance(options, dict):
        raise BadOptions("--options must be a JSON object, not %s" % type(options).__name__)
    known = [o["key"] for o in DESCRIPTOR["options"]]
    for key in sorted(options):
        if key not in known:
            raise BadOptions("unknown option '%s'; it takes: %s" % (key, ", ".join(known)))
    station = options.get("station")
    elements = options.get("elements")
    if isinstance(elements, str):
        elements = [elements]
    if elements is not None and not (isinstance(elements, list) and all(isinstance(e, str) for e in elements)):
        raise BadOptions("option 'elements' must be a list of names like [precipitation]")
    return {"station": None if station is None else str(station), "elements": elements}


def observation(row_number, row, line):
    """The record JSON of DESIGN.md for one data row, keys in its order."""
    month = row["month"].strip()
    if not MONTH.match(month):
        raise BadInput("row %d: month '%s' is not YYYY-MM" % (row_number, month))
    text = row["value"].strip()
    value = None
    if text:
        try:
            value = float(text)
        except ValueError:
            raise BadInput("row %d: value '%s' is not a number" % (row_number, text))
        if not math.isfinite(value):
            raise BadInput("row %d: value '%s' is not a finite number" % (row_number, text))
    unit = row["unit"].strip()
    if not unit:
        raise BadInput("row %d: the unit is empty" % row_number)
    return {
        "type": "observation",
        "subject": row["element"].strip(),
        "indicator": None,
        "kind": "level",
        "value": value,
        "unit": unit,
        "period": month,
        "region": "%s %s" % (row["name"].strip(), row["station"].strip()),
        "redacted": False,
        "text": line,
        "location": {"row": row_number},
    }


def read(path, options):
    with open(path, "r", encoding="utf-8-sig", newline="") as source:
        # csv.reader pulls lines from the file as it goes, so records leave before the input ends.
        lines = iter(source)
        header = next(csv.reader([next(lines, "")]), [])
        if [h.strip() for h in header] != COLUMNS:
            raise BadInput("line 1: expected the header %s, found %s" % (",".join(COLUMNS), ",".join(header)))
        for row_number, raw in enumerate(lines, start=1):
            line = raw.rstrip("\r\n")
            if not line.strip():
                continue
            fields = next(csv.reader([line]))
            if len(fields) != len(COLUMNS):
                raise BadInput("row %d: expected %d fields, found %d" % (row_number, len(COLUMNS), len(fields)))
            row = dict(zip(COLUMNS, fields))
            if options["station"] is not None and row["station"].strip() != options["station"]:
                continue
            if options["elements"] is not None and row["element"].strip() not in options["elements"]:
                continue
            record = observation(row_number, row, line)
            sys.stdout.write(json.dumps(record, ensure_ascii=False, separators=(",", ":")) + "\n")
            sys.stdout.flush()


def main(argv):
    parser = argparse.ArgumentParser(description=DESCRIPTOR["summary"])
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("describe", help="print the adapter's descriptor as JSON")
    reader = commands.add_parser("read", help="read an input and write records as JSON Lines")
    reader.add_argument("--options", default="{}", help="the source's options as a JSON object")
    reader.add_argument("--input", required=True, help="the input file")
    args = parser.parse_args(argv)
    if args.command == "describe":
        print(json.dumps(DESCRIPTOR, ensure_ascii=False), flush=True)
        return 0
    if os.environ.get("YARDSTICK_PROTOCOL", "1") != "1":
        log("note: the runner speaks protocol %s; this adapter speaks 1" % os.environ["YARDSTICK_PROTOCOL"])
    try:
        options = parse_options(args.options)
    except BadOptions as error:
        log("error: %s" % error)
        return 2
    source = os.environ.get("YARDSTICK_SOURCE_ID")
    try:
        read(args.input, options)
    except (BadInput, OSError, UnicodeDecodeError, csv.Error) as error:
        log("error: %s%s: %s" % (args.input, " (source %s)" % source if source else "", error))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
