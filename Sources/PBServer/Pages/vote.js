// pbsim serve: a member's ballot in a panel session (from their private link, on a phone). The page
// enforces the ballot's limits as the member chooses; the server checks them again and decides.
"use strict";

(function () {
  const fragment = pb.fragment();
  const session = fragment.get("s");
  const token = fragment.get("t");
  const status = document.getElementById("status");
  const form = document.getElementById("ballot");
  const list = document.getElementById("projects");
  const tally = document.getElementById("tally");
  const problem = document.getElementById("problem");
  const saved = document.getElementById("saved");
  const submit = document.getElementById("submit");
  let info = null;
  const inputs = new Map(); // project id → checkbox or number input

  function setStatus(text, isError) {
    status.textContent = text;
    status.className = "status" + (isError ? " error" : "");
  }

  function money(x) { return pb.money(Number(x), info.currency); }

  /** The ballot as the page holds it, and what is wrong with it (null when it can be sent). */
  function current() {
    const ballot = info.ballot;
    if (ballot.kind === "cumulative") {
      const points = {};
      let sum = 0;
      for (const [id, input] of inputs) {
        const n = Number(input.value || 0);
        if (!Number.isInteger(n) || n < 0) return { problem: "Points are whole numbers, 0 or more." };
        if (n > 0) { points[id] = n; sum += n; }
      }
      const left = ballot.points - sum;
      tally.textContent = "Points given: " + sum + " of " + ballot.points + (left >= 0 ? " (" + left + " left)" : "");
      if (sum > ballot.points) return { problem: "You gave " + sum + " points; you have " + ballot.points + "." };
      if (sum === 0) return { problem: "Give at least one point to a project." };
      return { body: { points } };
    }
    const chosen = [...inputs].filter(([, input]) => input.checked).map(([id]) => id);
    const cost = info.projects.filter((p) => chosen.includes(p.id)).reduce((s, p) => s + Number(p.cost), 0);
    let text = "Chosen: " + chosen.length + (ballot.max_projects ? " of at most " + ballot.max_projects : "");
    if (ballot.kind === "knapsack") text += " · cost " + money(cost) + " of " + money(info.budget);
    tally.textContent = text;
    for (const [, input] of inputs) {
      input.closest("li").classList.toggle("chosen", input.checked);
      // At the maximum, the unchosen boxes are disabled (the member unticks one to change their mind).
      input.disabled = !info.open || (!input.checked && ballot.max_projects !== null && chosen.length >= ballot.max_projects);
    }
    if (chosen.length < ballot.min_projects) {
      return { problem: ballot.min_projects === 1 ? "Choose at least one project." : "Choose at least " + ballot.min_projects + " projects." };
    }
    if (ballot.kind === "knapsack" && cost > Number(info.budget)) {
      return { problem: "These projects cost " + money(cost) + ", more than the budget of " + money(info.budget) + "." };
    }
    return { body: { approve: chosen } };
  }

  function refresh() {
    const state = current();
    problem.textContent = state.problem || "";
    submit.disabled = !info.open || !!state.problem;
  }

  function render() {
    document.getElementById("title").textContent = info.name;
    document.title = info.name + " · your ballot";
    document.getElementById("budget").textContent = "Budget: " + money(info.budget) + ".";
    document.getElementById("rule").textContent = info.ballot.rule;
    const cumulative = info.ballot.kind === "cumulative";
    document.getElementById("legend").textContent = cumulative ? "Your points" : "The projects you support";
    for (const project of info.projects) {
      const id = "p-" + project.id;
      const input = cumulative
        ? pb.el("input", { type: "number", id, min: 0, max: info.ballot.points, step: 1, value: 0, inputmode: "numeric" })
        : pb.el("input", { type: "checkbox", id });
      input.addEventListener("input", refresh);
      inputs.set(project.id, input);
      const meta = money(project.cost) + (project.district ? " · " + project.district : " · the whole area");
      const label = cumulative
        ? pb.el("label", { for: id }, pb.el("span", { text: project.title }), input)
        : pb.el("label", { for: id }, input, pb.el("span", { text: project.title }));
      list.append(pb.el("li", {}, label, pb.el("p", { class: "meta", text: meta }),
        project.description ? pb.el("p", { class: "about", text: project.description }) : null));
    }
    form.hidden = false;
  }

  function show(stored) {
    if (!stored.ballot) return;
    if (stored.ballot.points) {
      for (const [id, input] of inputs) input.value = stored.ballot.points[id] || 0;
    } else {
      for (const [id, input] of inputs) input.checked = stored.ballot.approve.includes(id);
    }
    const when = new Date(stored.cast_at).toLocaleTimeString("en-GB", { hour: "2-digit", minute: "2-digit" });
    saved.textContent = "Your ballot is saved (" + when + ")." + (info.open ? " You can change it until the session closes." : "");
  }

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const state = current();
    if (state.problem) { problem.textContent = state.problem; return; }
    submit.disabled = true;
    setStatus("Saving…");
    try {
      show(await pb.sessionAPI("PUT", "/api/sessions/" + encodeURIComponent(session) + "/ballot", token, state.body));
      setStatus("");
    } catch (error) {
      if (error.status === 409) { info.open = false; refresh(); }
      setStatus(error.message, true);
    }
    refresh();
  });

  async function start() {
    if (!session || !token) {
      setStatus("This page needs your private link (it ends with #s=…&t=…). Ask the facilitator for it.", true);
      return;
    }
    try {
      info = await pb.sessionAPI("GET", "/api/sessions/" + encodeURIComponent(session), token);
      if (info.role !== "member") { setStatus("This is not a member's link.", true); return; }
      render();
      show(await pb.sessionAPI("GET", "/api/sessions/" + encodeURIComponent(session) + "/ballot", token));
      setStatus(info.open ? "" : "The session is closed: ballots can no longer be changed.", !info.open);
      if (!info.open) for (const [, input] of inputs) input.disabled = true;
      refresh();
    } catch (error) {
      setStatus(error.message, true);
    }
  }
  start();
})();
