/**
 * Demo tenants for a local run: partner tenants registered and approved at start (with who they are, as an
 * operator would have checked it, and directory profiles, so "Find a partner" has something to show), customer
 * tenants to sign in as, and the operator's tenant (OPERATOR_TENANT_ID locally). Fixed ids, so tokens and links
 * made in one run keep working in the next.
 */
import type { PartnerIdentity, PartnerProfile } from "../shared/tenants/tenant-records";

export interface DemoPartner {
  readonly tenantId: string;
  readonly displayName: string;
  readonly identity: PartnerIdentity;
  readonly profile: Omit<PartnerProfile, "updatedDateTime">;
}

export const demoPartners: readonly DemoPartner[] = [
  {
    tenantId: "7d5d9b52-4a0e-4b8e-9a53-1c2d3e4f5a01",
    displayName: "Contoso Cloud Partners",
    identity: {
      legalName: "Contoso Cloud Partners Ltd",
      partnerId: "1234501",
      verifiedDomain: "contoso-partners.example"
    },
    profile: {
      name: "Contoso Cloud Partners",
      website: "https://contoso-partners.example",
      description: "Managed Microsoft 365 and security operations for mid-sized organisations.",
      industries: ["Healthcare", "Professional services"],
      locations: ["United Kingdom", "Ireland"],
      partnerTypes: ["partnerWithGdap", "reseller"],
      contactEmail: "hello@contoso-partners.example"
    }
  },
  {
    tenantId: "7d5d9b52-4a0e-4b8e-9a53-1c2d3e4f5a02",
    displayName: "Fabrikam IT Services",
    identity: { legalName: "Fabrikam IT Services GmbH", partnerId: "1234502", verifiedDomain: "fabrikam-it.example" },
    profile: {
      name: "Fabrikam IT Services",
      website: "https://fabrikam-it.example",
      description: "Helpdesk and device management for schools and charities.",
      industries: ["Education", "Non-profit"],
      locations: ["Germany", "Austria"],
      partnerTypes: ["advisor", "partnerWithGdap"],
      contactEmail: "team@fabrikam-it.example"
    }
  },
  {
    tenantId: "7d5d9b52-4a0e-4b8e-9a53-1c2d3e4f5a03",
    displayName: "Northwind Licensing",
    identity: {
      legalName: "Northwind Licensing Inc.",
      partnerId: "1234503",
      verifiedDomain: "northwind-licensing.example"
    },
    profile: {
      name: "Northwind Licensing",
      description: "Licensing and purchasing for retail chains.",
      industries: ["Retail"],
      locations: ["United States"],
      partnerTypes: ["indirectReseller", "reseller"],
      contactEmail: "sales@northwind-licensing.example"
    }
  }
];

export const demoCustomers = [
  { tenantId: "c0ffee00-1b2c-4d3e-8f40-5a6b7c8d9e01", displayName: "Tailspin Toys" },
  { tenantId: "c0ffee00-1b2c-4d3e-8f40-5a6b7c8d9e02", displayName: "Wide World Importers" }
] as const;

/** The operator's tenant: its users with the Operator app role review partner applications at /operator/partners. */
export const demoOperator = {
  tenantId: "0be7a70a-5e1f-4c0d-9a1b-0000000000f1",
  displayName: "Partner relationships operations"
} as const;
