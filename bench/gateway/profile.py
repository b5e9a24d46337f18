#!/usr/bin/env python3
"""Where a gateway's CPU goes, from a JFR recording (bench/gateway/compare.sh PROFILE_SECONDS=N writes them):
every jdk.ExecutionSample attributed to the nearest frame outside the JDK (java., jdk., sun.), grouped by the library
or layer it belongs to; then the share of samples with each layer anywhere on the stack (inclusive), and the top
nearest frames.

  bench/gateway/profile.py .run/bench-gateway/after.jfr [more.jfr...]
"""
import collections
import json
import subprocess
import sys

# first match wins: (layer, class-name prefixes)
LAYERS = [
    ("our gateway code", ("io.inetpublish.",)),
    ("Spring Cloud Gateway: header filters", ("org.springframework.cloud.gateway.filter.headers.",)),
    ("Spring Cloud Gateway: load balancer", ("org.springframework.cloud.gateway.filter.ReactiveLoadBalancer",
                                             "org.springframework.cloud.loadbalancer.",
                                             "org.springframework.cloud.client.loadbalancer.")),
    ("Spring Cloud Gateway: routing and filters", ("org.springframework.cloud.gateway.",)),
    ("Spring Security", ("org.springframework.security.",)),
    ("Micrometer and Brave (observation, metrics, tracing)", ("io.micrometer.", "brave.",
                                                             "org.springframework.boot.micrometer.")),
    ("Spring web and HTTP (headers, exchange, codecs)", ("org.springframework.web.", "org.springframework.http.",
                                                         "org.springframework.util.")),
    ("Spring, other", ("org.springframework.",)),
    ("Reactor Netty client and pool", ("reactor.netty.http.client.", "reactor.netty.resources.",
                                       "reactor.netty.internal.shaded.reactor.pool.", "reactor.pool.")),
    ("Reactor Netty server and channel operations", ("reactor.netty.",)),
    ("Reactor operators", ("reactor.core.", "reactor.util.")),
    ("Netty HTTP codec", ("io.netty.handler.codec.",)),
    ("Netty transport, buffers, event loop", ("io.netty.",)),
    ("Nimbus JOSE (token)", ("com.nimbusds.",)),
    ("Resilience4j", ("io.github.resilience4j.",)),
]
JDK = ("java.", "jdk.", "sun.", "javax.")


def layer_of(class_name):
    for name, prefixes in LAYERS:
        if class_name.startswith(prefixes):
            return name
    return "other: " + ".".join(class_name.split(".")[:2])


def frames_of(sample):
    for frame in (sample.get("stackTrace") or {}).get("frames", []):
        method = frame["method"]
        yield method["type"]["name"].replace("/", "."), method["name"]


def main(files):
    nearest = collections.Counter()
    top_frames = collections.Counter()
    inclusive = collections.Counter()
    total = 0
    for file in files:
        out = subprocess.run(["jfr", "print", "--json", "--stack-depth", "256", "--events", "jdk.ExecutionSample",
                              file], check=True, capture_output=True, text=True).stdout
        for event in json.loads(out)["recording"]["events"]:
            frames = list(frames_of(event["values"]))
            if not frames:
                continue
            total += 1
            own = next(((c, m) for c, m in frames if not c.startswith(JDK)), frames[0])
            nearest[layer_of(own[0])] += 1
            top_frames[f"{own[0]}.{own[1]}"] += 1
            for layer in {layer_of(c) for c, _ in frames if not c.startswith(JDK)}:
                inclusive[layer] += 1
    if not total:
        print("no execution samples")
        return
    print(f"{total} execution samples ({', '.join(files)})\n")
    print("| layer (nearest frame outside the JDK) | share | with it anywhere on the stack |")
    print("|---|---:|---:|")
    for layer, n in nearest.most_common():
        print(f"| {layer} | {n / total:.1%} | {inclusive[layer] / total:.1%} |")
    print("\ntop nearest frames:")
    for frame, n in top_frames.most_common(25):
        print(f"  {n / total:6.1%}  {frame}")


if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    main(sys.argv[1:])
