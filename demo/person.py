#!/usr/bin/env python3
"""One field of one of the sandbox's people (demo/demo-data.json), for scripts that log in as them.

  demo/person.py [KEY [FIELD]]     KEY: zhangsan, lisi, ... (default: the demo's admin); FIELD: openId (default),
                                   name, email, ...; `demo/person.py --all FIELD` prints {name: FIELD} of everyone as JSON
"""
import json
import os
import sys

with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "demo-data.json"), encoding="utf-8") as f:
    demo = json.load(f)
args = sys.argv[1:]
if args[:1] == ["--all"]:
    field = args[1] if len(args) > 1 else "openId"
    print(json.dumps({p["name"]: p[field] for p in demo["people"]}, ensure_ascii=False))
    sys.exit(0)
key = args[0] if args else demo["admin"]
person = next((p for p in demo["people"] if p["key"] == key), None)
if person is None:
    sys.exit(f"demo/person.py: no person '{key}' in demo/demo-data.json ({', '.join(p['key'] for p in demo['people'])})")
print(person[args[1] if len(args) > 1 else "openId"])
