/**
 * The partner invitations page's own stylesheet, served from this site (the CSP allows only 'self' styles) under
 * a URL carrying its hash. The form's live parts are CSS, not script: `:has()` shows the notes of the chosen
 * partner type, hides the role picker for types that carry no choice of roles, and shows the privileged-role
 * summary once any privileged role is ticked. Browsers without `:has()` show every note and the summary.
 */
import { createHash } from "node:crypto";
import { partnerTypes, type PartnerType } from "../../domain/partner-types";

const choosesRoles = (type: PartnerType) =>
  type.rolePolicy.kind === "anyCatalogueRole" || type.rolePolicy.kind === "gdapEligible";
const typeChecked = (type: PartnerType) => `.invitation-form:has(#partnerType option[value="${type.id}"]:checked)`;

const liveRules = [
  ".type-note { display: none; }",
  ...partnerTypes.map((type) => `${typeChecked(type)} .type-note[data-type="${type.id}"] { display: block; }`),
  ...partnerTypes
    .filter((type) => !choosesRoles(type))
    .map((type) => `${typeChecked(type)} .role-picker { display: none; }`),
  ".privileged-summary, .privileged-summary__ga { display: none; }",
  ...partnerTypes
    .filter(choosesRoles)
    .flatMap((type) => [
      `${typeChecked(type)}:has(.role-picker input[data-privileged]:checked) .privileged-summary { display: block; }`,
      `${typeChecked(type)}:has(.role-picker input[data-global-administrator]:checked) .privileged-summary__ga { display: block; }`
    ])
];

export const partnerStylesheet = `/* Partner invitations page (generated from the partner types in shared/pages/partner/partner-styles.ts). */
.input--narrow { max-width: 10rem; }
.type-notes { list-style: none; margin: 0.5rem 0 0; padding: 0; }
.type-note { border-left: 4px solid var(--line, #c9ccd1); padding: 0.25rem 0.75rem; margin-bottom: 0.25rem; }
.role-picker .hint { margin-bottom: 0; }
.role-group { font-size: 1rem; margin: 1.25rem 0 0.25rem; }
.role-option { margin: 0.75rem 0; }
.role-option__text { display: flex; flex-direction: column; }
.role-option__text label { font-weight: 400; }
.role-warning, .expiry-warning { display: block; color: var(--warn, #7a4f00); font-weight: 600; font-size: 0.9rem; }
.role-warning::before, .expiry-warning::before, .tag--warning::before { content: "\\26A0\\FE0E  "; }
.tag--warning { color: var(--warn, #7a4f00); white-space: nowrap; }
.privileged-roles > summary { cursor: pointer; font-weight: 600; margin: 1rem 0 0.25rem; color: var(--accent, #0f5bb5); }
.privileged-summary .notice { margin: 0; }
.created .invitation-link { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 0.9rem; min-height: 0; resize: none; word-break: break-all; }
.created h2 { margin-top: 0.25rem; }
.error-summary h2 { margin-top: 0.25rem; font-size: 1.1rem; }
.error-summary ul { margin: 0.25rem 0; padding-left: 1.25rem; }
.error-summary a { color: var(--danger, #a4262c); font-weight: 600; }
.invitations .cell-detail { display: block; font-size: 0.9rem; }
/* Break inside words only where a word may be long (names, addresses), never in a status or a role name. */
.invitations { overflow-wrap: normal; }
.invitations .relationship-name, .invitations .contact { overflow-wrap: anywhere; }
.invitations th[scope="row"] { min-width: 11rem; }
.invitations .relationship-name { font-weight: 600; }
.invitations th[scope="row"] { font-weight: 400; }
.invitations tr.expiring-soon { background: #fff4ce; box-shadow: inset 6px 0 0 var(--warn, #7a4f00); }
.invitations tr.expiring-soon > :first-child { padding-left: 1rem; }
.row-actions { display: flex; flex-wrap: wrap; gap: 0.5rem; align-items: flex-start; }
.row-action button { padding: 0.3rem 0.7rem; font-size: 0.9rem; }
.confirm-action > summary { cursor: pointer; color: var(--danger, #a4262c); font-weight: 600; padding: 0.3rem 0; }
.confirm-action[open] { flex-basis: 100%; border: 1px solid var(--line, #c9ccd1); padding: 0.5rem; }
.confirm-action p { margin: 0.25rem 0 0.5rem; }
.page-actions { margin: 1rem 0; }
/* One relationship's page: its security groups, the assign form and the operations. Words break only in ids. */
.assignments, .operations { overflow-wrap: normal; }
.assignments .cell-detail, .operations .cell-detail { display: block; font-size: 0.9rem; }
.assignments th[scope="row"], .operations th[scope="row"] { font-weight: 400; min-width: 12rem; }
.assignments tr[data-status="deleted"] { color: var(--muted, #4a4f57); }
.row-actions .row-button, .row-actions .row-button:visited { padding: 0.3rem 0.7rem; font-size: 0.9rem; }
.operation-error { color: var(--danger, #a4262c); font-weight: 600; }
.assignment-form .role-picker:focus { outline: none; }
/* Templates and bulk invitations. */
.template-picker__row { display: flex; flex-wrap: wrap; gap: 0.5rem; align-items: center; }
.template-picker__row select { flex: 1 1 14rem; width: auto; }
.group-row { border-top: 1px solid var(--line, #c9ccd1); padding-top: 0.5rem; margin-top: 0.75rem; }
.group-row--invalid { border-left: 4px solid var(--danger, #a4262c); padding-left: 0.75rem; }
.group-roles .field-label { display: block; font-weight: 600; margin-top: 0.5rem; }
.batch progress { display: block; width: 100%; max-width: 30rem; height: 1.25rem; margin-bottom: 0.25rem; }
.status[data-status="invited"], .status[data-status="completed"] { color: var(--ok, #0b6a0b); }
.status[data-status="failed"], .status[data-status="completedWithErrors"] { color: var(--danger, #a4262c); }
.status[data-status="waiting"], .status[data-status="running"], .status[data-status="queued"], .status[data-status="pending"] { color: var(--warn, #7a4f00); }
.batch-rows .contact, .batch-rows .relationship-name, .templates .relationship-name { overflow-wrap: anywhere; }
.templates .cell-detail, .batch-rows .cell-detail { display: block; font-size: 0.9rem; }
.batch-rows thead th { overflow-wrap: normal; }
@media (max-width: 40rem) {
  .invitations tr.expiring-soon { box-shadow: none; border-color: var(--warn, #7a4f00); border-width: 2px; }
  .invitations tr.expiring-soon > :first-child { padding-left: 0; }
}
@supports selector(:has(*)) {
${liveRules.map((rule) => `  ${rule}`).join("\n")}
}
`;

const partnerStylesheetVersion = createHash("sha256").update(partnerStylesheet).digest("hex").slice(0, 16);
export const partnerStylesheetName = "partner.css";
export const partnerStylesheetUrl = `/partner/invitations/${partnerStylesheetName}?v=${partnerStylesheetVersion}`;
