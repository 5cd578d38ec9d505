// Validates Kubernetes objects (a JSON array on stdin) against the Kubernetes OpenAPI schemas as compiled
// into the npm packages kubernetes-models (core API), @kubernetes-models/keda and
// @kubernetes-models/prometheus-operator. Prints one line per object; exits 1 when any is invalid or of a kind
// it has no schema for (never skipped).
const packages = {
  "keda.sh": "@kubernetes-models/keda",
  "monitoring.coreos.com": "@kubernetes-models/prometheus-operator",
};

async function modelClass(apiVersion, kind) {
  const slash = apiVersion.indexOf("/");
  const group = slash < 0 ? "" : apiVersion.slice(0, slash);
  const pkg = packages[group] ?? "kubernetes-models";
  const module = await import(`${pkg}/${apiVersion}/${kind}`);
  return module[kind] ?? module.default;
}

const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const objects = JSON.parse(Buffer.concat(chunks).toString("utf8"));
let invalid = 0;
for (const object of objects) {
  const id = `${object.apiVersion} ${object.kind} ${object.metadata?.namespace ?? ""}/${object.metadata?.name ?? ""}`;
  try {
    const Model = await modelClass(object.apiVersion, object.kind);
    if (typeof Model !== "function") throw new Error("no schema for this kind");
    new Model(object).validate();
    console.log(`valid ${id}`);
  } catch (e) {
    invalid++;
    console.log(`invalid ${id}: ${String(e.message ?? e).replace(/\s+/g, " ")}`);
  }
}
process.exit(invalid === 0 ? 0 : 1);
