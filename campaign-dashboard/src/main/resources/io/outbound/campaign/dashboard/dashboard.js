"use strict";
// The operator's dashboard: every figure comes from the host's public endpoints (/campaign, /files, /suppressions).
// Values from the API (campaign names, CSV columns, reasons) are user input: the DOM is built with text nodes and
// attributes only, never by parsing markup.
//
// How it signs its requests is set by the host in the page's <meta> tags (io.outbound.campaign.dashboard.Dashboard):
// "api-key" asks for the organisation's API key and sends it as a bearer token; "host" sends nothing of its own and
// relies on the host's session (cookies go with same-origin requests), adding the host's CSRF header when given.

const KEY_ITEM = "campaignApiKey";
const OUTCOMES = ["completed", "no_answer", "busy", "voicemail", "failed", "invalid_number"];
const OUTCOME_COLOURS = { completed: "#16a34a", no_answer: "#94a3b8", busy: "#f59e0b", voicemail: "#8b5cf6",
  failed: "#dc2626", invalid_number: "#7f1d1d", skipped: "#0ea5e9" };
const DAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];
const STATUSES = ["draft", "running", "paused", "completed", "failed"];

function setting(name) {
  const meta = document.querySelector('meta[name="' + name + '"]');
  return meta ? meta.getAttribute("content") : "";
}
const SETTINGS = {
  auth: setting("campaign-dashboard-auth") === "host" ? "host" : "api-key",
  base: setting("campaign-dashboard-api-base"),
  csrfHeader: setting("campaign-dashboard-csrf-header"),
  csrfToken: setting("campaign-dashboard-csrf-token"),
};
const usesKey = SETTINGS.auth === "api-key";

const params = new URLSearchParams(location.search);
if (usesKey && params.has("key")) {
  sessionStorage.setItem(KEY_ITEM, params.get("key"));
  history.replaceState(null, "", location.pathname + location.hash);
}

let timer = null;
let view = 0;            // bumped on every navigation, so a late answer of an old view draws nothing

// ------------------------------------------------------------------------------------------------ DOM and API

/** An element with attributes and children; strings become text nodes, so data is never parsed as markup. */
function h(tag, attrs, ...children) {
  const e = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith("on")) e.addEventListener(name.substring(2), value);
    else if (name in e && typeof value !== "string") e[name] = value;
    else e.setAttribute(name, value === true ? "" : String(value));
  }
  append(e, children);
  return e;
}

function append(parent, children) {
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    parent.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

const SVG = "http://www.w3.org/2000/svg";
function s(tag, attrs, ...children) {
  const e = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attrs || {})) e.setAttribute(name, String(value));
  append(e, children);
  return e;
}

class ApiError extends Error {
  constructor(status, body) {
    super((body && body.message) || ("HTTP " + status));
    this.status = status;
    this.body = body;
  }
}

function apiKey() { return sessionStorage.getItem(KEY_ITEM); }

/** The headers that sign a request to the host: the bearer key, or the host's CSRF header for a change. */
function signed(method) {
  const headers = {};
  if (usesKey) headers["Authorization"] = "Bearer " + apiKey();
  else if (SETTINGS.csrfHeader && method !== "GET") headers[SETTINGS.csrfHeader] = SETTINGS.csrfToken;
  return headers;
}

async function api(method, path, body) {
  const headers = signed(method);
  if (body !== undefined) headers["Content-Type"] = "application/json";
  const response = await fetch(SETTINGS.base + path, { method, headers, credentials: "same-origin",
    body: body === undefined ? undefined : JSON.stringify(body) });
  const text = response.status === 204 ? "" : await response.text();
  let data = null;
  if (text) {
    try { data = JSON.parse(text); } catch (e) { data = { message: text }; }
  }
  if (!response.ok) {
    if (response.status === 401) sessionStorage.removeItem(KEY_ITEM);
    throw new ApiError(response.status, data);
  }
  return data;
}

/** Uploads a file through a presigned URL and returns its key. */
async function upload(file, folder) {
  const safe = file.name.replace(/[^A-Za-z0-9._-]/g, "_") || "contacts.csv";
  const ticket = await api("POST", "/files/upload-url", { key: folder + "/" + Date.now() + "-" + safe });
  const put = await fetch(ticket.url, { method: "PUT", body: file, headers: { "Content-Type": "text/csv" } });
  if (!put.ok) {
    let body = null;
    try { body = await put.json(); } catch (e) { /* not JSON */ }
    throw new ApiError(put.status, body);
  }
  return ticket.key;
}

function showError(error) {
  const alert = document.getElementById("alert");
  alert.replaceChildren();
  if (!error) return;
  const body = error.body || {};
  append(alert, [h("strong", {}, error.status ? "The host refused: " : "Something went wrong: "),
    error.message]);
  if (Array.isArray(body.errors) && body.errors.length) {
    alert.append(h("ul", {}, body.errors.map(e =>
      h("li", {}, h("code", {}, e.field), " = ", JSON.stringify(e.value), ": ", e.message))));
  }
  if (error.status === 401 && usesKey) route();
}

