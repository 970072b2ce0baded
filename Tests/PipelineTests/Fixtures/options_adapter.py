#!/usr/bin/env python3
"""An external adapter that echoes its options and input as one observation per input line."""
import json, sys
args = sys.argv[1:]
assert args[0] == "read", args
options = json.loads(args[args.index("--options") + 1])
path = args[args.index("--input") + 1]
with open(path, encoding="utf-8") as f:
    for n, line in enumerate(f, 1):
        name, value = line.strip().split("=")
        print(json.dumps({"type": "observation", "subject": options["prefix"] + name, "kind": "level",
                          "value": float(value), "unit": options.get("unit", "个"), "period": "2021",
                          "text": line.strip(), "location": {"line": n}}), flush=True)
