// pbsim serve: helpers shared by the pages. Every text from a scenario or an election is put into the
// page with textContent (never innerHTML), so a proposal titled <script> shows as text.
"use strict";

const pb = {};

/** Creates an element with attributes and children (strings become text nodes). */
pb.el = function (tag, attributes, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attributes || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key === "class") node.className = value;
    else if (key === "text") node.textContent = value;
    else if (key === "style") node.style.cssText = value; // CSSOM: allowed by the page's CSP

    else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value === true ? "" : String(value));
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
};

/** The API error's words: "message (field, line N)". */
pb.describeError = function (body, status) {
  const e = body && body.error;
  if (!e) return "The server answered " + status + ".";
  let where = [];
  if (e.field) where.push(e.field);
  if (e.line) where.push("line " + e.line);
  return e.message + (where.length ? " (" + where.join(", ") + ")" : "");
};

/** fetch, then the JSON body; throws an Error with the API's message on a 4xx/5xx. */
pb.api = async function (method, path, body, options) {
  const init = { method, headers: {}, signal: options && options.signal };
  if (body !== undefined) {
    if (typeof body === "string") {
      init.headers["Content-Type"] = "text/plain; charset=utf-8";
      init.body = body;
    } else {
      init.headers["Content-Type"] = "application/json";
      init.body = JSON.stringify(body);
    }
  }
  const response = await fetch(path, init);
  let parsed = null;
  try { parsed = await response.json(); } catch (_) { parsed = null; }
  if (!response.ok) {
    const error = new Error(pb.describeError(parsed, response.status));
    error.body = parsed;
    error.status = response.status;
    throw error;
  }
  return parsed;
};

/** The query parameter `name` of the page's URL. */
pb.param = function (name) {
  return new URLSearchParams(location.search).get(name);
};

pb.percent = function (x, digits) {
  if (x === null || x === undefined || !isFinite(x)) return "–";
  return (100 * x).toFixed(digits === undefined ? 0 : digits) + "%";
};

pb.number = function (x, digits) {
  if (x === null || x === undefined || !isFinite(x)) return "–";
  return Number(x).toLocaleString("en-GB", { maximumFractionDigits: digits === undefined ? 2 : digits });
};

/** A measure of `pbsim analyze` in words: exact rationals ("3/7") as decimals, yes/no, "–" for none. */
pb.measureText = function (value) {
  if (value === null || value === undefined) return "–";
  if (typeof value === "boolean") return value ? "yes" : "no";
  if (typeof value === "number") return pb.number(value, 4);
  if (typeof value === "string" && /^-?\d+\/\d+$/.test(value)) {
    const [a, b] = value.split("/").map(Number);
    return pb.number(a / b, 4);
  }
  if (typeof value === "string" && /^-?\d+(\.\d+)?$/.test(value)) return pb.number(Number(value), 4);
  return String(value);
};

pb.money = function (x, currency) {
  if (x === null || x === undefined || !isFinite(x)) return "–";
  try {
    return Number(x).toLocaleString("en-GB", { style: "currency", currency: currency || "GBP", maximumFractionDigits: 0 });
  } catch (_) {
    return pb.number(x, 0) + (currency ? " " + currency : "");
  }
};

/** Offers `text` as a file download. */
pb.download = function (name, text, type) {
  const url = URL.createObjectURL(new Blob([text], { type: type || "text/plain" }));
  const link = pb.el("a", { href: url, download: name });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
};

/** Marks the current page in the navigation. */
pb.markNavigation = function (name) {
  const link = document.querySelector('header.site nav a[data-page="' + name + '"]');
  if (link) link.setAttribute("aria-current", "page");
};

// Plain words for the measures of `pbsim simulate --format json` (unknown ones are shown by key).
pb.measureWords = {
  efficiency: ["Benefit achieved", "share of the best possible total benefit"],
  welfare: ["Total benefit", "summed over everyone, on the true needs"],
  coverage: ["Need met", "share of the population's need that the funded proposals meet"],
  gini: ["Inequality between groups", "Gini of need met per group (0 = equal)"],
  exclusion: ["Groups left out", "share of groups that gain almost nothing"],
  budget_use: ["Budget used", "planned spend as a share of the budget"],
  realised_budget_use: ["Budget used in the end", "with real costs"],
  overspend_probability: ["Chance of overspending", "runs whose real costs exceed the budget"],
  satisfaction: ["Voters satisfied", "average share of a voter's choices funded"],
  ejr: ["Fair to cohesive groups (EJR)", "share of runs where the outcome satisfies EJR"],
};

pb.regimeWords = {
  "service-led": "Service-led (officers decide)",
  "co-produced": "Co-produced (residents vote)",
  panel: "Citizens' panel",
  optimum: "Best possible",
};

/** A regime's label: the JSON's own `label` when it has one, else plain words for its key. */
pb.regimeLabel = function (key, regime) {
  if (regime && typeof regime.label === "string") return regime.label;
  if (pb.regimeWords[key]) return pb.regimeWords[key];
  const blend = /^blend-(.*)$/.exec(key);
  if (blend) return "Blend λ = " + blend[1];
  const split = /^split-(.*)$/.exec(key);
  if (split) return "Split: " + pb.percent(Number(split[1])) + " to residents";
  return key;
};

/** Whether a measure is a share shown in percent. */
pb.isShare = function (key) {
  return key !== "welfare";
};

// --- YAML: the scenario model (file shape, as /api/scenarios/{id} returns it) as YAML text. ---

