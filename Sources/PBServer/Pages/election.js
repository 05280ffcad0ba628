"use strict";
// Elections: POST /api/elect with the election's id and an optional budget.

const election = { id: null, realBudget: null };

async function count(budget) {
  const status = document.getElementById("status");
  status.classList.remove("error");
  status.textContent = "Counting…";
  try {
    const body = { scenario_id: election.id };
    if (budget) body.budget = budget;
    const data = await pb.api("POST", "/api/elect", body);
    if (election.realBudget === null) election.realBudget = Number(data.budget);
    document.getElementById("budget").value = Number(data.budget);
    document.getElementById("title").textContent = data.name;
    render(data);
    status.textContent = data.voters + " voters, " + data.projects.length + " projects, budget " +
      pb.money(Number(data.budget), data.currency) + ".";
  } catch (error) {
    status.textContent = error.message;
    status.classList.add("error");
  }
}

function render(data) {
  const outcomes = data.outcomes;
  const summary = document.getElementById("summary");
  summary.tHead.replaceChildren(pb.el("tr", {}, pb.el("th", { scope: "col" }, "Rule"),
    pb.el("th", { scope: "col", class: "num" }, "Projects funded"), pb.el("th", { scope: "col", class: "num" }, "Cost"),
    pb.el("th", { scope: "col", class: "num" }, "Budget used"), pb.el("th", { scope: "col", class: "num" }, "Mean satisfaction")));
  summary.tBodies[0].replaceChildren(...outcomes.map((o) => pb.el("tr", {},
    pb.el("th", { scope: "row" }, o.title), pb.el("td", { class: "num" }, String(o.selected.length)),
    pb.el("td", { class: "num" }, pb.money(Number(o.cost), data.currency)),
    pb.el("td", { class: "num" }, pb.percent(Number(o.cost) / Number(o.budget), 1)),
    pb.el("td", { class: "num" }, pb.percent(o.satisfaction.mean, 1)))));

  const histograms = document.getElementById("histograms");
  histograms.replaceChildren(...outcomes.map((o, r) => {
    const bins = o.satisfaction.histogram;
    const top = Math.max(1, ...bins);
    const caption = "Voters by satisfaction under " + o.title;
    return pb.el("figure", { "aria-labelledby": "hist-" + r },
      pb.el("figcaption", { id: "hist-" + r }, o.title),
      pb.el("div", { class: "histogram", "aria-hidden": "true" },
        bins.map((n) => pb.el("span", { style: "height:" + Math.round((100 * n) / top) + "%" }))),
      pb.el("details", {}, pb.el("summary", {}, "Table"),
        pb.el("table", {}, pb.el("caption", { class: "visually-hidden" }, caption),
          pb.el("thead", {}, pb.el("tr", {}, pb.el("th", { scope: "col" }, "Share funded"), pb.el("th", { scope: "col", class: "num" }, "Voters"))),
          pb.el("tbody", {}, bins.map((n, i) => pb.el("tr", {},
            pb.el("th", { scope: "row" }, i * 10 + "–" + (i + 1) * 10 + "%"), pb.el("td", { class: "num" }, String(n))))))));
  }));

  // pabutools' measures of each outcome (the names `pbsim analyze` prints), one row per measure.
  const measures = document.getElementById("measures");
  // Scalar measures only (the satisfaction histograms are drawn above).
  const keys = outcomes.length
    ? Object.keys(outcomes[0].measures || {}).filter((k) => typeof outcomes[0].measures[k] !== "object" || outcomes[0].measures[k] === null)
    : [];
  measures.tHead.replaceChildren(pb.el("tr", {}, pb.el("th", { scope: "col" }, "Measure"),
    outcomes.map((o) => pb.el("th", { scope: "col", class: "num" }, o.title))));
  measures.tBodies[0].replaceChildren(...keys.map((k) => pb.el("tr", {},
    pb.el("th", { scope: "row" }, pb.el("code", {}, k)),
    outcomes.map((o) => pb.el("td", { class: "num" }, pb.measureText((o.measures || {})[k]))))));

  const projects = document.getElementById("projects");
  projects.tHead.replaceChildren(pb.el("tr", {}, pb.el("th", { scope: "col" }, "Project"),
    pb.el("th", { scope: "col", class: "num" }, "Cost"), pb.el("th", { scope: "col", class: "num" }, "Supporters"),
    outcomes.map((o) => pb.el("th", { scope: "col" }, o.title))));
  const funded = outcomes.map((o) => new Set(o.selected));
  projects.tBodies[0].replaceChildren(...data.projects.map((p) => pb.el("tr", {},
    pb.el("th", { scope: "row" }, p.name, pb.el("span", { class: "range" }, "id " + p.id)),
    pb.el("td", { class: "num" }, pb.money(Number(p.cost), data.currency)),
    pb.el("td", { class: "num" }, String(p.supporters)),
    funded.map((set) => pb.el("td", {}, set.has(p.id) ? "funded" : "–")))));
}

document.addEventListener("DOMContentLoaded", async () => {
  pb.markNavigation("election");
  const select = document.getElementById("election-select");
  let entries = [];
  try {
    entries = (await pb.api("GET", "/api/scenarios")).filter((e) => e.kind === "election");
  } catch (error) {
    document.getElementById("status").textContent = error.message;
    return;
  }
  election.id = pb.param("id") || (entries[0] || {}).id;
  for (const e of entries) select.append(pb.el("option", { value: e.id, selected: e.id === election.id }, e.name));
  select.addEventListener("change", () => {
    election.id = select.value;
    election.realBudget = null;
    history.replaceState(null, "", "?id=" + encodeURIComponent(select.value));
    count();
  });
  document.getElementById("what-if").addEventListener("submit", (e) => {
    e.preventDefault();
    count(Number(document.getElementById("budget").value));
  });
  document.getElementById("reset").addEventListener("click", () => count(election.realBudget));
  if (election.id) count();
  else document.getElementById("status").textContent = "No election: start pbsim serve with a .pb file.";
});
