/**
 * Demo tenants for a local run: partner tenants registered at start (with directory profiles, so "Find a
 * partner" has something to show) and customer tenants to sign in as. Fixed ids, so tokens and links made in
 * one run keep working in the next.
 */
import type { PartnerProfile } from "../shared/tenants/tenant-records";

export interface DemoPartner {
  readonly tenantId: string;
  readonly displayName: string;
  readonly profile: Omit<PartnerProfile, "updatedDateTime">;
}

export const demoPartners: readonly DemoPartner[] = [
  {
    tenantId: "7d5d9b52-4a0e-4b8e-9a53-1c2d3e4f5a01",
    displayName: "Contoso Cloud Partners",
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
