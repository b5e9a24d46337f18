#!/usr/bin/env python3
"""Prints the SQL of RolloutViews.states (read from its source, so that EXPLAIN sees what the service runs) with :ids
replaced by the quoted record ids given and, when customer ids are given too, the customer filter the dashboard's
page adds. usage: states_sql.py "'id1','id2',..." ["'customer1',..."]"""
import os
import re
import sys

ROOT = os.path.abspath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
source = open(os.path.join(ROOT, "release-service/src/main/java/io/inetpublish/release/rollout/RolloutViews.java"),
              encoding="utf-8").read()
method = source[source.index("public List<TargetState> states("):]
sql = re.search(r'"""\n(.*?)"""', method, re.S).group(1)
customers = re.search(r'customers = "( and .*?)";', method).group(1)
filter_ = customers.replace(":customers", sys.argv[2]) if len(sys.argv) > 2 else ""
print(sql.replace(":ids", sys.argv[1]).replace("%s", filter_))
