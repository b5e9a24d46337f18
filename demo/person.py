#!/usr/bin/env python3
"""One field of one of the sandbox's people (demo/demo-data.json), for scripts that log in as them.

  demo/person.py [KEY [FIELD]]   KEY: zhangsan, lisi, ... or admin (the demo's admin; the default)
                                 FIELD: openId (the default), name, email, ...
"""
import json
import os
import sys

with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "demo-data.json"), encoding="utf-8") as f:
    demo = json.load(f)
args = sys.argv[1:]
key = args[0] if args and args[0] != "admin" else demo["admin"]
person = next((p for p in demo["people"] if p["key"] == key), None)
if person is None:
    known = ", ".join(p["key"] for p in demo["people"])
    sys.exit(f"demo/person.py: no person '{key}' in demo/demo-data.json ({known})")
print(person[args[1] if len(args) > 1 else "openId"])