pb.yamlScalar = function (value) {
  if (value === null || value === undefined) return "null";
  if (typeof value === "number") return isFinite(value) ? String(value) : ".nan";
  if (typeof value === "boolean") return value ? "true" : "false";
  const text = String(value);
  if (/^[A-Za-z_][A-Za-z0-9_ .\/()'-]*$/.test(text) && !/^(true|false|yes|no|on|off|null|y|n)$/i.test(text)
      && !/\s$/.test(text) && !/: | #/.test(text)) {
    return text;
  }
  return JSON.stringify(text);
};

pb.topOrder = ["name", "currency", "seed", "runs", "budget", "domains", "districts", "population", "proposals",
  "regimes", "election"];

pb.toYAML = function (value, indent) {
  indent = indent || "";
  const isFlat = (v) => v === null || typeof v !== "object";
  let out = "";
  if (Array.isArray(value)) {
    if (value.every(isFlat)) return "[" + value.map(pb.yamlScalar).join(", ") + "]\n";
    for (const item of value) {
      if (isFlat(item)) { out += indent + "- " + pb.yamlScalar(item) + "\n"; continue; }
      const body = pb.toYAML(item, indent + "  ");
      out += indent + "- " + body.slice(indent.length + 2);
    }
    return out;
  }
  let keys = Object.keys(value);
  if (indent === "") keys = pb.topOrder.filter((k) => k in value).concat(keys.filter((k) => !pb.topOrder.includes(k)));
  for (const key of keys) {
    const v = value[key];
    if (v === undefined) continue;
    const name = pb.yamlScalar(key);
    if (isFlat(v)) out += indent + name + ": " + pb.yamlScalar(v) + "\n";
    else if (Array.isArray(v) && v.every(isFlat)) out += indent + name + ": " + pb.toYAML(v, indent);
    else if (!Array.isArray(v) && Object.keys(v).length === 0) out += indent + name + ": {}\n";
    else if (Array.isArray(v) && v.length === 0) out += indent + name + ": []\n";
    else out += indent + name + ":\n" + pb.toYAML(v, indent + "  ");
  }
  return out;
};

// --- CSV: tables as in Scenarios/README.md (one row per item, nested mappings as `key.subkey`). ---

pb.textColumns = ["id", "title", "district", "domain", "origin", "delivery", "sampling"];

pb.parseCSV = function (text) {
  const rows = [];
  let row = [], field = "", quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { field += '"'; i++; }
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"' && field === "") quoted = true;
    else if (c === ",") { row.push(field); field = ""; }
    else if (c === "\n" || c === "\r") {
      if (c === "\r" && text[i + 1] === "\n") i++;
      row.push(field); field = "";
      if (row.length > 1 || row[0] !== "") rows.push(row);
      row = [];
    } else field += c;
  }
  if (field !== "" || row.length) { row.push(field); rows.push(row); }
  return rows;
};

/** CSV text → items (objects in the file's shape). Throws with the line of a malformed row. */
pb.csvToItems = function (text) {
  const rows = pb.parseCSV(text.replace(/^\uFEFF/, ""));
  if (rows.length === 0) throw new Error("the CSV file is empty");
  const header = rows[0].map((h) => h.trim());
  const items = [];
  rows.slice(1).forEach((cells, r) => {
    if (cells.length !== header.length) {
      throw new Error("line " + (r + 2) + ": " + cells.length + " cells, but the header has " + header.length);
    }
    const item = {};
    header.forEach((column, c) => {
      const cell = cells[c].trim();
      if (cell === "") return;
      const parts = column.split(".");
      let value = cell;
      if (!pb.textColumns.includes(parts[0])) {
        if (/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(cell)) value = Number(cell);
        else if (cell === "true" || cell === "false") value = cell === "true";
      }
      if (parts.length === 1) item[column] = value;
      else {
        item[parts[0]] = item[parts[0]] || {};
        item[parts[0]][parts.slice(1).join(".")] = value;
      }
    });
    items.push(item);
  });
  return items;
};

pb.csvField = function (value) {
  if (value === undefined || value === null) return "";
  const text = String(value);
  return /[",\n\r]/.test(text) || /^\s|\s$/.test(text) ? '"' + text.replace(/"/g, '""') + '"' : text;
};

/** Items → CSV text with the columns `first` (in order), then every other key and `key.subkey`. */
pb.itemsToCSV = function (items, first) {
  const columns = [...first];
  for (const item of items) {
    for (const [key, value] of Object.entries(item)) {
      if (value !== null && typeof value === "object" && !Array.isArray(value)) {
        for (const sub of Object.keys(value)) if (!columns.includes(key + "." + sub)) columns.push(key + "." + sub);
      } else if (!columns.includes(key)) columns.push(key);
    }
  }
  const lines = [columns.map(pb.csvField).join(",")];
  for (const item of items) {
    lines.push(columns.map((column) => {
      const [key, ...rest] = column.split(".");
      const value = rest.length ? (item[key] || {})[rest.join(".")] : item[key];
      return pb.csvField(value);
    }).join(","));
  }
  return lines.join("\n") + "\n";
};

/** The `key=value` pairs of the page's fragment (`#s=SESSION&t=TOKEN`): a session link's secret stays in
 * the browser (a fragment is never sent to a server nor put in a Referer). */
pb.fragment = function () {
  return new URLSearchParams(location.hash.replace(/^#/, ""));
};

/** A session API call with `Authorization: Bearer token`; JSON body and answer (text for `asText`). */
pb.sessionAPI = async function (method, path, token, body, asText) {
  const init = { method, headers: { Authorization: "Bearer " + token } };
  if (body !== undefined) {
    init.headers["Content-Type"] = "application/json";
    init.body = JSON.stringify(body);
  }
  const response = await fetch(path, init);
  if (!response.ok) {
    let parsed = null;
    try { parsed = await response.json(); } catch (_) { parsed = null; }
    const error = new Error(pb.describeError(parsed, response.status));
    error.status = response.status;
    throw error;
  }
  return asText ? response.text() : response.json();
};
