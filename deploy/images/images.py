#!/usr/bin/env python3
"""The container images, checked offline (deploy/images/check.sh runs this).

  images.py stand-in-base OUT.tar
      writes a small base image (docker-save format, which Jib reads as `tar://…`) that stands in for
      eclipse-temurin:25-jre where no registry can be reached (this machine and CI reach Maven Central, Debian and npm
      only). It has the base's environment (JAVA_HOME, PATH) and one layer with a note saying what it is; it has no
      Java: an image built on it is for checking, never for running.
  images.py check --version V --revision R --source S --base B NAME=TAR [NAME=TAR ...]
      reads each image Jib wrote (OCI or Docker tarball) and checks its name and tag, its user (not root), entrypoint,
      exposed ports (the module's service and management port), OCI labels, environment and layers (dependencies
      apart from the module's own jar), the class path and main class files that the AOT cache's training run reads
      (jars only: deploy/k8s/components/aot-cache), and that the Kubernetes manifests and docker-compose.yml run that
      very image.
      Prints "N passed, M failed"; exits 1 on any failure.
"""
import gzip
import hashlib
import io
import json
import pathlib
import re
import sys
import tarfile

ROOT = pathlib.Path(__file__).resolve().parents[2]
PORTS = {"discovery": (8761, 9761), "gateway": (8080, 8090), "auth-service": (8081, 9081),
         "release-service": (8082, 9082), "customer-service": (8083, 9083), "build-service": (8084, 9084),
         "notify-service": (8085, 9085)}
MAIN_CLASSES = {"discovery": "io.inetpublish.discovery.DiscoveryApplication",
                "gateway": "io.inetpublish.gateway.GatewayApplication",
                "auth-service": "io.inetpublish.auth.AuthServiceApplication",
                "release-service": "io.inetpublish.release.ReleaseServiceApplication",
                "customer-service": "io.inetpublish.customer.CustomerServiceApplication",
                "build-service": "io.inetpublish.build.BuildServiceApplication",
                "notify-service": "io.inetpublish.notify.NotifyServiceApplication"}


def add(tar, name, data):
    info = tarfile.TarInfo(name)
    info.size = len(data)
    info.mtime = 0
    tar.addfile(info, io.BytesIO(data))


def stand_in_base(out):
    layer = io.BytesIO()
    with tarfile.open(fileobj=layer, mode="w") as t:
        note = (b"A stand-in for eclipse-temurin:25-jre, made by deploy/images/images.py to check the images offline.\n"
                b"It has no Java: nothing built on it runs. Build with the real base for that (README, Images).\n")
        for directory in ("opt", "opt/java", "opt/java/openjdk"):
            info = tarfile.TarInfo(directory)
            info.type = tarfile.DIRTYPE
            info.mode = 0o755
            t.addfile(info)
        add(t, "opt/java/openjdk/STAND-IN-BASE.txt", note)
    layer_bytes = layer.getvalue()
    diff_id = "sha256:" + hashlib.sha256(layer_bytes).hexdigest()
    config = {
        "architecture": "amd64", "os": "linux",
        "config": {"Env": ["PATH=/opt/java/openjdk/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
                           "JAVA_HOME=/opt/java/openjdk", "LANG=en_US.UTF-8"]},
        "rootfs": {"type": "layers", "diff_ids": [diff_id]},
        "history": [{"created_by": "deploy/images/images.py stand-in-base", "comment": "stand-in base"}],
    }
    config_bytes = json.dumps(config, sort_keys=True).encode()
    config_name = hashlib.sha256(config_bytes).hexdigest() + ".json"
    manifest = [{"Config": config_name, "RepoTags": ["inetpublish/stand-in-base:latest"], "Layers": ["layer.tar"]}]
    out = pathlib.Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    with tarfile.open(out, mode="w") as t:
        add(t, config_name, config_bytes)
        add(t, "layer.tar", layer_bytes)
        add(t, "manifest.json", json.dumps(manifest).encode())
    print(f"wrote {out}")


def read_image(path):
    """(name:tag, config, layers) of an image tarball Jib wrote, OCI layout or Docker format; layers is a list of
    {file name: contents} per layer (contents read for the files under /app that are not jars)."""
    with tarfile.open(path) as t:
        names = set(t.getnames())

        def blob(digest):
            return t.extractfile("blobs/" + digest.replace(":", "/")).read()

        def files(data):
            found = {}
            with tarfile.open(fileobj=io.BytesIO(data)) as layer:
                for member in layer.getmembers():
                    if member.isfile():
                        small = member.name.startswith("app/") and not member.name.endswith(".jar")
                        found["/" + member.name] = layer.extractfile(member).read().decode() if small else None
            return found

        if "index.json" in names:
            index = json.loads(t.extractfile("index.json").read())
            descriptor = index["manifests"][0]
            ref = descriptor.get("annotations", {}).get("org.opencontainers.image.ref.name", "")
            manifest = json.loads(blob(descriptor["digest"]))
            config = json.loads(blob(manifest["config"]["digest"]))
            return ref, config, [files(gzip.decompress(blob(layer["digest"]))) for layer in manifest["layers"]]
        manifest = json.loads(t.extractfile("manifest.json").read())[0]
        config = json.loads(t.extractfile(manifest["Config"]).read())
        layers = []
        for name in manifest["Layers"]:
            data = t.extractfile(name).read()
            layers.append(files(gzip.decompress(data) if data[:2] == b"\x1f\x8b" else data))
        return (manifest.get("RepoTags") or [""])[0], config, layers


