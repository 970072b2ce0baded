#!/usr/bin/env python3
"""An external adapter whose third stdout line is not a record."""
import json, sys
print(json.dumps({"type": "goal", "subject": "a", "kind": "growth", "comparator": "~", "value": 9.5, "unit": "%",
                  "period": "2022", "location": {"line": 1}}), flush=True)
print(json.dumps({"type": "goal", "subject": "b", "kind": "growth", "comparator": ">=", "value": 5, "unit": "%",
                  "period": "2022", "location": {"line": 2}}), flush=True)
print("progress: 50% done", flush=True)
print(json.dumps({"type": "goal", "subject": "c", "kind": "level", "value": 1, "unit": "个", "period": "2022"}), flush=True)
