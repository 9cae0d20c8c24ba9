/*
 * Progressive enhancement for the pages; every page works without it. Behaviours, wired by data attributes:
 *   data-requires-checkbox="<id>"  a submit button stays disabled until that checkbox is ticked
 *   data-opens-dialog="<id>"       a button opens that <dialog> (without JS it submits a GET to a confirmation page)
 *   data-poll-url="<url>"          the element's status and roles are refreshed from that JSON URL every 2 s; the
 *                                  JSON's `rows` (or `relationships`) refresh the elements with that `data-row-id`
 *                                  inside it, and its `fields` any other `data-field` by name
 *   data-fills-from-template       choosing a template in this <select> fills in the form's terms from the option
 *   data-batch-poll-url="<url>"    a bulk batch's progress and rows are refreshed from that JSON URL until it is done
 * A field or action belongs to its nearest row (or polled element), so a page's own status is never written into
 * the rows it lists. Data from the server is only ever written with textContent, never as markup.
 */
"use strict";

(function () {
  function onReady(callback) {
    if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", callback);
    else callback();
  }

  function enableWithCheckbox() {
    document.querySelectorAll("[data-requires-checkbox]").forEach(function (button) {
      var checkbox = document.getElementById(button.getAttribute("data-requires-checkbox"));
      if (!checkbox) return;
      var sync = function () {
        button.disabled = !checkbox.checked;
      };
      checkbox.addEventListener("change", sync);
      sync();
    });
  }

  function dialogs() {
    document.querySelectorAll("[data-opens-dialog]").forEach(function (opener) {
      var dialog = document.getElementById(opener.getAttribute("data-opens-dialog"));
      if (!dialog || typeof dialog.showModal !== "function") return;
      opener.addEventListener("click", function (event) {
        event.preventDefault();
        dialog.showModal();
        var first = dialog.querySelector("[autofocus], button, [href], input, select, textarea");
        if (first) first.focus();
      });
      dialog.addEventListener("close", function () {
        opener.focus();
      });
      dialog.querySelectorAll("[data-closes-dialog]").forEach(function (closer) {
        closer.addEventListener("click", function (event) {
          event.preventDefault();
          dialog.close();
        });
      });
      // A modal dialog makes the page behind it inert; this keeps Tab cycling inside it as well.
      dialog.addEventListener("keydown", function (event) {
        if (event.key !== "Tab") return;
        var focusable = Array.prototype.filter.call(
          dialog.querySelectorAll("button, [href], input, select, textarea, [tabindex]:not([tabindex='-1'])"),
          function (element) {
            return !element.disabled && element.offsetParent !== null;
          }
        );
        if (focusable.length === 0) return;
        var first = focusable[0];
        var last = focusable[focusable.length - 1];
        if (event.shiftKey && document.activeElement === first) {
          event.preventDefault();
          last.focus();
        } else if (!event.shiftKey && document.activeElement === last) {
          event.preventDefault();
          first.focus();
        }
      });
    });
  }

  // Every element the script refreshes on its own: a poll root or a row. A field belongs to the nearest of them.
  var scopes = "[data-row-id], [data-batch-row], [data-poll-url], [data-batch-poll-url]";

  /** The elements matching `selector` that belong to `root` itself, not to a row inside it. */
  function own(root, selector) {
    return Array.prototype.filter.call(root.querySelectorAll(selector), function (element) {
      return element.closest(scopes) === root;
    });
  }

  function setStatus(element, status, label) {
    if (!element || !status) return;
    element.setAttribute("data-status", status);
    element.textContent = label || status;
  }

  function setText(root, name, value) {
    var empty = value === undefined || value === null || value === "";
    own(root, "[data-field='" + name + "']").forEach(function (element) {
      // A note with nothing to say disappears; a table cell shows a dash.
      if (element.hasAttribute("data-hide-when-empty")) {
        element.hidden = empty;
        element.textContent = empty ? "" : String(value);
      } else {
        element.textContent = empty ? "—" : String(value);
      }
    });
  }

  function renderRoles(list, roles) {
    if (!list) return;
    while (list.firstChild) list.removeChild(list.firstChild);
    roles.forEach(function (role) {
      var item = document.createElement("li");
      var name = document.createElement("span");
      name.className = "role-name";
      name.textContent = role.displayName || role.roleDefinitionId;
      item.appendChild(name);
      if (role.privileged) {
        var tag = document.createElement("span");
        tag.className = "tag";
        tag.textContent = "Privileged";
        item.appendChild(tag);
      }
      if (role.description) {
        item.appendChild(document.createTextNode(": " + role.description));
      }
      list.appendChild(item);
    });
  }

  function applyRelationship(root, data) {
    setStatus(own(root, "[data-field='status']")[0], data.status, data.statusLabel);
    root.setAttribute("data-status", data.status);
    setText(root, "roleCount", data.roleCount);
    setText(root, "endDate", data.endDate);
    setText(root, "statusNote", data.statusNote);
    if ("emailState" in data) setText(root, "emailState", data.emailState);
    if (data.fields) {
      Object.keys(data.fields).forEach(function (name) {
        setText(root, name, data.fields[name]);
      });
    }
    var roles = own(root, "[data-field='roles']")[0];
    if (roles && Array.isArray(data.roles)) {
      renderRoles(roles, data.roles);
      var none = own(root, "[data-field='noRoles']")[0];
      if (none) none.hidden = data.roles.length > 0;
      roles.hidden = data.roles.length === 0;
    }
    if (data.actions) {
      Object.keys(data.actions).forEach(function (action) {
        own(root, "[data-action='" + action + "']").forEach(function (element) {
          element.hidden = !data.actions[action];
        });
      });
    }
  }

  function applyRows(root, rows) {
    rows.forEach(function (item) {
      var row = root.querySelector("[data-row-id='" + CSS.escape(item.id) + "']");
      if (row) applyRelationship(row, item);
    });
  }

  function poll(root) {
    var url = root.getAttribute("data-poll-url");
    var live = root.querySelector("[data-live-region]");
    var stopped = false;
    function tick() {
      if (stopped) return;
      if (document.visibilityState === "hidden") {
        setTimeout(tick, 2000);
        return;
      }
      fetch(url, { headers: { accept: "application/json" }, credentials: "same-origin", cache: "no-store" })
        .then(function (response) {
          if (response.status === 401 || response.status === 403 || response.status === 404) {
            stopped = true;
            return undefined;
          }
          return response.ok ? response.json() : undefined;
        })
        .then(function (data) {
          if (!data) return;
          var before = root.getAttribute("data-status");
          if (Array.isArray(data.relationships)) {
            applyRows(root, data.relationships);
          } else {
            applyRelationship(root, data);
            if (live && before !== data.status) live.textContent = "Status: " + (data.statusLabel || data.status);
          }
          if (Array.isArray(data.rows)) applyRows(root, data.rows);
        })
        .catch(function () {
          /* offline for a moment: try again at the next tick */
        })
        .then(function () {
          if (!stopped) setTimeout(tick, 2000);
        });
    }
    setTimeout(tick, 2000);
  }

  // The template's terms, from the chosen option's data attributes, into the invitation form's own fields.
  function templatePickers() {
    document.querySelectorAll("select[data-fills-from-template]").forEach(function (select) {
      var form = select.form;
      if (!form) return;
      form.querySelectorAll("[data-template-fill]").forEach(function (button) {
        button.hidden = true;
      });
      select.addEventListener("change", function () {
        var option = select.options[select.selectedIndex];
        if (!option || !option.value) return;
        var type = form.querySelector("#partnerType");
        if (type) type.value = option.getAttribute("data-partner-type");
        var roles = (option.getAttribute("data-roles") || "").split(" ");
        var privileged = false;
        form.querySelectorAll("input[name='role']").forEach(function (box) {
          box.checked = roles.indexOf(box.value) >= 0;
          if (box.checked && box.hasAttribute("data-privileged")) privileged = true;
        });
        var details = form.querySelector("details.privileged-roles");
        if (details && privileged) details.open = true;
        var days = form.querySelector("#durationDays");
        if (days) days.value = option.getAttribute("data-duration-days");
        var autoExtend = form.querySelector("#autoExtend");
        if (autoExtend) autoExtend.checked = option.getAttribute("data-auto-extend") === "on";
      });
    });
  }

  function applyBatch(root, data) {
    setStatus(root.querySelector("[data-field='batchStatus']"), data.status, data.statusLabel);
    var bar = root.querySelector("progress");
    if (bar && data.counts) {
      bar.max = data.counts.total;
      bar.value = data.counts.total - data.counts.pending;
    }
    if (data.counts) {
      setText(root, "countInvited", data.counts.invited);
      setText(root, "countFailed", data.counts.failed);
      setText(root, "countPending", data.counts.pending);
    }
    setText(root, "progressText", data.progressText);
    setText(root, "finish", data.finish);
    setText(root, "waitingText", data.waitingText);
    setText(root, "lastError", data.lastError);
    (data.rows || []).forEach(function (row) {
      var tr = root.querySelector("[data-batch-row='" + Number(row.row) + "']");
      if (!tr) return;
      setStatus(tr.querySelector("[data-field='outcome']"), row.outcome, row.label);
      setText(tr, "detail", row.detail);
    });
  }

  function pollBatch(root) {
    var url = root.getAttribute("data-batch-poll-url");
    var live = root.querySelector("[data-live-region]");
    function tick() {
      if (document.visibilityState === "hidden") {
        setTimeout(tick, 2000);
        return;
      }
      fetch(url, { headers: { accept: "application/json" }, credentials: "same-origin", cache: "no-store" })
        .then(function (response) {
          // Signed out, or no such batch any more: stop asking.
          if (response.status === 401 || response.status === 403 || response.status === 404) return { stop: true };
          return response.ok ? response.json() : undefined;
        })
        .then(function (data) {
          if (!data) return true;
          if (data.stop) return false;
          applyBatch(root, data);
          if (data.finished && live)
            live.textContent = "Batch " + (data.statusLabel || data.status).toLowerCase() + ": " + data.progressText;
          return !data.finished;
        })
        .catch(function () {
          return true; /* offline for a moment: try again at the next tick */
        })
        .then(function (goOn) {
          if (goOn) setTimeout(tick, 2000);
        });
    }
    setTimeout(tick, 2000);
  }

  onReady(function () {
    enableWithCheckbox();
    dialogs();
    templatePickers();
    document.querySelectorAll("[data-poll-url]").forEach(poll);
    document.querySelectorAll("[data-batch-poll-url]").forEach(pollBatch);
  });
})();
