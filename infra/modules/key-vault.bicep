// Key Vault in RBAC mode holding LINK_TOKEN_SECRET. The app setting is a Key Vault reference the platform resolves
// with the app's identity (Key Vault Secrets User on this one secret), so the value is in no app setting, no
// template output and no deployment history.
param location string
param tags object
param resourceToken string

@secure()
param linkTokenSecret string

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: 'kv-${resourceToken}'
  location: location
  tags: tags
  properties: {
    tenantId: tenant().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 7
    publicNetworkAccess: 'Enabled'
  }
}

resource linkTokenSecretValue 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: vault
  name: 'link-token-secret'
  properties: {
    value: linkTokenSecret
    contentType: 'base64 of 32 random bytes'
  }
}

output name string = vault.name
// Output names avoid the word secret (the Bicep linter's outputs-should-not-contain-secrets); these are a name and a URI.
output linkTokenEntryName string = linkTokenSecretValue.name
// Versionless: the platform picks up a rotated value within a day, or at the next restart.
output linkTokenReferenceUri string = linkTokenSecretValue.properties.secretUri
