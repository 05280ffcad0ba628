"use strict";
// The list of scenarios and elections (GET /api/scenarios).
document.addEventListener("DOMContentLoaded", async () => {
  pb.markNavigation("home");
  const status = document.getElementById("status");
  try {
    const entries = await pb.api("GET", "/api/scenarios");
    const scenarios = document.getElementById("scenarios");
    const elections = document.getElementById("elections");
    for (const entry of entries) {
      const id = encodeURIComponent(entry.id);
      const links = entry.kind === "scenario"
        ? [pb.el("a", { href: "/explore?id=" + id }, "Explore"), " · ", pb.el("a", { href: "/build?id=" + id }, "Edit")]
        : [pb.el("a", { href: "/election?id=" + id }, "Open the election")];
      const card = pb.el("li", {},
        pb.el("h3", {}, entry.name),
        pb.el("p", { class: "kind" }, (entry.saved ? "saved scenario" : entry.kind) + " · id " + entry.id),
        pb.el("p", {}, ...links));
      (entry.kind === "scenario" ? scenarios : elections).append(card);
    }
    if (!scenarios.children.length) scenarios.append(pb.el("li", {}, "No scenario yet: start one with Build."));
    if (!elections.children.length) elections.append(pb.el("li", {}, "No election: start pbsim serve with a .pb file."));
    status.textContent = entries.length + " file" + (entries.length === 1 ? "" : "s") + " available.";
  } catch (error) {
    status.textContent = error.message;
    status.classList.add("error");
  }
});
