/**
 * What an OEM may register for a customer: Windows Autopilot device identities (the hardware hash, the serial
 * number, the Windows product id, manufacturer and model), each checked on its own so a refused upload can name
 * every row and field that is wrong. The numbers below are the one home of the upload's bounds.
 *
 * The hardware hash ("4K HH") is the base64 text of a binary blob Windows builds from the device's SMBIOS, disk, TPM
 * and network identifiers; the one Get-WindowsAutopilotInfo and the OEM tools produce is about 4,000 characters.
 * We accept 256 to 8,192 characters of canonical base64: the lower bound refuses a serial number, a product key or
 * a truncated cell pasted into the hash column (no real hash is that short), the upper bound leaves twice the usual
 * size for devices with many disks or network adapters while keeping a 1,000-device upload under 10 MB.
 */
export const maxDevicesPerUpload = 1_000;
export const hardwareHashMinLength = 256;
export const hardwareHashMaxLength = 8_192;
/** SMBIOS strings are short in practice (Dell service tags 7, Surface 12); 64 leaves room without inviting prose. */
export const serialNumberMaxLength = 64;
/** The product id (PKID, 13 digits) or the older `00329-00000-0003-AA606` form. */
export const windowsProductIdMaxLength = 32;
export const manufacturerMaxLength = 100;
export const modelMaxLength = 100;

/** One device as it arrives, every value still text (from JSON or from a CSV row). */
export interface DeviceInput {
  readonly hardwareHash?: string;
  readonly serialNumber?: string;
  readonly windowsProductId?: string;
  readonly manufacturer?: string;
  readonly model?: string;
}

export type DeviceField = keyof DeviceInput;

export interface NormalizedDevice {
  /** Canonical base64 of the hash bytes: line breaks and spaces taken out, so one device is always one text. */
  readonly hardwareHash: string;
  readonly serialNumber: string;
  readonly windowsProductId?: string;
  readonly manufacturer: string;
  readonly model: string;
}

export interface DeviceProblem {
  readonly field: DeviceField;
  readonly message: string;
}

export type DeviceCheck =
  | { readonly ok: true; readonly device: NormalizedDevice }
  | { readonly ok: false; readonly problems: readonly DeviceProblem[] };

const base64Text = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
const printableAscii = /^[\x20-\x7e]+$/;
const productIdText = /^[A-Za-z0-9-]+$/;
// Control, format (bidi overrides, zero-width joiners), private-use and unassigned characters have no place in a name.
const invisible = /\p{C}/u;

export function checkDevice(input: DeviceInput): DeviceCheck {
  const problems: DeviceProblem[] = [];
  const hardwareHash = checkHash(input.hardwareHash, problems);
  const serialNumber = checkSerial(input.serialNumber, problems);
  const windowsProductId = checkProductId(input.windowsProductId, problems);
  const manufacturer = checkName("manufacturer", input.manufacturer, manufacturerMaxLength, problems);
  const model = checkName("model", input.model, modelMaxLength, problems);
  if (problems.length > 0 || !hardwareHash || !serialNumber || !manufacturer || !model) return { ok: false, problems };
  return {
    ok: true,
    device: { hardwareHash, serialNumber, ...(windowsProductId ? { windowsProductId } : {}), manufacturer, model }
  };
}

/** The hash without the whitespace a tool may wrap base64 in; the bytes it decodes to are the device's identity. */
function normalizeHardwareHash(text: string): string {
  return text.replace(/[\s]+/g, "");
}

function checkHash(text: string | undefined, problems: DeviceProblem[]): string | undefined {
  const hash = normalizeHardwareHash(text ?? "");
  const fail = (message: string) => refuse(problems, "hardwareHash", message);
  if (hash.length === 0) return fail("is required: the device's 4K hardware hash (base64).");
  if (!base64Text.test(hash))
    return fail("must be base64 (A–Z, a–z, 0–9, + and /, with = only as padding at the end).");
  if (hash.length < hardwareHashMinLength || hash.length > hardwareHashMaxLength) {
    return fail(
      `must be ${hardwareHashMinLength} to ${hardwareHashMaxLength} base64 characters (a real hash is about 4,000); this one has ${hash.length}.`
    );
  }
  return hash;
}

function checkSerial(text: string | undefined, problems: DeviceProblem[]): string | undefined {
  const serial = (text ?? "").trim();
  const fail = (message: string) => refuse(problems, "serialNumber", message);
  if (serial.length === 0) return fail("is required.");
  if (!printableAscii.test(serial))
    return fail("may hold only printable ASCII characters (letters, digits, spaces and punctuation).");
  if (serial.length > serialNumberMaxLength)
    return fail(`must be at most ${serialNumberMaxLength} characters; it has ${serial.length}.`);
  return serial;
}

function checkProductId(text: string | undefined, problems: DeviceProblem[]): string | undefined {
  const productId = (text ?? "").trim();
  if (productId.length === 0) return undefined;
  if (!productIdText.test(productId) || productId.length > windowsProductIdMaxLength) {
    return refuse(
      problems,
      "windowsProductId",
      `may be left empty, or be up to ${windowsProductIdMaxLength} letters, digits and hyphens (such as 3603000000000).`
    );
  }
  return productId;
}

function checkName(
  field: "manufacturer" | "model",
  text: string | undefined,
  maxLength: number,
  problems: DeviceProblem[]
): string | undefined {
  const name = (text ?? "").trim();
  const fail = (message: string) => refuse(problems, field, message);
  if (name.length === 0) return fail("is required.");
  if (invisible.test(name)) return fail("must not contain control or invisible characters.");
  const length = [...name].length;
  if (length > maxLength) return fail(`must be at most ${maxLength} characters; it has ${length}.`);
  return name;
}

function refuse(problems: DeviceProblem[], field: DeviceField, message: string): undefined {
  problems.push({ field, message });
  return undefined;
}