def images_in_k8s():
    found = {}
    for yaml in sorted((ROOT / "deploy/k8s/base").glob("*.yaml")):
        for image in re.findall(r"^\s+image:\s*(\S+)", yaml.read_text(), re.M):
            found[yaml.stem] = image
    return found


def images_in_compose():
    text = (ROOT / "docker-compose.yml").read_text()
    found = {}
    for match in re.finditer(r"^  ([a-z-]+):\n(?:    .*\n|\n)*?    image: (\S+)", text, re.M):
        found[match.group(1)] = match.group(2)
    return found


def check(args):
    options, images = {}, {}
    it = iter(args)
    for arg in it:
        if arg.startswith("--"):
            options[arg[2:]] = next(it)
        else:
            name, path = arg.split("=", 1)
            images[name] = path
    passed = failed = 0

    def expect(what, ok, detail=""):
        nonlocal passed, failed
        if ok:
            passed += 1
        else:
            failed += 1
            print(f"FAIL {what}{': ' + detail if detail else ''}")

    k8s, compose = images_in_k8s(), images_in_compose()
    expect("every runnable module has an image built", set(images) == set(PORTS), f"built {sorted(images)}")
    for name, path in sorted(images.items()):
        ref, config, layers = read_image(path)
        c = config.get("config", {})
        labels = c.get("Labels") or {}
        want_name = f"{options['registry']}/{name}:{options['tag']}"
        expect(f"{name}: named {want_name}", ref in (want_name, options["tag"]), f"named {ref!r}")
        expect(f"{name}: runs as user 10001, not root", c.get("User") == "10001:10001", f"User {c.get('User')!r}")
        entrypoint = c.get("Entrypoint") or []
        expect(f"{name}: starts java with its main class",
               entrypoint[:1] == ["java"] and entrypoint[-1:] == [MAIN_CLASSES[name]], f"Entrypoint {entrypoint}")
        ports = set((c.get("ExposedPorts") or {}).keys())
        want_ports = {f"{port}/tcp" for port in PORTS[name]}
        expect(f"{name}: exposes {sorted(want_ports)}", ports == want_ports, f"ExposedPorts {sorted(ports)}")
        want_labels = {"org.opencontainers.image.title": name,
                       "org.opencontainers.image.version": options["version"],
                       "org.opencontainers.image.revision": options["revision"],
                       "org.opencontainers.image.source": options["source"],
                       "org.opencontainers.image.base.name": options["base"]}
        for key, value in want_labels.items():
            expect(f"{name}: label {key}={value}", labels.get(key) == value, f"is {labels.get(key)!r}")
        expect(f"{name}: label org.opencontainers.image.revision names a commit",
               re.fullmatch(r"[0-9a-f]{40}", labels.get("org.opencontainers.image.revision", "")) is not None)
        env = dict(e.split("=", 1) for e in c.get("Env") or [])
        expect(f"{name}: JAVA_TOOL_OPTIONS set", "-XX:+UseSerialGC" in env.get("JAVA_TOOL_OPTIONS", ""))
        expect(f"{name}: JAVA_HOME from the base kept", env.get("JAVA_HOME") == "/opt/java/openjdk")
        comments = [h.get("comment", "") for h in config.get("history", []) if not h.get("empty_layer")]
        # (and common, load-balancing in one of their own, "project dependencies", where the module uses them)
        expect(f"{name}: dependencies in a layer of their own", "dependencies" in comments, f"layers {comments}")
        expect(f"{name}: layers in the manifest match the history", len(layers) == len(comments),
               f"{len(layers)} layers, history {comments}")
        # the module's own jar (Jib's packaged mode), alone in the layer each build changes
        jar = f"/app/classpath/{name}.original.jar"
        expect(f"{name}: {jar} in a layer of its own", [jar] in [list(layer) for layer in layers],
               f"layers {[sorted(layer)[:3] for layer in layers]}")
        # the AOT cache's training run (deploy/k8s/components/aot-cache) reads these two files, and takes classes from
        # jars only: a directory with classes on the class path stops it ("Cannot have non-empty directory in paths")
        app = {}
        for layer in layers:
            app.update({k: v for k, v in layer.items() if v is not None})
        classpath = app.get("/app/jib-classpath-file", "").strip().split(":")
        expect(f"{name}: /app/jib-classpath-file lists jars only (the AOT cache takes classes from jars)",
               bool(classpath[0]) and all(e.endswith(".jar") or e == "/app/classpath/*" for e in classpath),
               f"not jars: {[e for e in classpath if not e.endswith('.jar') and e != '/app/classpath/*'][:5]}")
        expect(f"{name}: /app/jib-main-class-file names {MAIN_CLASSES[name]}",
               app.get("/app/jib-main-class-file", "").strip() == MAIN_CLASSES[name],
               f"is {app.get('/app/jib-main-class-file')!r}")
        expect(f"{name}: the Kubernetes manifest runs {want_name}", k8s.get(name) == want_name,
               f"deploy/k8s/base/{name}.yaml has {k8s.get(name)!r}")
        compose_image = compose.get(name, "")
        compose_resolved = re.sub(r"\$\{INETPUBLISH_IMAGE_REGISTRY:-([^}]*)\}", r"\1",
                                  re.sub(r"\$\{INETPUBLISH_IMAGE_TAG:-([^}]*)\}", r"\1", compose_image))
        expect(f"{name}: docker-compose.yml runs {want_name}", compose_resolved == want_name,
               f"docker-compose.yml has {compose_image!r}")
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    if sys.argv[1:2] == ["stand-in-base"]:
        stand_in_base(sys.argv[2])
    elif sys.argv[1:2] == ["check"]:
        sys.exit(check(sys.argv[2:]))
    else:
        print(__doc__)
        sys.exit(2)
