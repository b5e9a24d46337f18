// Validates rendered Kubernetes manifests (see check.sh): every object against the Kubernetes 1.33 API, then the
// platform's own rules. Usage: node check.mjs <name>=<rendered.yaml> [--ha] ...
//   --ha after a file: that installation must be highly available (>= 2 of everything, autoscalers).
// Exit 1 with one line per problem.
import { readFileSync, writeFileSync, mkdtempSync, rmSync } from "node:fs";
import { join, dirname } from "node:path";
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { parseAllDocuments } from "yaml";

const HERE = dirname(fileURLToPath(import.meta.url));
const K8S_VERSION = "1.33.0"; // the schema kubernetes-models 4.5.1 was generated from (its changelog: 4.5.0)

// apiVersion/kind -> kubernetes-models module. Only kinds the platform uses; anything else is refused.
const MODELS = {
  "v1/Namespace": "v1/Namespace",
  "v1/ConfigMap": "v1/ConfigMap",
  "v1/Secret": "v1/Secret",
  "v1/Service": "v1/Service",
  "apps/v1/Deployment": "apps/v1/Deployment",
  "apps/v1/StatefulSet": "apps/v1/StatefulSet",
  "policy/v1/PodDisruptionBudget": "policy/v1/PodDisruptionBudget",
  "autoscaling/v2/HorizontalPodAutoscaler": "autoscaling/v2/HorizontalPodAutoscaler",
  "networking.k8s.io/v1/NetworkPolicy": "networking.k8s.io/v1/NetworkPolicy",
  "networking.k8s.io/v1/Ingress": "networking.k8s.io/v1/Ingress",
  "v1/PersistentVolumeClaim": "v1/PersistentVolumeClaim",
  "batch/v1/CronJob": "batch/v1/CronJob",
  "batch/v1/Job": "batch/v1/Job",
};

const problems = [];
const inputs = [];
for (const arg of process.argv.slice(2)) {
  if (arg === "--ha") {
    inputs[inputs.length - 1].ha = true;
  } else {
    const [name, file] = arg.split("=");
    inputs.push({ name, file, ha: false });
  }
}
if (inputs.length === 0) {
  console.error("usage: node check.mjs <name>=<rendered.yaml> [--ha] ...");
  process.exit(2);
}

const sets = [];
for (const input of inputs) {
  const objects = [];
  for (const doc of parseAllDocuments(readFileSync(input.file, "utf8"))) {
    if (doc.errors.length) {
      problems.push(`${input.name}: YAML: ${doc.errors[0].message}`);
      continue;
    }
    const o = doc.toJS();
    if (o) objects.push(o);
  }
  sets.push({ ...input, objects });
}

const id = (set, o) => `${set.name}: ${o.kind ?? "?"}/${o.metadata?.name ?? "?"}`;

