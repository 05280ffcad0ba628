"use strict";
// Explore: a scenario's regimes side by side; each change of a control simulates again
// (POST /api/simulate with overrides, streamed progress). The newest request wins: the previous
// fetch is aborted and the server cancels its runs (same channel).

const explore = {
  id: null, model: null, currency: "GBP", entries: [],
  overrides: {}, controller: null, timer: null,
  channel: "tab-" + Math.random().toString(36).slice(2),
  lastResult: null,
};

function control(container, { id, label, hint, min, max, step, value, format, path }) {
  const output = pb.el("output", { for: id, id: id + "-out" }, format(value));
  const input = pb.el("input", { type: "range", id, min, max, step, value, "data-path": path,
    "aria-describedby": hint ? id + "-hint" : null });
  input.addEventListener("input", () => {
    output.textContent = format(Number(input.value));
    input.setAttribute("aria-valuetext", format(Number(input.value)));
    explore.overrides[path] = Number(input.value);
    schedule();
  });
  input.setAttribute("aria-valuetext", format(value));
  container.append(pb.el("div", { class: "control" },
    pb.el("label", { for: id }, pb.el("span", {}, label), output), input,
    hint ? pb.el("p", { class: "hint", id: id + "-hint" }, hint) : null));
}

function choice(container, { id, label, options, value, path }) {
  const select = pb.el("select", { id, "data-path": path },
    options.map(([v, text]) => pb.el("option", { value: v, selected: v === value }, text)));
  select.addEventListener("change", () => { explore.overrides[path] = select.value; schedule(); });
  container.append(pb.el("div", { class: "control" }, pb.el("label", { for: id }, label), select));
}

function clearFieldset(id) {
  const box = document.getElementById(id);
  for (const node of [...box.children]) if (node.tagName !== "LEGEND" && !node.classList.contains("hint")) node.remove();
  return box;
}

function buildControls() {
  const s = explore.model;
  const regimes = s.regimes || {};
  const service = regimes["service-led"] || {};
  const co = regimes["co-produced"] || {};
  const knowledge = clearFieldset("knowledge");
  control(knowledge, { id: "information-noise", label: "Officers' noise", path: "regimes.service-led.information_noise",
    min: 0, max: 1.5, step: 0.05, value: service.information_noise || 0, format: (v) => v.toFixed(2),
    hint: "How far the officers' needs assessment is from the real needs (0 = perfect)." });
  if ("perception_noise" in co) {
    control(knowledge, { id: "perception-noise", label: "Residents' noise", path: "regimes.co-produced.perception_noise",
      min: 0, max: 1.5, step: 0.05, value: co.perception_noise, format: (v) => v.toFixed(2),
      hint: "How far residents' sense of what helps them is from the real benefit." });
  }
  const process = clearFieldset("process");
  if (regimes.split && Array.isArray(regimes.split.shares) && regimes.split.shares.length) {
    control(process, { id: "split-share", label: "Split: residents' pot", path: "regimes.split.shares[0]",
      min: 0, max: 1, step: 0.05, value: regimes.split.shares[0], format: (v) => pb.percent(v),
      hint: "The share of the budget residents decide by vote; officers decide the rest." });
  }
  if ("weighting" in co) {
    choice(process, { id: "weighting", label: "Vote weighting", path: "regimes.co-produced.weighting", value: co.weighting,
      options: [["none", "none: one person, one vote"], ["census", "census: groups count by population"],
        ["need", "need: deprived groups' votes weigh more"]] });
  }
  if ("rule" in co) {
    const rules = [["greedy", "greedy (most votes first)"], ["mes", "Method of Equal Shares"],
      ["mes-add1", "Equal Shares, completed"], ["mes-add1-greedy", "Equal Shares, completed, then greedy"],
      ["max-welfare", "maximum total score"]];
    if (!rules.some(([v]) => v === co.rule)) rules.push([co.rule, co.rule]);
    choice(process, { id: "rule", label: "Counting rule (residents' vote)", path: "regimes.co-produced.rule",
      value: co.rule, options: rules });
  }
  const total = s.budget.total;
  control(process, { id: "budget", label: "Budget", path: "budget.total", min: Math.round(total * 0.25),
    max: Math.round(total * 2), step: Math.max(1, Math.round(total / 40)), value: total,
    format: (v) => pb.money(v, s.currency) });
  const groups = clearFieldset("groups");
  if (!s.population || !s.population.length) { groups.hidden = true; return; }
  groups.hidden = false;
  s.population.forEach((group, g) => {
    const box = pb.el("fieldset", {}, pb.el("legend", {}, group.id));
    control(box, { id: "participation-" + g, label: "Participation", path: "population[id=" + group.id + "].participation",
      min: 0, max: 1, step: 0.01, value: group.participation, format: (v) => pb.percent(v) });
    control(box, { id: "visibility-" + g, label: "Visibility", path: "population[id=" + group.id + "].visibility",
      min: 0.05, max: 1, step: 0.05, value: group.visibility, format: (v) => pb.percent(v) });
    groups.append(box);
  });
}