function say(text) { document.getElementById("status-line").textContent = text; }

/** Runs an action of a button, disabling it meanwhile and showing what the host said. */
async function act(button, action) {
  button.disabled = true;
  try {
    showError(null);
    await action();
  } catch (e) {
    showError(e);
  } finally {
    button.disabled = false;
  }
}

function when(iso) {
  if (!iso) return "—";
  const d = new Date(iso);
  return d.toLocaleString(undefined, { dateStyle: "medium", timeStyle: "medium" });
}

function percentDone(p) {
  return p.total_contacts === 0 ? 100
    : Math.floor((p.completed + p.failed + (p.skipped || 0)) * 100 / p.total_contacts);
}

function answerRate(p) {
  return p.dialled === 0 ? "—" : Math.round(p.answered * 100 / p.dialled) + "%";
}

function progressBar(p, label) {
  const percent = percentDone(p);
  const fill = h("div");
  fill.style.width = percent + "%";   // through the CSSOM: the page's policy refuses inline style attributes
  return h("div", { class: "bar", role: "progressbar", "aria-label": label, "aria-valuemin": 0,
    "aria-valuemax": 100, "aria-valuenow": percent, "data-percent": percent }, fill);
}

function badge(status) { return h("span", { class: "badge " + status, "data-status": status }, status); }

function schedule(fn, ms) {
  clearTimeout(timer);
  const mine = view;
  timer = setTimeout(() => { if (mine === view) fn(); }, ms);
}

// ------------------------------------------------------------------------------------------------ routing

function main() { return document.getElementById("main"); }

