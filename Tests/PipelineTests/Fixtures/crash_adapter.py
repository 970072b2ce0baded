#!/usr/bin/env python3
"""An external adapter that writes two good records and then crashes."""
import json, sys
if sys.argv[1:2] == ["describe"]:
    print(json.dumps({"protocol": 1, "name": "crash", "version": "0.1", "summary": "crashes", "options": []}))
    sys.exit(0)
for subject in ("first", "second"):
    print(json.dumps({"type": "observation", "subject": subject, "kind": "level", "value": 1, "unit": "个",
                      "period": "2021", "location": {"line": 1}}), flush=True)
sys.stderr.write("loading row 3\n")
sys.stderr.write("Traceback: ValueError: row 3 is broken\n")
sys.stderr.flush()
sys.exit(3)