function schedule() {
  clearTimeout(explore.timer);
  explore.timer = setTimeout(simulate, 120);
}

function request() {
  const body = { scenario_id: explore.id, channel: explore.channel, overrides: explore.overrides };
  const runs = Number(document.getElementById("runs").value);
  if (Number.isInteger(runs) && runs >= 1) body.runs = runs;
  const seed = document.getElementById("seed").value;
  if (seed !== "") body.seed = seed;
  return body;
}

async function simulate() {
  if (explore.controller) explore.controller.abort();
  const controller = new AbortController();
  explore.controller = controller;
  const status = document.getElementById("status");
  const progress = document.getElementById("progress");
  status.classList.remove("error");
  status.textContent = "Computing…";
  progress.hidden = false;
  progress.value = 0;
  const started = performance.now();
  try {
    const response = await fetch("/api/simulate", {
      method: "POST", signal: controller.signal,
      headers: { "Content-Type": "application/json", Accept: "application/x-ndjson" },
      body: JSON.stringify(request()),
    });
    if (!response.ok) {
      let body = null;
      try { body = await response.json(); } catch (_) { body = null; }
      throw new Error(pb.describeError(body, response.status));
    }
    const reader = response.body.getReader();
    const decoder = new TextDecoder();
    let buffer = "", final = null;
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      buffer += decoder.decode(value, { stream: true });
      let newline;
      while ((newline = buffer.indexOf("\n")) >= 0) {
        const line = JSON.parse(buffer.slice(0, newline));
        buffer = buffer.slice(newline + 1);
        if ("progress" in line) { progress.max = line.runs; progress.value = line.progress; }
        else final = line;
      }
    }
    if (controller !== explore.controller) return;
    if (!final || final.cancelled) return;
    explore.lastResult = final;
    render(final);
    const seconds = ((performance.now() - started) / 1000).toFixed(2);
    status.textContent = "Updated: " + final.result.runs + " runs in " + seconds + " s.";
    document.getElementById("results").dataset.updated = String(Date.now());
  } catch (error) {
    if (error.name === "AbortError") return;
    status.textContent = error.message;
    status.classList.add("error");
  } finally {
    if (controller === explore.controller) progress.hidden = true;
  }
}

function measureRows(regimes) {
  const keys = [];
  for (const regime of Object.values(regimes)) {
    for (const [key, value] of Object.entries(regime)) {
      const isSummary = value && typeof value === "object" && "mean" in value;
      const isNumber = typeof value === "number" || (key === "ejr" && value && "share" in value);
      if ((isSummary || isNumber) && !keys.includes(key)) keys.push(key);
    }
  }
  return keys;
}

function cell(key, value) {
  if (value === undefined || value === null) return pb.el("td", { class: "num" }, "–");
  if (key === "ejr") return pb.el("td", { class: "num" }, pb.percent(value.share));
  if (typeof value === "number") return pb.el("td", { class: "num" }, pb.isShare(key) ? pb.percent(value, 1) : pb.number(value));
  const show = (x) => (pb.isShare(key) ? pb.percent(x, 1) : pb.number(x, 0));
  return pb.el("td", { class: "num" }, show(value.mean), pb.el("span", { class: "range" }, show(value.lo) + " – " + show(value.hi)));
}