function route() {
  view++;
  clearTimeout(timer);
  showError(null);
  say("");
  if (usesKey && !apiKey()) return keyForm();
  const hash = location.hash || "#/";
  let m;
  if (hash === "#/" || hash === "#") return listPage();
  if (hash === "#/new") return createPage();
  if (hash === "#/suppressions") return suppressionsPage();
  if ((m = /^#\/campaign\/(\d+)$/.exec(hash))) return campaignPage(m[1]);
  main().replaceChildren(h("h1", {}, "Not found"), h("p", {}, h("a", { href: "#/" }, "All campaigns")));
}

function keyForm() {
  const input = h("input", { id: "key-input", type: "password", autocomplete: "off", size: 40, required: true });
  const form = h("form", { onsubmit: e => {
    e.preventDefault();
    sessionStorage.setItem(KEY_ITEM, input.value.trim());
    route();
  } }, h("label", { for: "key-input" }, "API key"), input, " ", h("button", { class: "primary" }, "Open"));
  main().replaceChildren(h("h1", {}, "Campaigns"),
    h("p", {}, "Enter your organisation's API key (it stays in this tab only), or open this page as ",
      h("code", {}, "/dashboard/?key=…"), "."), form);
  input.focus();
}

// ------------------------------------------------------------------------------------------------ list

async function listPage() {
  // The server filters by status and pages (GET /campaign/?status=running,paused&page=&limit=), so the totals and
  // the pages are of the whole list, however many campaigns the organisation has.
  const limit = 25;
  const filter = h("select", { id: "status-filter" }, h("option", { value: "" }, "every status"),
    h("option", { value: "running,paused" }, "running or paused"), STATUSES.map(st => h("option", { value: st }, st)));
  const body = h("tbody");
  const previous = h("button", { type: "button", id: "campaigns-previous" }, "Previous page");
  const next = h("button", { type: "button", id: "campaigns-next" }, "Next page");
  const info = h("span", { class: "muted", id: "campaigns-info" });
  const table = h("table", { id: "campaigns" },
    h("caption", { class: "muted" }, "Your organisation's campaigns, newest first"),
    h("thead", {}, h("tr", {}, h("th", { scope: "col" }, "Campaign"), h("th", { scope: "col" }, "Status"),
      h("th", { scope: "col" }, "Progress"), h("th", { scope: "col", class: "num" }, "Contacts"),
      h("th", { scope: "col", class: "num" }, "Answer rate"), h("th", { scope: "col" }, "Last activity"))), body);
  main().replaceChildren(h("h1", {}, "Campaigns"),
    h("div", { class: "toolbar" }, h("label", { for: "status-filter" }, "Show"), filter,
      h("a", { href: "#/new" }, "New campaign")), table,
    h("div", { class: "toolbar" }, previous, next, info));
  const state = { page: 1, asked: 0 };
  const draw = (page, lastActivity) => {
    body.replaceChildren(...page.items.map(c => h("tr", { "data-campaign-id": c.id, "data-status": c.status },
      h("td", {}, h("a", { href: "#/campaign/" + c.id, class: "name" }, c.name), h("div", { class: "muted" }, "#" + c.id)),
      h("td", {}, badge(c.status)),
      h("td", {}, progressBar(c.progress, "Progress of " + c.name), h("span", { class: "muted" },
        percentDone(c.progress) + "% done")),
      h("td", { class: "num" }, c.progress.total_contacts),
      h("td", { class: "num" }, answerRate(c.progress)),
      h("td", {}, when(lastActivity.get(c.id) || c.updated_at)))));
    if (page.items.length === 0) {
      body.append(h("tr", {}, h("td", { colspan: 6, class: "muted" },
        filter.value ? "No campaign has this status." : "No campaigns yet.")));
    }
    const pages = Math.max(1, Math.ceil(page.total / page.limit));
    info.textContent = page.total + (page.total === 1 ? " campaign" : " campaigns") + " · page " + page.page + " of "
      + pages;
    info.dataset.total = page.total;
    previous.disabled = page.page <= 1;
    next.disabled = page.page >= pages;
  };
  const mine = view;
  // Only the latest request draws: a change of filter or page overtakes an answer still on its way.
  const current = asked => mine === view && asked === state.asked;
  const refresh = async () => {
    const asked = ++state.asked;
    try {
      const query = new URLSearchParams({ page: state.page, limit });
      if (filter.value) query.set("status", filter.value);
      const page = await api("GET", "/campaign/?" + query);
      if (!current(asked)) return;
      const pages = Math.max(1, Math.ceil(page.total / page.limit));
      if (page.items.length === 0 && state.page > pages) {
        state.page = pages;   // campaigns left the filter since the page was chosen
        return refresh();
      }
      // The last call of campaigns that dial or may still hear outcomes: one small window each.
      const lastActivity = new Map();
      const since = new Date(Date.now() - 60000).toISOString();
      await Promise.all(page.items.filter(c => c.status === "running" || c.status === "paused").map(async c => {
        const a = await api("GET", "/campaign/" + c.id + "/activity?bucket_seconds=60&from=" + encodeURIComponent(since));
        lastActivity.set(c.id, [a.last_activity_at, c.updated_at].filter(Boolean).sort().pop());
      }));
      if (!current(asked)) return;
      draw(page, lastActivity);
      say("Updated " + new Date().toLocaleTimeString());
      schedule(refresh, page.items.some(c => c.status === "running") ? 1000 : 5000);
    } catch (e) {
      if (!current(asked)) return;
      showError(e);
      schedule(refresh, 5000);
    }
  };
  filter.addEventListener("change", () => { state.page = 1; showError(null); refresh(); });
  previous.addEventListener("click", () => { state.page--; refresh(); });
  next.addEventListener("click", () => { state.page++; refresh(); });
  refresh();
}

// ------------------------------------------------------------------------------------------------ create

function numberInput(id, value, min, max) {
  return h("input", { id, type: "number", value, min, max, step: 1, required: true });
}

function labelled(id, text, control) { return [h("label", { for: id }, text), control]; }

function weekGrid(prefix) {
  const rows = DAYS.map(day => {
    const on = h("input", { type: "checkbox", id: prefix + day, checked: !["saturday", "sunday"].includes(day) });
    return h("tr", {}, h("td", {}, h("label", { for: prefix + day }, on, day)),
      h("td", {}, h("input", { type: "time", id: prefix + day + "-start", value: "09:00", "aria-label": day + " from" })),
      h("td", {}, h("input", { type: "time", id: prefix + day + "-end", value: "17:00", "aria-label": day + " until" })));
  });
  return h("table", { class: "week" }, h("thead", {}, h("tr", {}, h("th", { scope: "col" }, "Day"),
    h("th", { scope: "col" }, "From"), h("th", { scope: "col" }, "Until"))), h("tbody", {}, rows));
}

function readWeek(prefix) {
  return DAYS.filter(day => document.getElementById(prefix + day).checked).map(day => ({ day,
    start: document.getElementById(prefix + day + "-start").value,
    end: document.getElementById(prefix + day + "-end").value === "00:00" ? "24:00"
      : document.getElementById(prefix + day + "-end").value }));
}

function createPage() {
  const hoursOn = h("input", { type: "checkbox", id: "hours-on" });
  const retryOn = h("input", { type: "checkbox", id: "retry-on", checked: true });
  const rulesOn = h("input", { type: "checkbox", id: "rules-on" });
  const result = h("section", { id: "import-result", "aria-live": "polite" });
  const submit = h("button", { class: "primary", id: "create" }, "Upload and create draft");
  const form = h("form", { id: "create-form", onsubmit: e => { e.preventDefault(); act(submit, () => create(result)); } },
    h("fieldset", {}, h("legend", {}, "Campaign"),
      labelled("name", "Name", h("input", { id: "name", required: true, size: 40, maxlength: 255 })),
      labelled("workflow", "Workflow id", numberInput("workflow", 247, 1)),
      labelled("concurrency", "Max concurrency", numberInput("concurrency", 5, 1, 1000)),
      h("div", {}, labelled("csv", "Contacts CSV (a phone_number column)",
        h("input", { id: "csv", type: "file", accept: ".csv,text/csv", required: true })))),
    h("fieldset", {}, h("legend", {}, h("label", { for: "hours-on" }, hoursOn, "Calling hours")),
      labelled("timezone", "Time zone", h("input", { id: "timezone", value: Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC" })),
      weekGrid("day-")),
    h("fieldset", {}, h("legend", {}, h("label", { for: "retry-on" }, retryOn, "Retries")),
      labelled("max-retries", "Retries after the first call", numberInput("max-retries", 2, 0, 10)),
      labelled("retry-delay", "Delay (seconds)", numberInput("retry-delay", 120, 0)),
      h("div", {}, ["busy", "no_answer", "voicemail"].map(o =>
        h("label", { for: "retry-" + o }, h("input", { type: "checkbox", id: "retry-" + o, checked: true }), "retry " + o)))),
    h("fieldset", {}, h("legend", {}, h("label", { for: "rules-on" }, rulesOn, "Contact rules")),
      labelled("jurisdiction", "Jurisdiction", h("select", { id: "jurisdiction" },
        ["none", "us", "ca", "fr"].map(j => h("option", { value: j }, j)))),
      labelled("timezone-column", "Time zone column", h("input", { id: "timezone-column", placeholder: "timezone" })),
      labelled("limit-attempts", "At most attempts", h("input", { id: "limit-attempts", type: "number", min: 1 })),
      labelled("limit-hours", "per hours", h("input", { id: "limit-hours", type: "number", min: 1, max: 8760 })),
      h("label", { for: "respect-suppression" }, h("input", { type: "checkbox", id: "respect-suppression", checked: true }),
        "Respect the suppression list")),
    submit);
  main().replaceChildren(h("h1", {}, "New campaign"), form, result);
  document.getElementById("name").focus();
}

async function create(result) {
  const value = id => document.getElementById(id).value;
  const checked = id => document.getElementById(id).checked;
  const file = document.getElementById("csv").files[0];
  if (!file) throw new Error("choose a contacts CSV file");
  say("Uploading " + file.name + "…");
  const key = await upload(file, "dashboard");
  const body = { name: value("name"), workflow_id: Number(value("workflow")), contacts_file_key: key,
    max_concurrency: Number(value("concurrency")) };
  if (checked("hours-on")) body.calling_hours = { timezone: value("timezone"), slots: readWeek("day-") };
  if (checked("retry-on")) {
    body.retry_config = { enabled: true, max_retries: Number(value("max-retries")),
      retry_delay_seconds: Number(value("retry-delay")), retry_on_busy: checked("retry-busy"),
      retry_on_no_answer: checked("retry-no_answer"), retry_on_voicemail: checked("retry-voicemail") };
  }
  if (checked("rules-on")) {
    const rules = { jurisdiction: value("jurisdiction"), respect_suppression: checked("respect-suppression") };
    if (value("timezone-column")) rules.timezone_column = value("timezone-column");
    if (value("limit-attempts") || value("limit-hours")) {
      rules.attempt_limits = [{ max_attempts: Number(value("limit-attempts")), period_hours: Number(value("limit-hours")) }];
    }
    body.contact_rules = rules;
  }
  say("Importing…");
  const campaign = await api("POST", "/campaign/create", body);
  say("Draft #" + campaign.id + " created");
  const start = h("button", { class: "primary", id: "start-new" }, "Start campaign");
  start.addEventListener("click", () => act(start, async () => {
    await api("POST", "/campaign/" + campaign.id + "/start");
    location.hash = "#/campaign/" + campaign.id;
  }));
  result.replaceChildren(h("h2", { id: "summary-heading", tabindex: -1 }, "Import summary of “", campaign.name, "”"),
    importSummary(campaign.import_summary),
    h("div", { class: "toolbar" }, start, h("a", { href: "#/campaign/" + campaign.id }, "Open the draft without starting")));
  document.getElementById("summary-heading").focus();
}

function importSummary(summary) {
  const counts = h("p", { class: "counters", id: "summary-counts" },
    h("span", {}, "Rows: ", h("strong", { "data-field": "rows" }, summary.rows)),
    h("span", {}, "Accepted: ", h("strong", { "data-field": "accepted" }, summary.accepted)),
    h("span", {}, "Rejected: ", h("strong", { "data-field": "rejected" }, summary.rejected)),
    h("span", {}, "Duplicates: ", h("strong", { "data-field": "duplicates" }, summary.duplicates)));
  if (!summary.errors || summary.errors.length === 0) return h("div", {}, counts, h("p", {}, "Every row was accepted."));
  return h("div", {}, counts, h("table", { id: "rejected-rows" },
    h("caption", { class: "muted" }, "Rows not imported (the first " + summary.errors.length + ")"),
    h("thead", {}, h("tr", {}, h("th", { scope: "col", class: "num" }, "Line"), h("th", { scope: "col" }, "Column"),
      h("th", { scope: "col" }, "Value"), h("th", { scope: "col" }, "Reason"))),
    h("tbody", {}, summary.errors.map(e => h("tr", {}, h("td", { class: "num" }, e.line), h("td", {}, e.column || ""),
      h("td", {}, e.value || ""), h("td", {}, e.reason))))));
}

// ------------------------------------------------------------------------------------------------ campaign

async function campaignPage(id) {
  const mine = view;
  const header = h("div");
  const progress = h("section", { class: "card", "aria-labelledby": "progress-heading" });
  const outcomes = h("section", { class: "card", "aria-labelledby": "outcomes-heading" });
  const perMinute = h("section", { class: "card", "aria-labelledby": "rate-heading" });
  const inFlight = h("section", { class: "card", "aria-labelledby": "flight-heading" });
  const runs = h("section", { id: "runs-section" });
  const manage = h("section");
  main().replaceChildren(header, h("div", { class: "cards" }, progress, outcomes, perMinute, inFlight), runs, manage);
  let drawnSettings = null;
  let reloadRuns = null;
  let lastStatus = null;
  const refresh = async () => {
    try {
      const campaign = await api("GET", "/campaign/" + id);
      const p = await api("GET", "/campaign/" + id + "/progress");
      const since = Date.parse(campaign.started_at || campaign.created_at);
      const span = Math.max(1, (Date.now() - since) / 1000);
      const bucket = Math.min(86400, Math.max(1, Math.ceil(span / 120)));
      const from = new Date(Math.floor(since / 1000 / bucket) * bucket * 1000).toISOString();
      const activity = await api("GET", "/campaign/" + id + "/activity?bucket_seconds=" + bucket
        + "&from=" + encodeURIComponent(from));
      if (mine !== view) return;
      drawHeader(header, campaign, p, refresh);
      drawProgress(progress, p);
      drawOutcomes(outcomes, activity, p);
      drawRate(perMinute, activity);
      drawInFlight(inFlight, activity);
      if (drawnSettings !== campaign.updated_at) {
        drawnSettings = campaign.updated_at;
        drawManage(manage, campaign, refresh);
      }
      // The runs table reloads when the campaign's status changes (say, to completed), not on every poll.
      if (!reloadRuns) reloadRuns = drawRuns(runs, id);
      else if (lastStatus !== campaign.status) reloadRuns();
      lastStatus = campaign.status;
      say("Updated " + new Date().toLocaleTimeString());
      schedule(refresh, p.status === "running" ? 500 : 3000);
    } catch (e) {
      showError(e);
      if (mine === view && !(e.status === 404 || e.status === 401)) schedule(refresh, 5000);
    }
  };
  await refresh();
}

function drawHeader(header, campaign, p, refresh) {
  const button = (label, action, enabled, id) => {
    const b = h("button", { id, disabled: !enabled }, label);
    b.addEventListener("click", () => act(b, async () => { await action(); await refresh(); }));
    return b;
  };
  const path = "/campaign/" + campaign.id;
  const focused = document.activeElement && document.activeElement.id;
  header.replaceChildren(
    h("h1", { id: "campaign-name" }, campaign.name),
    h("p", {}, badge(campaign.status), " #", campaign.id, " · created ", when(campaign.created_at),
      campaign.status_reason ? h("span", { id: "status-reason" }, " · ", campaign.status_reason) : null),
    h("div", { class: "toolbar" },
      button("Start", () => api("POST", path + "/start"), campaign.status === "draft", "start"),
      button("Pause", () => api("POST", path + "/pause"), campaign.status === "running", "pause"),
      button("Resume", () => api("POST", path + "/resume"), campaign.status === "paused", "resume"),
      button("Download report", () => downloadReport(campaign.id), true, "download-report"),
      button("Download source CSV", async () => {
        const url = await api("GET", path + "/source-download-url");
        location.assign(url.url);
      }, true, "download-source")));
  // Redrawing must not take the keyboard focus away from the operator.
  if (focused) {
    const again = document.getElementById(focused);
    if (again && again !== document.activeElement) again.focus();
  }
}

async function downloadReport(id) {
  const response = await fetch(SETTINGS.base + "/campaign/" + id + "/report",
    { headers: signed("GET"), credentials: "same-origin" });
  if (!response.ok) throw new ApiError(response.status, await response.json().catch(() => null));
  const blob = await response.blob();
  const link = h("a", { href: URL.createObjectURL(blob), download: "campaign-" + id + "-report.csv", hidden: true });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(link.href), 60000);
  say("Report downloaded (" + blob.size + " bytes)");
}

function drawProgress(section, p) {
  const percent = percentDone(p);
  section.replaceChildren();
  append(section, [h("h2", { id: "progress-heading" }, "Progress"),
    h("div", { id: "progress", "data-status": p.status }, progressBar(p, "Campaign progress"),
      h("p", { id: "percent" }, percent + "% done · answer rate " + answerRate(p))),
    h("dl", { class: "counters" }, ["total_contacts", "dialled", "answered", "pending", "in_progress",
      "retry_scheduled", "completed", "failed", "skipped"].map(k =>
      h("div", {}, h("dt", { class: "muted" }, k.replace("_", " ")), h("dd", { "data-field": k }, p[k] || 0)))),
    p.concurrency_bound_by ? h("p", { class: "muted" }, "Concurrency bound by " + p.concurrency_bound_by) : null]);
}

/** Horizontal bars, one per outcome, with the counts written beside them (and a table for screen readers). */
function drawOutcomes(section, activity, p) {
  const totals = Object.fromEntries(OUTCOMES.map(o => [o, 0]));
  for (const b of activity.buckets) for (const o of OUTCOMES) totals[o] += b[o];
  totals.skipped = p.skipped || 0;
  const keys = ["completed", "no_answer", "busy", "voicemail", "failed", "invalid_number", "skipped"];
  const max = Math.max(1, ...keys.map(k => totals[k]));
  const row = 22, width = 360, labelWidth = 100;
  const svg = s("svg", { viewBox: "0 0 " + (width + 60) + " " + keys.length * row, width: "100%", role: "img",
    "aria-labelledby": "outcomes-heading", id: "outcome-chart" },
  keys.map((k, i) => s("g", { "data-outcome": k, "data-count": totals[k] },
    s("text", { x: 0, y: i * row + 15 }, k.replace("_", " ")),
    s("rect", { x: labelWidth, y: i * row + 4, height: 14, fill: OUTCOME_COLOURS[k],
      width: Math.max(totals[k] ? 2 : 0, (width - labelWidth) * totals[k] / max) }),
    s("text", { x: labelWidth + 6 + (width - labelWidth) * totals[k] / max, y: i * row + 15 }, totals[k]))));
  section.replaceChildren(h("h2", { id: "outcomes-heading" }, "Outcomes"),
    h("p", { class: "muted" }, "Calls by outcome since the start; skipped contacts had no call"), svg);
}

function timeAxis(activity) {
  const first = new Date(activity.from), last = new Date(activity.to);
  const fmt = d => d.toLocaleTimeString(undefined, { hour: "2-digit", minute: "2-digit", second: activity.bucket_seconds < 60 ? "2-digit" : undefined });
  return [fmt(first), fmt(last)];
}

/** A small SVG chart of one series over the window: bars or a step line, with its axis labels. */
function seriesChart(id, label, values, kind, colour, activity) {
  const width = 400, height = 120, left = 34, bottom = 18;
  const max = Math.max(1, ...values);
  const step = (width - left) / Math.max(1, values.length);
  const y = v => (height - bottom) - (height - bottom - 6) * v / max;
  const [start, end] = timeAxis(activity);
  const parts = [s("line", { x1: left, y1: height - bottom, x2: width, y2: height - bottom, stroke: "#d0d7de" }),
    s("text", { x: 0, y: 12 }, formatNumber(max)), s("text", { x: 0, y: height - bottom }, "0"),
    s("text", { x: left, y: height - 4 }, start), s("text", { x: width, y: height - 4, "text-anchor": "end" }, end)];
  if (kind === "bars") {
    values.forEach((v, i) => { if (v > 0) parts.push(s("rect", { x: left + i * step, y: y(v), width: Math.max(1, step - 1), height: height - bottom - y(v), fill: colour })); });
  } else {
    let d = "";
    values.forEach((v, i) => { d += (i === 0 ? "M" : "L") + (left + i * step) + " " + y(v) + " L" + (left + (i + 1) * step) + " " + y(v) + " "; });
    parts.push(s("path", { d, fill: "none", stroke: colour, "stroke-width": 2 }));
  }
  return s("svg", { viewBox: "0 0 " + width + " " + height, width: "100%", role: "img", id, "aria-label": label,
    "data-points": values.length, "data-max": max }, parts);
}

function formatNumber(n) { return Number.isInteger(n) ? String(n) : n.toFixed(1); }

function drawRate(section, activity) {
  const perMinute = activity.buckets.map(b => b.started * 60 / activity.bucket_seconds);
  const total = activity.buckets.reduce((sum, b) => sum + b.started, 0);
  section.replaceChildren(h("h2", { id: "rate-heading" }, "Calls per minute"),
    h("p", { class: "muted" }, total + " calls started · buckets of " + activity.bucket_seconds + " s"),
    seriesChart("rate-chart", "Calls started per minute over time", perMinute, "bars", "#0b57d0", activity));
}

function drawInFlight(section, activity) {
  const values = activity.buckets.map(b => b.in_flight);
  section.replaceChildren(h("h2", { id: "flight-heading" }, "Calls in flight"),
    h("p", { class: "muted" }, "At the end of each bucket; peak " + Math.max(0, ...values)),
    seriesChart("flight-chart", "Calls in flight over time", values, "line", "#16a34a", activity));
}

function drawManage(section, campaign, refresh) {
  const path = "/campaign/" + campaign.id;
  const editable = !["completed", "failed"].includes(campaign.status);
  const save = h("button", { id: "save-settings", disabled: !editable }, "Save changes");
  const edit = h("form", { id: "edit-form", onsubmit: e => { e.preventDefault(); act(save, async () => {
    const body = { name: document.getElementById("edit-name").value,
      max_concurrency: Number(document.getElementById("edit-concurrency").value) };
    await api("PATCH", path, body);
    say("Settings saved");
    await refresh();
  }); } },
  h("fieldset", { disabled: !editable }, h("legend", {}, "Settings"),
    labelled("edit-name", "Name", h("input", { id: "edit-name", value: campaign.name, size: 40, required: true })),
    labelled("edit-concurrency", "Max concurrency", numberInput("edit-concurrency", campaign.max_concurrency, 1, 1000)),
    save),
  h("p", { class: "muted" }, "Calling hours: ", campaign.calling_hours
    ? campaign.calling_hours.timezone + ", " + campaign.calling_hours.slots.map(sl => sl.day + " " + sl.start + "-" + sl.end).join("; ")
    : "any time", " · retries: ", campaign.retry_config && campaign.retry_config.enabled
    ? campaign.retry_config.max_retries + " after " + campaign.retry_config.retry_delay_seconds + " s" : "none",
  " · jurisdiction: ", (campaign.contact_rules && campaign.contact_rules.jurisdiction) || "none"));
  const redialable = ["paused", "completed", "failed"].includes(campaign.status);
  const redialButton = h("button", { id: "redial", disabled: !redialable }, "Create redial draft");
  const redial = h("form", { id: "redial-form", onsubmit: e => { e.preventDefault(); act(redialButton, async () => {
    const statuses = OUTCOMES.filter(o => o !== "completed" && document.getElementById("redial-" + o).checked);
    const child = await api("POST", path + "/redial", { name: document.getElementById("redial-name").value,
      redial_statuses: statuses });
    location.hash = "#/campaign/" + child.id;
  }); } },
  h("fieldset", { disabled: !redialable }, h("legend", {}, "Redial the contacts never reached"),
    labelled("redial-name", "Name", h("input", { id: "redial-name", value: campaign.name + " - redial", size: 40, required: true })),
    h("div", {}, OUTCOMES.filter(o => o !== "completed").map(o => h("label", { for: "redial-" + o },
      h("input", { type: "checkbox", id: "redial-" + o, checked: ["no_answer", "busy", "voicemail"].includes(o) }), o))),
    redialButton));
  section.replaceChildren(h("h2", {}, "Manage"), edit, redial);
}

// ------------------------------------------------------------------------------------------------ runs

function drawRuns(section, id) {
  const state = { page: 1 };
  const outcome = h("select", { id: "runs-outcome" }, h("option", { value: "" }, "any"),
    OUTCOMES.map(o => h("option", { value: o }, o)));
  const phone = h("input", { id: "runs-phone", placeholder: "+14155550100", size: 16 });
  const attempt = h("input", { id: "runs-attempt", type: "number", min: 1 });
  const answered = h("select", { id: "runs-answered" }, h("option", { value: "" }, "either"),
    h("option", { value: "true" }, "yes"), h("option", { value: "false" }, "no"));
  const sortBy = h("select", { id: "runs-sort" }, ["started_at", "ended_at", "attempt", "outcome", "phone_number",
    "duration_seconds"].map(f => h("option", { value: f }, f)));
  const order = h("select", { id: "runs-order" }, h("option", { value: "desc" }, "descending"),
    h("option", { value: "asc" }, "ascending"));
  const limit = h("select", { id: "runs-limit" }, [10, 50, 200, 500].map(n => h("option", { value: n, selected: n === 50 }, n)));
  const body = h("tbody");
  const info = h("span", { id: "runs-info", class: "muted", "aria-live": "polite" });
  const previous = h("button", { type: "button", id: "runs-previous" }, "Previous page");
  const next = h("button", { type: "button", id: "runs-next" }, "Next page");
  const apply = h("button", { id: "runs-apply", class: "primary" }, "Show runs");
  const load = () => act(apply, async () => {
    const filters = {};
    if (outcome.value) filters.outcome = outcome.value;
    if (phone.value.trim()) filters.phone_number = phone.value.trim();
    if (attempt.value) filters.attempt = Number(attempt.value);
    if (answered.value) filters.answered = answered.value === "true";
    const query = new URLSearchParams({ page: state.page, limit: limit.value, sort_by: sortBy.value,
      sort_order: order.value });
    if (Object.keys(filters).length) query.set("filters", JSON.stringify(filters));
    const page = await api("GET", "/campaign/" + id + "/runs?" + query);
    body.replaceChildren(...page.items.map(r => h("tr", { "data-outcome": r.outcome || "", "data-session": r.session_id },
      h("td", {}, when(r.started_at)), h("td", {}, r.phone_number), h("td", { class: "num" }, r.attempt),
      h("td", {}, r.status), h("td", {}, r.outcome || "—"), h("td", {}, r.answered ? "yes" : "no"),
      h("td", { class: "num" }, r.duration_seconds === null || r.duration_seconds === undefined ? "—" : r.duration_seconds),
      h("td", {}, r.transcript_summary || ""))));
    if (page.items.length === 0) body.append(h("tr", {}, h("td", { colspan: 8, class: "muted" }, "No runs match.")));
    const pages = Math.max(1, Math.ceil(page.total / page.limit));
    info.textContent = page.total + " runs · page " + page.page + " of " + pages;
    info.dataset.total = page.total;
    previous.disabled = page.page <= 1;
    next.disabled = page.page >= pages;
  });
  previous.addEventListener("click", () => { state.page--; load(); });
  next.addEventListener("click", () => { state.page++; load(); });
  const form = h("form", { id: "runs-form", onsubmit: e => { e.preventDefault(); state.page = 1; load(); } },
    h("div", { class: "toolbar" }, labelled("runs-outcome", "Outcome", outcome), labelled("runs-phone", "Phone", phone),
      labelled("runs-attempt", "Attempt", attempt), labelled("runs-answered", "Answered", answered),
      labelled("runs-sort", "Sort by", sortBy), labelled("runs-order", "Order", order),
      labelled("runs-limit", "Per page", limit), apply));
  section.replaceChildren(h("h2", {}, "Runs"), form,
    h("table", { id: "runs" }, h("thead", {}, h("tr", {}, ["Started", "Phone", "Attempt", "Status", "Outcome",
      "Answered", "Duration (s)", "Summary"].map(c => h("th", { scope: "col" }, c)))), body),
    h("div", { class: "toolbar" }, previous, next, info));
  load();
  return load;
}

// ------------------------------------------------------------------------------------------------ suppressions

function suppressionsPage() {
  const state = { page: 1 };
  const body = h("tbody");
  const info = h("span", { class: "muted", id: "suppressions-info" });
  const previous = h("button", { type: "button" }, "Previous page");
  const next = h("button", { type: "button" }, "Next page");
  const load = async () => {
    try {
      const page = await api("GET", "/suppressions?limit=50&page=" + state.page);
      body.replaceChildren(...page.items.map(entry => {
        const remove = h("button", { type: "button", "aria-label": "Remove " + entry.phone_number }, "Remove");
        remove.addEventListener("click", () => act(remove, async () => {
          await api("DELETE", "/suppressions/" + encodeURIComponent(entry.phone_number));
          say(entry.phone_number + " removed");
          await load();
        }));
        return h("tr", { "data-number": entry.phone_number }, h("td", {}, entry.phone_number),
          h("td", {}, entry.reason || ""), h("td", {}, when(entry.created_at)), h("td", {}, remove));
      }));
      if (page.items.length === 0) body.append(h("tr", {}, h("td", { colspan: 4, class: "muted" }, "The list is empty.")));
      const pages = Math.max(1, Math.ceil(page.total / page.limit));
      info.textContent = page.total + " numbers · page " + page.page + " of " + pages;
      previous.disabled = page.page <= 1;
      next.disabled = page.page >= pages;
    } catch (e) {
      showError(e);
    }
  };
  previous.addEventListener("click", () => { state.page--; load(); });
  next.addEventListener("click", () => { state.page++; load(); });
  const add = h("button", { class: "primary", id: "suppress-add" }, "Add");
  const addForm = h("form", { id: "suppress-form", onsubmit: e => { e.preventDefault(); act(add, async () => {
    const number = document.getElementById("suppress-number").value.trim();
    await api("POST", "/suppressions", { phone_number: number, reason: document.getElementById("suppress-reason").value || null });
    say(number + " added");
    document.getElementById("suppress-number").value = "";
    await load();
  }); } }, h("fieldset", {}, h("legend", {}, "Add a number"),
    labelled("suppress-number", "Phone number (E.164)", h("input", { id: "suppress-number", required: true, placeholder: "+14155550100" })),
    labelled("suppress-reason", "Reason", h("input", { id: "suppress-reason", size: 30 })), add));
  const importButton = h("button", { id: "suppress-import" }, "Import");
  const importResult = h("div", { "aria-live": "polite" });
  const importForm = h("form", { onsubmit: e => { e.preventDefault(); act(importButton, async () => {
    const file = document.getElementById("suppress-file").files[0];
    if (!file) throw new Error("choose a CSV file");
    const key = await upload(file, "suppressions");
    const summary = await api("POST", "/suppressions/import", { file_key: key });
    importResult.replaceChildren(importSummary(summary));
    await load();
  }); } }, h("fieldset", {}, h("legend", {}, "Import a CSV (phone_number, optional reason)"),
    labelled("suppress-file", "File", h("input", { id: "suppress-file", type: "file", accept: ".csv,text/csv", required: true })),
    importButton), importResult);
  main().replaceChildren(h("h1", {}, "Suppression list"),
    h("p", { class: "muted" }, "Numbers on this list are never dialled by campaigns that respect suppression."),
    addForm, importForm,
    h("table", { id: "suppressions" }, h("thead", {}, h("tr", {}, ["Number", "Reason", "Added", ""].map(c =>
      h("th", { scope: "col" }, c)))), body), h("div", { class: "toolbar" }, previous, next, info));
  load();
}

// ------------------------------------------------------------------------------------------------ start

const forget = document.getElementById("forget-key");
if (usesKey) {
  forget.addEventListener("click", () => {
    sessionStorage.removeItem(KEY_ITEM);
    route();
  });
} else {
  forget.remove();
}
window.addEventListener("hashchange", () => { route(); document.getElementById("main").focus(); });
route();