// 1. The API schema: types, required fields, formats and enums (kubernetes-models' validators), and unknown fields
//    (TypeScript's excess-property check of each object against its API type; the validators allow extra fields).
const tsLines = [];
const lineOwner = [];
let n = 0;
for (const set of sets) {
  for (const o of set.objects) {
    const key = `${o.apiVersion}/${o.kind}`;
    const module = MODELS[key];
    if (!module) {
      problems.push(`${id(set, o)}: ${key} is not a kind this check knows (add it to MODELS in check.mjs)`);
      continue;
    }
    const { [o.kind]: Model } = await import(`kubernetes-models/${module}`);
    try {
      new Model(o).validate();
    } catch (e) {
      problems.push(`${id(set, o)}: not a valid ${key} of Kubernetes ${K8S_VERSION}: ${e.message.split("\n").slice(0, 3).join(" ")}`);
    }
    const type = `I${o.kind}`;
    tsLines.push(`import type { ${type} as T${n} } from "kubernetes-models/${module}";`);
    lineOwner.push(null);
    const body = `export const o${n}: T${n} = ${JSON.stringify(o, null, 1)};`.split("\n");
    for (const line of body) {
      tsLines.push(line);
      lineOwner.push(id(set, o));
    }
    n++;
  }
}
const work = mkdtempSync(join(HERE, ".check-")); // inside, so that node_modules resolves
try {
  writeFileSync(join(work, "objects.ts"), tsLines.join("\n") + "\n");
  writeFileSync(join(work, "package.json"), '{"type":"module"}\n');
  try {
    execFileSync(process.execPath, [join(HERE, "node_modules/typescript/bin/tsc"), "--noEmit", "--strict",
      "--skipLibCheck", "--target", "es2022", "--module", "nodenext", "--moduleResolution", "nodenext",
      "--typeRoots", join(HERE, "node_modules/@types"), "--baseUrl", HERE, join(work, "objects.ts")],
      { cwd: HERE, encoding: "utf8", env: { ...process.env, NODE_PATH: join(HERE, "node_modules") } });
  } catch (e) {
    const out = `${e.stdout ?? ""}${e.stderr ?? ""}`;
    const found = [...out.matchAll(/objects\.ts\((\d+),\d+\): error TS\d+: ([^\n]*)/g)];
    if (found.length === 0) problems.push(`type check did not run: ${out.slice(0, 500)}`);
    for (const [, line, message] of found) {
      problems.push(`${lineOwner[Number(line) - 1] ?? "?"}: not a valid object of Kubernetes ${K8S_VERSION}: ${message}`);
    }
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}

// 2. The platform's rules.
const seconds = (value) => {
  const m = /^(\d+)(ms|s|m)?$/.exec(String(value ?? "").trim());
  if (!m) return NaN;
  return m[2] === "ms" ? Number(m[1]) / 1000 : m[2] === "m" ? Number(m[1]) * 60 : Number(m[1]);
};
const matches = (selector, labels) =>
  !!selector && Object.entries(selector.matchLabels ?? {}).every(([k, v]) => labels?.[k] === v)
  && (selector.matchExpressions ?? []).every((e) => e.operator === "In" ? e.values.includes(labels?.[e.key])
    : e.operator === "NotIn" ? !e.values.includes(labels?.[e.key])
      : e.operator === "Exists" ? labels?.[e.key] !== undefined : labels?.[e.key] === undefined);
const MARGIN = 15; // leaving Eureka, closing pools and the context after the drain

for (const set of sets) {
  const objs = set.objects;
  const of = (kind) => objs.filter((o) => o.kind === kind);
  const configMaps = new Map(of("ConfigMap").map((c) => [c.metadata.name, c.data ?? {}]));
  const workloads = [...of("Deployment"), ...of("StatefulSet")];
  const example = sets.find((s) => s.name === "secrets-example");
  // every Secret key a pod reads is documented in secrets-example and required (the pod refuses to start without it)
  const secretRefs = (where, containers) => {
    if (!example) return;
    for (const c of containers) {
      for (const e of c.env ?? []) {
        const ref = e.valueFrom?.secretKeyRef;
        if (!ref) continue;
        const secret = example.objects.find((o) => o.kind === "Secret" && o.metadata.name === ref.name);
        if (!secret || !(ref.key in (secret.data ?? {}) || ref.key in (secret.stringData ?? {}))) {
          problems.push(`${where}: reads ${ref.name}/${ref.key}, which secrets-example does not document`);
        }
        if (ref.optional) problems.push(`${where}: ${ref.name}/${ref.key} must not be optional (the pod must refuse to start without it)`);
      }
    }
  };
  // backups (a CronJob in every installation) and the restore (a Job applied on its own, never with an installation)
  const batch = [...of("CronJob").map((j) => [j, j.spec?.jobTemplate?.spec?.template?.spec ?? {}]),
    ...of("Job").map((j) => [j, j.spec?.template?.spec ?? {}])];
  for (const [job, pod] of batch) {
    const where = id(set, job);
    if (job.kind === "Job" && workloads.length > 0) {
      problems.push(`${where}: a Job in an installation runs again on every apply (the restore is deploy/k8s/restore, applied on its own)`);
    }
    if (job.kind === "CronJob" && job.spec?.concurrencyPolicy !== "Forbid") {
      problems.push(`${where}: concurrencyPolicy must be Forbid (never two backups at once)`);
    }
    if (pod.enableServiceLinks !== false) {
      problems.push(`${where}: enableServiceLinks must be false (Kubernetes' <SERVICE>_PORT variables clash with the platform's settings)`);
    }
    for (const c of pod.containers ?? []) {
      for (const side of ["requests", "limits"]) {
        for (const r of ["cpu", "memory"]) {
          if (c.resources?.[side]?.[r] === undefined) problems.push(`${where} container ${c.name}: no resources.${side}.${r}`);
        }
      }
      for (const e of c.env ?? []) {
        if (e.value !== undefined && /(PASSWORD|SECRET|TOKEN|_KEY)$/.test(e.name)) {
          problems.push(`${where} container ${c.name}: ${e.name} is written in the manifest; it must come from a Secret`);
        }
      }
    }
    secretRefs(where, pod.containers ?? []);
    // every ConfigMap it reads exists under that very name: in its own rendering or, for the restore Job applied on
    // its own, in an installation's (kustomize gives generated ConfigMaps a hash suffix unless disableNameSuffixHash)
    const installed = sets.filter((s) => s.objects.some((o) => o.kind === "Deployment"))
      .flatMap((s) => s.objects.filter((o) => o.kind === "ConfigMap").map((o) => o.metadata.name));
    const read = [...(pod.volumes ?? []).map((v) => v.configMap?.name),
      ...(pod.containers ?? []).flatMap((c) => [...(c.env ?? []).map((e) => e.valueFrom?.configMapKeyRef?.name),
        ...(c.envFrom ?? []).map((f) => f.configMapRef?.name)])].filter(Boolean);
    for (const name of new Set(read)) {
      if (!configMaps.has(name) && !(workloads.length === 0 && installed.includes(name))) {
        problems.push(`${where}: reads the ConfigMap ${name}, which no installation has under that name (generated ConfigMaps get a hash suffix)`);
      }
    }
  }
  for (const s of of("Secret")) {
    if (set.name !== "secrets-example") problems.push(`${id(set, s)}: a Secret in the manifests; Secrets are created by the operator`);
  }
  if (workloads.length === 0) continue; // e.g. the example Secrets, the restore Job

  for (const w of workloads) {
    const where = id(set, w);
    const pod = w.spec?.template?.spec ?? {};
    const labels = w.spec?.template?.metadata?.labels ?? {};
    if (pod.enableServiceLinks !== false) {
      problems.push(`${where}: enableServiceLinks must be false (Kubernetes' <SERVICE>_PORT variables clash with the platform's settings)`);
    }
    for (const c of pod.containers ?? []) {
      const cw = `${where} container ${c.name}`;
      const management = (c.ports ?? []).find((p) => p.name === "management");
      const http = (c.ports ?? []).find((p) => p.name === "http");
      if (!management) problems.push(`${cw}: no container port named management`);
      for (const probe of ["startupProbe", "livenessProbe", "readinessProbe"]) {
        const p = c[probe];
        if (!p) {
          problems.push(`${cw}: no ${probe}`);
          continue;
        }
        const get = p.httpGet;
        if (!get || !String(get.path ?? "").startsWith("/actuator/health")) {
          problems.push(`${cw}: ${probe} must be an HTTP GET of /actuator/health/...`);
        } else if (get.port !== "management" && get.port !== management?.containerPort) {
          problems.push(`${cw}: ${probe} must ask the management port, not ${get.port}`);
        }
      }
      if (c.livenessProbe?.httpGet?.path && c.livenessProbe.httpGet.path !== "/actuator/health/liveness") {
        problems.push(`${cw}: livenessProbe must be /actuator/health/liveness (the process' own state, not its database)`);
      }
      for (const side of ["requests", "limits"]) {
        for (const r of ["cpu", "memory"]) {
          if (c.resources?.[side]?.[r] === undefined) problems.push(`${cw}: no resources.${side}.${r}`);
        }
      }
      // graceful shutdown: grace >= preStop pause + Spring's drain + margin
      const env = new Map();
      for (const from of c.envFrom ?? []) {
        for (const [k, v] of Object.entries(configMaps.get(from.configMapRef?.name) ?? {})) env.set(k, v);
      }
      for (const e of c.env ?? []) {
        const ref = e.valueFrom?.configMapKeyRef;
        env.set(e.name, ref ? configMaps.get(ref.name)?.[ref.key] : e.value);
      }
      const drain = seconds(env.get("SPRING_LIFECYCLE_TIMEOUT_PER_SHUTDOWN_PHASE"));
      const command = c.lifecycle?.preStop?.exec?.command ?? [];
      const pause = c.lifecycle?.preStop?.sleep?.seconds ?? (command[0] === "sleep" ? Number(command[1]) : NaN);
      const grace = pod.terminationGracePeriodSeconds ?? 30;
      // a domain service is found through Eureka, not through the Service's endpoints: on SIGTERM it reports DOWN and
      // keeps serving this long (common: LeaveRegistryFirst) before it drains, or callers keep sending it requests
      // (the gateway is found through its Service and its preStop pause; it does not wait for Eureka)
      const leave = /-service$/.test(c.name) && env.has("INETPUBLISH_LEAVE_REGISTRY_WAIT")
        ? seconds(env.get("INETPUBLISH_LEAVE_REGISTRY_WAIT")) : 0;
      if (/-service$/.test(c.name) && !(leave >= 10)) {
        problems.push(`${cw}: INETPUBLISH_LEAVE_REGISTRY_WAIT must be at least 10s (callers find it through Eureka)`);
      }
      if (Number.isNaN(drain)) problems.push(`${cw}: SPRING_LIFECYCLE_TIMEOUT_PER_SHUTDOWN_PHASE is not set (how long it drains)`);
      if (Number.isNaN(pause)) problems.push(`${cw}: no preStop pause (sleep) before the drain`);
      if (grace < (pause || 0) + (leave || 0) + (drain || 0) + MARGIN) {
        problems.push(`${cw}: terminationGracePeriodSeconds ${grace} < preStop ${pause} s + leaving the registry ${leave || 0} s + drain ${drain} s + ${MARGIN} s`);
      }
      for (const e of c.env ?? []) {
        if (e.value !== undefined && /(PASSWORD|SECRET|TOKEN|_KEY)$/.test(e.name)) {
          problems.push(`${cw}: ${e.name} is written in the manifest; it must come from a Secret`);
        }
      }
      if (!http) problems.push(`${cw}: no container port named http`);
    }
    if (!of("PodDisruptionBudget").some((p) => matches(p.spec?.selector, labels))) {
      problems.push(`${where}: no PodDisruptionBudget selects its pods`);
    }
    if (set.ha) {
      const hpa = of("HorizontalPodAutoscaler").find((h) => h.spec?.scaleTargetRef?.name === w.metadata.name
        && h.spec?.scaleTargetRef?.kind === w.kind);
      if (hpa) {
        // the autoscaler owns the count: one in the manifest would set it back at every apply
        if (w.spec?.replicas !== undefined) {
          problems.push(`${where}: has replicas ${w.spec.replicas} although an autoscaler scales it`);
        }
        if ((hpa.spec.minReplicas ?? 1) < 2) problems.push(`${where}: its autoscaler may go below 2`);
      } else {
        const replicas = w.spec?.replicas ?? 1;
        if (replicas < 2) problems.push(`${where}: ${replicas} replica(s) in a highly available installation`);
      }
    }
  }
  // The AOT cache (components/aot-cache, docs/kubernetes.md): every workload has it or none does. Its init container
  // trains with the service's own image and environment (a cache is only valid for the same JVM, class path and
  // options), never blocks the pod (a failed training run ends well), and writes to the emptyDir /aot that the
  // service maps through JDK_JAVA_OPTIONS.
  const trained = workloads.filter((w) => (w.spec?.template?.spec?.initContainers ?? []).some((c) => c.name === "aot-cache"));
  if (trained.length > 0 && trained.length < workloads.length) {
    for (const w of workloads.filter((x) => !trained.includes(x))) {
      problems.push(`${id(set, w)}: no aot-cache init container, which ${trained.length} other workload(s) have (all or none)`);
    }
  }
  const same = (a, b) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
  for (const w of trained) {
    const where = id(set, w);
    const pod = w.spec.template.spec;
    const init = pod.initContainers.find((c) => c.name === "aot-cache");
    const main = pod.containers[0];
    const script = (init.command ?? []).join(" ");
    if (init.image !== main.image) problems.push(`${where}: the aot-cache init container runs ${init.image}, not the service's image ${main.image}`);
    if (!same(init.env, main.env) || !same(init.envFrom, main.envFrom)) {
      problems.push(`${where}: the aot-cache init container's environment differs from the service's (the cache is only valid for the same options, and the training run needs the same settings)`);
    }
    if (!same(init.securityContext, main.securityContext)) problems.push(`${where}: the aot-cache init container's securityContext differs from the service's`);
    for (const needed of ["-Dspring.context.exit=onRefresh", "-XX:AOTMode=record", "-XX:AOTMode=create", "-XX:AOTCache=/aot/app.aot", "unset JDK_JAVA_OPTIONS", "exit 0"]) {
      if (!script.includes(needed)) problems.push(`${where}: the aot-cache init container's command lacks ${needed}`);
    }
    for (const side of ["requests", "limits"]) {
      for (const r of ["cpu", "memory"]) {
        if (init.resources?.[side]?.[r] === undefined) problems.push(`${where} init container aot-cache: no resources.${side}.${r}`);
      }
    }
    const volume = (pod.volumes ?? []).find((v) => v.name === "aot");
    if (!volume?.emptyDir) problems.push(`${where}: no emptyDir volume aot for the AOT cache`);
    for (const c of [init, main]) {
      if (!(c.volumeMounts ?? []).some((m) => m.name === "aot" && m.mountPath === "/aot")) problems.push(`${where} container ${c.name}: volume aot not mounted at /aot`);
    }
    if (!(main.env ?? []).some((e) => e.name === "JDK_JAVA_OPTIONS" && String(e.value).split(/\s+/).includes("-XX:AOTCache=/aot/app.aot"))) {
      problems.push(`${where} container ${main.name}: JDK_JAVA_OPTIONS does not name the cache (-XX:AOTCache=/aot/app.aot)`);
    }
  }
  if (set.ha && !of("HorizontalPodAutoscaler").some((h) => h.spec?.scaleTargetRef?.name === "gateway")) {
    problems.push(`${set.name}: no HorizontalPodAutoscaler for the gateway`);
  }
  // Eureka: every peer is listed in EUREKA_URL, and the peers know each other
  const discovery = of("StatefulSet").find((s) => s.metadata.name === "discovery");
  if (!discovery) {
    problems.push(`${set.name}: no discovery StatefulSet`);
  } else {
    const peers = String([...configMaps.values()].find((d) => d.EUREKA_URL)?.EUREKA_URL ?? "").split(",").filter(Boolean);
    const replicas = discovery.spec.replicas ?? 1;
    for (let i = 0; i < replicas; i++) {
      if (!peers.some((p) => new RegExp(`^http://([^/@]+@)?discovery-${i}\\.${discovery.spec.serviceName}:`).test(p.trim()))) {
        problems.push(`${set.name}: EUREKA_URL does not list the peer discovery-${i}.${discovery.spec.serviceName}`);
      }
    }
    // the registry asks for credentials: every peer address carries them, and every pod has them from a Secret
    for (const p of peers) {
      if (!p.includes("${EUREKA_USER}:${EUREKA_PASSWORD}@")) problems.push(`${set.name}: EUREKA_URL peer ${p} without the registry's credentials (\${EUREKA_USER}:\${EUREKA_PASSWORD}@)`);
    }
    for (const w of workloads) {
      for (const c of w.spec.template.spec.containers) {
        for (const key of ["EUREKA_USER", "EUREKA_PASSWORD"]) {
          if (!(c.env ?? []).some((e) => e.name === key && e.valueFrom?.secretKeyRef)) problems.push(`${id(set, w)}: ${key} does not come from a Secret`);
        }
      }
    }
    if (peers.length > replicas) problems.push(`${set.name}: EUREKA_URL lists ${peers.length} peers, the StatefulSet runs ${replicas}`);
  }
  // The Ingress: TLS, and only the gateway's public port
  const ingresses = of("Ingress");
  if (ingresses.length === 0) problems.push(`${set.name}: no Ingress`);
  const services = new Map(of("Service").map((s) => [s.metadata.name, s]));
  for (const ing of ingresses) {
    const where = id(set, ing);
    const tlsHosts = (ing.spec.tls ?? []).flatMap((t) => (t.secretName ? t.hosts ?? [] : []));
    const backends = [ing.spec.defaultBackend, ...(ing.spec.rules ?? []).flatMap((r) => {
      if (!tlsHosts.includes(r.host)) problems.push(`${where}: host ${r.host ?? "(any)"} is not served over TLS`);
      return (r.http?.paths ?? []).map((p) => p.backend);
    })].filter(Boolean);
    for (const b of backends) {
      if (b.service?.name !== "gateway") problems.push(`${where}: routes to ${b.service?.name ?? "a resource"}; only the gateway may be reached from outside`);
      const svc = services.get(b.service?.name);
      const port = svc?.spec?.ports?.find((p) => p.name === b.service?.port?.name || p.port === b.service?.port?.number);
      if (!port) {
        problems.push(`${where}: backend port ${JSON.stringify(b.service?.port)} is not a port of Service ${b.service?.name}`);
        continue;
      }
      const target = port.targetPort ?? port.port;
      const pods = workloads.filter((w) => matches({ matchLabels: svc.spec.selector }, w.spec.template.metadata.labels));
      for (const w of pods) {
        for (const c of w.spec.template.spec.containers) {
          const cp = (c.ports ?? []).find((p) => p.name === target || p.containerPort === target);
          if (cp?.name === "management") problems.push(`${where}: reaches the management port of ${w.metadata.name}`);
        }
      }
    }
  }
  // NetworkPolicy: deny by default; from outside the platform only the gateway's HTTP port or management ports
  const policies = of("NetworkPolicy");
  if (!policies.some((p) => Object.keys(p.spec.podSelector ?? {}).length === 0
    && (p.spec.policyTypes ?? []).includes("Ingress") && (p.spec.ingress ?? []).length === 0)) {
    problems.push(`${set.name}: no NetworkPolicy that denies all ingress by default`);
  }
  const platform = { matchLabels: { "app.kubernetes.io/part-of": "inetpublish" } };
  for (const p of policies) {
    for (const rule of p.spec.ingress ?? []) {
      const outside = (rule.from ?? [{}]).some((peer) => peer.namespaceSelector || peer.ipBlock || !peer.podSelector
        || JSON.stringify(peer.podSelector) !== JSON.stringify(platform));
      if (!outside) continue;
      const ports = rule.ports ?? [{}];
      const toManagement = ports.every((pt) => pt.port === "management");
      const gatewayOnly = JSON.stringify(p.spec.podSelector) === JSON.stringify({ matchLabels: { "app.kubernetes.io/name": "gateway" } });
      if (!toManagement && !(gatewayOnly && ports.every((pt) => pt.port === "http"))) {
        problems.push(`${id(set, p)}: lets pods outside the platform reach more than the gateway's http port`);
      }
    }
  }
  for (const w of workloads) secretRefs(id(set, w), w.spec.template.spec.containers);
}

for (const p of problems) console.log(p);
const count = sets.reduce((sum, s) => sum + s.objects.length, 0);
if (problems.length) {
  console.log(`deploy/k8s: ${problems.length} problem(s) in ${count} objects (Kubernetes ${K8S_VERSION})`);
  process.exit(1);
}
console.log(`deploy/k8s: ${count} objects in ${sets.map((s) => s.name).join(", ")} valid for Kubernetes ${K8S_VERSION} and the platform's rules`);