function render(final) {
  const result = final.result;
  const keys = Object.keys(result.regimes);
  const table = document.getElementById("results");
  table.tHead.replaceChildren(pb.el("tr", {}, pb.el("th", { scope: "col" }, "Measure"),
    keys.map((k) => pb.el("th", { scope: "col", class: "num" }, pb.regimeLabel(k, result.regimes[k])))));
  const rows = measureRows(result.regimes).map((m) => {
    const words = pb.measureWords[m] || [m.replace(/_/g, " "), ""];
    return pb.el("tr", { "data-measure": m },
      pb.el("th", { scope: "row" }, words[0], words[1] ? pb.el("span", { class: "range" }, words[1]) : null),
      keys.map((k) => cell(m, result.regimes[k][m])));
  });
  table.tBodies[0].replaceChildren(...rows);
  document.getElementById("sentences").replaceChildren(...(final.sentences || []).map((s) => pb.el("li", {}, s)));
  const metric = document.getElementById("sweep-metric");
  if (!metric.options.length) {
    for (const m of measureRows(result.regimes)) {
      if (m === "ejr" || m === "overspend_probability") continue;
      metric.append(pb.el("option", { value: m }, (pb.measureWords[m] || [m])[0]));
    }
  }
  renderFunding(final);
}

function renderFunding(final) {
  const funding = final.funding || {};
  const keys = Object.keys(funding);
  const titles = {};
  for (const p of explore.model.proposals || []) titles[p.id] = p;
  const table = document.getElementById("funding");
  table.tHead.replaceChildren(pb.el("tr", {}, pb.el("th", { scope: "col" }, "Proposal"),
    keys.map((k) => pb.el("th", { scope: "col", class: "num" }, pb.regimeLabel(k, final.result.regimes[k])))));
  const ids = keys.length ? Object.keys(funding[keys[0]]) : [];
  table.tBodies[0].replaceChildren(...ids.map((id) => {
    const proposal = titles[id];
    return pb.el("tr", {},
      pb.el("th", { scope: "row" }, proposal ? proposal.title : id,
        proposal ? pb.el("span", { class: "range" }, pb.money(proposal.cost, explore.model.currency)) : null),
      keys.map((k) => {
        const p = funding[k][id];
        return pb.el("td", { class: "num" }, pb.percent(p),
          pb.el("span", { class: "bar", style: "width:" + Math.round(100 * p) + "%", "aria-hidden": "true" }));
      }));
  }));
}

async function sweep(event) {
  event.preventDefault();
  const status = document.getElementById("sweep-status");
  status.classList.remove("error");
  const values = document.getElementById("sweep-values").value.split(",").map((v) => Number(v.trim()));
  const param = document.getElementById("sweep-param").value;
  const metric = document.getElementById("sweep-metric").value || "efficiency";
  status.textContent = "Running the sweep…";
  try {
    const body = request();
    delete body.channel;
    body.param = param;
    body.values = values;
    const result = await pb.api("POST", "/api/sweep", body);
    const keys = result.rows.length ? Object.keys(result.rows[0].regimes) : [];
    const table = document.getElementById("sweep");
    table.replaceChildren(
      pb.el("caption", {}, (pb.measureWords[metric] || [metric])[0] + " as " + param.replace(/_/g, " ") + " varies"),
      pb.el("thead", {}, pb.el("tr", {}, pb.el("th", { scope: "col" }, param.replace(/_/g, " ")),
        keys.map((k) => pb.el("th", { scope: "col", class: "num" }, pb.regimeLabel(k, result.rows[0].regimes[k]))))),
      pb.el("tbody", {}, result.rows.map((row) => pb.el("tr", {}, pb.el("th", { scope: "row" }, String(row.value)),
        keys.map((k) => cell(metric, (row.regimes[k] || {})[metric]))))));
    status.textContent = "Sweep of " + values.length + " values, " + result.runs + " runs each.";
  } catch (error) {
    status.textContent = error.message;
    status.classList.add("error");
  }
}

