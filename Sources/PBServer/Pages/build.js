"use strict";
// Build: the scenario (file shape) edited in tables; after each edit its YAML is checked by
// POST /api/validate and the problems are shown beside the cells they name.

const build = { model: null, timer: null, errors: [] };

const blank = {
  name: "New scenario", currency: "GBP", seed: 1, runs: 200,
  budget: { total: 100000, envelopes: [] },
  domains: ["health", "education"], districts: [],
  population: [{ id: "residents", size: 1000, needs: { health: 0.5, education: 0.5 }, participation: 0.1, visibility: 1 }],
  proposals: [{ id: "clinic", title: "Health clinic", cost: 50000, effects: { health: 0.5 }, origin: "service", delivery: "service" }],
  regimes: {
    "service-led": { information_noise: 0.3, rule: "greedy" },
    "co-produced": { perception_noise: 0.3, ballot: "approval", threshold: 0.1, rule: "mes" },
  },
};

// Columns of each table: [key, label, kind]; mapping columns (needs, effects) get one column per domain.
function columns(table) {
  const m = build.model;
  if (table === "groups") {
    return [["id", "id", "text"], ["district", "district", "text"], ["size", "size", "number"],
      ["participation", "participation", "number"], ["visibility", "visibility", "number"],
      ...m.domains.map((d) => ["needs." + d, "need: " + d, "number"])];
  }
  if (table === "proposals") {
    return [["id", "id", "text"], ["title", "title", "wide"], ["cost", "cost", "number"],
      ["cost_sigma", "cost_sigma", "number"], ["district", "district", "text"],
      ["origin", "origin", "text"], ["delivery", "delivery", "text"], ["in_kind", "in_kind", "number"],
      ["appropriateness", "appropriateness", "number"], ...m.domains.map((d) => ["effects." + d, "effect: " + d, "number"])];
  }
  return [["district", "district", "text"], ["domain", "domain", "text"], ["min", "min", "number"], ["max", "max", "number"]];
}

const tableInfo = {
  groups: { list: () => build.model.population, set: (v) => { build.model.population = v; }, path: "population",
    csvFirst: ["id", "district", "size", "participation", "visibility"], noun: "group" },
  proposals: { list: () => build.model.proposals, set: (v) => { build.model.proposals = v; }, path: "proposals",
    csvFirst: ["id", "title", "cost", "cost_sigma", "district", "origin", "delivery", "in_kind", "appropriateness"], noun: "proposal" },
  envelopes: { list: () => build.model.budget.envelopes || (build.model.budget.envelopes = []),
    set: (v) => { build.model.budget.envelopes = v; }, path: "budget.envelopes", csvFirst: ["district", "domain", "min", "max"], noun: "envelope" },
};

function getValue(item, key) {
  const [a, b] = key.split(".");
  return b === undefined ? item[a] : (item[a] || {})[b];
}

function setValue(item, key, kind, text) {
  const [a, b] = key.split(".");
  let value = text.trim();
  if (kind === "number" && value !== "") value = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(value) ? Number(value) : value;
  if (b === undefined) {
    if (value === "") delete item[a]; else item[a] = value;
  } else {
    item[a] = item[a] || {};
    if (value === "") delete item[a][b]; else item[a][b] = value;
    if (Object.keys(item[a]).length === 0 && a !== "needs" && a !== "effects") delete item[a];
  }
}

function renderTable(table) {
  const info = tableInfo[table];
  const cols = columns(table);
  const items = info.list();
  const element = document.getElementById(table + "-table");
  const head = pb.el("thead", {}, pb.el("tr", {}, pb.el("th", { scope: "col" }, "#"),
    cols.map(([, label]) => pb.el("th", { scope: "col" }, label)), pb.el("th", { scope: "col" }, pb.el("span", { class: "visually-hidden" }, "Remove"))));
  const body = pb.el("tbody", {}, items.map((item, i) => {
    const rowName = item.id || item.title || (item.district ? "district " + item.district : item.domain ? "domain " + item.domain : String(i + 1));
    return pb.el("tr", {}, pb.el("th", { scope: "row" }, String(i)),
      cols.map(([key, label, kind]) => {
        const path = info.path + "[" + i + "]." + key;
        const value = getValue(item, key);
        const input = pb.el("input", { type: "text", inputmode: kind === "number" ? "decimal" : null,
          class: kind === "wide" ? "wide" : kind === "text" ? "text" : null, value: value === undefined ? "" : String(value),
          "data-path": path, "aria-label": label + " of " + info.noun + " " + rowName });
        input.addEventListener("input", () => { setValue(item, key, kind === "wide" ? "text" : kind, input.value); changed(); });
        return pb.el("td", {}, input);
      }),
      pb.el("td", {}, pb.el("button", { type: "button", class: "danger", "aria-label": "Remove " + info.noun + " " + rowName,
        onclick: () => { items.splice(i, 1); renderTable(table); changed(); } }, "×")));
  }));
  element.replaceChildren(head, body);
}

