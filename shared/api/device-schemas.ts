/**
 * The shapes of the device endpoints: the OEM's upload (a JSON list; the Autopilot CSV is read in
 * shared/devices/autopilot-csv.ts), the lists' paging, the device id in routes, and the answers (for the OpenAPI
 * document). Strict and bounded at the edge; the device rules (shared/domain/oem-devices.ts) then say what each
 * value must be, row by row.
 */
import { z } from "zod";
import { maxDevicesPerUpload } from "../domain/oem-devices";
import { deviceIdPattern } from "../devices/device-records";

/** Loose enough that the rules, not the shape, name a bad value; bounded so no field carries megabytes. */
const uploadedDevice = z.strictObject({
  hardwareHash: z
    .string()
    .max(16_384)
    .meta({ description: "The 4K hardware hash, base64 (256 to 8,192 characters once line breaks are removed)." }),
  serialNumber: z.string().max(256),
  windowsProductId: z.string().max(256).optional(),
  manufacturer: z.string().max(256),
  model: z.string().max(256)
});

export const deviceUploadBody = z.strictObject({
  devices: z
    .array(uploadedDevice)
    .max(maxDevicesPerUpload, { error: `at most ${maxDevicesPerUpload.toLocaleString("en")} devices per upload` })
});

/** With a `text/csv` body: the manufacturer and model of every device in a file without those columns. */
export const deviceUploadQuery = z.strictObject({
  manufacturer: z.string().max(256).optional(),
  model: z.string().max(256).optional()
});

export const deviceListQuery = z.strictObject({
  $top: z.coerce.number().int().min(1).max(300).default(100),
  $skiptoken: z
    .string()
    .max(4096)
    .optional()
    .meta({ description: "Opaque and signed: copy it from @odata.nextLink. A token for another list is a 400." })
});

export const deviceId = z.string().regex(deviceIdPattern, "must be a device id (32 hexadecimal digits)");

const timestamp = z.string().meta({ format: "date-time" });
const oem = z.object({ tenantId: z.string(), displayName: z.string(), legalName: z.string().optional() });
const deviceFields = {
  id: z.string(),
  serialNumber: z.string(),
  windowsProductId: z.string().optional(),
  manufacturer: z.string(),
  model: z.string(),
  registeredDateTime: timestamp
};

export const oemDeviceResource = z.object({
  ...deviceFields,
  registeredBy: z.object({ userId: z.string(), displayName: z.string().optional() })
});
export const customerDeviceResource = z.object({
  ...deviceFields,
  relationshipId: z.string(),
  registeredBy: oem.meta({ description: "The OEM that registered the device, as it was named then." })
});

export const oemDevicePage = z.object({ value: z.array(oemDeviceResource), "@odata.nextLink": z.string().optional() });
export const customerDevicePage = z.object({
  value: z.array(customerDeviceResource),
  "@odata.nextLink": z.string().optional()
});

export const deviceUploadResult = z.object({
  customerTenantId: z.string(),
  registeredCount: z.number().int(),
  duplicateCount: z.number().int(),
  devices: z.array(
    z.object({
      row: z
        .number()
        .int()
        .meta({ description: "1-based position in the upload (the list's index + 1, or the CSV's data row)." }),
      line: z.number().int().optional().meta({ description: "CSV only: the line of the file." }),
      id: z.string(),
      serialNumber: z.string(),
      outcome: z.enum(["registered", "duplicate"]),
      duplicateOf: z
        .object({
          kind: z.enum(["row", "yours", "anotherOem"]),
          row: z.number().int().optional(),
          registeredDateTime: timestamp.optional()
        })
        .optional()
        .meta({
          description:
            "row: an earlier row of this upload; yours: you registered it before (when); anotherOem: another OEM holds it (not named)."
        })
    })
  )
});
