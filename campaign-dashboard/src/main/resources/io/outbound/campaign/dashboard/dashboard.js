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
const JURISDICTIONS = ["none", "us", "ca", "fr"];
const MAX_LIMITS = 8;    // ContactRules.MAX_ATTEMPT_LIMITS

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
  // An S3 upload URL is signed with headers the request must carry (If-None-Match: *, so it never replaces a file).
  const put = await fetch(ticket.url, { method: "PUT", body: file,
    headers: Object.assign({ "Content-Type": "text/csv" }, ticket.headers || {}) });
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
  const updated = h("span", { class: "muted", id: "campaigns-updated" });
  const table = h("table", { id: "campaigns" },
    h("caption", { class: "muted" }, "Your organisation's campaigns, newest first"),
    h("thead", {}, h("tr", {}, h("th", { scope: "col" }, "Campaign"), h("th", { scope: "col" }, "Status"),
      h("th", { scope: "col" }, "Progress"), h("th", { scope: "col", class: "num" }, "Contacts"),
      h("th", { scope: "col", class: "num" }, "Answer rate"), h("th", { scope: "col" }, "Last activity"))), body);
  main().replaceChildren(h("h1", {}, "Campaigns"),
    h("div", { class: "toolbar" }, h("label", { for: "status-filter" }, "Show"), filter,
      h("a", { href: "#/new" }, "New campaign")), table,
    h("div", { class: "toolbar" }, previous, next, info, updated));
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
      // Not in the polite live region: a screen reader would hear it on every poll.
      updated.textContent = "Updated " + new Date().toLocaleTimeString();
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

/** A label and its control kept together on one line of a toolbar. */
function field(id, text, control) { return h("span", { class: "field" }, labelled(id, text, control)); }

/**
 * The weekly grid of calling hours: a row per day with a switch and one slot. Prefilled from the hours when given
 * (the first slot of each day), else Monday to Friday, 09:00 to 17:00. An end of 24:00 shows as 00:00.
 */
