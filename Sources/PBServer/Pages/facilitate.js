// pbsim serve: the facilitator's screen of a panel session: live turnout, close, the outcome under each
// rule beside the service-led plan, and the exports. Without a session in the link, it creates one.
"use strict";

(function () {
  const fragment = pb.fragment();
  const session = fragment.get("s");
  const token = fragment.get("t");
  const status = document.getElementById("status");
  const $ = (id) => document.getElementById(id);
  let info = null;
  let poller = null;
  pb.markNavigation("");

  function setStatus(text, isError) {
    status.textContent = text;
    status.className = "status" + (isError ? " error" : "");
  }

  const base = "/api/sessions/" + encodeURIComponent(session || "");

  async function poll() {
    try {
      const s = await pb.sessionAPI("GET", base + "/status", token);
      $("turnout").textContent = s.voted + " of " + s.members;
      $("turnout-words").textContent = s.open ? "members have voted (live)." : "members voted; the session is closed.";
      $("turnout-bar").value = s.members ? s.voted / s.members : 0;
      if (!s.open) stopPolling();
      return s;
    } catch (error) {
      setStatus(error.message, true);
      return null;
    }
  }

  function stopPolling() {
    if (poller) clearInterval(poller);
    poller = null;
  }

  function cell(text, attributes) { return pb.el("td", Object.assign({ text: text }, attributes || {})); }

  function renderResults(r) {
    $("results").hidden = false;
    $("close").disabled = true;
    $("export-json").disabled = false;
    $("export-csv").disabled = false;
    const money = (x) => pb.money(Number(x), r.currency);
    $("results-note").textContent = r.voters + " of " + r.members + " members voted. The first rule is the one the session counts with ("
      + r.rule + "); satisfaction is the mean share of the budget spent on each voter's projects, exclusion the share of voters with none funded."
      + (r.service_led ? " The officers' plan is the scenario's service-led regime over " + r.service_led.runs + " simulated runs." : "");
    const rules = $("rules");
    rules.tHead.replaceChildren(pb.el("tr", {}, ["Rule", "Funded", "Cost", "Satisfaction", "Exclusion"].map((h, i) =>
      pb.el("th", { scope: "col", class: i > 0 ? "num" : null, text: h }))));
    rules.tBodies[0].replaceChildren(...r.outcomes.map((o, i) => pb.el("tr", {},
      pb.el("th", { scope: "row", text: o.title + (i === 0 ? " (the session's rule)" : "") }),
      cell(String(o.selected.length), { class: "num" }), cell(money(o.cost), { class: "num" }),
      cell(pb.percent(o.satisfaction, 1), { class: "num" }), cell(pb.percent(o.exclusion, 1), { class: "num" }))));
    renderMeasures(r);
    const table = $("outcome");
    const headers = ["Project", "Cost", r.ballot === "cumulative" ? "Points" : "Votes"]
      .concat(r.outcomes.map((o) => o.rule)).concat(r.service_led ? ["Officers' plan"] : []);
    table.tHead.replaceChildren(pb.el("tr", {}, headers.map((h, i) =>
      pb.el("th", { scope: "col", class: i > 0 ? "num" : null, text: h }))));
    const rows = r.projects.slice().sort((a, b) => b.support - a.support || (a.id < b.id ? -1 : 1));
    table.tBodies[0].replaceChildren(...rows.map((p) => pb.el("tr", { "data-project": p.id },
      pb.el("th", { scope: "row", text: p.title }), cell(money(p.cost), { class: "num" }),
      cell(String(p.support), { class: "num" }),
      r.outcomes.map((o) => cell(p.funded.includes(o.rule) ? "funded" : "–", { class: "num", "data-rule": o.rule })),
      r.service_led ? cell(pb.percent(p.service_led), { class: "num" }) : null)));
  }

  /** One row per single-valued measure (lists and dictionaries are in the JSON), one column per rule. */
  function renderMeasures(r) {
    const table = $("measures");
    const keys = [];
    for (const o of r.outcomes) {
      for (const [key, value] of Object.entries(o.measures || {})) {
        if (typeof value !== "object" || value === null) { if (!keys.includes(key)) keys.push(key); }
      }
      for (const key of Object.keys(o.not_computed || {})) if (!keys.includes(key)) keys.push(key);
    }
    table.tHead.replaceChildren(pb.el("tr", {}, pb.el("th", { scope: "col", text: "Measure" }),
      r.outcomes.map((o) => pb.el("th", { scope: "col", class: "num", text: o.rule }))));
    table.tBodies[0].replaceChildren(...keys.map((key) => pb.el("tr", {}, pb.el("th", { scope: "row", text: key }),
      r.outcomes.map((o) => {
        const gap = (o.not_computed || {})[key];
        return cell(gap ? gap.status : pb.measureText((o.measures || {})[key]), { class: "num", title: gap ? gap.reason : null });
      }))));
  }

  async function download(path, name, type) {
    try {
      pb.download(name, await pb.sessionAPI("GET", base + path, token, undefined, true), type);
    } catch (error) {
      setStatus(error.message, true);
    }
  }

  async function startSession() {
    $("session").hidden = false;
    try {
      info = await pb.sessionAPI("GET", base, token);
    } catch (error) {
      setStatus(error.message, true);
      return;
    }
    if (info.role !== "facilitator") { setStatus("This is not the facilitator's link.", true); return; }
    $("title").textContent = info.name;
    setStatus("");
    $("close").addEventListener("click", async () => {
      if (!window.confirm("Close the session? Members can no longer vote or change their ballots.")) return;
      setStatus("Counting…");
      try {
        renderResults(await pb.sessionAPI("POST", base + "/close", token, {}));
        setStatus("The session is closed.");
      } catch (error) {
        setStatus(error.message, true);
      }
      poll();
    });
    $("export-pb").addEventListener("click", () => download("/export.pb", "session-" + session + ".pb", "text/plain"));
    $("export-json").addEventListener("click", () => download("/results.json", "session-" + session + ".json", "application/json"));
    $("export-csv").addEventListener("click", () => download("/results.csv", "session-" + session + ".csv", "text/csv"));
    const s = await poll();
    if (s && !s.open) {
      setStatus("Counting…");
      try {
        renderResults(await pb.sessionAPI("GET", base + "/results.json", token));
        setStatus("The session is closed.");
      } catch (error) {
        setStatus(error.message, true);
      }
    } else {
      poller = setInterval(poll, 2000);
    }
  }

  async function startCreate() {
    $("create").hidden = false;
    $("title").textContent = "Panel sessions";
    try {
      const list = await pb.api("GET", "/api/scenarios");
      $("source").replaceChildren(...list.map((e) => pb.el("option", { value: e.id, text: e.name + " (" + e.kind + ")" })));
      setStatus("");
    } catch (error) {
      setStatus(error.message, true);
    }
    $("create-form").addEventListener("submit", async (event) => {
      event.preventDefault();
      const body = { source: $("source").value, ballot: $("kind").value, min_projects: Number($("min").value || 1) };
      const names = $("names").value.split("\n").map((s) => s.trim()).filter((s) => s);
      if (names.length) body.names = names; else body.members = Number($("members").value);
      if ($("max").value) body.max_projects = Number($("max").value);
      if (body.ballot === "cumulative") { body.points = Number($("points").value); delete body.min_projects; }
      if ($("country").value.trim()) body.country = $("country").value.trim();
      setStatus("Creating…");
      try {
        const created = await pb.sessionAPI("POST", "/api/sessions", token, body);
        $("created").hidden = false;
        $("admin-link").textContent = created.links.admin;
        $("admin-link").href = created.links.admin;
        $("member-links").replaceChildren(...created.links.members.map((link, i) =>
          pb.el("li", {}, (created.names[i] ? created.names[i] + ": " : ""), pb.el("a", { href: link, text: link }))));
        $("links-download").onclick = () => pb.download("session-" + created.session + "-links.csv",
          "member,name,link\n" + created.links.members.map((l, i) => (i + 1) + "," + pb.csvField(created.names[i] || "") + "," + l).join("\n") + "\n",
          "text/csv");
        $("qr-download").onclick = async () => {
          try {
            const svg = await pb.sessionAPI("POST", "/api/sessions/" + created.session + "/qr.svg", created.admin_token,
              { tokens: created.member_tokens, names: created.names.map((n) => n || "") }, true);
            pb.download("session-" + created.session + "-qr.svg", svg, "image/svg+xml");
          } catch (error) {
            setStatus(error.message, true);
          }
        };
        setStatus("Session " + created.session + " created.");
      } catch (error) {
        setStatus(error.message, true);
      }
    });
  }

  if (!token) setStatus("This page needs the facilitator's link (it ends with #s=…&t=…, or #t=… to create sessions).", true);
  else if (session) startSession();
  else startCreate();
  window.addEventListener("hashchange", () => location.reload());
})();