function renderTools(table) {
  const info = tableInfo[table];
  const tools = document.getElementById(table + "-tools");
  const file = pb.el("input", { type: "file", accept: ".csv,text/csv", id: table + "-csv", class: "visually-hidden" });
  file.addEventListener("change", async () => {
    if (!file.files.length) return;
    try {
      const items = pb.csvToItems(await file.files[0].text());
      info.set(items);
      if (table !== "envelopes") addDomains(items);
      renderAll();
      changed();
      status("Imported " + items.length + " " + info.noun + (items.length === 1 ? "" : "s") + " from " + file.files[0].name + ".");
    } catch (error) {
      status(file.files[0].name + ": " + error.message, true);
    }
    file.value = "";
  });
  tools.replaceChildren(
    pb.el("button", { type: "button", onclick: () => { info.list().push(table === "envelopes" ? {} : { id: info.noun + "-" + (info.list().length + 1) }); renderTable(table); changed(); } }, "Add a " + info.noun),
    pb.el("label", { for: table + "-csv", class: "button secondary", tabindex: "0",
      onkeydown: (e) => { if (e.key === "Enter" || e.key === " ") { e.preventDefault(); file.click(); } } }, "Import CSV"),
    file,
    pb.el("button", { type: "button", class: "secondary", onclick: () => pb.download(table + ".csv", pb.itemsToCSV(info.list(), info.csvFirst), "text/csv") }, "Export CSV"));
}

/** Domains named by imported needs or effects join the scenario's domains. */
function addDomains(items) {
  for (const item of items) {
    for (const key of ["needs", "effects"]) {
      for (const d of Object.keys(item[key] || {})) if (!build.model.domains.includes(d)) build.model.domains.push(d);
    }
  }
}

function field(container, label, path, get, set, kind) {
  const id = "f-" + path.replace(/[^a-z0-9]/gi, "-");
  const value = get();
  const input = pb.el("input", { type: "text", id, "data-path": path, inputmode: kind === "number" ? "decimal" : null,
    value: value === undefined ? "" : Array.isArray(value) ? value.join(", ") : String(value), size: kind === "list" ? 30 : 14 });
  input.addEventListener("input", () => {
    const text = input.value.trim();
    if (kind === "list") set(text === "" ? [] : text.split(",").map((s) => s.trim()).filter((s) => s !== ""));
    else if (kind === "numbers") set(text.split(",").map((s) => Number(s.trim())));
    else if (kind === "number") set(text === "" ? undefined : (isFinite(Number(text)) ? Number(text) : text));
    else set(text === "" ? undefined : text);
    if (kind === "list") { renderTable("groups"); renderTable("proposals"); }
    changed();
  });
  container.append(pb.el("div", { class: "control" }, pb.el("label", { for: id }, label), input));
}

function renderGeneral() {
  const m = build.model;
  const g = document.getElementById("general");
  g.replaceChildren();
  field(g, "Name", "name", () => m.name, (v) => { m.name = v; }, "text");
  field(g, "Currency", "currency", () => m.currency, (v) => { m.currency = v; }, "text");
  field(g, "Budget", "budget.total", () => m.budget.total, (v) => { m.budget.total = v; }, "number");
  field(g, "Domains", "domains", () => m.domains, (v) => { m.domains = v; }, "list");
  field(g, "Districts", "districts", () => m.districts, (v) => { m.districts = v; }, "list");
  field(g, "Runs", "runs", () => m.runs, (v) => { m.runs = v; }, "number");
  field(g, "Seed", "seed", () => m.seed, (v) => { m.seed = v; }, "number");
}

function renderRegimes() {
  const r = build.model.regimes;
  const box = document.getElementById("regimes");
  box.replaceChildren();
  const s = r["service-led"], c = r["co-produced"];
  field(box, "Officers' noise", "regimes.service-led.information_noise", () => s.information_noise, (v) => { s.information_noise = v; }, "number");
  field(box, "Officers' rule", "regimes.service-led.rule", () => s.rule, (v) => { s.rule = v; }, "text");
  if (!build.model.election) {
    field(box, "Residents' noise", "regimes.co-produced.perception_noise", () => c.perception_noise, (v) => { c.perception_noise = v; }, "number");
    field(box, "Ballot", "regimes.co-produced.ballot", () => c.ballot, (v) => { c.ballot = v; }, "text");
    field(box, "Approval threshold", "regimes.co-produced.threshold", () => c.threshold, (v) => { c.threshold = v; }, "number");
  }
  field(box, "Residents' rule", "regimes.co-produced.rule", () => c.rule, (v) => { c.rule = v; }, "text");
  if (r.blend) field(box, "Blend λ values", "regimes.blend.lambdas", () => r.blend.lambdas, (v) => { r.blend.lambdas = v; }, "numbers");
}