function weekGrid(prefix, hours) {
  const rows = DAYS.map(day => {
    const slots = hours ? hours.slots.filter(sl => sl.day === day) : [];
    const first = slots[0];
    const on = h("input", { type: "checkbox", id: prefix + day,
      checked: hours ? slots.length > 0 : !["saturday", "sunday"].includes(day) });
    return h("tr", {}, h("td", {}, h("label", { for: prefix + day }, on, day)),
      h("td", {}, h("input", { type: "time", id: prefix + day + "-start", value: first ? first.start : "09:00",
        "aria-label": day + " from" })),
      h("td", {}, h("input", { type: "time", id: prefix + day + "-end",
        value: first ? (first.end === "24:00" ? "00:00" : first.end) : "17:00", "aria-label": day + " until" })));
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

/** The controls a switch governs, disabled (skipped by Tab, shown greyed) while the switch is off. */
function switched(toggle, ...children) {
  const group = h("fieldset", { class: "plain", disabled: !toggle.checked }, ...children);
  toggle.addEventListener("change", () => { group.disabled = !toggle.checked; });
  return group;
}

const value = id => document.getElementById(id).value;
const checked = id => document.getElementById(id).checked;

/** Calling hours behind a switch: the zone and the weekly grid. Ids start with the prefix ("" on create). */
function hoursFieldset(p, hours, switchText, hint) {
  const on = h("input", { type: "checkbox", id: p + "hours-on", checked: !!hours });
  const several = hours && DAYS.some(day => hours.slots.filter(sl => sl.day === day).length > 1);
  return h("fieldset", { id: p + "hours" }, h("legend", {}, h("label", { for: p + "hours-on" }, on, switchText)),
    hint ? h("p", { class: "muted" }, hint) : null,
    switched(on, labelled(p + "timezone", "Time zone", h("input", { id: p + "timezone",
      value: hours ? hours.timezone : Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC" })),
    weekGrid(p + "day-", hours)),
    several ? h("p", { class: "muted", id: p + "hours-several" }, "Some days have several slots; the grid shows "
      + "the first of each. Saving changed hours replaces them all with the grid's.") : null);
}

/** The calling hours the fieldset describes, or null when its switch is off (any time). */
function readHours(p) {
  return checked(p + "hours-on") ? { timezone: value(p + "timezone"), slots: readWeek(p + "day-") } : null;
}

/** Retries behind a switch; prefilled from the configuration when given, else the API's defaults. */
function retryFieldset(p, retry, on, switchText, hint) {
  const r = retry || { max_retries: 2, retry_delay_seconds: 120, retry_on_busy: true, retry_on_no_answer: true,
    retry_on_voicemail: true };
  const toggle = h("input", { type: "checkbox", id: p + "retry-on", checked: on });
  return h("fieldset", { id: p + "retries" },
    h("legend", {}, h("label", { for: p + "retry-on" }, toggle, switchText)),
    hint ? h("p", { class: "muted" }, hint) : null,
    switched(toggle,
      labelled(p + "max-retries", "Retries after the first call", numberInput(p + "max-retries", r.max_retries, 0, 10)),
      labelled(p + "retry-delay", "Delay (seconds)", numberInput(p + "retry-delay", r.retry_delay_seconds, 0, 604800)),
      h("div", {}, ["busy", "no_answer", "voicemail"].map(o => h("label", { for: p + "retry-" + o },
        h("input", { type: "checkbox", id: p + "retry-" + o, checked: r["retry_on_" + o] }), "retry " + o)))));
}

/** The retry configuration the fieldset describes, or null when its switch is off (no retries). */
function readRetry(p) {
  if (!checked(p + "retry-on")) return null;
  return { enabled: true, max_retries: Number(value(p + "max-retries")),
    retry_delay_seconds: Number(value(p + "retry-delay")), retry_on_busy: checked(p + "retry-busy"),
    retry_on_no_answer: checked(p + "retry-no_answer"), retry_on_voicemail: checked(p + "retry-voicemail") };
}

function jurisdictionSelect(id, selected) {
  return h("select", { id }, JURISDICTIONS.map(j => h("option", { value: j, selected: j === selected }, j)));
}

/**
 * The attempt limits as rows of two numbers, one row to MAX_LIMITS, with buttons to add and remove rows. A row
 * left empty sets no limit; removing the only row empties it. Returns the element and a reader of the limits.
 */
function limitRows(p, limits) {
  const body = h("tbody");
  const fields = new WeakMap();   // row -> its two inputs and its remove button
  const add = h("button", { type: "button", id: p + "limit-add" }, "Add a limit");
  const table = h("table", { class: "limits", id: p + "limits" },
    h("caption", { class: "muted" }, "Attempt limits: at most so many dials to one number, by all of the "
      + "organisation's campaigns, in any rolling window of so many hours. Up to " + MAX_LIMITS
      + "; a row left empty sets no limit."),
    h("thead", {}, h("tr", {}, h("th", { scope: "col" }, "Limit"), h("th", { scope: "col" }, "At most (dials)"),
      h("th", { scope: "col" }, "In (hours)"), h("th", { scope: "col" }, h("span", { class: "sr-only" }, "Remove")))),
    body);
  // Ids, labels and names follow a row's position, so they stay 1..n after a removal.
  const renumber = () => {
    [...body.rows].forEach((row, i) => {
      const n = i + 1;
      const { attempts, hours, remove } = fields.get(row);
      row.cells[0].textContent = "Limit " + n;
      attempts.id = p + "limit-" + n + "-attempts";
      attempts.setAttribute("aria-label", "Limit " + n + ": at most, dials");
      hours.id = p + "limit-" + n + "-hours";
      hours.setAttribute("aria-label", "Limit " + n + ": in, hours");
      remove.id = p + "limit-" + n + "-remove";
      remove.setAttribute("aria-label", "Remove limit " + n);
    });
    add.disabled = body.rows.length >= MAX_LIMITS;
  };
  const addRow = limit => {
    const attempts = h("input", { type: "number", min: 1, step: 1, value: limit ? limit.max_attempts : undefined });
    const hours = h("input", { type: "number", min: 1, max: 8760, step: 1, value: limit ? limit.period_hours : undefined });
    const remove = h("button", { type: "button" }, "Remove");
    const row = h("tr", {}, h("th", { scope: "row" }), h("td", {}, attempts), h("td", {}, hours), h("td", {}, remove));
    fields.set(row, { attempts, hours, remove });
    // Half a limit is no limit: once one number is given, the browser asks for the other.
    const pair = () => { attempts.required = hours.required = !!(attempts.value || hours.value); };
    attempts.addEventListener("input", pair);
    hours.addEventListener("input", pair);
    remove.addEventListener("click", () => {
      const at = [...body.rows].indexOf(row);
      if (body.rows.length === 1) {
        attempts.value = hours.value = "";
        pair();
        attempts.focus();
        say("Limit 1 emptied");
        return;
      }
      row.remove();
      renumber();
      fields.get(body.rows[Math.min(at, body.rows.length - 1)]).remove.focus();
      say("Limit " + (at + 1) + " removed; " + body.rows.length + " left");
    });
    body.append(row);
    pair();
    return row;
  };
  (limits && limits.length ? limits : [null]).slice(0, MAX_LIMITS).forEach(addRow);
  renumber();
  add.addEventListener("click", () => {
    if (body.rows.length >= MAX_LIMITS) return;
    const row = addRow(null);
    renumber();
    fields.get(row).attempts.focus();
    say("Limit " + body.rows.length + " added");
  });
  const read = () => [...body.rows].map(row => fields.get(row)).filter(f => f.attempts.value || f.hours.value)
    .map(f => ({ max_attempts: Number(f.attempts.value), period_hours: Number(f.hours.value) }));
  return { element: h("div", { class: "limit-rows" }, table, add), read };
}

function createPage() {
  const rulesOn = h("input", { type: "checkbox", id: "rules-on" });
  const limits = limitRows("", null);
  const result = h("section", { id: "import-result", "aria-live": "polite" });
  const submit = h("button", { class: "primary", id: "create" }, "Upload and create draft");
  const form = h("form", { id: "create-form", onsubmit: e => { e.preventDefault(); act(submit, () => create(result, limits.read)); } },
    h("fieldset", {}, h("legend", {}, "Campaign"),
      labelled("name", "Name", h("input", { id: "name", required: true, size: 40, maxlength: 255 })),
      labelled("workflow", "Workflow id", numberInput("workflow", 247, 1)),
      labelled("concurrency", "Max concurrency", numberInput("concurrency", 5, 1, 1000)),
      h("div", {}, labelled("csv", "Contacts CSV (a phone_number column)",
        h("input", { id: "csv", type: "file", accept: ".csv,text/csv", required: true })))),
    hoursFieldset("", null, "Calling hours"),
    retryFieldset("", null, true, "Retries"),
    h("fieldset", { id: "rules" }, h("legend", {}, h("label", { for: "rules-on" }, rulesOn, "Contact rules")),
      switched(rulesOn,
        labelled("jurisdiction", "Jurisdiction", jurisdictionSelect("jurisdiction", "none")),
        labelled("timezone-column", "Time zone column", h("input", { id: "timezone-column", placeholder: "timezone" })),
        h("label", { for: "respect-suppression" }, h("input", { type: "checkbox", id: "respect-suppression", checked: true }),
          "Respect the suppression list"),
        limits.element)),
    submit);
  main().replaceChildren(h("h1", {}, "New campaign"), form, result);
  document.getElementById("name").focus();
}

async function create(result, readLimits) {
  const file = document.getElementById("csv").files[0];
  if (!file) throw new Error("choose a contacts CSV file");
  say("Uploading " + file.name + "…");
  const key = await upload(file, "dashboard");
  const body = { name: value("name"), workflow_id: Number(value("workflow")), contacts_file_key: key,
    max_concurrency: Number(value("concurrency")) };
  const hours = readHours("");
  if (hours) body.calling_hours = hours;
  const retry = readRetry("");
  if (retry) body.retry_config = retry;
  if (checked("rules-on")) {
    const rules = { jurisdiction: value("jurisdiction"), respect_suppression: checked("respect-suppression") };
    if (value("timezone-column")) rules.timezone_column = value("timezone-column");
    const limits = readLimits();
    if (limits.length) rules.attempt_limits = limits;
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
  // Said to screen readers when the status changes or the share done passes a tenth, not on every poll.
  const announcer = h("p", { id: "progress-live", class: "sr-only", role: "status", "aria-live": "polite",
    "aria-atomic": "true" });
  main().replaceChildren(header, announcer, h("div", { class: "cards" }, progress, outcomes, perMinute, inFlight), runs,
    manage);
  let drawnSettings = null;
  let settings = null;
  let reloadRuns = null;
  let lastStatus = null;
  let announced = null;
  const readActivity = activityReader(id);
  const refresh = async (afterSave) => {
    try {
      const campaign = await api("GET", "/campaign/" + id);
      const p = await api("GET", "/campaign/" + id + "/progress");
      const activity = await readActivity(campaign, lastStatus !== null && lastStatus !== campaign.status);
      if (mine !== view) return;
      keepingFocus(() => {
        drawHeader(header, campaign, p, refresh);
        drawProgress(progress, p);
        drawOutcomes(outcomes, activity, p);
        drawRate(perMinute, activity);
        drawInFlight(inFlight, activity);
        // Settings changed elsewhere redraw the form, unless the operator is in the middle of editing it.
        if (drawnSettings !== campaign.updated_at && (afterSave === true || !settings || !settings.dirty())) {
          drawnSettings = campaign.updated_at;
          settings = drawManage(manage, campaign, () => refresh(true));
        }
      });
      const percent = percentDone(p);
      const step = p.status + " " + (percent === 100 ? 100 : Math.floor(percent / 10) * 10);
      if (step !== announced) {
        announced = step;
        announcer.textContent = "Campaign " + p.status + ": " + percent + "% done, answer rate " + answerRate(p) + ".";
      }
      // The runs table reloads when the campaign's status changes (say, to completed), not on every poll.
      if (!reloadRuns) reloadRuns = drawRuns(runs, id);
      else if (lastStatus !== campaign.status) reloadRuns();
      lastStatus = campaign.status;
      schedule(refresh, p.status === "running" ? 500 : 3000);
    } catch (e) {
      showError(e);
      if (mine === view && !(e.status === 404 || e.status === 401)) schedule(refresh, 5000);
    }
  };
  await refresh();
}

/** Bucket lengths of the charts, in seconds: the length moves only at these steps, so read buckets can be kept. */
const BUCKET_STEPS = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10800, 21600, 43200, 86400];
/** Buckets a chart aims at (at most two and a half times as many between two steps). */
const CHART_BUCKETS = 120;
/** The host's limit on the buckets of one activity read (ActivityQuery.MAX_BUCKETS). */
const MAX_BUCKETS = 1440;
/** Activity is read at most this often, while progress is polled every half second. */
const ACTIVITY_EVERY_MS = 2000;
/** The whole window is read again this often (and when the status changes): a late outcome moves an old bucket. */
const FULL_READ_MS = 300000;

/**
 * The charts' activity since the campaign started, read as the campaign goes on rather than all at once on every
 * poll: a window over a whole campaign of a million calls costs the host seconds, its last buckets milliseconds. The
 * first read takes the whole window; the next ones only the last two buckets read before and what followed them,
 * kept with the earlier buckets (a bucket's calls started, ended and in flight at its end do not change once it is
 * over, except by a late outcome, hence the full read every few minutes and at every change of status).
 */
function activityReader(id) {
  let kept = null;
  return async (campaign, statusChanged) => {
    const now = Date.now();
    const since = Date.parse(campaign.started_at || campaign.created_at);
    const span = Math.max(1, (now - since) / 1000);
    const bucket = BUCKET_STEPS.find(b => b * CHART_BUCKETS >= span) || BUCKET_STEPS[BUCKET_STEPS.length - 1];
    const first = Math.max(since, now - (MAX_BUCKETS - 2) * bucket * 1000);
    const from = Math.floor(first / 1000 / bucket) * bucket * 1000;
    const same = kept && kept.bucket === bucket && kept.from === from;
    if (same && !statusChanged && now - kept.readAt < ACTIVITY_EVERY_MS) return kept.activity;
    const full = !same || statusChanged || now - kept.fullAt >= FULL_READ_MS || kept.activity.buckets.length < 3;
    const readFrom = full ? from : Date.parse(kept.activity.buckets[kept.activity.buckets.length - 2].start);
    const read = await api("GET", "/campaign/" + id + "/activity?bucket_seconds=" + bucket
      + "&from=" + encodeURIComponent(new Date(readFrom).toISOString()));
    const activity = full ? read : Object.assign({}, read, {
      from: kept.activity.from,
      in_flight_at_from: kept.activity.in_flight_at_from,
      buckets: kept.activity.buckets.filter(b => Date.parse(b.start) < readFrom).concat(read.buckets),
    });
    kept = { bucket, from, activity, readAt: now, fullAt: full ? now : kept.fullAt };
    return activity;
  };
}

/** Runs a redraw and gives the keyboard focus back to the element of the same id, so polling never takes it. */
function keepingFocus(draw) {
  const focused = document.activeElement && document.activeElement.id;
  draw();
  if (focused) {
    const again = document.getElementById(focused);
    if (again && again !== document.activeElement) again.focus();
  }
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
    p.concurrency_bound_by ? h("p", { class: "muted" }, "Concurrency bound by " + p.concurrency_bound_by) : null,
    h("p", { class: "muted", id: "updated-at" }, "Updated " + new Date().toLocaleTimeString())]);
}

/**
 * A chart's figures as a table in a disclosure right after it, for screen-reader and keyboard users: the first
 * column names each row, the last holds the number the chart draws. It stays open across the page's redraws.
 */
function chartTable(chartId, title, headers, rows) {
  const id = chartId + "-table";
  const before = document.getElementById(id);
  return h("details", { id, class: "chart-table", open: !!(before && before.open) },
    h("summary", { id: chartId + "-summary" }, "Show as table", h("span", { class: "sr-only" }, " (" + title + ")")),
    h("table", {}, h("thead", {}, h("tr", {}, headers.map((c, i) =>
      h("th", { scope: "col", class: i ? "num" : undefined }, c)))),
    h("tbody", {}, rows.map(r => h("tr", {}, h("th", { scope: "row" }, r[0]),
      r.slice(1).map(c => h("td", { class: "num" }, c)))))));
}

/** Horizontal bars, one per outcome, with the counts written beside them, and the same counts as a table. */
function drawOutcomes(section, activity, p) {
  const totals = Object.fromEntries(OUTCOMES.map(o => [o, 0]));
  for (const b of activity.buckets) for (const o of OUTCOMES) totals[o] += b[o];
  totals.skipped = p.skipped || 0;
  const keys = ["completed", "no_answer", "busy", "voicemail", "failed", "invalid_number", "skipped"];
  const name = k => k.replace("_", " ");
  const max = Math.max(1, ...keys.map(k => totals[k]));
  const row = 22, width = 360, labelWidth = 100;
  const summary = "Outcomes since the start: " + keys.filter(k => k !== "skipped").map(k => totals[k] + " " + name(k))
    .join(", ") + "; " + totals.skipped + " contacts skipped without a call";
  const svg = s("svg", { viewBox: "0 0 " + (width + 60) + " " + keys.length * row, width: "100%", role: "img",
    "aria-label": summary, id: "outcome-chart", "data-values": keys.map(k => totals[k]).join(",") },
  keys.map((k, i) => s("g", { "data-outcome": k, "data-count": totals[k] },
    s("text", { x: 0, y: i * row + 15 }, name(k)),
    s("rect", { x: labelWidth, y: i * row + 4, height: 14, fill: OUTCOME_COLOURS[k],
      width: Math.max(totals[k] ? 2 : 0, (width - labelWidth) * totals[k] / max) }),
    s("text", { x: labelWidth + 6 + (width - labelWidth) * totals[k] / max, y: i * row + 15 }, totals[k]))));
  section.replaceChildren(h("h2", { id: "outcomes-heading" }, "Outcomes"),
    h("p", { class: "muted" }, "Calls by outcome since the start; skipped contacts had no call"), svg,
    chartTable("outcome-chart", "outcomes", ["Outcome", "Calls"], keys.map(k => [name(k), totals[k]])));
}

function timeAxis(activity) {
  const first = new Date(activity.from), last = new Date(activity.to);
  const fmt = d => d.toLocaleTimeString(undefined, { hour: "2-digit", minute: "2-digit", second: activity.bucket_seconds < 60 ? "2-digit" : undefined });
  return [fmt(first), fmt(last)];
}

/** A small SVG chart of one series over the window: bars or a step line, with its axis labels and a summary. */
function seriesChart(id, summary, values, kind, colour, activity) {
  const width = 400, height = 120, left = 34, bottom = 18;
  const max = Math.max(1, ...values);
  const step = (width - left) / Math.max(1, values.length);
  const y = v => (height - bottom) - (height - bottom - 6) * v / max;
  const [start, end] = timeAxis(activity);
  const parts = [s("line", { x1: left, y1: height - bottom, x2: width, y2: height - bottom, stroke: "#d0d7de" }),
    s("text", { x: 0, y: 12 }, formatNumber(max)), s("text", { x: 0, y: height - bottom }, "0"),
    s("text", { x: left, y: height - 4 }, start), s("text", { x: width, y: height - 4, "text-anchor": "end" }, end)];
  if (kind === "bars") {
    values.forEach((v, i) => { if (v > 0) parts.push(s("rect", { x: left + i * step, y: y(v), width: Math.max(1, step - 1), height: height - bottom - y(v), fill: colour, "data-value": v })); });
  } else {
    let d = "";
    values.forEach((v, i) => { d += (i === 0 ? "M" : "L") + (left + i * step) + " " + y(v) + " L" + (left + (i + 1) * step) + " " + y(v) + " "; });
    parts.push(s("path", { d, fill: "none", stroke: colour, "stroke-width": 2 }));
  }
  return s("svg", { viewBox: "0 0 " + width + " " + height, width: "100%", role: "img", id, "aria-label": summary,
    "data-kind": kind, "data-points": values.length, "data-max": max, "data-values": values.join(",") }, parts);
}

function formatNumber(n) { return Number.isInteger(n) ? String(n) : n.toFixed(1); }

/** The rows of a series' table: each bucket's start in the operator's time, and its value. */
function bucketRows(activity, values) {
  return activity.buckets.map((b, i) => [when(b.start), formatNumber(values[i])]);
}

function drawRate(section, activity) {
  // One decimal, as the table shows it, so the chart and its table hold the same numbers.
  const perMinute = activity.buckets.map(b => Math.round(b.started * 600 / activity.bucket_seconds) / 10);
  const total = activity.buckets.reduce((sum, b) => sum + b.started, 0);
  const [start, end] = timeAxis(activity);
  const summary = "Calls started per minute from " + start + " to " + end + ", in buckets of "
    + activity.bucket_seconds + " s: peak " + formatNumber(Math.max(0, ...perMinute)) + " per minute, " + total
    + " calls started in all";
  section.replaceChildren(h("h2", { id: "rate-heading" }, "Calls per minute"),
    h("p", { class: "muted" }, total + " calls started · buckets of " + activity.bucket_seconds + " s"),
    seriesChart("rate-chart", summary, perMinute, "bars", "#0b57d0", activity),
    chartTable("rate-chart", "calls per minute", ["Bucket from", "Calls per minute"], bucketRows(activity, perMinute)));
}

function drawInFlight(section, activity) {
  const values = activity.buckets.map(b => b.in_flight);
  const [start, end] = timeAxis(activity);
  const peak = Math.max(0, ...values);
  const summary = "Calls in flight from " + start + " to " + end + ", at the end of each bucket of "
    + activity.bucket_seconds + " s: peak " + peak + ", " + (values.length ? values[values.length - 1] : 0)
    + " at the end";
  section.replaceChildren(h("h2", { id: "flight-heading" }, "Calls in flight"),
    h("p", { class: "muted" }, "At the end of each bucket; peak " + peak),
    seriesChart("flight-chart", summary, values, "line", "#16a34a", activity),
    chartTable("flight-chart", "calls in flight", ["Bucket from", "Calls in flight"], bucketRows(activity, values)));
}

/** The campaign's settings as one line: what the API holds now. */
function settingsLine(campaign) {
  const rules = campaign.contact_rules || {};
  const limits = rules.attempt_limits || [];
  return h("p", { class: "muted", id: "edit-current" }, "Stored: calling hours ", campaign.calling_hours
    ? campaign.calling_hours.timezone + ", " + campaign.calling_hours.slots.map(sl => sl.day + " " + sl.start + "-" + sl.end).join("; ")
    : "any time", " · retries: ", campaign.retry_config && campaign.retry_config.enabled
    ? campaign.retry_config.max_retries + " after " + campaign.retry_config.retry_delay_seconds + " s" : "none",
  " · jurisdiction: ", rules.jurisdiction || "none",
  " · attempt limits: ", limits.length ? limits.map(l => l.max_attempts + " per " + l.period_hours + " h").join(", ") : "none",
  " · suppression list ", rules.respect_suppression === false ? "ignored" : "respected");
}

/**
 * The settings an update may change (name, concurrency, calling hours, retries, contact rules) and the redial form.
 * The PATCH carries only the fields whose value differs from what the form showed when drawn. Returns whether
 * the form has unsaved changes, so that a poll does not redraw it under the operator.
 */
function drawManage(section, campaign, saved) {
  const path = "/campaign/" + campaign.id;
  const editable = !["completed", "failed"].includes(campaign.status);
  const rules = campaign.contact_rules || { jurisdiction: "none", attempt_limits: [], respect_suppression: true };
  const column = rules.timezone_column;
  const limits = limitRows("edit-", rules.attempt_limits);
  const save = h("button", { id: "save-settings", class: "primary" }, "Save changes");
  // The form in the API's terms; the zone column goes back as it is, since an update may not change it.
  const read = () => ({
    name: value("edit-name"),
    max_concurrency: Number(value("edit-concurrency")),
    calling_hours: readHours("edit-"),
    retry_config: readRetry("edit-"),
    contact_rules: Object.assign({ jurisdiction: value("edit-jurisdiction") }, column ? { timezone_column: column } : {},
      { attempt_limits: limits.read(), respect_suppression: checked("edit-respect-suppression") }),
  });
  let drawn = null;
  const changes = () => {
    const now = read();
    return Object.fromEntries(Object.keys(now).filter(k => JSON.stringify(now[k]) !== JSON.stringify(drawn[k]))
      .map(k => [k, now[k]]));
  };
  const edit = h("form", { id: "edit-form", onsubmit: e => { e.preventDefault(); act(save, async () => {
    const body = changes();
    const fields = Object.keys(body);
    if (fields.length === 0) {
      say("Nothing to save: the form shows the stored settings");
      return;
    }
    say("Saving " + fields.join(", ") + "…");
    try {
      await api("PATCH", path, body);
    } catch (e) {
      say("Not saved");
      throw e;
    }
    say("Settings saved: " + fields.join(", "));
    await saved();
  }); } },
  h("fieldset", { id: "edit-settings", disabled: !editable }, h("legend", {}, "Settings"),
    editable ? null : h("p", { class: "muted" }, "A " + campaign.status + " campaign's settings cannot change."),
    h("div", {},
      labelled("edit-name", "Name", h("input", { id: "edit-name", value: campaign.name, size: 40, required: true })),
      labelled("edit-concurrency", "Max concurrency", numberInput("edit-concurrency", campaign.max_concurrency, 1, 1000))),
    h("div", { class: "settings-grid" },
      hoursFieldset("edit-", campaign.calling_hours, "Only call within these hours",
        "Unchecked: calls may start at any time."),
      retryFieldset("edit-", campaign.retry_config, !!(campaign.retry_config && campaign.retry_config.enabled),
        "Retry unanswered calls", "Unchecked: no retries."),
      h("fieldset", { id: "edit-rules" }, h("legend", {}, "Contact rules"),
        labelled("edit-jurisdiction", "Jurisdiction", jurisdictionSelect("edit-jurisdiction", rules.jurisdiction || "none")),
        h("label", { for: "edit-respect-suppression" }, h("input", { type: "checkbox", id: "edit-respect-suppression",
          checked: rules.respect_suppression !== false }), "Respect the suppression list"),
        h("p", { id: "edit-timezone-column" }, "Time zone column: ",
          column ? h("code", {}, column) : "none (zones from the numbers)",
          h("span", { class: "muted" }, " · set at create only: zones were resolved at import")),
        limits.element)),
    save),
  settingsLine(campaign));
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
  drawn = read();
  return { dirty: () => Object.keys(changes()).length > 0 };
}

// ------------------------------------------------------------------------------------------------ runs

/** A datetime-local value, read in the operator's own time zone, as an ISO instant; null when empty. */
function localInstant(input, name) {
  if (!input.value) return null;
  const t = new Date(input.value);   // a date-time without an offset is local time
  if (Number.isNaN(t.getTime())) throw new Error(name + " is not a date and time: " + input.value);
  return t.toISOString();
}

function drawRuns(section, id) {
  const state = { page: 1 };
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone || "local";
  const outcome = h("select", { id: "runs-outcome" }, h("option", { value: "" }, "any"),
    OUTCOMES.map(o => h("option", { value: o }, o)));
  const phone = h("input", { id: "runs-phone", placeholder: "+14155550100", size: 16 });
  const attempt = h("input", { id: "runs-attempt", type: "number", min: 1 });
  const answered = h("select", { id: "runs-answered" }, h("option", { value: "" }, "either"),
    h("option", { value: "true" }, "yes"), h("option", { value: "false" }, "no"));
  const after = h("input", { id: "runs-started-after", type: "datetime-local", step: 1 });
  const before = h("input", { id: "runs-started-before", type: "datetime-local", step: 1 });
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
    const startedAfter = localInstant(after, "Started after");
    const startedBefore = localInstant(before, "Started before");
    if (startedAfter) filters.started_after = startedAfter;
    if (startedBefore) filters.started_before = startedBefore;
    const query = new URLSearchParams({ page: state.page, limit: limit.value, sort_by: sortBy.value,
      sort_order: order.value });
    if (Object.keys(filters).length) query.set("filters", JSON.stringify(filters));
    const page = await api("GET", "/campaign/" + id + "/runs?" + query);
    body.replaceChildren(...page.items.map(r => h("tr", { "data-outcome": r.outcome || "", "data-session": r.session_id,
      "data-started-at": r.started_at },
      h("td", {}, when(r.started_at)), h("td", {}, r.phone_number), h("td", { class: "num" }, r.attempt),
      h("td", {}, r.status), h("td", {}, r.outcome || "—"), h("td", {}, r.answered ? "yes" : "no"),
      h("td", { class: "num" }, r.duration_seconds === null || r.duration_seconds === undefined ? "—" : r.duration_seconds),
      h("td", {}, r.transcript_summary || ""))));
    if (page.items.length === 0) body.append(h("tr", {}, h("td", { colspan: 8, class: "muted" }, "No runs match.")));
    const pages = Math.max(1, Math.ceil(page.total / page.limit));
    const span = [startedAfter ? "from " + startedAfter : null, startedBefore ? "before " + startedBefore : null]
      .filter(Boolean).join(" ");
    info.textContent = page.total + " runs · page " + page.page + " of " + pages + (span ? " · started " + span : "");
    info.dataset.total = page.total;
    info.dataset.startedAfter = startedAfter || "";
    info.dataset.startedBefore = startedBefore || "";
    previous.disabled = page.page <= 1;
    next.disabled = page.page >= pages;
  });
  previous.addEventListener("click", () => { state.page--; load(); });
  next.addEventListener("click", () => { state.page++; load(); });
  const form = h("form", { id: "runs-form", onsubmit: e => { e.preventDefault(); state.page = 1; load(); } },
    h("div", { class: "toolbar" }, field("runs-outcome", "Outcome", outcome), field("runs-phone", "Phone", phone),
      field("runs-attempt", "Attempt", attempt), field("runs-answered", "Answered", answered),
      field("runs-started-after", "Started from (your time, " + zone + ")", after),
      field("runs-started-before", "Started before (your time, " + zone + ")", before),
      field("runs-sort", "Sort by", sortBy), field("runs-order", "Order", order),
      field("runs-limit", "Per page", limit), apply),
    h("p", { class: "muted", id: "runs-zone" }, "Start times are read in your time zone, " + zone
      + ", and sent to the host as UTC instants; \"from\" includes runs started at that very second."));
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