async function compare(event) {
  event.preventDefault();
  const status = document.getElementById("compare-status");
  status.classList.remove("error");
  const a = document.getElementById("compare-a").value, b = document.getElementById("compare-b").value;
  status.textContent = "Simulating both variants…";
  try {
    const runs = Number(document.getElementById("runs").value) || undefined;
    const [ra, rb] = await Promise.all([a, b].map((id) => pb.api("POST", "/api/simulate", { scenario_id: id, runs })));
    const name = (id) => (explore.entries.find((e) => e.id === id) || { name: id }).name;
    const keys = Object.keys(ra.regimes).filter((k) => k in rb.regimes);
    const measures = measureRows(ra.regimes);
    const table = document.getElementById("compare");
    table.replaceChildren(
      pb.el("caption", {}, "A: " + name(a) + " · B: " + name(b)),
      pb.el("thead", {}, pb.el("tr", {}, pb.el("th", { scope: "col" }, "Measure"),
        keys.flatMap((k) => [pb.el("th", { scope: "col", class: "num" }, pb.regimeLabel(k, ra.regimes[k]) + " · A"),
          pb.el("th", { scope: "col", class: "num" }, pb.regimeLabel(k, rb.regimes[k]) + " · B")]))),
      pb.el("tbody", {}, measures.map((m) => pb.el("tr", {},
        pb.el("th", { scope: "row" }, (pb.measureWords[m] || [m])[0]),
        keys.flatMap((k) => [cell(m, ra.regimes[k][m]), cell(m, rb.regimes[k][m])])))));
    status.textContent = "Compared.";
  } catch (error) {
    status.textContent = error.message;
    status.classList.add("error");
  }
}

async function load(id) {
  const status = document.getElementById("status");
  try {
    const entry = await pb.api("GET", "/api/scenarios/" + encodeURIComponent(id));
    if (!entry.scenario) {
      const first = (entry.errors || [])[0];
      throw new Error("This scenario has errors" + (first ? ": " + first.field + ": " + first.message : "") + ". Fix it on the Build page.");
    }
    explore.id = id;
    explore.model = entry.scenario;
    explore.overrides = {};
    document.getElementById("title").textContent = entry.scenario.name;
    document.getElementById("runs").value = Math.min(entry.scenario.runs, 200);
    document.getElementById("seed").value = entry.scenario.seed;
    document.getElementById("runs-out").textContent = "";
    document.getElementById("sweep-metric").replaceChildren();
    buildControls();
    await simulate();
  } catch (error) {
    status.textContent = error.message;
    status.classList.add("error");
  }
}

document.addEventListener("DOMContentLoaded", async () => {
  pb.markNavigation("explore");
  const select = document.getElementById("scenario-select");
  try {
    explore.entries = (await pb.api("GET", "/api/scenarios")).filter((e) => e.kind === "scenario");
  } catch (error) {
    document.getElementById("status").textContent = error.message;
    return;
  }
  const wanted = pb.param("id") || (explore.entries[0] || {}).id;
  for (const e of explore.entries) select.append(pb.el("option", { value: e.id, selected: e.id === wanted }, e.name));
  for (const [n, box] of [["a", 0], ["b", 1]]) {
    const target = document.getElementById("compare-" + n);
    explore.entries.forEach((e, i) => target.append(pb.el("option", { value: e.id, selected: i === Math.min(box, explore.entries.length - 1) }, e.name)));
  }
  select.addEventListener("change", () => {
    history.replaceState(null, "", "?id=" + encodeURIComponent(select.value));
    load(select.value);
  });
  document.getElementById("runs").addEventListener("change", schedule);
  document.getElementById("seed").addEventListener("change", schedule);
  document.getElementById("reset").addEventListener("click", () => load(explore.id));
  document.getElementById("sweep-form").addEventListener("submit", sweep);
  document.getElementById("compare-form").addEventListener("submit", compare);
  if (wanted) load(wanted);
  else document.getElementById("status").textContent = "No scenario: start pbsim serve with a scenario file, or build one.";
});