function renderAll() {
  renderGeneral();
  for (const t of ["groups", "proposals", "envelopes"]) { renderTools(t); renderTable(t); }
  renderRegimes();
  changed();
}

function status(text, isError) {
  const s = document.getElementById("status");
  s.textContent = text;
  s.classList.toggle("error", !!isError);
}

function yaml() {
  return pb.toYAML(build.model);
}

function changed() {
  document.getElementById("yaml").textContent = yaml();
  clearTimeout(build.timer);
  build.timer = setTimeout(validate, 200);
}

async function validate() {
  const text = yaml();
  let result;
  try {
    result = await pb.api("POST", "/api/validate", text);
  } catch (error) {
    status(error.message, true);
    return;
  }
  if (text !== yaml()) return; // an older check; a newer one is on its way
  build.errors = result.errors;
  for (const input of document.querySelectorAll("[data-path]")) {
    input.removeAttribute("aria-invalid");
    input.removeAttribute("aria-describedby");
  }
  const box = document.getElementById("errors");
  if (!result.errors.length) {
    box.hidden = true;
    box.replaceChildren();
    document.getElementById("save").disabled = false;
    return;
  }
  const items = result.errors.map((e, i) => {
    const id = "error-" + i;
    const input = e.field && (document.querySelector('[data-path="' + CSS.escape(e.field) + '"]')
      || document.querySelector('[data-path="' + CSS.escape(e.field.replace(/\.[^.\[\]]+$/, "")) + '"]'));
    if (input) { input.setAttribute("aria-invalid", "true"); input.setAttribute("aria-describedby", id); }
    return pb.el("li", { id }, (e.field ? e.field + ": " : "") + e.message + (e.line ? " (line " + e.line + " of the YAML)" : ""));
  });
  box.replaceChildren(pb.el("p", {}, pb.el("strong", {}, result.errors.length === 1 ? "1 problem" : result.errors.length + " problems")), pb.el("ul", {}, items));
  box.hidden = false;
  document.getElementById("save").disabled = true;
}

async function save(event) {
  event.preventDefault();
  const id = document.getElementById("save-id").value.trim();
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(id)) { status("The id must be 1 to 64 letters, digits, - or _.", true); return; }
  try {
    await pb.api("PUT", "/api/scenarios/" + encodeURIComponent(id), yaml());
    status("Saved as " + id + ".yaml.");
    history.replaceState(null, "", "?id=" + encodeURIComponent(id));
    await fillSelect(id);
  } catch (error) {
    status(error.message, true);
  }
}

async function load(id) {
  if (!id) { build.model = JSON.parse(JSON.stringify(blank)); renderAll(); return; }
  try {
    const entry = await pb.api("GET", "/api/scenarios/" + encodeURIComponent(id));
    if (!entry.scenario) {
      status("This file has errors and cannot be shown in tables; fix its YAML first.", true);
      return;
    }
    build.model = entry.scenario;
    build.model.budget.envelopes = build.model.budget.envelopes || [];
    document.getElementById("save-id").value = entry.saved ? entry.id : entry.id + "-variant";
    document.getElementById("title").textContent = "Build: " + entry.scenario.name;
    renderAll();
    status("Loaded " + entry.name + ".");
  } catch (error) {
    status(error.message, true);
  }
}

async function fillSelect(selected) {
  const select = document.getElementById("scenario-select");
  const entries = (await pb.api("GET", "/api/scenarios")).filter((e) => e.kind === "scenario");
  select.replaceChildren(pb.el("option", { value: "" }, "A blank scenario"),
    entries.map((e) => pb.el("option", { value: e.id, selected: e.id === selected }, e.name + (e.saved ? " (saved as " + e.id + ")" : ""))));
}

document.addEventListener("DOMContentLoaded", async () => {
  pb.markNavigation("build");
  const id = pb.param("id") || "";
  try { await fillSelect(id); } catch (error) { status(error.message, true); }
  document.getElementById("scenario-select").addEventListener("change", (e) => {
    history.replaceState(null, "", e.target.value ? "?id=" + encodeURIComponent(e.target.value) : location.pathname);
    load(e.target.value);
  });
  document.getElementById("save-form").addEventListener("submit", save);
  document.getElementById("download").addEventListener("click", () =>
    pb.download((document.getElementById("save-id").value || "scenario") + ".yaml", yaml(), "application/yaml"));
  await load(id);
});
